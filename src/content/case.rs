//! Case files: `content/cases/*.md`, what a tracker knows of a lawsuit as a
//! whole. A case is still made by the court actions that share a court and
//! a docket number; a case file names the same court and docket and adds
//! what no filing says: the case's status, the cases it is an appeal of or
//! is consolidated with, what it challenges (policies of the site, or
//! things that are not entries: a memo, a firing), and a text about it.
//! A case file with no filings makes a case of its own, so a lawsuit can
//! be tracked before its first filing is written up.
//!
//! A case is known by its court and docket number, so that is what other
//! case files name it by: `appeal_of = "17-35105"`, or with the court where
//! two courts use the same number, `{ court = "9th Cir.", docket = "…" }`.
//! Which case that is, is the graph's to resolve.

use std::sync::Arc;

use serde::Deserialize;
use toml::de::DeValue;
use toml::Spanned;

use super::front::{deserialize, key, Front, FrontDate, FrontDay, Key, Ty};
use super::related::{self, Item};
use super::split::split;
use super::values::Cx;
use super::{Date, PolicyId, Term};
use crate::config::{Config, Relation, Vocab};
use crate::diag::{Code, Diagnostic};
use crate::source::{At, FileId, SourceFile};

/// The folder of case files under `content/`, which is also the folder of
/// case pages in the site.
pub const CASES_DIR: &str = "cases";

/// One case file.
#[derive(Clone, Debug)]
pub struct CaseFile {
    pub file: FileId,
    pub name: At<String>,
    pub court: At<Term>,
    pub docket: At<String>,
    pub status: Option<Term>,
    /// When the case began, if known; its first filing's date otherwise.
    pub filed: Option<Date>,
    /// Where to follow the case elsewhere (a docket on CourtListener).
    pub url: Option<String>,
    pub appeal_of: Option<At<CaseRef>>,
    pub consolidated_with: Vec<At<CaseRef>>,
    /// Policies of the site and things outside it, with notes.
    pub challenges: Vec<At<Item>>,
    pub updated: Option<chrono::NaiveDate>,
    /// The values of the fields `[fields.case]` declares, in the order
    /// written.
    pub extra: Vec<super::fields::Extra>,
    /// Where the Markdown body starts in the file's text.
    pub body_start: usize,
}

/// How a case file names another case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRef {
    /// `None` when the docket number alone names it.
    pub court: Option<String>,
    pub docket: String,
}

impl std::fmt::Display for CaseRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.court {
            Some(court) => write!(f, "{} ({court})", self.docket),
            None => f.write_str(&self.docket),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CaseFront {
    name: Option<Spanned<String>>,
    court: Option<Spanned<String>>,
    docket: Option<Spanned<String>>,
    status: Option<Spanned<String>>,
    filed: Option<FrontDate>,
    url: Option<Spanned<String>>,
    updated: Option<FrontDay>,
}

impl Front for CaseFront {
    const KEYS: &'static [Key] = &[
        key(
            "name",
            true,
            Ty::Text,
            "name = \"State of Washington v. Trump\"",
        ),
        key("court", true, Ty::Text, "court = \"W.D. Wash.\""),
        key("docket", true, Ty::Text, "docket = \"2:17-cv-00141\""),
        key("status", false, Ty::Text, "status = \"Pending\""),
        key("filed", false, Ty::Date, "filed = 2017-01-30"),
        key(
            "url",
            false,
            Ty::Text,
            "url = \"https://www.courtlistener.com/docket/…\"",
        ),
        key(
            "appeal_of",
            false,
            Ty::Text,
            "appeal_of = \"2:17-cv-00141\"",
        ),
        key(
            "consolidated_with",
            false,
            Ty::List,
            "consolidated_with = [\"1:17-cv-00050\"]",
        ),
        key(
            "challenges",
            false,
            Ty::Ids,
            "challenges = [13769, { title = \"A memo of the agency\", url = \"https://…\" }]",
        ),
        key("updated", false, Ty::Date, "updated = 2025-11-01"),
    ];
}

/// The keys of a case file, in the order the book lists them.
pub fn keys() -> &'static [Key] {
    CaseFront::KEYS
}

/// How `challenges` of a case file is read: as a relation that allows
/// notes and things outside the site.
pub(crate) fn challenges_relation() -> Relation {
    Relation {
        key: "challenges".into(),
        label: "Challenges".into(),
        inverse: "Challenged in".into(),
        ends_force: false,
        notes: true,
        outside: true,
        lineage: false,
        from: "case",
        to: "policy",
    }
}

