//! The one driver of a build, used by `build`, `check`, the live preview
//! and the fuzz targets alike, so that they cannot differ:
//!
//! ```text
//! load:    docket.toml ─► config ─► content ─► graph        = Site
//!                                 └► history (git, alongside)
//! derive:  Site ─► bodies, terms, list orders               = Derived (+ Model)
//! make:    Model ─┬─► render  (pages, through the theme)
//!                 └─► publish (data, feeds, sitemap, search, filters, redirects)
//! write:   files ─► output (staging folder, swapped in whole)
//! ```
//!
//! Each stage is a function of the one before, and adds its problems to
//! one list of diagnostics rather than stopping at the first: `check` runs
//! every stage but the writing, and a build writes nothing unless every
//! stage before it was clean.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::content::{self, Corpus};
use crate::diag::{lints, Code, Diagnostic, Diagnostics, Severity};
use crate::error::Error;
use crate::graph;
use crate::history;
use crate::output::{self, Staging};
use crate::publish::{self, redirect, search};
use crate::render::theme::Source;
use crate::render::{self, Renderer, Rows, Theme};
use crate::site::downloads::{ArchiveName, Downloads};
use crate::site::paths::{self, Page};
use crate::site::{Derived, Model, Output, Site};
use crate::source::Sources;

/// What changes how a site is loaded, from the command line.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Include entries marked `draft = true`.
    pub drafts: bool,
    /// Replaces `base_url` of `docket.toml`.
    pub base_url: Option<String>,
    /// Lint levels over those of `[lints]`.
    pub lints: lints::CommandLine,
}

/// Loads and links the site at `root`: config → content → graph, with the
/// entries' history read from git alongside the content (it needs only the
/// config, and is most of the cost of loading a site with a long history).
/// Every problem goes into `diags`; the site is returned whenever
/// `docket.toml` could be read, so that all problems of the content are
/// found in the same run. Without a usable `docket.toml`, the sources read
/// so far come back for printing. A site without a history is no problem:
/// [`Site::no_history`] says why.
pub fn load(root: &Path, options: &LoadOptions, diags: &mut Diagnostics) -> Result<Site, Sources> {
    load_beside(root, options, diags, |_, _| ()).map(|(site, ())| site)
}

/// [`load`], with `beside` run while the entries are linked: linking is
/// one thread's work, and the other can meanwhile do what needs only the
/// config, such as compiling the theme (at 10,000 entries, `check` spent
/// about 30 ms of its 800 linking with the other thread idle, and `build`
/// compiled the theme after it on one thread).
pub fn load_beside<T: Send>(
    root: &Path,
    options: &LoadOptions,
    diags: &mut Diagnostics,
    beside: impl FnOnce(&Path, &Config) -> T + Send,
) -> Result<(Site, T), Sources> {
    let mut sources = Sources::default();
    let Some(config) = load_config(root, options, &mut sources, diags) else {
        return Err(sources);
    };
    let (corpus, history) = rayon::join(
        || content::load(root, &config, options.drafts, &mut sources, diags),
        || history::read(root, &config),
    );
    let (graph, made) = rayon::join(
        || graph::link(&corpus, &config.relations, diags),
        || beside(root, &config),
    );
    let mut site = site(root, config, sources, corpus, graph, diags);
    site.set_history(history);
    Ok((site, made))
}

/// What a build says of the site's history when it is not whole: why
/// there is none, or from which day a shallow clone knows it.
pub fn history_note(site: &Site) -> Option<String> {
    if let Some(why) = &site.no_history {
        return Some(format!(
            "no history: {why}; entry pages list no changes, and the recent changes page says why"
        ));
    }
    let history = site.history()?;
    if history.is_complete() {
        return None;
    }
    let since = history
        .oldest()
        .map(|c| c.date().to_string())
        .unwrap_or_default();
    Some(format!(
        "the git repository is a shallow clone: the history is known from {since} only; build from a full clone (git fetch --unshallow) to give entries their whole history"
    ))
}

