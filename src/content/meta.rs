//! Front matter: TOML → one typed entry per kind.
//!
//! Parsing goes through two types, as ripgrep's flags do. The `*Front`
//! structs are what serde reads (`deny_unknown_fields`, every key optional
//! and spanned), so that one file's every problem can be found in one pass:
//! unknown keys, missing keys and each badly typed value are reported
//! separately. [`Policy`], [`CourtAction`] and [`Commentary`] are what the
//! rest of docket sees: required keys present, vocabulary values checked,
//! documents resolved to a file or a URL.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::de::{DeserializeOwned, Error as _};
use serde::Deserialize;
use toml::de::{DeTable, Deserializer};
use toml::Spanned;

use super::split::{split, SplitError};
use super::syntax;
use super::{
    is_web_url, vocab, Commentary, CommentaryId, Common, CourtAction, CourtActionId, DocPath,
    Document, DocumentSource, Entry, Kind, Policy, PolicyId, Term,
};
use crate::config::{Config, Vocab};
use crate::diag::{nearest, Code, Diagnostic};
use crate::source::{At, FileId, SourceFile, Span};

/// A positive integer id as written; which kind it names depends on the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawId(pub u32);

impl<'de> Deserialize<'de> for RawId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        raw_id(toml::Value::deserialize(d)?).map_err(D::Error::custom)
    }
}

/// One id of a list, read without failing: a bad one is reported at its own
/// place in the list, and the others are still checked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct IdItem(Result<RawId, String>);

impl<'de> Deserialize<'de> for IdItem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(IdItem(raw_id(toml::Value::deserialize(d)?)))
    }
}

fn raw_id(v: toml::Value) -> Result<RawId, String> {
    match v {
        toml::Value::Integer(i) if i > 0 && i <= i64::from(u32::MAX) => Ok(RawId(i as u32)),
        toml::Value::Integer(i) if i > 0 => Err(format!("{i} is too large for an id")),
        toml::Value::Integer(i) => Err(format!("an id must be a positive whole number, not {i}")),
        toml::Value::String(s) if s.trim().parse::<u32>().is_ok_and(|n| n > 0) => Err(format!(
            "an id is a number, not text: write {} without quotes",
            s.trim()
        )),
        other => Err(format!(
            "an id must be a positive whole number, found {}",
            describe(&other)
        )),
    }
}

/// A calendar date written as an unquoted TOML date (`2025-01-31`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontDate(pub NaiveDate);

impl<'de> Deserialize<'de> for FrontDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match toml::Value::deserialize(d)? {
            toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(date), None, None) => {
                    NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))
                        .map(FrontDate)
                        .ok_or_else(|| D::Error::custom(format!("{date} is not a day of the calendar")))
                }
                (Some(date), _, _) => Err(D::Error::custom(format!(
                    "expected a date alone, found a date with a time: write {date}"
                ))),
                (None, _, _) => Err(D::Error::custom("expected a date like 2025-01-31, found a time of day")),
            },
            toml::Value::String(s) => Err(D::Error::custom(format!(
                "expected a date, found the text \"{s}\": write the date without quotes, like 2025-01-31"
            ))),
            other => Err(D::Error::custom(format!(
                "expected a date like 2025-01-31, found {}",
                describe(&other)
            ))),
        }
    }
}

fn describe(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("the text \"{s}\""),
        toml::Value::Integer(i) => format!("the number {i}"),
        toml::Value::Float(f) => format!("the number {f}"),
        toml::Value::Boolean(b) => format!("`{b}`"),
        toml::Value::Datetime(d) => format!("the date {d}"),
        toml::Value::Array(_) => "a list".into(),
        toml::Value::Table(_) => "a table".into(),
    }
}

/// What a key holds, for choosing the diagnostic code of a bad value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    Id,
    Date,
    Other,
}

/// A front matter key: its name, whether it is required, and an example
/// written into the help of a diagnostic about it.
struct Key {
    name: &'static str,
    required: bool,
    ty: Ty,
    example: &'static str,
}

const fn key(name: &'static str, required: bool, ty: Ty, example: &'static str) -> Key {
    Key {
        name,
        required,
        ty,
        example,
    }
}

const ALIASES_EXAMPLE: &str = "aliases = [\"old/path/\"]";

trait Front: DeserializeOwned + Default {
    const KEYS: &'static [Key];
}

