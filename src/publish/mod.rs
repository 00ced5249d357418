//! Every file of the site that is not a page: data exports, per-entry JSON,
//! feeds, sitemap and robots.txt, the search index, the lists' filter data
//! (the generators, here) and the redirects of aliases ([`redirect`]).
//! Each is pure: the model in, files out; none needs a template, and none
//! needs the pages ([`crate::render`] and this module are siblings).
//!
//! Which generator writes a file is told by the file's path alone
//! ([`Generator::owner`]). That lets the preview server make a generated
//! file only when it is asked for, instead of after every edit, and lets
//! aliases keep clear of generated files without generating them first.

use std::io;

use crate::content::Kind;
use crate::error::Error;
use crate::site::downloads::{self, DataFile};
use crate::site::paths;
use crate::site::{Model, Output};

pub mod change_feed;
pub mod export;
pub mod feed;
pub mod filters;
pub mod redirect;
pub mod search;
pub mod sitemap;
pub mod xml;

/// Writes a generated file too large to hold whole as it is made: given
/// the file's path and what writes its bytes, returns its length.
pub type Stream<'a, E> = dyn Fn(&str, &mut dyn FnMut(&mut dyn io::Write) -> Result<(), Error>) -> Result<u64, E>
    + Sync
    + 'a;

/// A generator of files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Generator {
    /// `data/`: the whole database as JSON and CSV, and its JSON Schema.
    Data,
    /// `<kind>/<id>/index.json`: one entry as JSON.
    EntryData,
    /// `feed.xml` files: the site's, a term's, a policy's (see
    /// [`crate::site::feeds::scopes`]).
    Feeds,
    /// `sitemap.xml`, `sitemaps/`, `robots.txt`.
    Sitemap,
    /// `search/*.js`: the search index, in shards.
    Search,
    /// `filters/*.js`: what the lists' filters need.
    Filters,
}

impl Generator {
    /// Every generator. A build runs the first three side by side
    /// ([`before_pages`]), then the others side by side while it renders
    /// the pages ([`beside_pages`]).
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
    /// search index are each 300 to 450 MB). The sink's errors end the run,
    /// and so does a file that cannot be made ([`Error`]).
    pub fn emit<E: Send + From<Error>>(
        self,
        model: &Model<'_>,
        sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
    ) -> Result<(), E> {
        match self {
            Generator::Data => export::data_files(model, sink, None),
            Generator::EntryData => export::entry_files(model, sink),
            Generator::Feeds => feed::files(model, sink),
            Generator::Sitemap => sitemap::files(model).into_iter().try_for_each(sink),
            Generator::Search => search::files(model, sink),
            Generator::Filters => filters::files(model).into_iter().try_for_each(sink),
        }
    }

    /// The files this generator makes of the model, in the order of their paths.
    pub fn run(self, model: &Model<'_>) -> Result<Vec<Output>, Error> {
        let files = std::sync::Mutex::new(Vec::new());
        let collect = |file: Output| {
            files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
            Ok::<(), Error>(())
        };
        self.emit(model, &collect)?;
        let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
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
        if in_folder(paths::DATA_DIR, &[".json", ".csv"]) {
            Some(Generator::Data)
        } else if entry_json() {
            Some(Generator::EntryData)
        } else if path == paths::FEED
            || path
                .strip_suffix(paths::FEED)
                .is_some_and(|p| p.ends_with('/'))
        {
            Some(Generator::Feeds)
        } else if path == paths::SITEMAP
            || path == paths::ROBOTS
            || in_folder(paths::SITEMAPS_DIR, &[".xml"])
        {
            Some(Generator::Sitemap)
        } else if in_folder(paths::SEARCH_DIR, &[".js"]) {
            Some(Generator::Search)
        } else if in_folder(paths::FILTERS_DIR, &[".js"]) {
            Some(Generator::Filters)
        } else {
            None
        }
    }

    /// The folders whose files are all generated: nothing else may be a
    /// file of that name.
    pub const FOLDERS: [&'static str; 4] = [
        paths::DATA_DIR,
        paths::SITEMAPS_DIR,
        paths::SEARCH_DIR,
        paths::FILTERS_DIR,
    ];
}

/// Runs the generators whose files the pages need to know of: the data
/// exports (the download page gives their sizes), the per-entry JSON and
/// the feeds. Each file goes to `sink` as it is made, and the database
/// export to `stream` if given, so that not all of them are held in memory
/// at once. Returns what the download page shows of the data files.
/// [`beside_pages`] runs the others.
pub fn before_pages<E: Send + From<Error>>(
    model: &Model<'_>,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
    stream: Option<&Stream<'_, E>>,
) -> Result<Vec<DataFile>, E> {
    // The sizes of the data files, for the download page.
    let sizes = std::sync::Mutex::new(std::collections::HashMap::new());
    let size = |path: &str, len: u64| {
        sizes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), len);
    };
    let measure = |file: Output| {
        if Generator::owner(&file.path) == Some(Generator::Data) {
            size(&file.path, file.bytes.len() as u64);
        }
        sink(file)
    };
    let measured = stream.map(|stream| {
        move |path: &str, write: &mut dyn FnMut(&mut dyn io::Write) -> Result<(), Error>| {
            let len = stream(path, write)?;
            size(path, len);
            Ok(len)
        }
    });
    // The data exports are one file of the whole database, written out on
    // one thread; the per-entry files and the feeds use the other threads
    // meanwhile. The files do not depend on the order they are made in.
    let (data, entries) = rayon::join(
        || {
            export::data_files(
                model,
                &measure,
                measured.as_ref().map(|m| m as &Stream<'_, E>),
            )
        },
        || {
            Generator::EntryData.emit(model, &measure)?;
            Generator::Feeds.emit(model, &measure)
        },
    );
    data?;
    entries?;
    let sizes = sizes.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(downloads::data_files(model, &|path| {
        sizes.get(path).copied().unwrap_or(0)
    }))
}

/// Runs the generators no page needs, the sitemap, the search index and
/// the filter data, side by side, handing their files to `sink`. A build
/// runs them while the pages are rendered: the sitemap and the filter data
/// are each one thread's work, which left the other idle when they ran
/// alone.
pub fn beside_pages<E: Send + From<Error>>(
    model: &Model<'_>,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let (search, others) = rayon::join(
        || Generator::Search.emit(model, sink),
        || {
            Generator::Sitemap.emit(model, sink)?;
            Generator::Filters.emit(model, sink)
        },
    );
    search.and(others)
}

/// What the download page shows of the data files, their sizes measured by
/// making them.
pub fn data_files(model: &Model<'_>) -> Result<Vec<DataFile>, Error> {
    let files = Generator::Data.run(model)?;
    Ok(downloads::data_files(model, &|path| {
        files
            .iter()
            .find(|f| f.path == path)
            .map_or(0, |f| f.bytes.len() as u64)
    }))
}
