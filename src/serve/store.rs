//! What the preview serves: the pages of the last good build by their
//! path, the generated files and the download page, made when first asked
//! for after a rebuild (by the generator that owns the path,
//! [`Generator::owner`]), and the files served from disk.
//!
//! Generated files and the download page depend on the whole database, so
//! they are not made after every edit: an edit costs only the pages it
//! changes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::engine::Built;
use crate::publish::Generator;
use crate::render::theme::Source;
use crate::render::Renderer;
use crate::site::downloads::{self, Downloads};
use crate::site::paths::{self, Page};

/// Files of a generator, by their path.
type Made = BTreeMap<String, Arc<Vec<u8>>>;

/// What is made on request from the served state, and dropped when it changes.
#[derive(Default)]
struct OnRequest {
    generated: BTreeMap<Generator, Arc<Made>>,
    download: Option<Arc<Vec<u8>>>,
}

#[derive(Default)]
pub(super) struct Store {
    /// The served site's pages (and redirects of aliases) by their path.
    pages: BTreeMap<String, Arc<Vec<u8>>>,
    /// Generated files and the download page of the served state, made
    /// when asked for.
    on_request: Mutex<OnRequest>,
    /// Files served as they are (theme static files, documents) by their
    /// path: read from disk when asked for, or built into docket.
    assets: BTreeMap<String, Source>,
}

impl Store {
    /// The bytes served at a site path, if any: a page, or a generated
    /// file, made now if this is the first request since the last rebuild.
    pub(super) fn page(&self, built: Option<&Built>, path: &str) -> Option<Arc<Vec<u8>>> {
        if let Some(page) = self.pages.get(path) {
            return Some(Arc::clone(page));
        }
        if let Some(Source::BuiltIn(bytes)) = self.assets.get(path) {
            return Some(Arc::new(bytes.to_vec()));
        }
        let built = built?;
        if path == paths::download_page() {
            return self.download(built);
        }
        let generator = Generator::owner(path)?;
        self.generated(built, generator).get(path).cloned()
    }

    /// Whether a page is served at `path` (generated files aside).
    pub(super) fn has_page(&self, path: &str) -> bool {
        self.pages.contains_key(path)
    }

    /// The files of `generator` for the served state.
    fn generated(&self, built: &Built, generator: Generator) -> Arc<Made> {
        let mut made = self.on_request.lock().unwrap_or_else(|e| e.into_inner());
        let files = made.generated.entry(generator).or_insert_with(|| {
            // Made in memory, these cannot fail for want of room on disk:
            // a failure is a file docket cannot make of this content, said
            // in the terminal; the preview serves the rest.
            let files = generator.run(&built.model()).unwrap_or_else(|e| {
                eprintln!("error: {}", crate::terminal::visible(&e.to_string()));
                Vec::new()
            });
            Arc::new(
                files
                    .into_iter()
                    .map(|o| (o.path, Arc::new(o.bytes)))
                    .collect(),
            )
        });
        Arc::clone(files)
    }

    /// The download page, which shows the sizes of the data files.
    fn download(&self, built: &Built) -> Option<Arc<Vec<u8>>> {
        if let Some(page) = &self
            .on_request
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .download
        {
            return Some(Arc::clone(page));
        }
        let data = self.generated(built, Generator::Data);
        let model = built.model();
        let downloads = Downloads {
            files: downloads::data_files(&model, &|path| {
                data.get(path).map_or(0, |b| b.len() as u64)
            }),
            archive: None,
        };
        let renderer = Renderer {
            downloads: Some(&downloads),
            ..built.renderer()
        };
        let page = Arc::new(renderer.render(&model, Page::Download).ok()?.bytes);
        let mut made = self.on_request.lock().unwrap_or_else(|e| e.into_inner());
        made.download = Some(Arc::clone(&page));
        Some(page)
    }

    /// A file served from disk at a site path, if any.
    pub(super) fn asset(&self, path: &str) -> Option<&Path> {
        match self.assets.get(path)? {
            Source::Disk(file) => Some(file),
            Source::BuiltIn(_) => None,
        }
    }

    /// Every served path and its bytes (generated files made, assets read
    /// from disk).
    pub(super) fn snapshot(&self, built: Option<&Built>) -> BTreeMap<String, Vec<u8>> {
        let mut out: BTreeMap<String, Vec<u8>> = self
            .pages
            .iter()
            .map(|(k, v)| (k.clone(), v.to_vec()))
            .collect();
        if let Some(built) = built {
            for generator in Generator::ALL {
                for (k, v) in self.generated(built, generator).iter() {
                    out.insert(k.clone(), v.to_vec());
                }
            }
            if let Some(page) = self.download(built) {
                out.insert(paths::download_page(), page.to_vec());
            }
        }
        for (k, source) in &self.assets {
            let bytes = match source {
                Source::Disk(file) => crate::sitefs::read(file).unwrap_or_default(),
                Source::BuiltIn(bytes) => bytes.to_vec(),
            };
            out.insert(k.clone(), bytes);
        }
        out
    }

    /// Takes the pages rendered for `built` and drops the pages it no
    /// longer has (`kept` says which stay); the files served from disk
    /// become `built`'s, and what was made on request is made again when
    /// asked for. Returns the paths whose bytes changed or that are gone.
    pub(super) fn replace(
        &mut self,
        built: &Built,
        rendered: BTreeMap<String, Vec<u8>>,
        candidates: Option<&BTreeSet<String>>,
    ) -> Vec<String> {
        let mut changed = Vec::new();
        for (path, bytes) in rendered {
            if self.pages.get(&path).is_none_or(|old| **old != bytes) {
                changed.push(path.clone());
                self.pages.insert(path, Arc::new(bytes));
            }
        }
        let kept = |p: &String| built.paths.contains(p) || built.redirects.contains(p);
        // Only these can have gone, when the pages are the same as before.
        let stale: Vec<String> = match candidates {
            Some(candidates) => candidates.iter().filter(|p| !kept(p)).cloned().collect(),
            None => self.pages.keys().filter(|p| !kept(p)).cloned().collect(),
        };
        for p in stale {
            self.pages.remove(&p);
            changed.push(p);
        }
        self.assets = crate::pipeline::assets(&built.site, &built.theme)
            .into_iter()
            .map(|(from, path)| (path, from))
            .collect();
        // Made again when asked for. If a browser had the download page,
        // it reloads it (and so asks for it again).
        let made = std::mem::take(self.on_request.get_mut().unwrap_or_else(|e| e.into_inner()));
        if made.download.is_some() {
            changed.push(paths::download_page());
        }
        changed
    }
}
