//! The live preview's site: kept in memory and rebuilt incrementally.
//!
//! On a change to entry files, only those files are parsed again; the graph
//! is re-linked (cheap, and it must be whole to be right); and only the pages
//! whose output can change are rendered again: the entries concerned and
//! their relations before and after the change, their neighbours by date,
//! their term and case pages, the lists and the home page. Generated files
//! (feeds, search, exports) are regenerated. A change to `docket.toml`, the
//! theme or anything that renames pages (a term or case slug) renders all.
//! The result is the same bytes a full build gives; the tests prove it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{self, Vocab};
use crate::content::{self, meta::Parsed, walk, DocPath, Entry, Kind};
use crate::diag::{Diagnostic, Diagnostics};
use crate::graph::{self, PolicyIx};
use crate::render::lists::List;
use crate::render::{self, markdown::Rendered, terms::Terms, Bodies, Model, Page, Theme};
use crate::source::{FileId, Sources};
use crate::{LoadOptions, Site};

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
    theme: Theme,
    bodies: Bodies,
    terms: Terms,
    by_date: Vec<PolicyIx>,
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
    /// The served site: pages and generated files by their path.
    pages: BTreeMap<String, Arc<Vec<u8>>>,
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
            assets: BTreeMap::new(),
            diags: Diagnostics::default(),
            sources: Sources::default(),
            fresh: false,
        };
        let report = engine.rebuild_all();
        (engine, report)
    }

    /// The bytes served at a site path, if any.
    pub fn page(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.pages.get(path).cloned()
    }

    /// A file served from disk at a site path, if any.
    pub fn asset(&self, path: &str) -> Option<&Path> {
        self.assets.get(path).map(PathBuf::as_path)
    }

    /// Every served path and its bytes (assets read from disk).
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out: BTreeMap<String, Vec<u8>> = self
            .pages
            .iter()
            .map(|(k, v)| (k.clone(), v.to_vec()))
            .collect();
        for (k, p) in &self.assets {
            out.insert(k.clone(), std::fs::read(p).unwrap_or_default());
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
        let Some(config) = config::load(&self.root, &mut sources, &mut diags) else {
            return self.failed(sources, diags);
        };
        let config = crate::apply_options(config, &self.options);
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
        let theme = match render::theme::load(&self.root, &site.config) {
            Ok(t) => t,
            Err(ds) => {
                diags.extend(ds);
                return self.failed(site.sources, diags);
            }
        };
        let (bodies, terms, by_date) = render::prepare(&site, &mut diags);
        self.finish(
            Built {
                site,
                theme,
                bodies,
                terms,
                by_date,
            },
            diags,
            None,
        )
    }

    /// Parses the changed entry files again and renders what they affect.
    fn rebuild_content(&mut self, changed: &BTreeSet<PathBuf>) -> Report {
        let Some(old) = self.built.take() else {
            return self.rebuild_all();
        };
        let Built {
            site: old_site,
            theme,
            bodies: old_bodies,
            terms: old_terms,
            by_date: old_by_date,
        } = old;
        let mut diags = Diagnostics::default();
        // The sources move on to the new site (files are only ever added),
        // so what needs them in the old site is taken first.
        let old_universe = universe(&old_site);
        let Site {
            root,
            config,
            mut sources,
            corpus: old_corpus,
            graph: old_graph,
            source_date,
        } = old_site;
        let old_site = Site {
            root,
            config: config.clone(),
            sources: Sources::default(),
            corpus: old_corpus,
            graph: old_graph,
            source_date,
        };

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
                        self.files
                            .binary_search_by(|(q, _)| q.as_path().cmp(p))
                            .ok()
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
                let keep =
                    !changed.contains(path) && old.get(path).is_some_and(|s| s.kind == *kind);
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
        let same_universe = old_universe == universe(&site);
        let bodies = if same_universe {
            reuse_bodies(&old_site, &old_bodies, &site, &touched)
        } else {
            render::prepare(&site, &mut Diagnostics::default()).0
        };
        diags.extend(render::body_diagnostics(&site, &bodies));
        let mut terms = render::terms(&site);
        let by_date = render::policies_by_date(&site.corpus);

        // Term and case page names, and the site's date (in every footer),
        // are on every page: when one changes, every page is rendered.
        let same_names =
            slugs(&old_terms, &old_site) == slugs(&terms, &site) && old_site.date() == site.date();
        if same_names {
            let old_policies: HashMap<u32, usize> = old_site
                .corpus
                .policies
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.0, i))
                .collect();
            let old_actions: HashMap<u32, usize> = old_site
                .corpus
                .court_actions
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.0, i))
                .collect();
            let c = &site.corpus;
            let policy_from = |i: usize| {
                let id = c.policies[i].id.0;
                (!touched.contains(&(Kind::Policy, id)))
                    .then(|| old_policies.get(&id).copied())
                    .flatten()
            };
            let court_action_from = |i: usize| {
                let id = c.court_actions[i].id.0;
                (!touched.contains(&(Kind::CourtAction, id)))
                    .then(|| old_actions.get(&id).copied())
                    .flatten()
            };
            terms
                .lists
                .reuse_rows(&old_terms.lists, &policy_from, &court_action_from);
        }
        let affected = if same_names {
            let old_model = Model {
                site: &old_site,
                bodies: &old_bodies,
                terms: &old_terms,
                by_date: &old_by_date,
            };
            let mut paths = neighbourhood(&old_model, &touched);
            paths.extend(neighbourhood(
                &Model {
                    site: &site,
                    bodies: &bodies,
                    terms: &terms,
                    by_date: &by_date,
                },
                &touched,
            ));
            Some(paths)
        } else {
            None
        };
        self.finish(
            Built {
                site,
                theme,
                bodies,
                terms,
                by_date,
            },
            diags,
            affected,
        )
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
        let graph = graph::link(&corpus, diags);
        let source_date = crate::source_date(diags);
        Site {
            source_date,
            root: self.root.clone(),
            config,
            sources,
            corpus,
            graph,
        }
    }

    /// Renders `affected` pages (all when `None`) unless there are errors.
    fn finish(
        &mut self,
        built: Built,
        diags: Diagnostics,
        affected: Option<BTreeSet<String>>,
    ) -> Report {
        let model = Model {
            site: &built.site,
            bodies: &built.bodies,
            terms: &built.terms,
            by_date: &built.by_date,
        };
        let mut report = Report {
            full: affected.is_none() || !self.fresh,
            ..Report::default()
        };
        let mut diags = diags;
        let mut rendered = BTreeMap::new();
        let mut all_paths = BTreeSet::new();
        if !diags.has_errors() {
            let pages: Vec<(String, Page)> = model
                .pages_for(&built.theme)
                .into_iter()
                .map(|p| (model.path(p), p))
                .collect();
            all_paths = pages.iter().map(|(p, _)| p.clone()).collect();
            let wanted: Vec<&(String, Page)> = match (&affected, self.fresh) {
                (Some(a), true) => pages
                    .iter()
                    .filter(|(p, _)| a.contains(p) || !self.pages.contains_key(p))
                    .collect(),
                _ => pages.iter().collect(),
            };
            let results: Vec<Result<render::Output, String>> = wanted
                .par_iter()
                .map(|(_, page)| model.render(&built.theme, *page))
                .collect();
            let mut failures = BTreeSet::new();
            for r in results {
                match r {
                    Ok(out) => {
                        rendered.insert(out.path, out.bytes);
                    }
                    Err(msg) => {
                        failures.insert(msg);
                    }
                }
            }
            for msg in failures.into_iter().take(20) {
                diags.push(render::theme::template_error(msg));
            }
            for out in render::artifacts(&model) {
                all_paths.insert(out.path.clone());
                rendered.insert(out.path, out.bytes);
            }
        }
        report.errors = diags.errors();
        report.warnings = diags.warnings();
        if diags.has_errors() {
            // Keep serving the last good pages; the next good rebuild renders all.
            self.fresh = false;
            self.diags = diags;
            self.sources = Sources::default();
            let Built { site, .. } = built;
            self.sources = site.sources;
            return report;
        }
        report.rendered = rendered.len();
        for (path, bytes) in rendered {
            if self.pages.get(&path).is_none_or(|old| **old != bytes) {
                report.changed.push(path.clone());
                self.pages.insert(path, Arc::new(bytes));
            }
        }
        let stale: Vec<String> = self
            .pages
            .keys()
            .filter(|p| !all_paths.contains(*p))
            .cloned()
            .collect();
        for p in stale {
            self.pages.remove(&p);
            report.changed.push(p);
        }
        self.assets = assets(&built.site, &built.theme);
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

    /// The sources the last diagnostics point into.
    pub fn diag_sources(&self) -> &Sources {
        match &self.built {
            Some(b) if self.fresh => &b.site.sources,
            _ => &self.sources,
        }
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

/// What links in bodies resolve against: entry ids, drafts, file names and
/// documents. While it stays the same, a body that did not change renders
/// to the same HTML.
fn universe(site: &Site) -> (BTreeSet<Key>, BTreeSet<String>, BTreeSet<DocPath>) {
    let c = &site.corpus;
    let mut keys: BTreeSet<Key> = c.drafts.clone();
    keys.extend(c.policies.iter().map(|p| (Kind::Policy, p.id.0)));
    keys.extend(c.court_actions.iter().map(|x| (Kind::CourtAction, x.id.0)));
    keys.extend(c.commentary.iter().map(|x| (Kind::Commentary, x.id.0)));
    let names = render::file_index(site)
        .into_iter()
        .map(|(n, k)| format!("{n}\0{:?}\0{}", k.0, k.1))
        .collect();
    (keys, names, c.documents.clone())
}

/// Bodies of `site`, reusing those of entries not in `touched`.
fn reuse_bodies(old_site: &Site, old: &Bodies, site: &Site, touched: &BTreeSet<Key>) -> Bodies {
    let files = render::file_index(site);
    let mut previous: HashMap<Key, Arc<Rendered>> = HashMap::new();
    let oc = &old_site.corpus;
    previous.extend(
        oc.policies
            .iter()
            .zip(&old.policies)
            .map(|(p, b)| ((Kind::Policy, p.id.0), b.clone())),
    );
    previous.extend(
        oc.court_actions
            .iter()
            .zip(&old.court_actions)
            .map(|(x, b)| ((Kind::CourtAction, x.id.0), b.clone())),
    );
    previous.extend(
        oc.commentary
            .iter()
            .zip(&old.commentary)
            .map(|(x, b)| ((Kind::Commentary, x.id.0), b.clone())),
    );
    let get = |key: Key, common: &crate::content::Common| match previous.get(&key) {
        Some(b) if !touched.contains(&key) => b.clone(),
        _ => render::render_body(site, &files, common),
    };
    let c = &site.corpus;
    Bodies {
        policies: c
            .policies
            .iter()
            .map(|p| get((Kind::Policy, p.id.0), &p.common))
            .collect(),
        court_actions: c
            .court_actions
            .iter()
            .map(|x| get((Kind::CourtAction, x.id.0), &x.common))
            .collect(),
        commentary: c
            .commentary
            .iter()
            .map(|x| get((Kind::Commentary, x.id.0), &x.common))
            .collect(),
    }
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
fn neighbourhood(model: &Model<'_>, keys: &BTreeSet<Key>) -> BTreeSet<String> {
    let site = model.site;
    let c = &site.corpus;
    let g = &site.graph;
    let mut pages: BTreeSet<Page> = BTreeSet::new();
    for p in [
        Page::Home,
        Page::Policies,
        Page::CourtActions,
        Page::Cases,
        Page::CommentaryList,
        Page::NotFound,
        Page::Download,
    ] {
        pages.insert(p);
    }
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
                // Its whole chain of supersession: each of their pages draws it.
                for other in l
                    .implements
                    .iter()
                    .chain(&l.derivatives)
                    .chain(&crate::render::charts::supersession_chain(g, ix))
                {
                    pages.insert(Page::Policy(*other));
                }
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
    // The later pages of every list the entries are on: an entry that
    // moves, comes or goes shifts every page after its own.
    let mut lists = vec![
        List::Policies,
        List::CourtActions,
        List::Cases,
        List::Commentary,
    ];
    lists.extend(pages.iter().filter_map(|p| match p {
        Page::Term(v, i) => Some(List::Term(*v, *i)),
        _ => None,
    }));
    for list in lists {
        pages.extend((2..=model.list_pages(list)).map(|n| Page::More(list, n)));
    }
    pages.into_iter().map(|p| model.path(p)).collect()
}

/// Theme static files and documents, served from disk.
fn assets(site: &Site, theme: &Theme) -> BTreeMap<String, PathBuf> {
    let documents = site.root.join(walk::CONTENT_DIR).join(walk::DOCUMENTS_DIR);
    let mut out: BTreeMap<String, PathBuf> = theme
        .static_files
        .iter()
        .map(|(rel, src)| (format!("static/{rel}"), src.clone()))
        .collect();
    out.extend(
        site.corpus
            .documents
            .iter()
            .map(|d| (format!("documents/{}", d.0), documents.join(&d.0))),
    );
    out
}