type List = Spanned<Vec<Spanned<String>>>;
type IdList = Spanned<Vec<Spanned<IdItem>>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFront {
    id: Option<Spanned<RawId>>,
    title: Option<Spanned<String>>,
    administration: Option<Spanned<String>>,
    announced: Option<FrontDate>,
    effective: Option<FrontDate>,
    status: Option<List>,
    action: Option<Spanned<String>>,
    subjects: Option<List>,
    agencies: Option<List>,
    current_status: Option<Spanned<String>>,
    identifiers: Option<BTreeMap<String, String>>,
    supersedes: Option<IdList>,
    implements: Option<IdList>,
    documents: Option<Vec<Spanned<DocumentFront>>>,
    updated: Option<FrontDate>,
    draft: Option<bool>,
    aliases: Option<Vec<Spanned<String>>>,
}

impl Front for PolicyFront {
    const KEYS: &'static [Key] = &[
        key("id", true, Ty::Id, "id = 1491"),
        key(
            "title",
            true,
            Ty::Other,
            "title = \"Interim Guidance on …\"",
        ),
        key(
            "administration",
            true,
            Ty::Other,
            "administration = \"Trump 2.0\"",
        ),
        key("announced", true, Ty::Date, "announced = 2025-01-31"),
        key("effective", false, Ty::Date, "effective = 2025-01-31"),
        key(
            "status",
            true,
            Ty::Other,
            "status = [\"Final/Actual\", \"In Litigation\"]",
        ),
        key("action", true, Ty::Other, "action = \"Agency Directive\""),
        key(
            "subjects",
            true,
            Ty::Other,
            "subjects = [\"Interior Enforcement\"]",
        ),
        key("agencies", true, Ty::Other, "agencies = [\"ICE\"]"),
        key(
            "current_status",
            false,
            Ty::Other,
            "current_status = \"Fully in Effect\"",
        ),
        key(
            "identifiers",
            false,
            Ty::Other,
            "identifiers = { \"Directive\" = \"11005.4\" }",
        ),
        key("supersedes", false, Ty::Id, "supersedes = [312, 1102]"),
        key("implements", false, Ty::Id, "implements = [1400]"),
        key(
            "documents",
            false,
            Ty::Other,
            "[[documents]] with title = \"…\" and file = \"…\" or url = \"https://…\"",
        ),
        key("updated", false, Ty::Date, "updated = 2025-02-10"),
        key("draft", false, Ty::Other, "draft = true"),
        key("aliases", false, Ty::Other, ALIASES_EXAMPLE),
    ];
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CourtActionFront {
    id: Option<Spanned<RawId>>,
    title: Option<Spanned<String>>,
    date: Option<FrontDate>,
    case: Option<Spanned<String>>,
    docket: Option<Spanned<String>>,
    court: Option<Spanned<String>>,
    filing: Option<Spanned<String>>,
    challenges: Option<IdList>,
    url: Option<Spanned<String>>,
    documents: Option<Vec<Spanned<DocumentFront>>>,
    updated: Option<FrontDate>,
    draft: Option<bool>,
    aliases: Option<Vec<Spanned<String>>>,
}

impl Front for CourtActionFront {
    const KEYS: &'static [Key] = &[
        key("id", true, Ty::Id, "id = 1"),
        key(
            "title",
            true,
            Ty::Other,
            "title = \"Complaint - ICWC v. Noem\"",
        ),
        key("date", true, Ty::Date, "date = 2025-10-14"),
        key(
            "case",
            true,
            Ty::Other,
            "case = \"Immigration Center for Women and Children v. Noem\"",
        ),
        key("docket", true, Ty::Other, "docket = \"2:25-cv-09848\""),
        key("court", true, Ty::Other, "court = \"C.D. Cal.\""),
        key("filing", true, Ty::Other, "filing = \"Complaint\""),
        key("challenges", true, Ty::Id, "challenges = [1491]"),
        key(
            "url",
            false,
            Ty::Other,
            "url = \"https://www.courtlistener.com/…\"",
        ),
        key(
            "documents",
            false,
            Ty::Other,
            "[[documents]] with title = \"…\" and file = \"…\" or url = \"https://…\"",
        ),
        key("updated", false, Ty::Date, "updated = 2025-11-01"),
        key("draft", false, Ty::Other, "draft = true"),
        key("aliases", false, Ty::Other, ALIASES_EXAMPLE),
    ];
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentaryFront {
    id: Option<Spanned<RawId>>,
    title: Option<Spanned<String>>,
    date: Option<FrontDate>,
    source: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    about: Option<IdList>,
    documents: Option<Vec<Spanned<DocumentFront>>>,
    updated: Option<FrontDate>,
    draft: Option<bool>,
    aliases: Option<Vec<Spanned<String>>>,
}

