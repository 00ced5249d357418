//! Front matter: TOML → one typed entry per kind.
//!
//! Parsing goes through two types, as ripgrep's flags do. The `*Front`
//! structs of [`super::front`] are what serde reads (`deny_unknown_fields`,
//! every key optional and spanned), so that one file's every problem can be
//! found in one pass:
//! unknown keys, missing keys and each badly typed value are reported
//! separately. [`Policy`], [`CourtAction`] and [`Commentary`] are what the
//! rest of docket sees: required keys present, vocabulary values checked,
//! documents resolved to a file or a URL.

use std::ops::Range;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::front::{
    deserialize, CommentaryFront, CourtActionFront, DocumentFront, Front, FrontDate, IdList, Key,
    List, PolicyFront, RawId,
};
use super::split::{split, SplitError};
use super::{
    vocab, Commentary, CommentaryId, Common, CourtAction, CourtActionId, DocPath, Document,
    DocumentSource, Entry, Kind, Policy, PolicyId, Term,
};
use crate::config::{Config, Vocab};
use crate::diag::{Code, Diagnostic};
use crate::source::{At, FileId, SourceFile, Span};
use crate::syntax;
use crate::url::is_web_url;

/// Where diagnostics of one file go, and how to turn front-matter-relative
/// positions into file positions.
pub(super) struct Cx<'a> {
    file: FileId,
    /// Offset of the front matter in the file.
    offset: usize,
    /// The opening `+++`: where problems of the front matter as a whole point.
    pub(super) fence: Span,
    ds: &'a mut Vec<Diagnostic>,
    config: &'a Config,
    /// The keys of this kind of entry, for examples in help.
    keys: &'static [Key],
    failed: bool,
    /// The TOML had syntax errors: a key may be missing only because of
    /// them, so missing keys are not reported.
    pub(super) recovered: bool,
    /// Where syntax errors are: a bad value there is already reported.
    pub(super) syntax: Vec<Range<usize>>,
}