/// `docket.toml` with the command line's options over it. A `--base-url`
/// goes through the same check as `base_url` in `docket.toml`
/// ([`config::check_base_url`]). The lint levels of `[lints]` and of the
/// command line are set on `diags` here, the one place every command reads
/// the config through, so that build, check and the preview judge the
/// same warnings alike.
pub fn load_config(
    root: &Path,
    options: &LoadOptions,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Config> {
    let mut config = config::load(root, sources, diags)?;
    config.lints = std::mem::take(&mut config.lints).with(&options.lints);
    diags.set_lints(config.lints.clone());
    if let Some(url) = &options.base_url {
        match config::check_base_url(url) {
            Ok(url) => config.base_url = Some(url),
            Err(why) => {
                config.base_url = None;
                diags.push(
                    Diagnostic::new(
                        Severity::Error,
                        Code::Config,
                        None,
                        format!("--base-url {why}"),
                    )
                    .help("give the site's address, like --base-url https://example.org/tracker/"),
                );
            }
        }
    }
    Some(config)
}

/// Links a loaded corpus into a site: the relation graph, and the date of
/// the data.
pub fn link(
    root: &Path,
    config: Config,
    sources: Sources,
    corpus: Corpus,
    diags: &mut Diagnostics,
) -> Site {
    let graph = graph::link(&corpus, &config.relations, diags);
    site(root, config, sources, corpus, graph, diags)
}

/// The site of a linked corpus, with the date of the data.
fn site(
    root: &Path,
    config: Config,
    sources: Sources,
    corpus: Corpus,
    graph: graph::Graph,
    diags: &mut Diagnostics,
) -> Site {
    let source_date = source_date(diags);
    Site::new(
        root.to_path_buf(),
        config,
        sources,
        corpus,
        graph,
        source_date,
    )
}

/// Reads `SOURCE_DATE_EPOCH` (seconds since 1970, the convention of
/// reproducible builds); a value that is not a whole number is an error.
fn source_date(diags: &mut Diagnostics) -> Option<chrono::NaiveDate> {
    let raw = std::env::var("SOURCE_DATE_EPOCH").ok()?;
    let date = raw
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| t.date_naive());
    if date.is_none() {
        diags.push(Diagnostic::new(
            Severity::Error,
            Code::Config,
            None,
            format!("SOURCE_DATE_EPOCH is \"{raw}\", not a number of seconds since 1970-01-01"),
        ));
    }
    date
}

/// The theme of the site, with its warnings (a setting it does not have)
/// among the diagnostics; `None` when it cannot be used.
pub fn theme(site: &Site, diags: &mut Diagnostics) -> Option<Theme> {
    accept_theme(render::theme::load(&site.root, &site.config), diags)
}

/// The theme [`render::theme::load`] gave, with its problems among the
/// diagnostics, as [`theme`] does.
fn accept_theme(loaded: Result<Theme, Vec<Diagnostic>>, diags: &mut Diagnostics) -> Option<Theme> {
    match loaded {
        Ok(theme) => {
            diags.extend(theme.warnings.iter().cloned());
            Some(theme)
        }
        Err(ds) => {
            diags.extend(ds);
            None
        }
    }
}

/// The paths of the site that neither the generators nor the aliases
/// write: pages, documents, the theme's static files and the build marker.
/// An alias must not take any of them, nor a path a generator owns.
pub fn taken(model: &Model<'_>, renderer: &Renderer<'_>) -> BTreeSet<String> {
    taken_by(model, renderer, &renderer.pages(model))
}

/// [`taken`], given the pages the renderer makes.
fn taken_by(model: &Model<'_>, renderer: &Renderer<'_>, pages: &[Page]) -> BTreeSet<String> {
    let mut taken: BTreeSet<String> = pages.iter().map(|&p| model.path(p)).collect();
    taken.insert(output::MARKER.to_string());
    taken.extend(model.site.corpus.documents.iter().map(paths::document));
    taken.extend(
        renderer
            .theme
            .static_files
            .keys()
            .map(|k| paths::static_file(k)),
    );
    taken
}

/// The files written as they are, each with where it comes from and its
/// path in the site: the theme's static files (from the site folder, or
/// built into docket) and the documents.
pub fn assets(site: &Site, theme: &Theme) -> Vec<(Source, String)> {
    let documents = site
        .root
        .join(content::walk::CONTENT_DIR)
        .join(content::walk::DOCUMENTS_DIR);
    let mut plan: Vec<(Source, String)> = theme
        .static_files
        .iter()
        .map(|(rel, src)| (src.clone(), paths::static_file(rel)))
        .collect();
    plan.extend(
        site.corpus
            .documents
            .iter()
            .map(|d| (Source::Disk(documents.join(&d.0)), paths::document(d))),
    );
    plan
}

/// Writes the files of [`assets`]: copies of the site's files, and the
/// built-in theme's bytes.
fn write_assets(assets: Vec<(Source, String)>, staging: &Staging) -> Result<(), Error> {
    let mut copies = Vec::new();
    for (source, path) in assets {
        match source {
            Source::Disk(from) => copies.push((from, path)),
            Source::BuiltIn(bytes) => staging.write(&path, bytes)?,
        }
    }
    output::assets::copy(&copies, staging)
}