impl Front for CommentaryFront {
    const KEYS: &'static [Key] = &[
        key("id", true, Ty::Id, "id = 1"),
        key(
            "title",
            true,
            Ty::Other,
            "title = \"AILA Practice Alert: …\"",
        ),
        key("date", true, Ty::Date, "date = 2025-03-03"),
        key(
            "source",
            true,
            Ty::Other,
            "source = \"American Immigration Lawyers Association (AILA)\"",
        ),
        key("url", false, Ty::Other, "url = \"https://www.aila.org/…\""),
        key("about", true, Ty::Id, "about = [1491]"),
        key(
            "documents",
            false,
            Ty::Other,
            "[[documents]] with title = \"…\" and file = \"…\" or url = \"https://…\"",
        ),
        key("updated", false, Ty::Date, "updated = 2025-03-10"),
        key("draft", false, Ty::Other, "draft = true"),
        key("aliases", false, Ty::Other, ALIASES_EXAMPLE),
    ];
}

/// One `[[documents]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentFront {
    title: Option<Spanned<String>>,
    date: Option<FrontDate>,
    file: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
}

/// Where diagnostics of one file go, and how to turn front-matter-relative
/// positions into file positions.
struct Cx<'a> {
    file: FileId,
    /// Offset of the front matter in the file.
    offset: usize,
    /// The opening `+++`: where problems of the front matter as a whole point.
    fence: Span,
    ds: &'a mut Vec<Diagnostic>,
    config: &'a Config,
    /// The keys of this kind of entry, for examples in help.
    keys: &'static [Key],
    failed: bool,
    /// The TOML had syntax errors: a key may be missing only because of
    /// them, so missing keys are not reported.
    recovered: bool,
    /// Where syntax errors are: a bad value there is already reported.
    syntax: Vec<Range<usize>>,
}

