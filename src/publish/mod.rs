//! Every generator of files made without the page templates: data exports,
//! per-entry JSON, feeds, sitemap and robots.txt, the search index and the
//! lists' filter data. Each generator (in [`crate::output`] and here in
//! `render/`) is pure: the model in, files out.
//!
//! Which generator writes a file is told by the file's path alone
//! ([`Generator::owner`]). That lets the preview server make a generated
//! file only when it is asked for, instead of after every edit, and lets
//! aliases keep clear of generated files without generating them first.

use crate::render::{Model, Output, Theme};
use crate::content::Kind;

pub mod export;
pub mod feed;
pub mod filters;
pub mod redirect;
pub mod search;
pub mod sitemap;
pub mod xml;
use crate::diag::Diagnostics;

/// A generator of files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Generator {
    /// `data/`: the whole database as JSON and CSV, and its JSON Schema.
    Data,
    /// `<kind>/<id>/index.json`: one entry as JSON.
    EntryData,
    /// `feed.xml` files: the site's, a term's, a policy's.
    Feeds,
    /// `sitemap.xml`, `sitemaps/`, `robots.txt`.
    Sitemap,
    /// `search/*.js`: the search index, in shards.
    Search,
    /// `filters/*.js`: what the lists' filters need.
    Filters,
}

impl Generator {
    /// Every generator. A build runs the first three side by side, then
    /// the others in this order.
    pub const ALL: [Generator; 6] = [
        Generator::Data,
        Generator::EntryData,
        Generator::Feeds,
        Generator::Sitemap,
        Generator::Search,
        Generator::Filters,
    ];

    /// Hands each file this generator makes of the model to `sink` as soon
    /// as it is made, so that a build never holds them all (at 100,000
    /// entries, the data exports, the per-entry JSON, the feeds and the
    /// search index are each 300 to 450 MB).
    pub fn emit<E: Send>(
        self,
        model: &Model<'_>,
        sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
    ) -> Result<(), E> {
        match self {
            Generator::Data => export::data_files(model, sink),
            Generator::EntryData => export::entry_files(model, sink),
            Generator::Feeds => feed::feeds(model, sink),
            Generator::Sitemap => sitemap::files(model).into_iter().try_for_each(sink),
            Generator::Search => search::files(model, sink),
            Generator::Filters => filters::files(model).into_iter().try_for_each(sink),
        }
    }

    /// The files this generator makes of the model, in the order of their paths.
    pub fn run(self, model: &Model<'_>) -> Vec<Output> {
        let files = std::sync::Mutex::new(Vec::new());
        let collect = |file: Output| {
            files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
            Ok::<(), ()>(())
        };
        let _ = self.emit(model, &collect);
        let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }

    /// The generator that writes the file at the site path `path`, if one
    /// does. Page templates never write such a path (a test holds every
    /// generator and every page to it).
    pub fn owner(path: &str) -> Option<Generator> {
        let in_folder = |dir: &str, ext: &[&str]| {
            path.strip_prefix(dir)
                .and_then(|p| p.strip_prefix('/'))
                .is_some_and(|name| !name.contains('/') && ext.iter().any(|e| name.ends_with(e)))
        };
        let entry_json = || {
            let Some((dir, rest)) = path.split_once('/') else {
                return false;
            };
            let id = rest.strip_suffix("/index.json");
            Kind::ALL.iter().any(|k| k.dir() == dir)
                && id.is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        };
        if in_folder(export::DIR, &[".json", ".csv"]) {
            Some(Generator::Data)
        } else if entry_json() {
            Some(Generator::EntryData)
        } else if path == "feed.xml" || path.ends_with("/feed.xml") {
            Some(Generator::Feeds)
        } else if matches!(path, "sitemap.xml" | "robots.txt")
            || in_folder(sitemap::DIR, &[".xml"])
        {
            Some(Generator::Sitemap)
        } else if in_folder(search::DIR, &[".js"]) {
            Some(Generator::Search)
        } else if in_folder(filters::DIR, &[".js"]) {
            Some(Generator::Filters)
        } else {
            None
        }
    }

    /// The folders whose files are all generated: nothing else may be a
    /// file of that name.
    pub const FOLDERS: [&'static str; 4] = [
        export::DIR,
        sitemap::DIR,
        search::DIR,
        filters::DIR,
    ];
}

/// The paths of the site that are not generated here: pages, documents,
/// theme static files and the build marker. An alias must not take any of
/// them, nor a path a generator owns.
pub fn taken(model: &Model<'_>, theme: Option<&Theme>) -> std::collections::BTreeSet<String> {
    let mut taken: std::collections::BTreeSet<String> = match theme {
        Some(theme) => model.pages_for(theme),
        None => model.pages(),
    }
    .into_iter()
    .map(|p| model.path(p))
    .collect();
    taken.insert(crate::output::MARKER.to_string());
    taken.extend(
        model
            .site
            .corpus
            .documents
            .iter()
            .map(|d| format!("documents/{}", d.0)),
    );
    if let Some(theme) = theme {
        taken.extend(theme.static_files.keys().map(|k| format!("static/{k}")));
    }
    taken
}

/// Runs every generator, handing each one's files to `sink` before the
/// next runs (so that not all of them are held in memory at once); then
/// writes the redirects of aliases, which must not replace any other file.
/// Returns what the download page needs to know of the data files.
pub fn run<E: Send>(
    model: &Model<'_>,
    theme: Option<&Theme>,
    diags: &mut Diagnostics,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
) -> Result<Vec<export::DataFile>, E> {
    // The sizes of the data files, for the download page.
    let sizes = std::sync::Mutex::new(std::collections::HashMap::new());
    let measure = |file: Output| {
        if Generator::owner(&file.path) == Some(Generator::Data) {
            sizes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(file.path.clone(), file.bytes.len() as u64);
        }
        sink(file)
    };
    // The data exports are one file of the whole database, written out on
    // one thread; the per-entry files and the feeds use the other threads
    // meanwhile. The files do not depend on the order they are made in.
    let (data, entries) = rayon::join(
        || Generator::Data.emit(model, &measure),
        || {
            Generator::EntryData.emit(model, &measure)?;
            Generator::Feeds.emit(model, &measure)
        },
    );
    data?;
    entries?;
    for generator in Generator::ALL {
        if !matches!(
            generator,
            Generator::Data | Generator::EntryData | Generator::Feeds
        ) {
            generator.emit(model, &measure)?;
        }
    }
    let sizes = sizes.into_inner().unwrap_or_else(|e| e.into_inner());
    let summary = export::summary_with(model, &|path| sizes.get(path).copied().unwrap_or(0));
    let taken = taken(model, theme);
    redirect::check(model, &taken, diags);
    for page in redirect::pages(model, &taken) {
        sink(page)?;
    }
    Ok(summary)
}