impl Cx<'_> {
    pub(super) fn span(&self, r: Range<usize>) -> Span {
        Span::new(self.file, r.start + self.offset..r.end + self.offset)
    }

    pub(super) fn error(&mut self, d: Diagnostic) {
        self.failed = true;
        self.ds.push(d);
    }

    fn term(&mut self, vocab: Vocab, key: &str, value: &Spanned<String>) -> Option<Term> {
        let span = self.span(value.span());
        if value.get_ref().trim().is_empty() {
            let help = match vocab::choices(&self.config.vocabulary, vocab) {
                Some(list) => format!("choose one of {list}"),
                None => format!("write it like {}", self.example(key)),
            };
            self.empty(key, span, help);
            return None;
        }
        match vocab::check(&self.config.vocabulary, vocab, key, value.get_ref(), span) {
            Ok(t) => Some(t),
            Err(d) => {
                self.error(d);
                None
            }
        }
    }

    fn terms(&mut self, vocab: Vocab, key: &str, list: &Option<List>) -> Vec<Term> {
        let Some(list) = list else { return Vec::new() };
        if list.get_ref().is_empty() {
            let span = self.span(list.span());
            let help = match vocab::choices(&self.config.vocabulary, vocab) {
                Some(list) => format!("choose one or more of {list}"),
                None => format!("write it like {}", self.example(key)),
            };
            self.error(
                Diagnostic::error(
                    Code::EmptyList,
                    span,
                    format!("`{key}` needs at least one value"),
                )
                .label("empty list")
                .help(help),
            );
        }
        list.get_ref()
            .iter()
            .filter_map(|v| self.term(vocab, key, v))
            .collect()
    }

    /// A required text, which may not be left empty.
    fn text(&mut self, key: &str, value: Option<Spanned<String>>) -> Option<At<String>> {
        let value = value?;
        let span = self.span(value.span());
        if value.get_ref().trim().is_empty() {
            self.empty(key, span, format!("write it like {}", self.example(key)));
            return None;
        }
        Some(At {
            span,
            value: value.into_inner(),
        })
    }

    fn example(&self, key: &str) -> &'static str {
        self.keys
            .iter()
            .find(|k| k.name == key)
            .map_or("the book shows", |k| k.example)
    }

    fn empty(&mut self, key: &str, span: Span, help: String) {
        self.error(
            Diagnostic::error(Code::EmptyValue, span, format!("`{key}` is empty"))
                .label("no value yet")
                .help(help),
        );
    }

    /// The ids of a relation; `required` lists need at least one.
    fn ids<T>(
        &mut self,
        key: &str,
        list: Option<IdList>,
        required: bool,
        make: fn(u32) -> T,
    ) -> Vec<At<T>> {
        let Some(list) = list else { return Vec::new() };
        if required && list.get_ref().is_empty() {
            let span = self.span(list.span());
            self.error(
                Diagnostic::error(
                    Code::EmptyList,
                    span,
                    format!("`{key}` needs at least one policy id"),
                )
                .label("empty list")
                .help(format!(
                    "give the id of each policy, like {key} = [1491]; the id is the number on the policy's page"
                )),
            );
        }
        let mut out = Vec::new();
        for item in list.into_inner() {
            let span = self.span(item.span());
            match item.into_inner().0 {
                Ok(id) => out.push(At {
                    span,
                    value: make(id.0),
                }),
                Err(why) => self.error(
                    Diagnostic::error(Code::InvalidId, span, format!("bad id in `{key}`: {why}"))
                        .label("not a policy id")
                        .help(format!("policy ids are whole numbers, like {key} = [1491]")),
                ),
            }
        }
        out
    }

    fn url(&mut self, key: &str, url: Option<Spanned<String>>) -> Option<String> {
        let url = url?;
        if is_web_url(url.get_ref()) {
            return Some(url.into_inner());
        }
        let span = self.span(url.span());
        self.error(
            Diagnostic::error(
                Code::InvalidUrl,
                span,
                format!("`{key}` must be an http or https URL"),
            )
            .label("not an http(s) URL")
            .help("write the full address, starting with https:// (or http://)"),
        );
        None
    }

    /// Old paths of the entry, each normalised to the file a redirect is
    /// written to (`old/path/` → `old/path/index.html`).
    fn aliases(&mut self, aliases: Option<Vec<Spanned<String>>>) -> Vec<At<String>> {
        let mut out = Vec::new();
        for a in aliases.unwrap_or_default() {
            let span = self.span(a.span());
            match alias_path(a.get_ref()) {
                Ok(path) => out.push(At { value: path, span }),
                Err(why) => self.error(
                    Diagnostic::error(
                        Code::InvalidAlias,
                        span,
                        format!("alias \"{}\" {why}", a.get_ref()),
                    )
                    .label("this alias")
                    .help("an alias is the entry's old path inside the site, like aliases = [\"old/path/\"] or [\"policy-1491.html\"]"),
                ),
            }
        }
        out
    }

    fn documents(&mut self, docs: Option<Vec<Spanned<DocumentFront>>>) -> Vec<Document> {
        let mut out = Vec::new();
        for d in docs.unwrap_or_default() {
            let table = self.span(d.span());
            let d = d.into_inner();
            let title = match d.title {
                Some(t) => t.into_inner(),
                None => {
                    self.error(
                        Diagnostic::error(Code::MissingKey, table, "a document needs a `title`")
                            .label("this document has no title")
                            .help("add title = \"…\" to the [[documents]] table"),
                    );
                    continue;
                }
            };
            let (source, span) = match (d.file, d.url) {
                (Some(file), None) => {
                    let span = self.span(file.span());
                    match doc_path(file.get_ref()) {
                        Ok(p) => (DocumentSource::File(p), span),
                        Err(why) => {
                            self.error(
                                Diagnostic::error(Code::DocumentOutside, span, format!("document path \"{}\" {why}", file.get_ref()))
                                    .label("outside content/documents/")
                                    .help("put the file in content/documents/ and give its path from there, like file = \"2025-01-31-directive.pdf\""),
                            );
                            continue;
                        }
                    }
                }
                (None, Some(url)) => {
                    let span = self.span(url.span());
                    match self.url("url", Some(url)) {
                        Some(u) => (DocumentSource::Url(u), span),
                        None => continue,
                    }
                }
                (file, url) => {
                    let both = file.is_some() && url.is_some();
                    self.error(
                        Diagnostic::error(
                            Code::DocumentSource,
                            table,
                            if both {
                                "a document has both `file` and `url`"
                            } else {
                                "a document has neither `file` nor `url`"
                            },
                        )
                        .label("in this document")
                        .help("give exactly one: file = \"…\" for a file in content/documents/, or url = \"https://…\""),
                    );
                    continue;
                }
            };
            out.push(Document {
                title,
                date: d.date.map(|d| d.0),
                source,
                source_span: span,
            });
        }
        out
    }
}