/// What a case file with errors gives instead of a case, as far as it
/// could be read: its body's links and its references are checked all the
/// same, so that one run reports every problem of the file.
#[derive(Clone, Debug, Default)]
pub struct UnparsedCase {
    /// The file and where its body starts, if the front matter could be
    /// told from the body.
    pub body: Option<(FileId, usize)>,
    /// Its docket number, if it could be read: another case file's
    /// reference to it is not an error of its own.
    pub docket: Option<String>,
    /// Its court and docket number where it writes them, if both could be
    /// read: a second case file of the same case is reported all the same.
    /// (Boxed: the error of [`parse`] stays small.)
    pub key: Option<Box<UnparsedKey>>,
    /// The policies `challenges` names.
    pub policies: Vec<At<PolicyId>>,
    /// The cases `appeal_of` and `consolidated_with` name, with the key.
    pub cases: Vec<(&'static str, At<CaseRef>)>,
}

/// The case a case file with errors is of, where it writes its court and
/// docket number, and the name it gives the case if that could be read:
/// the case's filings are compared with it (`W-case-name-mismatch`).
#[derive(Clone, Debug)]
pub struct UnparsedKey {
    pub court: At<Term>,
    pub docket: At<String>,
    pub name: Option<At<String>>,
}

/// Parses one case file. Every problem goes into `ds`; a file with an
/// error gives no case, but what it refers to.
pub fn parse(
    file: FileId,
    source: &SourceFile,
    config: &Config,
    ds: &mut Vec<Diagnostic>,
) -> Result<Arc<CaseFile>, UnparsedCase> {
    let text = &source.text;
    let parts = match split(text) {
        Ok(p) => p,
        Err(e) => {
            ds.push(super::meta::split_error("case", file, e));
            return Err(UnparsedCase::default());
        }
    };
    let mut cx = Cx::new(file, parts.front.start, ds, config, "case", CaseFront::KEYS);
    let table = super::meta::front_table(&text[parts.front.clone()], &mut cx);
    let span = table.span();
    let mut map = table.into_inner();
    // Read by hand, each with checks of its own, before the rest:
    // [`Front::KEYS`] lists them, so that they are known keys.
    let appeal_of = map.remove("appeal_of");
    let consolidated_with = map.remove("consolidated_with");
    let challenges = map.remove("challenges");
    let f: CaseFront = deserialize(Spanned::new(span, map), &mut cx);

    let appeal_of = appeal_of.and_then(|v| case_ref("appeal_of", v, &mut cx));
    let consolidated_with = consolidated_with
        .map(|v| case_refs(v, &mut cx))
        .unwrap_or_default();
    let challenges = challenges
        .and_then(|v| related::check(0, &challenges_relation(), v, &mut cx))
        .map(|r| r.items)
        .unwrap_or_default();
    let court = f.court.as_ref().and_then(|v| {
        let term = cx.term(Vocab::Courts, "court", v)?;
        Some(At {
            span: cx.span(v.span()),
            value: term,
        })
    });
    let status = f
        .status
        .as_ref()
        .and_then(|v| cx.term(Vocab::CaseStatuses, "status", v));
    let url = cx.url("url", f.url);
    let name = cx.text("name", f.name);
    let docket = cx.text("docket", f.docket).map(|d| At {
        span: d.span,
        value: d.value.trim().to_string(),
    });
    let (Some(name), Some(court), Some(docket), false) =
        (name.clone(), court.clone(), docket.clone(), cx.failed)
    else {
        let policies = challenges
            .iter()
            .filter_map(|item| match item.value.target {
                related::Target::Entry(id) => Some(At {
                    span: item.span,
                    value: PolicyId(id),
                }),
                related::Target::Outside { .. } => None,
            })
            .collect();
        let cases = appeal_of
            .into_iter()
            .map(|r| ("appeal_of", r))
            .chain(
                consolidated_with
                    .into_iter()
                    .map(|r| ("consolidated_with", r)),
            )
            .collect();
        return Err(UnparsedCase {
            body: Some((file, parts.body.start)),
            key: court.zip(docket.clone()).map(|(court, docket)| {
                Box::new(UnparsedKey {
                    court,
                    docket,
                    name,
                })
            }),
            docket: docket.map(|d| d.value),
            policies,
            cases,
        });
    };
    let case = CaseFile {
        file,
        name,
        court,
        docket,
        status,
        filed: f.filed.map(|d| d.0),
        url,
        appeal_of,
        consolidated_with,
        challenges,
        updated: f.updated.map(|d| d.0),
        extra: std::mem::take(&mut cx.extra),
        body_start: parts.body.start,
    };
    Ok(Arc::new(case))
}

fn case_refs(value: Spanned<DeValue<'_>>, cx: &mut Cx<'_>) -> Vec<At<CaseRef>> {
    let at = value.span();
    match value.into_inner() {
        DeValue::Array(items) => items
            .into_iter()
            .filter_map(|item| case_ref("consolidated_with", item, cx))
            .collect(),
        _ => {
            let span = cx.span(at);
            cx.error(
                Diagnostic::error(Code::WrongType, span, "`consolidated_with` must be a list")
                    .label("not a list")
                    .help(format!("write it like {}", cx.example("consolidated_with"))),
            );
            Vec::new()
        }
    }
}

/// `"17-35105"` or `{ court = "9th Cir.", docket = "17-35105" }`.
fn case_ref(key: &str, value: Spanned<DeValue<'_>>, cx: &mut Cx<'_>) -> Option<At<CaseRef>> {
    let span = cx.span(value.span());
    let text = |v: Option<&Spanned<DeValue<'_>>>| match v.map(Spanned::get_ref) {
        Some(DeValue::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    let found = match value.get_ref() {
        DeValue::String(_) => text(Some(&value)).map(|docket| CaseRef {
            court: None,
            docket,
        }),
        DeValue::Table(t) => {
            let only_known = t
                .keys()
                .all(|k| ["court", "docket"].contains(&k.get_ref().as_ref()));
            let court = text(t.get("court"));
            let court_ok = court.is_some() || !t.contains_key("court");
            text(t.get("docket"))
                .filter(|_| only_known && court_ok)
                .map(|docket| CaseRef { court, docket })
        }
        _ => None,
    };
    if found.is_none() {
        cx.error(
            Diagnostic::error(
                Code::WrongType,
                span,
                format!("`{key}` names a case by its docket number"),
            )
            .label("not a docket number")
            .help(
                "write the docket number, like \"17-35105\", or the court too where two courts use the same number: { court = \"9th Cir.\", docket = \"17-35105\" }",
            ),
        );
    }
    found.map(|value| At { span, value })
}
