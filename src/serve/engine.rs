//! The live preview's site: kept in memory and rebuilt incrementally.
//!
//! On a change to entry files, only those files are parsed again; the graph
//! is re-linked (cheap, and it must be whole to be right); and only the pages
//! whose output can change are rendered again: the entries concerned and
//! their relations before and after the change, their neighbours by date,
//! their term and case pages, the lists and the home page. A change to
//! `docket.toml`, the theme or anything that renames pages (a term or case
//! slug) renders all.
//!
//! Generated files (data exports, feeds, the search index, filter data)
//! and the download page, which lists the exports' sizes, depend on the
//! whole database; they are made when first asked for after a rebuild, by
//! the generator that owns the path ([`Generator::owner`]), so an edit costs
//! only the pages it changes. Whatever is served is the same bytes a full
//! build gives; the tests prove it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::config::Vocab;
use crate::content::{self, meta::Parsed, walk, DocPath, Entry, Kind};
use crate::diag::{Diagnostic, Diagnostics};
use crate::graph::{self, PolicyIx};
use crate::pipeline::{self, LoadOptions};
use crate::publish::{redirect, Generator};
use crate::render::{Renderer, Rows, Theme};
use crate::site::bodies::{self, Bodies};
use crate::site::downloads::Downloads;
use crate::site::lists::{List, PAGE_SIZE};
use crate::site::markdown::Rendered;
use crate::site::paths::{self, Page};
use crate::site::terms::Terms;
use crate::site::{Derived, Model, Output, PerKind, Site};
use crate::source::{FileId, Sources};

/// An entry's identity across rebuilds.
type Key = (Kind, u32);

/// One file's parse, kept between rebuilds.
#[derive(Clone)]
struct FileSlot {
    kind: Kind,
    parsed: Parsed,
    diags: Vec<Diagnostic>,
}

/// The last state whose pages are being served.
struct Built {
    site: Site,
    theme: Arc<Theme>,
    derived: Derived,
    /// The rows of lists rendered so far.
    rows: Rows,
    /// The paths of the pages, documents and static files
    /// ([`pipeline::taken`]), filled in by `finish`.
    paths: Arc<BTreeSet<String>>,
    /// The paths of the redirects of aliases, filled in by `finish`.
    redirects: BTreeSet<String>,
}

/// What a rebuild renders.
enum Affected {
    /// Every page.
    All,
    /// These pages of a site whose pages are the same as before.
    Pages(BTreeSet<Page>),
    /// The pages at these paths, and the pages the site did not have.
    Paths(BTreeSet<String>),
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

    fn model(&self) -> Model<'_> {
        self.derived.model(&self.site)
    }

    /// What pages are rendered with; the download page is made on request.
    fn renderer(&self) -> Renderer<'_> {
        Renderer {
            theme: &self.theme,
            rows: &self.rows,
            downloads: None,
        }
    }
}

