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

use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::front::{
    deserialize, CommentaryFront, CourtActionFront, Front, FrontDay, PolicyFront, RawId,
};
use super::related::Related;
use super::split::{split, SplitError};
pub use super::values::alias_path;
use super::values::Cx;
use super::Id;
use super::{
    Commentary, CommentaryId, Common, CourtAction, CourtActionId, Date, Document, Entry, Kind,
    Policy, PolicyId, Term,
};
use crate::config::{Config, Vocab};
use crate::diag::{Code, Diagnostic};
use crate::source::{At, FileId, SourceFile, Span};
use crate::syntax;

/// What parsing one file gave.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The entry, if the file has no error.
    pub entry: Option<Entry>,
    /// The id, if it could be read even though the file has errors: other
    /// entries' references to it are then not reported a second time.
    pub id: Option<Id>,
    /// The file and where its body starts, if the front matter could be
    /// told from the body.
    pub body: Option<(FileId, usize)>,
    /// The documents of an entry that has errors, as far as they could be
    /// read: their files are checked all the same, so that one run reports
    /// every problem of the entry.
    pub documents: Vec<Document>,
    /// What an entry that has errors refers to, as far as it could be read:
    /// checked all the same, for the same reason.
    pub references: Option<References>,
}

/// The references of an entry whose file has errors, which the relation
/// graph checks without linking anything to them.
#[derive(Clone, Debug)]
pub struct References {
    /// The entry's kind and id, where the id is written, if it could be
    /// read: a reference to it is one to the entry itself. None for a case
    /// file.
    pub from: Option<(Kind, At<Id>)>,
    /// The policies its front matter names (`supersedes`, `implements`,
    /// `challenges`, `about`), each with its key.
    pub policies: Vec<(&'static str, At<PolicyId>)>,
    /// The items of the relations `docket.toml` declares.
    pub related: Vec<Related>,
    /// A policy's `announced`, when it could be read: a lineage through
    /// the policy is checked for its order with it (`W-supersedes-later`).
    pub announced: Option<Date>,
    /// A court action's case as far as it could be read: its name is
    /// compared with the case's other filings (`W-case-name-mismatch`).
    pub filed: Option<Filed>,
}

/// What makes a court action one filing of its case, and the case's name
/// as it writes it.
#[derive(Clone, Debug)]
pub struct Filed {
    pub court: Term,
    /// The docket number, trimmed as cases are keyed.
    pub docket: String,
    pub date: Date,
    pub name: At<String>,
}

/// The policies an entry's front matter names, each with its key.
type Named = Vec<(&'static str, At<PolicyId>)>;

fn named<const N: usize>(lists: [(&'static str, &[At<PolicyId>]); N]) -> Named {
    lists
        .into_iter()
        .flat_map(|(key, list)| list.iter().map(move |r| (key, r.clone())))
        .collect()
}

impl Parsed {
    fn failed(id: Option<Id>, body: Option<(FileId, usize)>) -> Parsed {
        Parsed {
            entry: None,
            id,
            body,
            documents: Vec::new(),
            references: None,
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
            ds.push(split_error(kind.name(), file, e));
            return Parsed::failed(None, None);
        }
    };
    let front_text = &text[parts.front.clone()];
    let keys = match kind {
        Kind::Policy => PolicyFront::KEYS,
        Kind::CourtAction => CourtActionFront::KEYS,
        Kind::Commentary => CommentaryFront::KEYS,
    };
    let mut cx = Cx::new(file, parts.front.start, ds, config, kind.name(), keys);
    let table = front_table(front_text, &mut cx);
    let body_start = parts.body.start;
    // Each kind gives its entry, or, when a required value is missing or
    // bad, the policies it names as far as they could be read.
    let mut announced = None;
    let mut filed = None;
    let (entry, id, documents) = match kind {
        Kind::Policy => {
            let mut f: PolicyFront = deserialize(table, &mut cx);
            let id = written_id(&f.id, &cx);
            let documents = cx.documents(f.documents.take());
            announced = f.announced.as_ref().map(|d| d.0);
            let p = policy(f, documents.clone(), body_start, &mut cx);
            (p.map(|p| Entry::Policy(Arc::new(p))), id, documents)
        }
        Kind::CourtAction => {
            let mut f: CourtActionFront = deserialize(table, &mut cx);
            let id = written_id(&f.id, &cx);
            let documents = cx.documents(f.documents.take());
            let c;
            (c, filed) = court_action(f, documents.clone(), body_start, &mut cx);
            (c.map(|c| Entry::CourtAction(Arc::new(c))), id, documents)
        }
        Kind::Commentary => {
            let mut f: CommentaryFront = deserialize(table, &mut cx);
            let id = written_id(&f.id, &cx);
            let documents = cx.documents(f.documents.take());
            let c = commentary(f, documents.clone(), body_start, &mut cx);
            (c.map(|c| Entry::Commentary(Arc::new(c))), id, documents)
        }
    };
    let entry = match entry {
        Ok(entry) if !cx.failed => {
            return Parsed {
                entry: Some(entry),
                id: id.map(|id| id.value),
                body: Some((file, body_start)),
                documents: Vec::new(),
                references: None,
            }
        }
        // Built, but some value was bad: the entry is dropped, and what it
        // refers to is kept for the checks.
        Ok(Entry::Policy(p)) => (
            named([("supersedes", &p.supersedes), ("implements", &p.implements)]),
            p.common.related.clone(),
        ),
        Ok(Entry::CourtAction(c)) => (
            named([("challenges", &c.challenges)]),
            c.common.related.clone(),
        ),
        Ok(Entry::Commentary(c)) => (named([("about", &c.about)]), c.common.related.clone()),
        Err(named) => (named, std::mem::take(&mut cx.related)),
    };
    let (policies, related) = entry;
    Parsed {
        documents,
        references: Some(References {
            from: id.clone().map(|id| (kind, id)),
            policies,
            related,
            announced,
            filed,
        }),
        ..Parsed::failed(id.map(|id| id.value), Some((file, body_start)))
    }
}

/// Parses the TOML of a front matter. toml recovers from syntax errors:
/// they are all reported, and checking goes on with what could be read, so
/// that one run shows every problem of the file. Control characters are
/// scrubbed from its texts.
pub(super) fn front_table<'t>(front_text: &'t str, cx: &mut Cx<'_>) -> Spanned<DeTable<'t>> {
    let (mut table, errors) = DeTable::parse_recoverable(front_text);
    if !errors.is_empty() {
        cx.recovered = Some(front_text.into());
    }
    for e in errors {
        let at = e.span().unwrap_or(0..0);
        cx.syntax.push(at.clone());
        let x = syntax::explain(front_text, at.clone(), e.message());
        let mut d = Diagnostic::error(x.code, cx.span(at), x.message)
            .label(x.label)
            .help(x.help);
        if let Some((at, what)) = x.note {
            d = d.note(cx.span(at), what);
        }
        cx.error(d);
    }
    scrub(table.get_mut(), None, cx);
    table
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
            cx.warning(
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
pub fn id_written(text: &str) -> Option<Id> {
    let mut lines = text.trim_start_matches('\u{feff}').lines().map(str::trim);
    if lines.next() != Some("+++") {
        return None;
    }
    lines
        .take_while(|l| *l != "+++" && !l.starts_with('['))
        .find_map(|line| {
            let value = line.strip_prefix("id")?.trim_start().strip_prefix('=')?;
            let value = value.trim_start();
            // A basic string or a literal one: `"9973-A"` or `'9973-A'`.
            match value.chars().next() {
                Some(q @ ('"' | '\'')) => Id::parse(value[1..].split(q).next()?).ok(),
                _ => leading_id(value),
            }
        })
}

/// The number a file name starts with (`1491-interim-guidance.md`), which
/// `docket new` makes the entry's id.
pub fn id_in_name(path: &std::path::Path) -> Option<Id> {
    leading_id(&path.file_name()?.to_string_lossy())
}

fn leading_id(s: &str) -> Option<Id> {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    s[..digits].parse().ok().and_then(Id::number)
}

pub(super) fn split_error(kind: &str, file: FileId, e: SplitError) -> Diagnostic {
    let keys = if kind == "case" {
        "name = \"…\"\ncourt = \"…\"\ndocket = \"…\""
    } else {
        "id = …\ntitle = \"…\""
    };
    let example = format!("+++\n{keys}\n+++\n(see the book for every key of a {kind})");
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

/// An entry's common part and the values its kind requires, or, when
/// either is missing, the policies it names (`names`): its declared
/// relations then go back to `cx`, to be checked with the file's errors.
fn complete<R>(
    cx: &mut Cx<'_>,
    common: Option<(Id, Common)>,
    required: Option<R>,
    names: impl FnOnce() -> Named,
) -> Result<((Id, Common), R), Named> {
    match (common, required) {
        (Some(common), Some(required)) => Ok((common, required)),
        (common, _) => {
            if let Some((_, common)) = common {
                cx.related = common.related;
            }
            Err(names())
        }
    }
}

/// The id a front matter writes, with its place.
fn written_id(id: &Option<Spanned<RawId>>, cx: &Cx<'_>) -> Option<At<Id>> {
    id.as_ref().map(|i| At {
        value: i.get_ref().0,
        span: cx.span(i.span()),
    })
}

fn common(
    id: &Option<Spanned<RawId>>,
    title: Option<Spanned<String>>,
    updated: Option<FrontDay>,
    draft: Option<bool>,
    aliases: Vec<At<String>>,
    body_start: usize,
    cx: &mut Cx<'_>,
) -> Option<(Id, Common)> {
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
            extra: std::mem::take(&mut cx.extra),
            related: std::mem::take(&mut cx.related),
        },
    ))
}

/// The policy of `f`, or the policies it names when a value it needs is
/// missing or bad (each reported).
fn policy(
    f: PolicyFront,
    documents: Vec<Document>,
    body_start: usize,
    cx: &mut Cx<'_>,
) -> Result<Policy, Named> {
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
    let common = common(&f.id, f.title, f.updated, f.draft, aliases, body_start, cx);
    let ((id, common), announced) = complete(cx, common, f.announced, || {
        named([("supersedes", &supersedes), ("implements", &implements)])
    })?;
    Ok(Policy {
        id: PolicyId(id),
        common,
        administration,
        announced: announced.0,
        effective: f.effective.map(|d| d.0),
        status,
        action,
        subjects,
        agencies,
        current_status,
        identifiers: f.identifiers.unwrap_or_default().into_iter().collect(),
        supersedes,
        implements,
        documents,
    })
}

/// The court action of `f`, or the policies it names (see [`policy`]);
/// and, when the file has errors, its case as far as it could be read.
fn court_action(
    f: CourtActionFront,
    documents: Vec<Document>,
    body_start: usize,
    cx: &mut Cx<'_>,
) -> (Result<CourtAction, Named>, Option<Filed>) {
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
    let common = common(&f.id, f.title, f.updated, f.draft, aliases, body_start, cx);
    let required = (|| Some((f.date?, case?, docket?, court?)))();
    let filed = match &required {
        Some((date, case, docket, court)) if cx.failed || common.is_none() => Some(Filed {
            court: court.clone(),
            docket: docket.value.trim().to_string(),
            date: date.0,
            name: case.clone(),
        }),
        _ => None,
    };
    let completed = complete(cx, common, required, || {
        named([("challenges", &challenges)])
    });
    let ((id, common), (date, case, docket, court)) = match completed {
        Ok(completed) => completed,
        Err(named) => return (Err(named), filed),
    };
    let c = CourtAction {
        id: CourtActionId(id),
        common,
        date: date.0,
        case,
        docket: docket.value,
        court,
        filing,
        challenges,
        url,
        documents,
    };
    (Ok(c), filed)
}

/// The commentary of `f`, or the policies it names (see [`policy`]).
fn commentary(
    f: CommentaryFront,
    documents: Vec<Document>,
    body_start: usize,
    cx: &mut Cx<'_>,
) -> Result<Commentary, Named> {
    let about = cx.ids("about", f.about, true, PolicyId);
    let url = cx.url("url", f.url);
    let source = cx.text("source", f.source);
    let aliases = cx.aliases(f.aliases);
    let common = common(&f.id, f.title, f.updated, f.draft, aliases, body_start, cx);
    let ((id, common), date) = complete(cx, common, f.date, || named([("about", &about)]))?;
    Ok(Commentary {
        id: CommentaryId(id),
        common,
        date: date.0,
        source: source.map(|s| s.value),
        url,
        about,
        documents,
    })
}

/// Where the front matter of `file` writes `value` as `key` (the value, or
/// its item in a list), spaces around it aside; the whole value of `key`
/// where no item reads as `value` as written (a control character the
/// loader replaced). A term keeps no place of its own once loaded, which
/// nearly every term never needs: a warning found later, about few
/// files, reads the place again here.
pub fn value_span(file: &SourceFile, id: FileId, key: &str, value: &str) -> Option<Span> {
    let front = split(&file.text).ok()?.front;
    let (table, _) = DeTable::parse_recoverable(&file.text[front.clone()]);
    let written = table.get_ref().get(key)?;
    let is_it =
        |v: &Spanned<DeValue<'_>>| matches!(v.get_ref(), DeValue::String(s) if s.trim() == value);
    let at = match written.get_ref() {
        DeValue::Array(items) => items.iter().find(|v| is_it(v)).unwrap_or(written).span(),
        _ => written.span(),
    };
    Some(Span::new(id, front.start + at.start..front.start + at.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_file_still_tells_its_id() {
        assert_eq!(
            id_written("+++\ntitle = \"x\"\nid = 14\n+++\n"),
            Id::number(14)
        );
        assert_eq!(id_written("+++\ntitle = [\nid=7 # the id\n"), Id::number(7));
        assert_eq!(id_written("+++\n[[documents]]\nid = 3\n+++\n"), None);
        assert_eq!(id_written("---\nid: 3\n---\n"), None);
        assert_eq!(id_written("+++\nid = 0\n+++\n"), None);
        assert_eq!(
            id_written("\u{feff}+++\nid = '12-B'\n+++\n"),
            Id::parse("12-B").ok()
        );
        assert_eq!(
            id_written("+++\nid = \"9973-A\" # lettered\n+++\n"),
            Id::parse("9973-A").ok()
        );
        let name = |n: &str| id_in_name(std::path::Path::new(n));
        assert_eq!(name("content/policies/1491-guidance.md"), Id::number(1491));
        assert_eq!(name("guidance.md"), None);
        assert_eq!(name("0-x.md"), None);
    }
}