/// Makes every file of the site, pages and generated files alike, and
/// hands each to `sink` as it is made: the generated files first (they
/// give the download page its sizes), then the redirects of aliases, then
/// every page; the database export goes to `stream` when given. Returns
/// the number of pages rendered and what the download page listed.
pub fn make<E: Send + From<Error>>(
    model: &Model<'_>,
    theme: &Theme,
    rows: &Rows,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
    stream: Option<&publish::Stream<'_, E>>,
    diags: &mut Diagnostics,
) -> Result<(usize, Downloads), E> {
    let downloads = Downloads {
        files: publish::before_pages(model, sink, stream)?,
        archive: None,
    };
    let renderer = Renderer {
        theme,
        rows,
        downloads: Some(&downloads),
    };
    let taken = taken(model, &renderer);
    redirect::check(model, &taken, diags);
    for page in redirect::pages(model, &taken) {
        sink(page)?;
    }
    let (generated, pages) = rayon::join(
        || publish::beside_pages(model, sink),
        || renderer.render_all(model, &renderer.pages(model), sink, diags),
    );
    generated?;
    Ok((pages?, downloads))
}

/// What `docket check` found.
pub struct Checked {
    pub sources: Sources,
    pub diags: Diagnostics,
    /// What was loaded, and the pages rendered; `None` without a usable
    /// `docket.toml`.
    pub counts: Option<(Loaded, usize)>,
}

/// What a site holds, as the summary of a run tells it.
#[derive(Clone, Copy, Debug)]
pub struct Loaded {
    pub entries: usize,
    pub case_files: usize,
}

impl Loaded {
    fn of(site: &Site) -> Loaded {
        Loaded {
            entries: site.corpus.len(),
            case_files: site.corpus.cases.len(),
        }
    }

    /// "8 entries"; "22 case files" for a tracker of case files alone,
    /// which would otherwise be told it has no entries.
    pub fn told(self) -> String {
        if self.entries == 0 && self.case_files > 0 {
            crate::diag::count(self.case_files, "case file", "case files")
        } else {
            crate::diag::count(self.entries, "entry", "entries")
        }
    }
}

/// Every stage of a build but the writing: every page rendered and
/// dropped. The generated files are left out: they are plain code over
/// the checked model and cannot fail on valid content; the aliases are
/// checked against them by their paths alone.
pub fn check(root: &Path, options: &LoadOptions) -> Checked {
    let mut diags = Diagnostics::default();
    let (site, loaded) = match load_beside(root, options, &mut diags, render::theme::load) {
        Ok(loaded) => loaded,
        Err(sources) => {
            return Checked {
                sources,
                diags,
                counts: None,
            }
        }
    };
    let derived = Derived::checked(&site, &mut diags);
    let mut pages = 0;
    let theme = accept_theme(loaded, &mut diags).map(Theme::discarding);
    if let Some(theme) = &theme {
        let model = derived.model(&site);
        let rows = Rows::new(&model);
        let downloads = Downloads {
            files: crate::site::downloads::data_files(&model, &|_| 0),
            archive: None,
        };
        let renderer = Renderer {
            theme,
            rows: &rows,
            downloads: Some(&downloads),
        };
        let all = renderer.pages(&model);
        // Aliases are checked while the pages render; their problems come
        // first, as they would on one thread.
        let mut aliases = diags.aside();
        let mut rendered = diags.aside();
        rayon::join(
            || redirect::check(&model, &taken_by(&model, &renderer, &all), &mut aliases),
            || pages = renderer.try_all(&model, &all, &mut rendered),
        );
        diags.append(aliases);
        diags.append(rendered);
        drop_aside((rows, downloads));
    }
    let counts = Some((Loaded::of(&site), pages));
    let sources = keep_sources(site, (theme, derived));
    Checked {
        counts,
        sources,
        diags,
    }
}

/// Frees `value` on another thread: the model of a large site takes tens
/// of milliseconds to free, and `check` and `build` have nothing left to
/// do with it.
/// A program that ends first leaves the freeing to the system.
fn drop_aside<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

/// The sources of `site`, which its diagnostics are printed with; the rest
/// of it, and `also`, freed aside ([`drop_aside`]).
fn keep_sources(site: Site, also: impl Send + 'static) -> Sources {
    let Site {
        sources,
        config,
        corpus,
        graph,
        history,
        ..
    } = site;
    drop_aside((also, config, corpus, graph, history));
    sources
}

/// What `docket build` is asked to do besides loading.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    pub load: LoadOptions,
    /// The output folder (relative to the site folder, unless absolute).
    pub output: PathBuf,
    /// Write the offline copy of the site, and list it on the download page.
    pub archive: bool,
}