/// Normalises a `file` value to a path inside `content/documents/`.
fn doc_path(raw: &str) -> Result<DocPath, &'static str> {
    let raw = raw.replace('\\', "/");
    let raw = raw.strip_prefix("content/documents/").unwrap_or(&raw);
    if raw.starts_with('/') || raw.get(1..2) == Some(":") {
        return Err("is absolute");
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in raw.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("leads outside content/documents/");
                }
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Err("names no file");
    }
    Ok(DocPath(parts.join("/")))
}

/// Normalises an alias to the site-relative file its redirect page is
/// written to. A leading `/` means the site's root, not the host's, so that
/// the site can live under any sub-path; a path without an extension is a
/// folder (`old/path` → `old/path/index.html`).
pub fn alias_path(raw: &str) -> Result<String, &'static str> {
    let raw = raw.trim();
    if raw.contains("://") || raw.starts_with("//") {
        return Err("is a URL; an alias is a path inside the site");
    }
    if raw.contains(['\\', '?', '#']) || raw.chars().any(char::is_control) {
        return Err("has a character that cannot be part of a file path (\\, ? or #)");
    }
    let trimmed = raw.trim_start_matches('/');
    let folder = trimmed.ends_with('/');
    let parts: Vec<&str> = trimmed.trim_end_matches('/').split('/').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(if trimmed.is_empty() {
            "names the site's home page, which is never an alias"
        } else {
            "has an empty folder name (`//`)"
        });
    }
    if parts.iter().any(|p| p.starts_with('.')) {
        return Err("has a part starting with `.`: `..` cannot leave the site, and hidden files are not served");
    }
    // An alias must be written as it is, so it cannot be shortened the way
    // slugs are; a name file systems refuse would pass `check` and fail `build`.
    if parts.iter().any(|p| p.len() > 255) {
        return Err("has a folder or file name longer than 255 bytes, which file systems refuse");
    }
    let last = parts[parts.len() - 1];
    let page = !folder && (last.ends_with(".html") || last.ends_with(".htm"));
    let mut path = parts.join("/");
    if !page {
        path.push_str("/index.html");
    }
    Ok(path)
}

/// What parsing one file gave.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The entry, if the file has no error.
    pub entry: Option<Entry>,
    /// The id, if it could be read even though the file has errors: other
    /// entries' references to it are then not reported a second time.
    pub id: Option<u32>,
    /// The file and where its body starts, if the front matter could be
    /// told from the body.
    pub body: Option<(FileId, usize)>,
    /// The documents of an entry that has errors, as far as they could be
    /// read: their files are checked all the same, so that one run reports
    /// every problem of the entry.
    pub documents: Vec<Document>,
}

impl Parsed {
    fn failed(id: Option<u32>, body: Option<(FileId, usize)>) -> Parsed {
        Parsed {
            entry: None,
            id,
            body,
            documents: Vec::new(),
        }
    }
}

