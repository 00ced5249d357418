//! The content of a site: typed entries loaded from `content/`.
//!
//! Loading is three small steps, each in its own module: [`walk`] lists the
//! files (sorted, so the order on disk never matters), [`split`] separates
//! front matter from body, and [`meta`] parses the front matter into one
//! typed entry per kind, checking every rule of the content format that a
//! single file can break. Rules that span files (ids, relations, documents)
//! belong to [`crate::graph`].

pub mod case;
pub mod date;
pub mod fields;
mod front;
pub mod id;
pub mod meta;
pub mod related;
pub mod split;
mod values;
pub mod vocab;
pub mod walk;
pub mod write;

pub use case::CaseFile;
pub use date::Date;
pub use front::{keys, Key, Ty};
pub use id::Id;

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::source::{At, FileId, SourceFile, Sources, Span};

/// The three kinds of entry; an entry's kind is the folder it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Policy,
    CourtAction,
    Commentary,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Policy, Kind::CourtAction, Kind::Commentary];

    /// The folder under `content/`, which is also the folder in the site.
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Policy => "policies",
            Kind::CourtAction => "court-actions",
            Kind::Commentary => "commentary",
        }
    }

    /// The name used in links by id (`policy:1491`) and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Policy => "policy",
            Kind::CourtAction => "court-action",
            Kind::Commentary => "commentary",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Policy => "Policy",
            Kind::CourtAction => "Court action",
            Kind::Commentary => "Commentary",
        }
    }

    pub fn plural_label(self) -> &'static str {
        match self {
            Kind::Policy => "Policies",
            Kind::CourtAction => "Court actions",
            Kind::Commentary => "Commentary",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub Id);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// The permanent number of a policy (the tracker's "ID #1491").
    PolicyId
);
id_type!(
    /// The number of a court action, unique among court actions.
    CourtActionId
);
id_type!(
    /// The number of a commentary item, unique among commentary.
    CommentaryId
);

/// A value of a vocabulary, checked against `docket.toml` when it controls one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Term(pub String);

impl Term {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A source document path, relative to `content/documents/`, normalised to
/// `/` separators with no `.` or `..` left. Whether it exists is checked by
/// the graph stage, against the files found by [`walk`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct DocPath(pub String);

#[derive(Clone, Debug)]
pub enum DocumentSource {
    File(DocPath),
    Url(String),
}

#[derive(Clone, Debug)]
pub struct Document {
    pub title: String,
    pub date: Option<Date>,
    pub source: DocumentSource,
    /// The `file` or `url` value, for diagnostics.
    pub source_span: Span,
}

/// What every kind of entry has.
#[derive(Clone, Debug)]
pub struct Common {
    pub file: FileId,
    pub id_span: Span,
    pub title: String,
    pub updated: Option<NaiveDate>,
    pub draft: bool,
    /// Old paths that redirect to the entry, each as the site-relative file
    /// of its redirect page (`old/path/index.html`), with the span of the
    /// value as written.
    pub aliases: Vec<At<String>>,
    /// Where the Markdown body starts in the file's text.
    pub body_start: usize,
    /// The fields of the site's own that the entry has, in the order
    /// `docket.toml` declares them.
    pub extra: Vec<fields::Extra>,
    /// The relations `docket.toml` declares that the entry writes, in
    /// declaration order.
    pub related: Vec<related::Related>,
}

impl Common {
    pub fn body<'s>(&self, sources: &'s Sources) -> &'s str {
        &sources.get(self.file).text[self.body_start..]
    }
}

#[derive(Clone, Debug)]
pub struct Policy {
    pub id: PolicyId,
    pub common: Common,
    /// Every value of a key `docket.toml` may declare optional is an
    /// `Option` or a list, which is then empty.
    pub administration: Option<Term>,
    pub announced: Date,
    pub effective: Option<Date>,
    pub status: Vec<Term>,
    pub action: Option<Term>,
    pub subjects: Vec<Term>,
    pub agencies: Vec<Term>,
    pub current_status: Option<Term>,
    /// Official numbers, in key order.
    pub identifiers: Vec<(String, String)>,
    pub supersedes: Vec<At<PolicyId>>,
    pub implements: Vec<At<PolicyId>>,
    pub documents: Vec<Document>,
}

#[derive(Clone, Debug)]
pub struct CourtAction {
    pub id: CourtActionId,
    pub common: Common,
    pub date: Date,
    pub case: At<String>,
    pub docket: String,
    pub court: Term,
    pub filing: Option<Term>,
    pub challenges: Vec<At<PolicyId>>,
    pub url: Option<String>,
    pub documents: Vec<Document>,
}