/// Files of a generator, by their path.
type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// What is made on request from the served state, and dropped when it changes.
#[derive(Default)]
struct OnRequest {
    generated: BTreeMap<Generator, Arc<Files>>,
    download: Option<Arc<Vec<u8>>>,
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

pub struct Engine {
    root: PathBuf,
    options: LoadOptions,
    /// Every entry file's parse, in the order of their paths.
    files: Vec<(PathBuf, FileSlot)>,
    /// What the last listing of `content/` found besides entries.
    documents: BTreeSet<DocPath>,
    walk_diags: Vec<Diagnostic>,
    built: Option<Built>,
    /// The served site's pages (and redirects of aliases) by their path.
    pages: BTreeMap<String, Arc<Vec<u8>>>,
    /// Generated files and the download page of `built`, made when asked for.
    on_request: Mutex<OnRequest>,
    /// Files served from disk (theme static files, documents) by their path.
    assets: BTreeMap<String, PathBuf>,
    /// The diagnostics of the last rebuild, with the sources they point into.
    pub diags: Diagnostics,
    pub sources: Sources,
    /// Whether `pages` match the current content (false after a failed rebuild).
    fresh: bool,
}

impl Engine {
    /// Loads and renders the whole site.
    pub fn new(root: &Path, options: LoadOptions) -> (Engine, Report) {
        let mut engine = Engine {
            root: root.to_path_buf(),
            options,
            files: Vec::new(),
            documents: BTreeSet::new(),
            walk_diags: Vec::new(),
            built: None,
            pages: BTreeMap::new(),
            on_request: Mutex::default(),
            assets: BTreeMap::new(),
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
        if let Some(page) = self.pages.get(path) {
            return Some(Arc::clone(page));
        }
        let built = self.built.as_ref()?;
        if path == paths::download_page() {
            return self.download(built);
        }
        let generator = Generator::owner(path)?;
        self.generated(built, generator).get(path).cloned()
    }

    /// The files of `generator` for the served state.
    fn generated(&self, built: &Built, generator: Generator) -> Arc<Files> {
        let mut made = self.on_request.lock().unwrap_or_else(|e| e.into_inner());
        let files = made.generated.entry(generator).or_insert_with(|| {
            let files = generator.run(&built.model());
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
            files: crate::site::downloads::data_files(&model, &|path| {
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
    pub fn asset(&self, path: &str) -> Option<&Path> {
        self.assets.get(path).map(PathBuf::as_path)
    }

    /// Every served path and its bytes (generated files made, assets read
    /// from disk).
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out: BTreeMap<String, Vec<u8>> = self
            .pages
            .iter()
            .map(|(k, v)| (k.clone(), v.to_vec()))
            .collect();
        if let Some(built) = &self.built {
            for generator in Generator::ALL {
                for (k, v) in self.generated(built, generator).iter() {
                    out.insert(k.clone(), v.to_vec());
                }
            }
            if let Some(page) = self.download(built) {
                out.insert(paths::download_page(), page.to_vec());
            }
        }
        for (k, p) in &self.assets {
            out.insert(k.clone(), crate::sitefs::read(p).unwrap_or_default());
        }
        out
    }

    /// Rebuilds after `changed` paths changed on disk.
    pub fn update(&mut self, changed: &BTreeSet<PathBuf>) -> Report {
        let content = self.root.join(walk::CONTENT_DIR);
        let only_content = !changed.is_empty() && changed.iter().all(|p| p.starts_with(&content));
        if only_content && self.built.is_some() && self.fresh {
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
        let mut walk_diags = Diagnostics::default();
        let listing = walk::walk(&self.root, &mut walk_diags);
        self.walk_diags = walk_diags.into_vec();
        diags.extend(self.walk_diags.iter().cloned());
        self.documents = listing.documents.clone();
        let first = sources.len() as u32;
        let results: Vec<_> = listing
            .entries
            .par_iter()
            .enumerate()
            .map(|(i, (kind, path))| {
                (
                    path.clone(),
                    content::parse_file(&self.root, *kind, path, FileId(first + i as u32), &config),
                )
            })
            .collect();
        self.files.clear();
        for (path, r) in results {
            sources.add(r.source);
            self.files.push((
                path,
                FileSlot {
                    kind: r.kind,
                    parsed: r.parsed,
                    diags: r.diags,
                },
            ));
        }
        let site = self.assemble(config, sources, listing.documents, &mut diags);
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
        let theme = Arc::clone(&old.theme);
        diags.extend(theme.warnings.iter().cloned());
        let mut sources = old.site.sources.clone();

        // Which entries change: those of files changed, added or removed.
        let mut touched: BTreeSet<Key> = BTreeSet::new();
        // Most saves modify files docket knows: those are parsed again in
        // place. Anything else (a file added, removed or renamed) lists the
        // folder again.
        let known: Option<Vec<usize>> = changed
            .iter()
            .map(|p| {
                p.is_file()
                    .then(|| {
                        // In the listing's order (kind, then path), which
                        // is not the order of paths: a search through them
                        // costs microseconds even at 100,000 files.
                        self.files.iter().position(|(q, _)| q == p)
                    })
                    .flatten()
            })
            .collect();
        if let Some(positions) = known {
            for i in positions {
                let (path, slot) = &mut self.files[i];
                touched.extend(key(slot.kind, &slot.parsed));
                let r = content::parse_file(
                    &self.root,
                    slot.kind,
                    path,
                    FileId(sources.len() as u32),
                    &config,
                );
                sources.add(r.source);
                touched.extend(key(slot.kind, &r.parsed));
                *slot = FileSlot {
                    kind: slot.kind,
                    parsed: r.parsed,
                    diags: r.diags,
                };
            }
        } else {
            let mut walk_diags = Diagnostics::default();
            let listing = walk::walk(&self.root, &mut walk_diags);
            self.walk_diags = walk_diags.into_vec();
            self.documents = listing.documents;
            let mut old: HashMap<PathBuf, FileSlot> =
                std::mem::take(&mut self.files).into_iter().collect();
            let mut files = Vec::with_capacity(listing.entries.len());
            for (kind, path) in &listing.entries {
                // A changed folder (one replaced whole, as a branch switch
                // does) changes every file under it, though none of them
                // was reported.
                let keep = !changed.iter().any(|c| path.starts_with(c))
                    && old.get(path).is_some_and(|s| s.kind == *kind);
                let slot = match old.remove(path) {
                    Some(slot) if keep => slot,
                    previous => {
                        if let Some(key) = previous.as_ref().and_then(|s| key(s.kind, &s.parsed)) {
                            touched.insert(key);
                        }
                        let r = content::parse_file(
                            &self.root,
                            *kind,
                            path,
                            FileId(sources.len() as u32),
                            &config,
                        );
                        sources.add(r.source);
                        if let Some(key) = key(*kind, &r.parsed) {
                            touched.insert(key);
                        }
                        FileSlot {
                            kind: *kind,
                            parsed: r.parsed,
                            diags: r.diags,
                        }
                    }
                };
                files.push((path.clone(), slot));
            }
            for (_, gone) in old {
                touched.extend(key(gone.kind, &gone.parsed));
            }
            self.files = files;
        }
        diags.extend(self.walk_diags.iter().cloned());
        let site = self.assemble(config, sources, self.documents.clone(), &mut diags);
        let same_universe = same_universe(&old.site, &site);
        let bodies = if same_universe {
            reuse_bodies(&old.derived.bodies, &site, &touched)
        } else {
            Bodies::render(&site)
        };
        diags.extend(bodies.diagnostics(&site));
        let derived = Derived::with_bodies(&site, bodies);
        let mut built = Built::new(site, theme, derived);
        // Term and case page names, and the site's date (in every footer),
        // are on every page: when one changes, every page is rendered.
        let same_names = slugs(&old.derived.terms, &old.site)
            == slugs(&built.derived.terms, &built.site)
            && old.site.date() == built.site.date();
        if same_names {
            let (policy_from, court_action_from) = (
                unchanged(&old.site, &built.site, Kind::Policy, &touched),
                unchanged(&old.site, &built.site, Kind::CourtAction, &touched),
            );
            built
                .rows
                .reuse(&old.rows, &policy_from, &court_action_from);
        }
        let affected = if same_names {
            affected(&old.model(), &built.model(), &touched, same_universe)
        } else {
            Affected::All
        };
        self.finish(built, diags, affected, Some(old))
    }

    /// Links the files into a site.
    fn assemble(
        &self,
        config: crate::config::Config,
        sources: Sources,
        documents: BTreeSet<DocPath>,
        diags: &mut Diagnostics,
    ) -> Site {
        for (_, slot) in &self.files {
            diags.extend(slot.diags.iter().cloned());
        }
        let corpus = content::assemble(
            self.files.iter().map(|(_, s)| (s.kind, s.parsed.clone())),
            documents,
            self.options.drafts,
        );
        pipeline::link(&self.root, config, sources, corpus, diags)
    }

    /// Renders the `affected` pages unless there are errors; then
    /// `previous`, the state being served, is served on.
    fn finish(
        &mut self,
        mut built: Built,
        diags: Diagnostics,
        affected: Affected,
        previous: Option<Built>,
    ) -> Report {
        let same_pages = matches!(affected, Affected::Pages(_)) && self.fresh;
        let mut report = Report {
            full: matches!(affected, Affected::All) || !self.fresh,
            ..Report::default()
        };
        let mut diags = diags;
        let mut rendered = BTreeMap::new();
        if !diags.has_errors() {
            let model = built.model();
            let renderer = built.renderer();
            let not_download = |p: &Page| !matches!(p, Page::Download);
            let wanted: Vec<Page> = match (&affected, self.fresh) {
                (Affected::Pages(pages), true) => {
                    pages.iter().copied().filter(not_download).collect()
                }
                (Affected::Paths(paths), true) => renderer
                    .pages(&model)
                    .into_iter()
                    .filter(not_download)
                    .filter(|p| {
                        let path = model.path(*p);
                        paths.contains(&path) || !self.pages.contains_key(&path)
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
            let Ok(_) = renderer.render_all(&model, &wanted, &keep, &mut diags);
            rendered = pages.into_inner().unwrap_or_else(|e| e.into_inner());
            let paths = match &previous {
                Some(previous) if same_pages => Arc::clone(&previous.paths),
                _ => Arc::new(pipeline::taken(&model, &renderer)),
            };
            redirect::check(&model, &paths, &mut diags);
            let mut redirects = BTreeSet::new();
            for out in redirect::pages(&model, &paths) {
                redirects.insert(out.path.clone());
                rendered.insert(out.path, out.bytes);
            }
            built.paths = paths;
            built.redirects = redirects;
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
        for (path, bytes) in rendered {
            if self.pages.get(&path).is_none_or(|old| **old != bytes) {
                report.changed.push(path.clone());
                self.pages.insert(path, Arc::new(bytes));
            }
        }
        let kept = |p: &String| built.paths.contains(p) || built.redirects.contains(p);
        let stale: Vec<String> = match &previous {
            // Only a redirect can have gone.
            Some(previous) if same_pages => previous
                .redirects
                .iter()
                .filter(|p| !kept(p))
                .cloned()
                .collect(),
            _ => self.pages.keys().filter(|p| !kept(p)).cloned().collect(),
        };
        for p in stale {
            self.pages.remove(&p);
            report.changed.push(p);
        }
        self.assets = pipeline::assets(&built.site, &built.theme)
            .into_iter()
            .map(|(from, path)| (path, from))
            .collect();
        // Made again when asked for. If a browser had the download page,
        // it reloads it (and so asks for it again).
        let made = std::mem::take(self.on_request.get_mut().unwrap_or_else(|e| e.into_inner()));
        if made.download.is_some() {
            report.changed.push(paths::download_page());
        }
        report.changed.sort();
        self.fresh = true;
        self.diags = diags;
        // Diagnostics point into the current sources; keep an empty stand-in there.
        self.sources = Sources::default();
        self.built = Some(built);
        report
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

/// Maps the position of an entry of `kind` in `new` to the same entry's
/// in `old`, for the entries that did not change (not in `touched`).
fn unchanged<'a>(
    old: &Site,
    new: &'a Site,
    kind: Kind,
    touched: &'a BTreeSet<Key>,
) -> impl Fn(usize) -> Option<usize> + 'a {
    let old_positions: HashMap<u32, usize> = (0..old.corpus.count(kind))
        .map(|i| (old.corpus.entry(kind, i).id, i))
        .collect();
    move |i: usize| {
        let id = new.corpus.entry(kind, i).id;
        (!touched.contains(&(kind, id)))
            .then(|| old_positions.get(&id).copied())
            .flatten()
    }
}

/// The pages an edit of the entries `touched` changes, between two states
/// of the site whose page names are the same.
fn affected(
    old_model: &Model<'_>,
    new_model: &Model<'_>,
    touched: &BTreeSet<Key>,
    same_universe: bool,
) -> Affected {
    let mut old_pages = neighbourhood(old_model, touched);
    let mut new_pages = neighbourhood(new_model, touched);
    old_pages.extend(renamed_lineages(old_model, new_model, touched));
    new_pages.extend(renamed_lineages(new_model, old_model, touched));
    let lists = list_changes(old_model, new_model, &old_pages, &new_pages);
    if same_universe && old_model.pages() == new_model.pages() {
        // The same entries at the same places and the same names: a page
        // of the old site is the same page of the new.
        let mut pages = lists;
        pages.extend(old_pages);
        pages.extend(new_pages);
        Affected::Pages(pages)
    } else {
        let mut paths: BTreeSet<String> = lists.into_iter().map(|p| new_model.path(p)).collect();
        paths.extend(old_pages.into_iter().map(|p| old_model.path(p)));
        paths.extend(new_pages.into_iter().map(|p| new_model.path(p)));
        Affected::Paths(paths)
    }
}

fn key(kind: Kind, parsed: &Parsed) -> Option<Key> {
    match &parsed.entry {
        Some(Entry::Policy(p)) => Some((Kind::Policy, p.id.0)),
        Some(Entry::CourtAction(c)) => Some((Kind::CourtAction, c.id.0)),
        Some(Entry::Commentary(c)) => Some((Kind::Commentary, c.id.0)),
        None => parsed.id.map(|id| (kind, id)),
    }
}

/// Whether two states of the site have the same entries (and drafts) at
/// the same places, from the same files, and the same documents: then an
/// entry's body, which links to entries, files and documents, can only
/// have changed if the entry did, and a page of one is a page of the other.
fn same_universe(old: &Site, new: &Site) -> bool {
    let (a, b) = (&old.corpus, &new.corpus);
    a.drafts == b.drafts
        && a.documents == b.documents
        && a.len() == b.len()
        && a.entries()
            .zip(b.entries())
            .all(|((ka, ia, x), (kb, ib, y))| {
                (ka, ia) == (kb, ib) && old.sources.get(x.file).name == new.sources.get(y.file).name
            })
}

/// Bodies of `site`, the same entries at the same places as `old`'s
/// (see [`same_universe`]), reusing those of entries not in `touched`.
fn reuse_bodies(old: &Bodies, site: &Site, touched: &BTreeSet<Key>) -> Bodies {
    let files = std::sync::OnceLock::new();
    let c = &site.corpus;
    PerKind::new(|kind| {
        old.get(kind)
            .iter()
            .enumerate()
            .map(|(i, previous): (usize, &Arc<Rendered>)| {
                let e = c.entry(kind, i);
                if touched.contains(&(kind, e.id)) {
                    let files = files.get_or_init(|| bodies::file_index(site));
                    bodies::render_body(site, files, e.common)
                } else {
                    Arc::clone(previous)
                }
            })
            .collect()
    })
}

/// The page names that depend on more than one entry: term and case slugs.
fn slugs(terms: &Terms, site: &Site) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (v, vt) in &terms.vocabs {
        for (name, e) in &vt.terms {
            out.insert(format!("{}\0{name}", v.key()), e.slug.clone());
        }
    }
    for case in &site.graph.cases {
        out.insert(
            format!("case\0{}\0{}", case.court.as_str(), case.docket),
            case.slug.clone(),
        );
    }
    out
}

/// Every page whose output depends on the entries `keys` in this state of
/// the site, plus the pages that depend on every entry.
fn neighbourhood(model: &Model<'_>, keys: &BTreeSet<Key>) -> BTreeSet<Page> {
    let site = model.site;
    let c = &site.corpus;
    let g = &site.graph;
    let mut pages: BTreeSet<Page> = BTreeSet::new();
    // The pages of the long lists are `list_changes`'s to choose; the
    // download page is made on request.
    pages.insert(Page::Home);
    pages.insert(Page::NotFound);
    for v in Vocab::ALL {
        pages.insert(Page::Vocabulary(v));
    }
    let term = |pages: &mut BTreeSet<Page>, v: Vocab, name: &str| {
        if let Some(i) = model
            .terms
            .vocabs
            .get(&v)
            .and_then(|vt| vt.terms.iter().position(|(n, _)| n == name))
        {
            pages.insert(Page::Term(v, i));
        }
    };
    for &(kind, id) in keys {
        let Some(pos) = g.position(kind, id) else {
            continue;
        };
        match kind {
            Kind::Policy => {
                let ix = PolicyIx(pos as u32);
                let p = &c.policies[pos];
                let l = &g.policies[pos];
                pages.insert(Page::Policy(ix));
                // The pages whose lineage picture draws it or reads its
                // relations: a generation further than drawn, for the mark
                // that the lineage goes on. And its lineage's page.
                let reach = graph::lineage::reach(g, ix, crate::render::charts::DEPTH + 1);
                for other in l.implements.iter().chain(&l.derivatives).chain(&reach) {
                    pages.insert(Page::Policy(*other));
                }
                pages.extend(g.lineage(ix).map(|l| Page::Lineage(l.root)));
                pages.extend(l.court_actions.iter().map(|x| Page::CourtAction(*x)));
                pages.extend(l.commentary.iter().map(|x| Page::Commentary(*x)));
                pages.extend(l.cases.iter().map(|x| Page::Case(*x)));
                if let Some(i) = model.by_date.iter().position(|x| *x == ix) {
                    if i > 0 {
                        pages.insert(Page::Policy(model.by_date[i - 1]));
                    }
                    if let Some(next) = model.by_date.get(i + 1) {
                        pages.insert(Page::Policy(*next));
                    }
                }
                term(
                    &mut pages,
                    Vocab::Administrations,
                    p.administration.as_str(),
                );
                term(&mut pages, Vocab::Actions, p.action.as_str());
                if let Some(t) = &p.current_status {
                    term(&mut pages, Vocab::CurrentStatuses, t.as_str());
                }
                for (v, list) in [
                    (Vocab::Statuses, &p.status),
                    (Vocab::Subjects, &p.subjects),
                    (Vocab::Agencies, &p.agencies),
                ] {
                    for t in list {
                        term(&mut pages, v, t.as_str());
                    }
                }
            }
            Kind::CourtAction => {
                let ca = &c.court_actions[pos];
                let l = &g.court_actions[pos];
                let case = &g.cases[l.case.get()];
                pages.insert(Page::Case(l.case));
                // The case's timeline and name show on every filing and every policy it challenges.
                pages.extend(case.filings.iter().map(|x| Page::CourtAction(*x)));
                pages.extend(case.policies.iter().map(|x| Page::Policy(*x)));
                pages.extend(l.challenges.iter().map(|x| Page::Policy(*x)));
                term(&mut pages, Vocab::Courts, ca.court.as_str());
                term(&mut pages, Vocab::Filings, ca.filing.as_str());
            }
            Kind::Commentary => {
                pages.insert(Page::Commentary(crate::graph::CommentaryIx(pos as u32)));
                pages.extend(g.commentary[pos].about.iter().map(|x| Page::Policy(*x)));
            }
        }
    }
    pages
}

/// The pages of `model`'s policies whose lineage has another root in
/// `other` (or none): each links to its lineage's page, named after the
/// root. Only a lineage with a policy of `keys` in it can change.
fn renamed_lineages(model: &Model<'_>, other: &Model<'_>, keys: &BTreeSet<Key>) -> BTreeSet<Page> {
    let (c, g) = (&model.site.corpus, &model.site.graph);
    let (oc, og) = (&other.site.corpus, &other.site.graph);
    let root_id = |p: PolicyIx| g.lineage(p).map(|l| c.policies[l.root.get()].id);
    let other_root_id = |id| {
        let p = og.policy(id)?;
        og.lineage(p).map(|l| oc.policies[l.root.get()].id)
    };
    let mut pages = BTreeSet::new();
    let mut done = BTreeSet::new();
    for &(kind, id) in keys {
        let Some(pos) = g.position(kind, id).filter(|_| kind == Kind::Policy) else {
            continue;
        };
        let Some(lineage) = g.lineage(PolicyIx(pos as u32)) else {
            continue;
        };
        if !done.insert(lineage.root) {
            continue;
        }
        for &p in &lineage.members {
            if root_id(p) != other_root_id(c.policies[p.get()].id) {
                pages.insert(Page::Policy(p));
            }
        }
    }
    pages
}

/// The pages of long lists that change between `old` and `new`, given the
/// pages of entries rendered again in each (`old_pages`, `new_pages`): a
/// page whose items are not the same entries in the same order, or that
/// shows an entry rendered again; every page of a list whose length or
/// filters changed, since each page shows the total and the filters.
fn list_changes(
    old: &Model<'_>,
    new: &Model<'_>,
    old_pages: &BTreeSet<Page>,
    new_pages: &BTreeSet<Page>,
) -> BTreeSet<Page> {
    let mut lists = vec![
        List::Policies,
        List::CourtActions,
        List::Cases,
        List::Commentary,
    ];
    // Term indices are the same in both models: a rebuild that adds or
    // removes a term renames pages, and renders all.
    lists.extend(old_pages.iter().chain(new_pages).filter_map(|p| match p {
        Page::Term(v, i) => Some(List::Term(*v, *i)),
        _ => None,
    }));
    lists.sort();
    lists.dedup();
    let mut out = BTreeSet::new();
    for list in lists {
        let a = old.list_items(list);
        let b = new.list_items(list);
        let (ka, kb): (Vec<Item<'_>>, Vec<Item<'_>>) = (
            a.iter().map(|p| item(old, *p)).collect(),
            b.iter().map(|p| item(new, *p)).collect(),
        );
        // Every page of a list shows the filters of the whole list.
        let filters = |m: &Model<'_>| {
            let first = Page::More(list, 1);
            serde_json::to_string(&m.list_filters(first)).unwrap_or_default()
        };
        let same_filters = filters(old) == filters(new);
        let pages = new.list_pages(list);
        for n in 1..=pages {
            let range = (n - 1) * PAGE_SIZE..(n * PAGE_SIZE).min(b.len());
            let changed = a.len() != b.len()
                || !same_filters
                || ka[range.clone()] != kb[range.clone()]
                || b[range.clone()].iter().any(|p| new_pages.contains(p))
                || a[range].iter().any(|p| old_pages.contains(p));
            if changed {
                out.insert(list.page(n));
            }
        }
    }
    out
}

/// An item of a list, the same in two models whatever its position.
#[derive(PartialEq)]
enum Item<'a> {
    Entry(Kind, u32),
    Case(&'a str),
}

fn item<'a>(model: &Model<'a>, page: Page) -> Item<'a> {
    let c = &model.site.corpus;
    match page {
        Page::Policy(ix) => Item::Entry(Kind::Policy, c.policies[ix.get()].id.0),
        Page::CourtAction(ix) => Item::Entry(Kind::CourtAction, c.court_actions[ix.get()].id.0),
        Page::Commentary(ix) => Item::Entry(Kind::Commentary, c.commentary[ix.get()].id.0),
        Page::Case(ix) => Item::Case(&model.site.graph.cases[ix.get()].slug),
        // Lists hold entries and cases only.
        _ => Item::Case(""),
    }
}