/// What `docket build` did.
pub struct Built {
    pub sources: Sources,
    pub diags: Diagnostics,
    pub outcome: Outcome,
}

/// How far a build went.
pub enum Outcome {
    /// `docket.toml` could not be used: nothing was loaded.
    NotLoaded,
    /// Problems were found before anything was written.
    NothingWritten,
    /// Problems were found while writing: the staged site was thrown away
    /// and the previous one left as it was.
    Discarded,
    /// The new site is in place.
    Written(Written),
}

/// A site written and swapped in.
pub struct Written {
    pub loaded: Loaded,
    pub pages: usize,
    /// The files of the site, and how many of them the build wrote (the
    /// others were kept from an earlier build: their bytes did not change).
    pub files: usize,
    pub written: usize,
    /// The output folder.
    pub output: PathBuf,
    /// What was found beside the output folder and could not be removed.
    pub warnings: Vec<String>,
    /// The previous site, when it could not be removed.
    pub left_behind: Option<String>,
    /// Whether the site has a `base_url` (feeds, sitemap, canonical links).
    pub base_url: bool,
    /// The search index's sizes, for the summary line.
    pub search: String,
    /// What to say of the site's history when it is not whole
    /// ([`history_note`]).
    pub history: Option<String>,
}

/// Loads, derives, renders, publishes and writes the site at `root`. An
/// error is one that stops the build outright (the output folder cannot
/// be used, a file cannot be written); problems of the content are in
/// [`Built::diags`].
pub fn build(root: &Path, options: &BuildOptions) -> Result<Built, Error> {
    let mut diags = Diagnostics::default();
    let (site, loaded) = match load_beside(root, &options.load, &mut diags, render::theme::load) {
        Ok(loaded) => loaded,
        Err(sources) => return Ok(built(sources, diags, Outcome::NotLoaded)),
    };
    let theme = accept_theme(loaded, &mut diags);
    let derived = Derived::new(&site, &mut diags);
    let Some(theme) = theme.filter(|_| !diags.has_errors()) else {
        return Ok(built(site.sources, diags, Outcome::NothingWritten));
    };
    let output = if options.output.is_absolute() {
        options.output.clone()
    } else {
        root.join(&options.output)
    };
    let mut staging = output::stage(root, &output)?;
    let model = derived.model(&site);
    let rows = Rows::new(&model);
    let search_index = search::Tally::default();
    let write = |page: Output| {
        search_index.add(&page.path, page.bytes.len());
        staging.write(&page.path, &page.bytes)
    };
    // The database export, hundreds of megabytes on a large site, is
    // written to its file as it is made rather than held.
    let stream =
        |path: &str, bytes: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Error>| {
            staging.stream(path, bytes)
        };
    let (pages, _) = make(&model, &theme, &rows, &write, Some(&stream), &mut diags)?;
    write_assets(assets(&site, &theme), &staging)?;
    if options.archive && !diags.has_errors() {
        archive(&model, &theme, &rows, &staging)?;
    }
    if diags.has_errors() {
        return Ok(built(site.sources, diags, Outcome::Discarded));
    }
    let warnings = std::mem::take(&mut staging.warnings);
    // From here on the new site is in place: the build has succeeded, even
    // if the previous site could not be removed.
    let done = staging.commit()?;
    let written = Written {
        loaded: Loaded::of(&site),
        pages,
        files: done.files,
        written: done.written,
        output,
        warnings,
        left_behind: done.left_behind,
        base_url: site.config.base_url.is_some(),
        search: search_index.summary(),
        history: history_note(&site),
    };
    let sources = keep_sources(site, (rows, theme, derived));
    Ok(built(sources, diags, Outcome::Written(written)))
}

fn built(sources: Sources, diags: Diagnostics, outcome: Outcome) -> Built {
    Built {
        sources,
        diags,
        outcome,
    }
}

/// Zips the staged site into the offline copy, then writes the download
/// page again, now with the archive on it: the copy inside the zip does not
/// link to the zip, which it does not contain.
fn archive(model: &Model<'_>, theme: &Theme, rows: &Rows, staging: &Staging) -> Result<(), Error> {
    let name = ArchiveName::of(&model.site.config.title);
    let bytes =
        output::archive::write(staging, &name.path, &name.folder, model.site.date().start())?;
    let downloads = Downloads {
        files: crate::site::downloads::data_files(model, &|path| staging.len(path).unwrap_or(0)),
        archive: Some(name.archive(bytes)),
    };
    let renderer = Renderer {
        theme,
        rows,
        downloads: Some(&downloads),
    };
    let page = renderer
        .render(model, Page::Download)
        .map_err(|e| Error::Output(e.to_string()))?;
    staging.write(&page.path, &page.bytes)
}
