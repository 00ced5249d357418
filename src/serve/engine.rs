//! The live preview's site: kept in memory and rebuilt incrementally,
//! through the same stages as a build ([`crate::pipeline`]).
//!
//! On a change to entry files, only those files are parsed again
//! (`files.rs`); the graph is re-linked (cheap, and it must be whole
//! to be right); and only the pages whose output can change are rendered
//! again (`invalidate.rs`): the entries concerned and their relations
//! before and after the change, their neighbours by date, their term and
//! case pages, the lists and the home page. A change to `docket.toml`, the
//! theme or anything that renames pages (a term or case slug) renders all.
//!
//! Generated files and the download page are made when first asked for
//! (`store.rs`). Whatever is served is the same bytes a full build
//! gives; the tests prove it.
//!
//! The entries' history is read once, and again only when `HEAD` moves (a
//! commit, a checkout, a pull) or `docket.toml` changes: reading a long
//! history costs more than most rebuilds, and an edit of a file does not
//! change its commits.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::files::Files;
use super::invalidate::{self, Affected};
use super::store::Store;
use crate::config::Config;
use crate::content::{walk, Kind};
use crate::diag::Diagnostics;
use crate::history::{self, Head, History, Unavailable};
use crate::pipeline::{self, LoadOptions};
use crate::publish::redirect;
use crate::render::{Renderer, Rows, Theme};
use crate::site::bodies::Bodies;
use crate::site::paths::Page;
use crate::site::{Derived, Html, Model, Output, Site};
use crate::source::Sources;

/// The last state whose pages are being served.
pub(super) struct Built {
    pub(super) site: Site,
    pub(super) theme: Arc<Theme>,
    derived: Derived,
    /// The rows of lists rendered so far.
    rows: Rows,
    /// The paths of the pages, documents and static files
    /// ([`pipeline::taken`]), filled in by `finish`.
    pub(super) paths: Arc<BTreeSet<String>>,
    /// The paths of the redirects of aliases, filled in by `finish`.
    pub(super) redirects: BTreeSet<String>,
}

impl Built {
    fn new(site: Site, theme: Arc<Theme>, derived: Derived) -> Built {
        let rows = Rows::new(&derived.model(&site));
        Built {
            site,
            theme,
            derived,
            rows,
            paths: Arc::default(),
            redirects: BTreeSet::new(),
        }
    }

    pub(super) fn model(&self) -> Model<'_> {
        self.derived.model(&self.site)
    }

    /// What pages are rendered with; the download page is made on request.
    pub(super) fn renderer(&self) -> Renderer<'_> {
        Renderer {
            theme: &self.theme,
            rows: &self.rows,
            downloads: None,
        }
    }
}

/// What one rebuild did, for the summary line and the browser.
#[derive(Debug, Default)]
pub struct Report {
    /// Site paths whose bytes changed or that were removed.
    pub changed: Vec<String>,
    pub rendered: usize,
    pub full: bool,
    pub errors: usize,
    pub warnings: usize,
}

/// The history the site is given, and what it was read at.
struct Past {
    /// `HEAD` when it was read; `None` when the site has no repository.
    head: Option<Head>,
    /// The text of `docket.toml` it was read with.
    config: String,
    read: Result<Arc<History>, Unavailable>,
}

/// Whether the history must be read again: never read, `HEAD` moved (or
/// the repository appeared or went), or `docket.toml` changed.
fn stale(past: Option<&Past>, head: &Option<Head>, config: &str) -> bool {
    past.is_none_or(|p| p.head != *head || p.config != config)
}

pub struct Engine {
    root: PathBuf,
    options: LoadOptions,
    files: Files,
    past: Option<Past>,
    built: Option<Built>,
    store: Store,
    /// The diagnostics of the last rebuild, with the sources they point into.
    pub diags: Diagnostics,
    pub sources: Sources,
    /// Whether the served pages match the current content (false after a
    /// failed rebuild).
    fresh: bool,
}

