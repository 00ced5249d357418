//! The preview's file cache: every entry file's parse, kept between
//! rebuilds, so that an edit parses again only the files it touched; and
//! what the last listing of `content/` found besides entries.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Id;
use crate::content::{self, meta::Parsed, walk, Corpus, DocPath, Entry, Kind};
use crate::diag::{lints::Lints, Diagnostic, Diagnostics};
use crate::source::{FileId, Sources};

/// An entry's identity across rebuilds.
pub(super) type Key = (Kind, Id);

/// One file's parse, kept between rebuilds.
#[derive(Clone)]
struct FileSlot {
    kind: Kind,
    parsed: Parsed,
    diags: Vec<Diagnostic>,
}

impl FileSlot {
    fn parse(root: &Path, kind: Kind, path: &Path, config: &Config, sources: &mut Sources) -> Self {
        let r = content::parse_file(root, kind, path, FileId(sources.len() as u32), config);
        sources.add(r.source);
        FileSlot {
            kind: r.kind,
            parsed: r.parsed,
            diags: r.diags,
        }
    }

    fn key(&self) -> Option<Key> {
        key(self.kind, &self.parsed)
    }
}

#[derive(Default)]
pub(super) struct Files {
    /// Every entry file's parse, in the listing's order (kind, then path).
    files: Vec<(PathBuf, FileSlot)>,
    /// What the last listing of `content/` found besides entries.
    documents: BTreeSet<DocPath>,
    /// The case files, read again whole on every rebuild: a tracker has
    /// few of them, and a case joins every filing of its docket anyway.
    cases: Vec<PathBuf>,
    case_files: content::Cases,
    case_diags: Vec<Diagnostic>,
    walk_diags: Vec<Diagnostic>,
}

impl Files {
    /// Lists `content/` and parses every entry file, in parallel.
    pub(super) fn read_all(&mut self, root: &Path, config: &Config, sources: &mut Sources) {
        let listing = self.list(root);
        let first = sources.len() as u32;
        let results: Vec<_> = listing
            .par_iter()
            .enumerate()
            .map(|(i, (kind, path))| {
                (
                    path.clone(),
                    content::parse_file(root, *kind, path, FileId(first + i as u32), config),
                )
            })
            .collect();
        self.files.clear();
        for (path, r) in results {
            sources.add(r.source);
            let slot = FileSlot {
                kind: r.kind,
                parsed: r.parsed,
                diags: r.diags,
            };
            self.files.push((path, slot));
        }
        self.read_cases(root, config, sources);
    }

    fn read_cases(&mut self, root: &Path, config: &Config, sources: &mut Sources) {
        let mut diags = Diagnostics::default();
        diags.set_lints(Lints::show_all());
        self.case_files = content::read_cases(root, &self.cases, config, sources, &mut diags);
        self.case_diags = diags.into_vec();
    }

    /// Parses again what `changed` touched, and returns the entries that
    /// change: those of files changed, added or removed. Most saves modify
    /// files docket knows: those are parsed again in place. Anything else
    /// (a file added, removed or renamed) lists the folder again.
    pub(super) fn update(
        &mut self,
        root: &Path,
        config: &Config,
        changed: &BTreeSet<PathBuf>,
        sources: &mut Sources,
    ) -> BTreeSet<Key> {
        let mut touched = BTreeSet::new();
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
        let Some(positions) = known else {
            return self.list_again(root, config, changed, sources);
        };
        for i in positions {
            let (path, slot) = &mut self.files[i];
            touched.extend(slot.key());
            *slot = FileSlot::parse(root, slot.kind, path, config, sources);
            touched.extend(slot.key());
        }
        touched
    }

    /// Lists `content/` again, keeps the parse of every file that did not
    /// change, and returns the entries that change.
    fn list_again(
        &mut self,
        root: &Path,
        config: &Config,
        changed: &BTreeSet<PathBuf>,
        sources: &mut Sources,
    ) -> BTreeSet<Key> {
        let mut touched = BTreeSet::new();
        let listing = self.list(root);
        let mut old: HashMap<PathBuf, FileSlot> =
            std::mem::take(&mut self.files).into_iter().collect();
        let mut files = Vec::with_capacity(listing.len());
        for (kind, path) in &listing {
            // A changed folder (one replaced whole, as a branch switch
            // does) changes every file under it, though none of them was
            // reported.
            let keep = !changed.iter().any(|c| path.starts_with(c))
                && old.get(path).is_some_and(|s| s.kind == *kind);
            let slot = match old.remove(path) {
                Some(slot) if keep => slot,
                previous => {
                    touched.extend(previous.as_ref().and_then(FileSlot::key));
                    let slot = FileSlot::parse(root, *kind, path, config, sources);
                    touched.extend(slot.key());
                    slot
                }
            };
            files.push((path.clone(), slot));
        }
        for (_, gone) in old {
            touched.extend(gone.key());
        }
        self.files = files;
        self.read_cases(root, config, sources);
        touched
    }

    /// Lists `content/`: the entry files by kind, and the documents.
    fn list(&mut self, root: &Path) -> Vec<(Kind, PathBuf)> {
        // Judged under the site's lint levels when the corpus is made.
        let mut walk_diags = Diagnostics::default();
        walk_diags.set_lints(Lints::show_all());
        let listing = walk::walk(root, &mut walk_diags);
        self.walk_diags = walk_diags.into_vec();
        self.documents = listing.documents;
        self.cases = listing.cases;
        listing.entries
    }

    /// The corpus of the files as parsed, with every file's diagnostics and
    /// the listing's.
    pub(super) fn corpus(&self, drafts: bool, diags: &mut Diagnostics) -> Corpus {
        diags.extend(self.walk_diags.iter().cloned());
        for (_, slot) in &self.files {
            diags.extend(slot.diags.iter().cloned());
        }
        diags.extend(self.case_diags.iter().cloned());
        content::assemble(
            content::Read {
                entries: self
                    .files
                    .iter()
                    .map(|(_, s)| (s.kind, s.parsed.clone()))
                    .collect(),
                cases: self.case_files.clone(),
                documents: self.documents.clone(),
            },
            drafts,
        )
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