#[derive(Clone, Debug)]
pub struct Commentary {
    pub id: CommentaryId,
    pub common: Common,
    pub date: Date,
    pub source: Option<String>,
    pub url: Option<String>,
    pub about: Vec<At<PolicyId>>,
    pub documents: Vec<Document>,
}

/// One parsed entry of any kind.
///
/// Shared, so that the preview server can keep a file's parse and hand the
/// same entry to each state of the site without copying it.
#[derive(Clone, Debug)]
pub enum Entry {
    Policy(Arc<Policy>),
    CourtAction(Arc<CourtAction>),
    Commentary(Arc<Commentary>),
}

/// Every entry of a site, each kind sorted by id.
#[derive(Debug, Default)]
pub struct Corpus {
    pub policies: Vec<Arc<Policy>>,
    pub court_actions: Vec<Arc<CourtAction>>,
    pub commentary: Vec<Arc<Commentary>>,
    /// The case files without errors, in the order of their paths.
    pub cases: Vec<Arc<CaseFile>>,
    /// Files under `content/documents/`, relative to it.
    pub documents: BTreeSet<DocPath>,
    /// Drafts left out of this build, by kind and id: references to them are
    /// dropped with a warning rather than reported as unknown.
    pub drafts: BTreeSet<(Kind, Id)>,
    /// Entries whose files have errors, by kind and id where it could be
    /// read: a reference to one of them is not an error of its own.
    pub unreadable: BTreeSet<(Kind, Id)>,
    /// The ids of the entries in no list (drafts left out, files with
    /// errors whose front matter gives an id), where each is written, in
    /// the order of their files: an id used twice is reported all the
    /// same, in the run that reports the file's other errors.
    pub left_out_ids: Vec<(Kind, At<Id>)>,
    /// Bodies of the files whose front matter has errors, by file and start:
    /// their links are checked all the same, so that one run reports them too.
    pub unparsed_bodies: Vec<(FileId, usize)>,
    /// The documents of entries that have errors: their files are checked
    /// all the same.
    pub unparsed_documents: Vec<Document>,
    /// What entries and case files that have errors refer to: checked all
    /// the same.
    pub unparsed_references: Vec<meta::References>,
    /// The cases that case files with errors name, with the key.
    pub unparsed_case_refs: Vec<(&'static str, At<case::CaseRef>)>,
    /// The docket numbers of case files with errors: a reference to one of
    /// them is not an error of its own.
    pub unreadable_dockets: BTreeSet<String>,
    /// The court and docket number of each case file with errors that
    /// gives both, where it writes them: a second case file of one case is
    /// reported in the run that reports the file's other errors.
    pub unparsed_case_keys: Vec<case::UnparsedKey>,
}

impl Corpus {
    pub fn len(&self) -> usize {
        self.policies.len() + self.court_actions.len() + self.commentary.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every entry's kind, id and common fields: policies, court actions,
    /// then commentary, each kind by id.
    pub fn entries(&self) -> impl Iterator<Item = (Kind, Id, &Common)> {
        let policies = self
            .policies
            .iter()
            .map(|p| (Kind::Policy, p.id.0, &p.common));
        let actions = self
            .court_actions
            .iter()
            .map(|x| (Kind::CourtAction, x.id.0, &x.common));
        let commentary = self
            .commentary
            .iter()
            .map(|x| (Kind::Commentary, x.id.0, &x.common));
        policies.chain(actions).chain(commentary)
    }

    /// The number of entries of `kind`.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Policy => self.policies.len(),
            Kind::CourtAction => self.court_actions.len(),
            Kind::Commentary => self.commentary.len(),
        }
    }

    /// The `i`th entry of `kind`, in id order.
    pub fn entry(&self, kind: Kind, i: usize) -> EntryRef<'_> {
        match kind {
            Kind::Policy => {
                let p = &self.policies[i];
                EntryRef::new(kind, p.id.0, p.announced, &p.common)
            }
            Kind::CourtAction => {
                let x = &self.court_actions[i];
                EntryRef::new(kind, x.id.0, x.date, &x.common)
            }
            Kind::Commentary => {
                let x = &self.commentary[i];
                EntryRef::new(kind, x.id.0, x.date, &x.common)
            }
        }
    }

    /// Every entry, policies, court actions, then commentary, each kind by id.
    pub fn all(&self) -> impl Iterator<Item = EntryRef<'_>> {
        Kind::ALL
            .into_iter()
            .flat_map(move |k| (0..self.count(k)).map(move |i| self.entry(k, i)))
    }
}