impl Engine {
    /// Loads and renders the whole site.
    pub fn new(root: &Path, options: LoadOptions) -> (Engine, Report) {
        let mut engine = Engine {
            root: root.to_path_buf(),
            options,
            files: Files::default(),
            past: None,
            built: None,
            store: Store::default(),
            diags: Diagnostics::default(),
            sources: Sources::default(),
            fresh: false,
        };
        let report = engine.rebuild_all();
        (engine, report)
    }

    /// The bytes served at a site path, if any: a page, or a generated
    /// file, made now if this is the first request since the last rebuild.
    pub fn page(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.store.page(self.built.as_ref(), path)
    }

    /// A file served from disk at a site path, if any.
    pub fn asset(&self, path: &str) -> Option<&Path> {
        self.store.asset(path)
    }

    /// Every served path and its bytes (generated files made, assets read
    /// from disk).
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        self.store.snapshot(self.built.as_ref())
    }

    /// Rebuilds after `changed` paths changed on disk. When `HEAD` has
    /// moved, the history is read again and every page rendered: the
    /// history is on every entry's page and on the recent changes.
    pub fn update(&mut self, changed: &BTreeSet<PathBuf>) -> Report {
        let content = self.root.join(walk::CONTENT_DIR);
        // A case file joins the filings of its docket, wherever they are:
        // an edit of one renders everything again.
        let cases = content.join(crate::content::case::CASES_DIR);
        let only_content = !changed.is_empty()
            && changed
                .iter()
                .all(|p| p.starts_with(&content) && !p.starts_with(&cases));
        let head_moved = self
            .past
            .as_ref()
            .is_some_and(|p| p.head != history::head(&self.root));
        if only_content && !head_moved && self.built.is_some() && self.fresh {
            self.rebuild_content(changed)
        } else {
            self.rebuild_all()
        }
    }

    /// Reads everything again and renders every page.
    pub fn rebuild_all(&mut self) -> Report {
        let mut diags = Diagnostics::default();
        let mut sources = Sources::default();
        let Some(config) =
            pipeline::load_config(&self.root, &self.options, &mut sources, &mut diags)
        else {
            return self.failed(sources, diags);
        };
        self.read_history(&config, &sources);
        self.files.read_all(&self.root, &config, &mut sources);
        let site = self.link(config, sources, &mut diags);
        let Some(theme) = pipeline::theme(&site, &mut diags) else {
            return self.failed(site.sources, diags);
        };
        let derived = Derived::new(&site, &mut diags);
        self.finish(
            Built::new(site, Arc::new(theme), derived),
            diags,
            Affected::All,
            None,
        )
    }

    /// Parses the changed entry files again and renders what they affect.
    fn rebuild_content(&mut self, changed: &BTreeSet<PathBuf>) -> Report {
        let Some(old) = self.built.take() else {
            return self.rebuild_all();
        };
        let mut diags = Diagnostics::default();
        // The old state stays whole: it is served again if the new one fails.
        let config = old.site.config.clone();
        // The levels the config was loaded with (`pipeline::load_config`),
        // so that an edit is judged as a full rebuild would judge it.
        diags.set_lints(config.lints.clone());
        let theme = Arc::clone(&old.theme);
        diags.extend(theme.warnings.iter().cloned());
        let mut sources = old.site.sources.clone();
        let touched = self
            .files
            .update(&self.root, &config, changed, &mut sources);
        let site = self.link(config, sources, &mut diags);
        let same_universe = invalidate::same_universe(&old.site, &site);
        let bodies = if same_universe {
            invalidate::reuse_bodies(&old.derived.bodies, &site, &touched)
        } else {
            Bodies::render(&site, Html::Write)
        };
        diags.extend(bodies.diagnostics(&site));
        let derived = Derived::with_bodies(&site, bodies);
        diags.extend(derived.diagnostics(&site));
        let mut built = Built::new(site, theme, derived);
        // Term and case page names, the site's date (in every footer) and
        // what it records (in every menu) are
        // on every page: when one changes, every page is rendered.
        let same_names = invalidate::slugs(&old.derived.terms, &old.site)
            == invalidate::slugs(&built.derived.terms, &built.site)
            && old.site.date() == built.site.date()
            && old.site.recorded() == built.site.recorded();
        let affected = if same_names {
            let policy_from = invalidate::unchanged(&old.site, &built.site, Kind::Policy, &touched);
            let court_action_from =
                invalidate::unchanged(&old.site, &built.site, Kind::CourtAction, &touched);
            built
                .rows
                .reuse(&old.rows, &policy_from, &court_action_from);
            invalidate::affected(&old.model(), &built.model(), &touched, same_universe)
        } else {
            Affected::All
        };
        self.finish(built, diags, affected, Some(old))
    }

    /// Reads the history again if it is [`stale`].
    fn read_history(&mut self, config: &Config, sources: &Sources) {
        let head = history::head(&self.root);
        let text = &sources.get(config.file).text;
        if stale(self.past.as_ref(), &head, text) {
            self.past = Some(Past {
                head,
                config: text.clone(),
                read: history::read(&self.root, config).map(Arc::new),
            });
        }
    }

    /// Links the files as parsed into a site, with the history read last.
    fn link(&self, config: Config, sources: Sources, diags: &mut Diagnostics) -> Site {
        let corpus = self.files.corpus(self.options.drafts, diags);
        let mut site = pipeline::link(&self.root, config, sources, corpus, diags);
        if let Some(past) = &self.past {
            site.keep_history(past.read.clone());
        }
        site
    }

    /// Renders the `affected` pages unless there are errors; then
    /// `previous`, the state being served, is served on.
    fn finish(
        &mut self,
        mut built: Built,
        mut diags: Diagnostics,
        affected: Affected,
        previous: Option<Built>,
    ) -> Report {
        let same_pages = matches!(affected, Affected::Pages(_)) && self.fresh;
        let mut report = Report {
            full: matches!(affected, Affected::All) || !self.fresh,
            ..Report::default()
        };
        let mut rendered = BTreeMap::new();
        if !diags.has_errors() {
            let paths = match &previous {
                Some(previous) if same_pages => Some(Arc::clone(&previous.paths)),
                _ => None,
            };
            rendered = self.render(&mut built, &affected, paths, &mut diags);
        }
        report.errors = diags.errors();
        report.warnings = diags.warnings();
        if diags.has_errors() {
            // Keep serving the last good pages; the next good rebuild renders all.
            self.fresh = false;
            self.diags = diags;
            self.sources = built.site.sources;
            if previous.is_some() {
                self.built = previous;
            }
            return report;
        }
        report.rendered = rendered.len();
        // Only a redirect can have gone when the pages are the same.
        let candidates = previous
            .as_ref()
            .filter(|_| same_pages)
            .map(|p| &p.redirects);
        report.changed = self.store.replace(&built, rendered, candidates);
        report.changed.sort();
        self.fresh = true;
        self.diags = diags;
        // Diagnostics point into the current sources; keep an empty stand-in there.
        self.sources = Sources::default();
        self.built = Some(built);
        report
    }

    /// Renders the pages `affected` names (all but the download page, made
    /// on request) and the redirects of aliases, through the pipeline's
    /// stages; fills in `built`'s paths (`paths`, when the pages are those
    /// of the state served) and redirects.
    fn render(
        &self,
        built: &mut Built,
        affected: &Affected,
        paths: Option<Arc<BTreeSet<String>>>,
        diags: &mut Diagnostics,
    ) -> BTreeMap<String, Vec<u8>> {
        let model = built.model();
        let renderer = built.renderer();
        let not_download = |p: &Page| !matches!(p, Page::Download);
        let wanted: Vec<Page> = match (affected, self.fresh) {
            (Affected::Pages(pages), true) => pages.iter().copied().filter(not_download).collect(),
            (Affected::Paths(paths), true) => renderer
                .pages(&model)
                .into_iter()
                .filter(not_download)
                .filter(|p| {
                    let path = model.path(*p);
                    paths.contains(&path) || !self.store.has_page(&path)
                })
                .collect(),
            _ => renderer
                .pages(&model)
                .into_iter()
                .filter(not_download)
                .collect(),
        };
        let pages = Mutex::new(BTreeMap::new());
        let keep = |out: Output| {
            pages
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(out.path, out.bytes);
            Ok::<(), std::convert::Infallible>(())
        };
        let Ok(_) = renderer.render_all(&model, &wanted, &keep, diags);
        let mut rendered = pages.into_inner().unwrap_or_else(|e| e.into_inner());
        let paths = paths.unwrap_or_else(|| Arc::new(pipeline::taken(&model, &renderer)));
        redirect::check(&model, &paths, diags);
        let mut redirects = BTreeSet::new();
        for out in redirect::pages(&model, &paths) {
            redirects.insert(out.path.clone());
            rendered.insert(out.path, out.bytes);
        }
        built.paths = paths;
        built.redirects = redirects;
        rendered
    }

    fn failed(&mut self, sources: Sources, diags: Diagnostics) -> Report {
        self.fresh = false;
        let report = Report {
            errors: diags.errors(),
            warnings: diags.warnings(),
            full: true,
            ..Report::default()
        };
        self.diags = diags;
        self.sources = sources;
        report
    }

    /// Whether a build succeeded since the start: then its pages are
    /// served, even while the content has errors.
    pub fn has_site(&self) -> bool {
        self.built.is_some()
    }

    /// The sources the last diagnostics point into.
    pub fn diag_sources(&self) -> &Sources {
        match &self.built {
            Some(b) if self.fresh => &b.site.sources,
            _ => &self.sources,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(commit: Option<&str>, dir: &str) -> Option<Head> {
        Some(Head {
            commit: commit.map(|c| gix::ObjectId::from_hex(c.as_bytes()).expect("an object id")),
            git_dir: PathBuf::from(dir),
            common_dir: PathBuf::from(dir),
        })
    }

    fn past(head: Option<Head>, config: &str) -> Past {
        Past {
            head,
            config: config.into(),
            read: Err(Unavailable::NotInRepository),
        }
    }

    const A: &str = "1111111111111111111111111111111111111111";
    const B: &str = "2222222222222222222222222222222222222222";

    #[test]
    fn the_history_is_read_again_only_when_head_or_the_config_changes() {
        let known = past(head(Some(A), "/s/.git"), "title = \"x\"");
        // Never read.
        assert!(stale(None, &None, ""));
        // Nothing moved: an edit of a file keeps the history.
        assert!(!stale(
            Some(&known),
            &head(Some(A), "/s/.git"),
            "title = \"x\""
        ));
        // A commit, a checkout: HEAD names another commit.
        assert!(stale(
            Some(&known),
            &head(Some(B), "/s/.git"),
            "title = \"x\""
        ));
        // The repository went, or is another one.
        assert!(stale(Some(&known), &None, "title = \"x\""));
        assert!(stale(
            Some(&known),
            &head(Some(A), "/t/.git"),
            "title = \"x\""
        ));
        // docket.toml changed: old versions are read with it.
        assert!(stale(
            Some(&known),
            &head(Some(A), "/s/.git"),
            "title = \"y\""
        ));
        // No repository, and still none: nothing to read again.
        let none = past(None, "");
        assert!(!stale(Some(&none), &None, ""));
        // The first commit of a new repository.
        assert!(stale(Some(&none), &head(Some(A), "/s/.git"), ""));
        assert!(stale(
            Some(&past(head(None, "/s/.git"), "")),
            &head(Some(A), "/s/.git"),
            ""
        ));
    }
}