/// Parses one entry file. Every problem goes into `ds`.
pub fn parse(
    kind: Kind,
    file: FileId,
    source: &SourceFile,
    config: &Config,
    ds: &mut Vec<Diagnostic>,
) -> Parsed {
    let text = &source.text;
    let parts = match split(text) {
        Ok(p) => p,
        Err(e) => {
            ds.push(split_error(kind, file, e));
            return Parsed::failed(None, None);
        }
    };
    let front_text = &text[parts.front.clone()];
    let mut cx = Cx {
        file,
        offset: parts.front.start,
        fence: Span::new(file, 0..3),
        ds,
        config,
        failed: false,
        recovered: false,
        syntax: Vec::new(),
        keys: match kind {
            Kind::Policy => PolicyFront::KEYS,
            Kind::CourtAction => CourtActionFront::KEYS,
            Kind::Commentary => CommentaryFront::KEYS,
        },
    };
    // toml recovers from syntax errors: report them all, then go on checking
    // what could be read, so one run shows every problem of the file.
    let (table, errors) = DeTable::parse_recoverable(front_text);
    for e in errors {
        cx.recovered = true;
        let at = e.span().unwrap_or(0..0);
        cx.syntax.push(at.clone());
        let x = syntax::explain(front_text, at.clone(), e.message());
        let mut d = Diagnostic::error(x.code, cx.span(at), x.message)
            .label(x.label)
            .help(x.help);
        if let Some(first) = x.first {
            d = d.note(cx.span(first), "first set here");
        }
        cx.error(d);
    }
    let mut table = table;
    scrub(table.get_mut(), None, &mut cx);
    let body_start = parts.body.start;
    let (entry, id, documents) = match kind {
        Kind::Policy => {
            let mut f: PolicyFront = deserialize(table, &mut cx);
            let id = f.id.as_ref().map(|i| i.get_ref().0);
            let documents = cx.documents(f.documents.take());
            let p = policy(f, documents.clone(), body_start, &mut cx);
            (p.map(|p| Entry::Policy(Arc::new(p))), id, documents)
        }
        Kind::CourtAction => {
            let mut f: CourtActionFront = deserialize(table, &mut cx);
            let id = f.id.as_ref().map(|i| i.get_ref().0);
            let documents = cx.documents(f.documents.take());
            let c = court_action(f, documents.clone(), body_start, &mut cx);
            (c.map(|c| Entry::CourtAction(Arc::new(c))), id, documents)
        }
        Kind::Commentary => {
            let mut f: CommentaryFront = deserialize(table, &mut cx);
            let id = f.id.as_ref().map(|i| i.get_ref().0);
            let documents = cx.documents(f.documents.take());
            let c = commentary(f, documents.clone(), body_start, &mut cx);
            (c.map(|c| Entry::Commentary(Arc::new(c))), id, documents)
        }
    };
    match entry.filter(|_| !cx.failed) {
        Some(entry) => Parsed {
            entry: Some(entry),
            id,
            body: Some((file, body_start)),
            documents: Vec::new(),
        },
        None => Parsed {
            documents,
            ..Parsed::failed(id, Some((file, body_start)))
        },
    }
}

/// Replaces each stray control character of the front matter's text
/// values (only escapes like `\u0000` or `\b` can write one) with U+FFFD,
/// with a warning at the value: it would reach the pages invisibly.
fn scrub(table: &mut DeTable<'_>, key: Option<&str>, cx: &mut Cx<'_>) {
    for (k, v) in table.iter_mut() {
        scrub_value(v, key.unwrap_or(k.get_ref()), cx);
    }
}

fn scrub_value(value: &mut Spanned<DeValue<'_>>, key: &str, cx: &mut Cx<'_>) {
    let span = value.span();
    match value.get_mut() {
        DeValue::String(s) if crate::escape::has_stray_control(s) => {
            *s = crate::escape::replace_controls(s).into_owned().into();
            let at = cx.span(span);
            cx.ds.push(
                Diagnostic::warning(
                    Code::ControlCharacter,
                    at,
                    format!("the text of `{key}` holds a control character"),
                )
                .label("an escape of an invisible control character")
                .help(
                    "remove the escape (like \\u0000, \\b or \\f): the page shows it as \u{fffd}",
                ),
            );
        }
        DeValue::Array(items) => {
            for item in items.iter_mut() {
                scrub_value(item, key, cx);
            }
        }
        DeValue::Table(t) => scrub(t, Some(key), cx),
        _ => {}
    }
}