/// An entry of any kind, borrowed: what every kind has, for the code that
/// treats the three kinds alike (written once rather than once a kind).
#[derive(Clone, Copy, Debug)]
pub struct EntryRef<'a> {
    pub kind: Kind,
    pub id: Id,
    /// A policy's announcement, a court action's or a commentary's date.
    pub date: Date,
    pub common: &'a Common,
}

impl<'a> EntryRef<'a> {
    fn new(kind: Kind, id: Id, date: Date, common: &'a Common) -> EntryRef<'a> {
        EntryRef {
            kind,
            id,
            date,
            common,
        }
    }

    /// When it last changed: its `updated` date, or else its date.
    pub fn last_change(&self) -> NaiveDate {
        let start = self.date.start();
        self.common.updated.unwrap_or(start).max(start)
    }
}

/// Loads every entry under `root/content`. Files are read and parsed in
/// parallel; the result does not depend on the order or the thread count.
pub fn load(
    root: &Path,
    config: &Config,
    include_drafts: bool,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Corpus {
    assemble(read_all(root, config, sources, diags), include_drafts)
}

/// Every file of `content/` read and parsed: what [`assemble`] builds the
/// corpus of.
#[derive(Default)]
pub struct Read {
    /// Entry files, in the order of their paths.
    pub entries: Vec<(Kind, meta::Parsed)>,
    /// Case files, in the order of their paths.
    pub cases: Cases,
    pub documents: BTreeSet<DocPath>,
}

/// The case files read, in the order of their paths.
#[derive(Clone, Debug, Default)]
pub struct Cases {
    /// Those without errors.
    pub files: Vec<Arc<CaseFile>>,
    /// What those with errors refer to.
    pub unparsed: Vec<case::UnparsedCase>,
}

impl Cases {
    pub fn push(&mut self, parsed: Result<Arc<CaseFile>, case::UnparsedCase>) {
        match parsed {
            Ok(file) => self.files.push(file),
            Err(unparsed) => self.unparsed.push(unparsed),
        }
    }
}

/// Reads and parses every entry and case file under `root/content`, in the
/// order of their paths, and lists the documents: what [`assemble`] builds
/// the corpus of, for callers that add entries of their own first.
pub fn read_all(
    root: &Path,
    config: &Config,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Read {
    let listing = walk::walk(root, diags);
    let first = sources.len() as u32;
    // Pieces of at most 32 files, so that the last pieces are shared out:
    // with rayon's own halving, one thread read the last quarter of the
    // files alone while the other waited.
    let files: Vec<FileResult> = listing
        .entries
        .par_iter()
        .with_max_len(32)
        .enumerate()
        .map(|(i, (kind, path))| parse_file(root, *kind, path, FileId(first + i as u32), config))
        .collect();
    let mut entries = Vec::with_capacity(files.len());
    for f in files {
        sources.add(f.source);
        diags.extend(f.diags);
        entries.push((f.kind, f.parsed));
    }
    let cases = read_cases(root, &listing.cases, config, sources, diags);
    Read {
        entries,
        cases,
        documents: listing.documents,
    }
}

/// Reads and parses the case files `paths`, in that order.
pub fn read_cases(
    root: &Path,
    paths: &[std::path::PathBuf],
    config: &Config,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Cases {
    let mut cases = Cases::default();
    for path in paths {
        let file = FileId(sources.len() as u32);
        let mut ds = Vec::new();
        let (source, readable) = read_source(root, path, file, &mut ds);
        if readable {
            cases.push(case::parse(file, &source, config, &mut ds));
        }
        sources.add(source);
        diags.extend(ds);
    }
    cases
}

/// One entry file read and parsed, with its own diagnostics.
pub struct FileResult {
    pub source: SourceFile,
    pub kind: Kind,
    pub parsed: meta::Parsed,
    pub diags: Vec<Diagnostic>,
}

/// Reads and parses one entry file, which will be `file` in the sources.
pub fn parse_file(
    root: &Path,
    kind: Kind,
    path: &Path,
    file: FileId,
    config: &Config,
) -> FileResult {
    let mut diags = Vec::new();
    let (source, readable) = read_source(root, path, file, &mut diags);
    let mut parsed = if readable {
        meta::parse(kind, file, &source, config, &mut diags)
    } else {
        meta::Parsed {
            entry: None,
            id: None,
            body: None,
            documents: Vec::new(),
            references: None,
        }
    };
    if parsed.entry.is_none() && parsed.id.is_none() {
        // The file's own errors are reported; references to the entry it
        // was meant to be are not errors of their own.
        parsed.id = meta::id_written(&source.text).or_else(|| meta::id_in_name(path));
    }
    FileResult {
        source,
        kind,
        parsed,
        diags,
    }
}

/// Builds the corpus from parsed files, given in the order of their paths.
pub fn assemble(read: Read, include_drafts: bool) -> Corpus {
    let mut corpus = Corpus {
        documents: read.documents,
        cases: read.cases.files,
        ..Corpus::default()
    };
    // A case file with errors makes no case; its body's links and what it
    // refers to are checked like those of an entry with errors.
    for unparsed in read.cases.unparsed {
        corpus.unparsed_bodies.extend(unparsed.body);
        corpus.unparsed_references.push(meta::References {
            from: None,
            policies: unparsed
                .policies
                .into_iter()
                .map(|r| ("challenges", r))
                .collect(),
            related: Vec::new(),
            announced: None,
            filed: None,
        });
        corpus.unparsed_case_refs.extend(unparsed.cases);
        corpus
            .unparsed_case_keys
            .extend(unparsed.key.map(|key| *key));
        corpus.unreadable_dockets.extend(unparsed.docket);
    }
    for (kind, parsed) in read.entries {
        let Some(entry) = parsed.entry else {
            if let Some(id) = parsed.id {
                corpus.unreadable.insert((kind, id));
            }
            if let Some((kind, id)) = parsed.references.as_ref().and_then(|r| r.from.clone()) {
                corpus.left_out_ids.push((kind, id));
            }
            corpus.unparsed_bodies.extend(parsed.body);
            corpus.unparsed_documents.extend(parsed.documents);
            corpus.unparsed_references.extend(parsed.references);
            continue;
        };
        let (id, common) = match &entry {
            Entry::Policy(p) => (p.id.0, &p.common),
            Entry::CourtAction(c) => (c.id.0, &c.common),
            Entry::Commentary(c) => (c.id.0, &c.common),
        };
        if common.draft && !include_drafts {
            corpus.drafts.insert((kind, id));
            let span = common.id_span;
            corpus.left_out_ids.push((kind, At { value: id, span }));
            continue;
        }
        match entry {
            Entry::Policy(p) => corpus.policies.push(p),
            Entry::CourtAction(c) => corpus.court_actions.push(c),
            Entry::Commentary(c) => corpus.commentary.push(c),
        }
    }
    // Stable sorts: equal ids keep file order, and the graph reports them as duplicates.
    corpus.policies.sort_by_key(|p| p.id);
    corpus.court_actions.sort_by_key(|c| c.id);
    corpus.commentary.sort_by_key(|c| c.id);
    corpus
}

/// Reads one entry file. A file that cannot be read or is not UTF-8 still
/// gets a [`SourceFile`] (empty, or decoded lossily) so that its diagnostic
/// can point into it; the `bool` says whether the text can be parsed.
fn read_source(
    root: &Path,
    path: &Path,
    file: FileId,
    ds: &mut Vec<Diagnostic>,
) -> (SourceFile, bool) {
    let name = crate::source::display_name(root, path);
    let bytes = match crate::sitefs::read(path) {
        Ok(bytes) => bytes,
        Err(_) if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) => {
            // Made a link since it was listed (the preview reads files again).
            ds.push(crate::sitefs::link_error(root, path));
            return (
                SourceFile::new(name, path.to_path_buf(), String::new()),
                false,
            );
        }
        Err(e) => {
            ds.push(Diagnostic::new(
                crate::diag::Severity::Error,
                crate::diag::Code::Io,
                None,
                format!("cannot read {name}: {e}"),
            ));
            return (
                SourceFile::new(name, path.to_path_buf(), String::new()),
                false,
            );
        }
    };
    decode(name, path, bytes, file, ds)
}

/// Turns an entry file's bytes into its [`SourceFile`]; bytes that are not
/// UTF-8 are decoded lossily, with a diagnostic at the first bad one, and the
/// `bool` is false.
pub fn decode(
    name: String,
    path: &Path,
    bytes: Vec<u8>,
    file: FileId,
    ds: &mut Vec<Diagnostic>,
) -> (SourceFile, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = crate::sitefs::replace_controls(text, file, ds);
            (SourceFile::new(name, path.to_path_buf(), text), true)
        }
        Err(e) => {
            let bom = if e.as_bytes().starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            let at = e.utf8_error().valid_up_to() - bom;
            let source = SourceFile::new(
                name,
                path.to_path_buf(),
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
            );
            let end = source.text[at..]
                .chars()
                .next()
                .map_or(at, |c| at + c.len_utf8());
            ds.push(
                Diagnostic::error(
                    crate::diag::Code::NotUtf8,
                    Span::new(file, at..end),
                    "this file is not valid UTF-8",
                )
                .label("the first byte that is not UTF-8")
                .help("save the file as UTF-8 (editors offer it under \"Save with encoding\")"),
            );
            (source, false)
        }
    }
}