impl Cx<'_> {
    fn span(&self, r: Range<usize>) -> Span {
        Span::new(self.file, r.start + self.offset..r.end + self.offset)
    }

    fn error(&mut self, d: Diagnostic) {
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
            return Parsed {
                entry: None,
                id: None,
                body: None,
            };
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
    let body_start = parts.body.start;
    let (entry, id) = match kind {
        Kind::Policy => {
            let f: PolicyFront = deserialize(table, &mut cx);
            let id = f.id.as_ref().map(|i| i.get_ref().0);
            (
                policy(f, body_start, &mut cx).map(|p| Entry::Policy(Arc::new(p))),
                id,
            )
        }
        Kind::CourtAction => {
            let f: CourtActionFront = deserialize(table, &mut cx);
            let id = f.id.as_ref().map(|i| i.get_ref().0);
            (
                court_action(f, body_start, &mut cx).map(|c| Entry::CourtAction(Arc::new(c))),
                id,
            )
        }
        Kind::Commentary => {
            let f: CommentaryFront = deserialize(table, &mut cx);
            let id = f.id.as_ref().map(|i| i.get_ref().0);
            (
                commentary(f, body_start, &mut cx).map(|c| Entry::Commentary(Arc::new(c))),
                id,
            )
        }
    };
    Parsed {
        entry: entry.filter(|_| !cx.failed),
        id,
        body: Some((file, body_start)),
    }
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

/// Reads `table` into `T`, reporting every unknown key, missing required key
/// and bad value. Keys with bad values are left out, so that the checks of
/// the other keys still run.
fn deserialize<T: Front>(table: Spanned<DeTable<'_>>, cx: &mut Cx<'_>) -> T {
    let span = table.span();
    let map = table.into_inner();
    let known = |k: &str| T::KEYS.iter().any(|key| key.name == k);

    let unknown: Vec<(String, Range<usize>)> = map
        .keys()
        .filter(|k| !known(k.get_ref()))
        .map(|k| (k.get_ref().to_string(), k.span()))
        .collect();
    // A misspelt required key is reported once, as unknown with its right
    // spelling, not a second time as missing.
    let mut suggested: Vec<&str> = Vec::new();
    for (name, at) in unknown {
        let help = match nearest(&name, T::KEYS.iter().map(|k| k.name)) {
            Some(near) => {
                suggested.push(near);
                format!("did you mean `{near}`?")
            }
            None => format!(
                "the keys of this kind of entry are {}",
                T::KEYS
                    .iter()
                    .map(|k| format!("`{}`", k.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let at = cx.span(at);
        cx.error(
            Diagnostic::error(Code::UnknownKey, at, format!("unknown key `{name}`"))
                .label("not a key of this kind of entry")
                .help(help),
        );
    }
    let mut map: DeTable<'_> = map
        .into_iter()
        .filter(|(k, _)| known(k.get_ref()))
        .collect();

    let recovered = cx.recovered;
    for k in T::KEYS.iter().filter(|k| k.required && !recovered) {
        if !map.keys().any(|have| have.get_ref() == k.name) && !suggested.contains(&k.name) {
            let fence = cx.fence;
            cx.error(
                Diagnostic::error(
                    Code::MissingKey,
                    fence,
                    format!("missing required key `{}`", k.name),
                )
                .label(format!("this front matter has no `{}`", k.name))
                .help(format!("add it, like {}", k.example)),
            );
        }
    }

    match T::deserialize(Deserializer::from(Spanned::new(span.clone(), map.clone()))) {
        Ok(t) => t,
        Err(_) => {
            // Find each key whose value is at fault, report it, and read the rest.
            let keys: Vec<_> = map.keys().cloned().collect();
            for k in keys {
                let mut single = DeTable::new();
                if let Some((key, value)) = map.get_key_value(&k) {
                    single.insert(key.clone(), value.clone());
                }
                if let Err(e) =
                    T::deserialize(Deserializer::from(Spanned::new(span.clone(), single)))
                {
                    let spec = T::KEYS.iter().find(|s| s.name == k.get_ref().as_ref());
                    report_value(e, &k, spec, cx);
                    map.remove(&k);
                }
            }
            T::deserialize(Deserializer::from(Spanned::new(span, map))).unwrap_or_default()
        }
    }
}

fn report_value(
    e: toml::de::Error,
    key: &Spanned<toml::de::DeString<'_>>,
    spec: Option<&Key>,
    cx: &mut Cx<'_>,
) {
    let name = key.get_ref().as_ref();
    let raw = e.span().unwrap_or(key.span());
    if cx
        .syntax
        .iter()
        .any(|s| s.start < raw.end && raw.start < s.end)
    {
        return;
    }
    let at = cx.span(raw);
    let message = e.message().trim().to_string();
    if let Some(field) = message
        .strip_prefix("unknown field `")
        .and_then(|m| m.split('`').next())
    {
        let help = match nearest(field, ["title", "date", "file", "url"]) {
            Some(near) => format!(
                "did you mean `{near}`? a document has `title`, `date` and one of `file` or `url`"
            ),
            None => "a document has `title`, `date` and one of `file` or `url`".to_string(),
        };
        cx.error(
            Diagnostic::error(
                Code::UnknownKey,
                at,
                format!("unknown key `{field}` in `{name}`"),
            )
            .label("not a key of a document")
            .help(help),
        );
        return;
    }
    let code = match spec.map(|s| s.ty) {
        Some(Ty::Id) => Code::InvalidId,
        Some(Ty::Date) => Code::InvalidDate,
        _ => Code::WrongType,
    };
    let message = match syntax::value_error(&message) {
        Some(plain) => format!("wrong kind of value for `{name}`: {plain}"),
        None => format!("bad value for `{name}`: {message}"),
    };
    let mut d = Diagnostic::error(code, at, message).label("this value");
    if let Some(spec) = spec {
        d = d.help(format!("write it like {}", spec.example));
    }
    cx.error(d);
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

fn policy(f: PolicyFront, body_start: usize, cx: &mut Cx<'_>) -> Option<Policy> {
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
    let documents = cx.documents(f.documents);
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

fn court_action(f: CourtActionFront, body_start: usize, cx: &mut Cx<'_>) -> Option<CourtAction> {
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
    let documents = cx.documents(f.documents);
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

fn commentary(f: CommentaryFront, body_start: usize, cx: &mut Cx<'_>) -> Option<Commentary> {
    let about = cx.ids("about", f.about, true, PolicyId);
    let url = cx.url("url", f.url);
    let documents = cx.documents(f.documents);
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