/// The id of the first `id = N` line of a front matter, read without
/// parsing it: a file with errors still tells which entry it was meant to be.
pub fn id_written(text: &str) -> Option<u32> {
    let mut lines = text.lines().map(str::trim);
    if lines.next() != Some("+++") {
        return None;
    }
    lines
        .take_while(|l| *l != "+++" && !l.starts_with('['))
        .find_map(|line| {
            let value = line.strip_prefix("id")?.trim_start().strip_prefix('=')?;
            leading_id(value.trim_start())
        })
}

/// The number a file name starts with (`1491-interim-guidance.md`), which
/// `docket new` makes the entry's id.
pub fn id_in_name(path: &std::path::Path) -> Option<u32> {
    leading_id(&path.file_name()?.to_string_lossy())
}

fn leading_id(s: &str) -> Option<u32> {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    s[..digits].parse().ok().filter(|&n| n > 0)
}

fn split_error(kind: Kind, file: FileId, e: SplitError) -> Diagnostic {
    let example = format!(
        "+++\nid = …\ntitle = \"…\"\n+++\n(see the book for every key of a {})",
        kind.name()
    );
    match e {
        SplitError::Empty => Diagnostic::error(Code::EmptyFile, Span::new(file, 0..0), "this file is empty")
            .label("empty file")
            .help(format!("an entry starts with its front matter between +++ lines:\n{example}")),
        SplitError::NoOpening(line) => {
            Diagnostic::error(Code::NoFrontMatter, Span::new(file, line), "this file does not start with `+++` front matter")
                .label("expected `+++` alone on the first line")
                .help(format!(
                    "an entry starts with its front matter between +++ lines (TOML, not YAML `---`):\n{example}"
                ))
        }
        SplitError::NoClosing(line) => {
            Diagnostic::error(Code::UnclosedFrontMatter, Span::new(file, line), "the front matter is never closed")
                .label("opened here")
                .help("end the front matter with a line holding only +++, before the Markdown body")
        }
    }
}

fn common(
    id: &Option<Spanned<RawId>>,
    title: Option<Spanned<String>>,
    updated: Option<FrontDate>,
    draft: Option<bool>,
    aliases: Vec<At<String>>,
    body_start: usize,
    cx: &mut Cx<'_>,
) -> Option<(u32, Common)> {
    let title = cx.text("title", title);
    let id = id.as_ref()?;
    Some((
        id.get_ref().0,
        Common {
            file: cx.file,
            id_span: cx.span(id.span()),
            title: title?.value,
            updated: updated.map(|d| d.0),
            draft: draft.unwrap_or(false),
            aliases,
            body_start,
        },
    ))
}

fn policy(
    f: PolicyFront,
    documents: Vec<Document>,
    body_start: usize,
    cx: &mut Cx<'_>,
) -> Option<Policy> {
    let administration = f
        .administration
        .as_ref()
        .and_then(|v| cx.term(Vocab::Administrations, "administration", v));
    let action = f
        .action
        .as_ref()
        .and_then(|v| cx.term(Vocab::Actions, "action", v));
    let current_status = f
        .current_status
        .as_ref()
        .and_then(|v| cx.term(Vocab::CurrentStatuses, "current_status", v));
    let status = cx.terms(Vocab::Statuses, "status", &f.status);
    let subjects = cx.terms(Vocab::Subjects, "subjects", &f.subjects);
    let agencies = cx.terms(Vocab::Agencies, "agencies", &f.agencies);
    let supersedes = cx.ids("supersedes", f.supersedes, false, PolicyId);
    let implements = cx.ids("implements", f.implements, false, PolicyId);
    let aliases = cx.aliases(f.aliases);
    let (id, common) = common(&f.id, f.title, f.updated, f.draft, aliases, body_start, cx)?;
    Some(Policy {
        id: PolicyId(id),
        common,
        administration: administration?,
        announced: f.announced?.0,
        effective: f.effective.map(|d| d.0),
        status: f.status.map(|_| status)?,
        action: action?,
        subjects: f.subjects.map(|_| subjects)?,
        agencies: f.agencies.map(|_| agencies)?,
        current_status,
        identifiers: f.identifiers.unwrap_or_default().into_iter().collect(),
        supersedes,
        implements,
        documents,
    })
}

fn court_action(
    f: CourtActionFront,
    documents: Vec<Document>,
    body_start: usize,
    cx: &mut Cx<'_>,
) -> Option<CourtAction> {
    let court = f
        .court
        .as_ref()
        .and_then(|v| cx.term(Vocab::Courts, "court", v));
    let filing = f
        .filing
        .as_ref()
        .and_then(|v| cx.term(Vocab::Filings, "filing", v));
    let challenges = cx.ids("challenges", f.challenges, true, PolicyId);
    let url = cx.url("url", f.url);
    let case = cx.text("case", f.case);
    let aliases = cx.aliases(f.aliases);
    let docket = cx.text("docket", f.docket);
    let (id, common) = common(&f.id, f.title, f.updated, f.draft, aliases, body_start, cx)?;
    Some(CourtAction {
        id: CourtActionId(id),
        common,
        date: f.date?.0,
        case: case?,
        docket: docket?.value,
        court: court?,
        filing: filing?,
        challenges,
        url,
        documents,
    })
}

fn commentary(
    f: CommentaryFront,
    documents: Vec<Document>,
    body_start: usize,
    cx: &mut Cx<'_>,
) -> Option<Commentary> {
    let about = cx.ids("about", f.about, true, PolicyId);
    let url = cx.url("url", f.url);
    let source = cx.text("source", f.source);
    let aliases = cx.aliases(f.aliases);
    let (id, common) = common(&f.id, f.title, f.updated, f.draft, aliases, body_start, cx)?;
    Some(Commentary {
        id: CommentaryId(id),
        common,
        date: f.date?.0,
        source: source?.value,
        url,
        about,
        documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_become_the_files_of_their_redirects() {
        assert_eq!(
            alias_path("old/path/").as_deref(),
            Ok("old/path/index.html")
        );
        assert_eq!(
            alias_path("/old/path").as_deref(),
            Ok("old/path/index.html")
        );
        assert_eq!(alias_path("p/1491.html").as_deref(), Ok("p/1491.html"));
        assert_eq!(
            alias_path("p/1491.html/").as_deref(),
            Ok("p/1491.html/index.html")
        );
        assert!(alias_path("").is_err());
        assert!(alias_path("/").is_err());
        assert!(alias_path("../x/").is_err());
        assert!(alias_path("a//b").is_err());
        assert!(alias_path("a/.git/").is_err());
        assert!(alias_path("https://example.org/x/").is_err());
        assert!(alias_path("x?y=1").is_err());
        assert!(alias_path(&format!("old/{}/", "x".repeat(256))).is_err());
        assert!(alias_path(&format!("old/{}/", "x".repeat(255))).is_ok());
    }

    #[test]
    fn a_broken_file_still_tells_its_id() {
        assert_eq!(id_written("+++\ntitle = \"x\"\nid = 14\n+++\n"), Some(14));
        assert_eq!(id_written("+++\ntitle = [\nid=7 # the id\n"), Some(7));
        assert_eq!(id_written("+++\n[[documents]]\nid = 3\n+++\n"), None);
        assert_eq!(id_written("---\nid: 3\n---\n"), None);
        assert_eq!(id_written("+++\nid = 99999999999\n+++\n"), None);
        let name = |n: &str| id_in_name(std::path::Path::new(n));
        assert_eq!(name("content/policies/1491-guidance.md"), Some(1491));
        assert_eq!(name("guidance.md"), None);
        assert_eq!(name("0-x.md"), None);
    }

    #[test]
    fn document_paths_stay_inside_documents() {
        assert_eq!(doc_path("a/b.pdf"), Ok(DocPath("a/b.pdf".into())));
        assert_eq!(
            doc_path("content/documents/a.pdf"),
            Ok(DocPath("a.pdf".into()))
        );
        assert_eq!(doc_path("./a/../b.pdf"), Ok(DocPath("b.pdf".into())));
        assert!(doc_path("../docket.toml").is_err());
        assert!(doc_path("a/../../x").is_err());
        assert!(doc_path("/etc/passwd").is_err());
        assert!(doc_path("C:\\x").is_err());
        assert!(doc_path("").is_err());
    }
}
