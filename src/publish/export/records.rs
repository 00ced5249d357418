//! The database as data: `data/docket.json` (every entry, every field, the
//! derived relations and the cases) with its JSON Schema, one CSV file per
//! kind of entry, and one JSON file beside each entry's page.
//!
//! The JSON and the CSV are made from the same records, so they never
//! disagree. Relations are written as ids (cases by their id, the name of
//! their folder in the site); lists in CSV cells are joined with `; `.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::{Common, Document, DocumentSource, Kind, Term};
use crate::graph::{CaseIx, CommentaryIx, CourtActionIx, PolicyIx};
use crate::site::markdown::Rendered;
use crate::site::paths::{self, absolute};
use crate::site::{Model, Output};

/// The JSON Schema of [`paths::DATA_JSON`], written as it is.
pub const SCHEMA_TEXT: &str = include_str!("docket.schema.json");
/// Version of the export's shape; it changes when a field changes meaning
/// or goes away (new fields do not change it).
pub const FORMAT: &str = "docket-export/1";

/// The whole-database files: JSON, its schema, and the CSV files, each
/// handed to `sink` before the next is made.
pub fn data_files<E>(
    model: &Model<'_>,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let db = database(model);
    let mut json = serde_json::to_vec(&db).unwrap_or_default();
    json.push(b'\n');
    sink(Output {
        path: paths::DATA_JSON.into(),
        bytes: json,
    })?;
    sink(Output {
        path: paths::DATA_SCHEMA.into(),
        bytes: SCHEMA_TEXT.as_bytes().to_vec(),
    })?;
    csv_files(&db).into_iter().try_for_each(sink)
}

/// One JSON file per entry, beside its page (`policies/1491/index.json`),
/// each handed to `sink` as soon as it is made (at 100,000 entries they
/// are 400 MB together).
pub fn entry_files<E: Send>(
    model: &Model<'_>,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let c = &model.site.corpus;
    let json = |kind: Kind, id: u32, v: serde_json::Result<Vec<u8>>| Output {
        path: paths::entry_data(kind, id),
        bytes: v
            .map(|mut b| {
                b.push(b'\n');
                b
            })
            .unwrap_or_default(),
    };
    (0..c.policies.len() as u32)
        .into_par_iter()
        .try_for_each(|i| {
            let r = policy(model, PolicyIx(i));
            sink(json(Kind::Policy, r.id, serde_json::to_vec_pretty(&r)))
        })?;
    (0..c.court_actions.len() as u32)
        .into_par_iter()
        .try_for_each(|i| {
            let r = court_action(model, CourtActionIx(i));
            sink(json(Kind::CourtAction, r.id, serde_json::to_vec_pretty(&r)))
        })?;
    (0..c.commentary.len() as u32)
        .into_par_iter()
        .try_for_each(|i| {
            let r = commentary(model, CommentaryIx(i));
            sink(json(Kind::Commentary, r.id, serde_json::to_vec_pretty(&r)))
        })
}

// The records: what the JSON holds, field for field. The book's "Data
// downloads" chapter and data/docket.schema.json document every field, and
// a test checks the export against both.

#[derive(Serialize)]
struct Database<'a> {
    format: &'static str,
    generator: &'static str,
    site: SiteRecord<'a>,
    vocabularies: BTreeMap<&'static str, Vec<&'a str>>,
    policies: Vec<PolicyRecord<'a>>,
    court_actions: Vec<CourtActionRecord<'a>>,
    commentary: Vec<CommentaryRecord<'a>>,
    cases: Vec<CaseRecord<'a>>,
}

#[derive(Serialize)]
struct SiteRecord<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
    date: String,
}

#[derive(Serialize)]
struct DocumentRecord<'a> {
    title: &'a str,
    date: Option<String>,
    /// Site-relative (`documents/…`).
    file: Option<String>,
    url: Option<&'a str>,
}

/// What every entry record has, whatever its kind.
#[derive(Serialize)]
struct EntryFields<'a> {
    /// Site-relative path of the entry's page.
    page: String,
    page_url: Option<String>,
    /// The entry's file, relative to the site folder.
    source_file: &'a str,
    updated: Option<String>,
    draft: bool,
    aliases: Vec<&'a str>,
    documents: Vec<DocumentRecord<'a>>,
    summary: &'a str,
    /// The Markdown body as written.
    body: &'a str,
}

#[derive(Serialize)]
struct PolicyRecord<'a> {
    kind: Kind,
    id: u32,
    title: &'a str,
    administration: &'a str,
    announced: String,
    effective: Option<String>,
    status: Vec<&'a str>,
    action: &'a str,
    subjects: Vec<&'a str>,
    agencies: Vec<&'a str>,
    current_status: Option<&'a str>,
    identifiers: BTreeMap<&'a str, &'a str>,
    supersedes: Vec<u32>,
    superseded_by: Vec<u32>,
    implements: Vec<u32>,
    derivatives: Vec<u32>,
    court_actions: Vec<u32>,
    commentary: Vec<u32>,
    cases: Vec<&'a str>,
    #[serde(flatten)]
    fields: EntryFields<'a>,
}

#[derive(Serialize)]
struct CourtActionRecord<'a> {
    kind: Kind,
    id: u32,
    title: &'a str,
    date: String,
    case: &'a str,
    docket: &'a str,
    court: &'a str,
    filing: &'a str,
    challenges: Vec<u32>,
    case_id: &'a str,
    url: Option<&'a str>,
    #[serde(flatten)]
    fields: EntryFields<'a>,
}

#[derive(Serialize)]
struct CommentaryRecord<'a> {
    kind: Kind,
    id: u32,
    title: &'a str,
    date: String,
    source: &'a str,
    url: Option<&'a str>,
    about: Vec<u32>,
    #[serde(flatten)]
    fields: EntryFields<'a>,
}

#[derive(Serialize)]
struct CaseRecord<'a> {
    id: &'a str,
    name: &'a str,
    court: &'a str,
    docket: &'a str,
    page: String,
    page_url: Option<String>,
    filings: Vec<u32>,
    policies: Vec<u32>,
    first_date: String,
    latest_date: String,
}

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn names(terms: &[Term]) -> Vec<&str> {
    terms.iter().map(Term::as_str).collect()
}

fn database<'a>(model: &Model<'a>) -> Database<'a> {
    let site = model.site;
    let c = &site.corpus;
    let vocabularies = model
        .terms
        .vocabs
        .iter()
        .map(|(v, vt)| (v.key(), vt.terms.iter().map(|(n, _)| n.as_str()).collect()))
        .collect();
    Database {
        format: FORMAT,
        generator: concat!("docket ", env!("CARGO_PKG_VERSION")),
        site: SiteRecord {
            title: &site.config.title,
            description: &site.config.description,
            language: &site.config.language,
            base_url: site.config.base_url.as_deref(),
            date: iso(site.date()),
        },
        vocabularies,
        policies: (0..c.policies.len() as u32)
            .into_par_iter()
            .map(|i| policy(model, PolicyIx(i)))
            .collect(),
        court_actions: (0..c.court_actions.len() as u32)
            .into_par_iter()
            .map(|i| court_action(model, CourtActionIx(i)))
            .collect(),
        commentary: (0..c.commentary.len() as u32)
            .into_par_iter()
            .map(|i| commentary(model, CommentaryIx(i)))
            .collect(),
        cases: (0..site.graph.cases.len() as u32)
            .map(|i| case(model, CaseIx(i)))
            .collect(),
    }
}

fn entry_fields<'a>(
    model: &Model<'a>,
    kind: Kind,
    id: u32,
    common: &'a Common,
    documents: &'a [Document],
    body: &'a Rendered,
) -> EntryFields<'a> {
    let site = model.site;
    let page = paths::entry(kind, id);
    EntryFields {
        page_url: site.config.base_url.as_deref().map(|b| absolute(b, &page)),
        page,
        source_file: &site.sources.get(common.file).name,
        updated: common.updated.map(iso),
        draft: common.draft,
        aliases: common.aliases.iter().map(|a| a.value.as_str()).collect(),
        documents: documents
            .iter()
            .map(|d| DocumentRecord {
                title: &d.title,
                date: d.date.map(iso),
                file: match &d.source {
                    DocumentSource::File(p) => Some(paths::document(p)),
                    DocumentSource::Url(_) => None,
                },
                url: match &d.source {
                    DocumentSource::File(_) => None,
                    DocumentSource::Url(u) => Some(u),
                },
            })
            .collect(),
        summary: &body.summary,
        body: common.body(&site.sources),
    }
}

fn policy<'a>(model: &Model<'a>, ix: PolicyIx) -> PolicyRecord<'a> {
    let c = &model.site.corpus;
    let g = &model.site.graph;
    let p = &c.policies[ix.get()];
    let l = &g.policies[ix.get()];
    let ids = |list: &[PolicyIx]| list.iter().map(|x| c.policies[x.get()].id.0).collect();
    PolicyRecord {
        kind: Kind::Policy,
        id: p.id.0,
        title: &p.common.title,
        administration: p.administration.as_str(),
        announced: iso(p.announced),
        effective: p.effective.map(iso),
        status: names(&p.status),
        action: p.action.as_str(),
        subjects: names(&p.subjects),
        agencies: names(&p.agencies),
        current_status: p.current_status.as_ref().map(Term::as_str),
        identifiers: p
            .identifiers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect(),
        supersedes: ids(&l.supersedes),
        superseded_by: ids(&l.superseded_by),
        implements: ids(&l.implements),
        derivatives: ids(&l.derivatives),
        court_actions: l
            .court_actions
            .iter()
            .map(|x| c.court_actions[x.get()].id.0)
            .collect(),
        commentary: l
            .commentary
            .iter()
            .map(|x| c.commentary[x.get()].id.0)
            .collect(),
        cases: l
            .cases
            .iter()
            .map(|x| g.cases[x.get()].slug.as_str())
            .collect(),
        fields: entry_fields(
            model,
            Kind::Policy,
            p.id.0,
            &p.common,
            &p.documents,
            &model.bodies.policies[ix.get()],
        ),
    }
}

fn court_action<'a>(model: &Model<'a>, ix: CourtActionIx) -> CourtActionRecord<'a> {
    let c = &model.site.corpus;
    let g = &model.site.graph;
    let a = &c.court_actions[ix.get()];
    let l = &g.court_actions[ix.get()];
    CourtActionRecord {
        kind: Kind::CourtAction,
        id: a.id.0,
        title: &a.common.title,
        date: iso(a.date),
        case: &a.case.value,
        docket: &a.docket,
        court: a.court.as_str(),
        filing: a.filing.as_str(),
        challenges: l
            .challenges
            .iter()
            .map(|x| c.policies[x.get()].id.0)
            .collect(),
        case_id: &g.cases[l.case.get()].slug,
        url: a.url.as_deref(),
        fields: entry_fields(
            model,
            Kind::CourtAction,
            a.id.0,
            &a.common,
            &a.documents,
            &model.bodies.court_actions[ix.get()],
        ),
    }
}

fn commentary<'a>(model: &Model<'a>, ix: CommentaryIx) -> CommentaryRecord<'a> {
    let c = &model.site.corpus;
    let m = &c.commentary[ix.get()];
    CommentaryRecord {
        kind: Kind::Commentary,
        id: m.id.0,
        title: &m.common.title,
        date: iso(m.date),
        source: &m.source,
        url: m.url.as_deref(),
        about: model.site.graph.commentary[ix.get()]
            .about
            .iter()
            .map(|x| c.policies[x.get()].id.0)
            .collect(),
        fields: entry_fields(
            model,
            Kind::Commentary,
            m.id.0,
            &m.common,
            &m.documents,
            &model.bodies.commentary[ix.get()],
        ),
    }
}

fn case<'a>(model: &Model<'a>, ix: CaseIx) -> CaseRecord<'a> {
    let c = &model.site.corpus;
    let case = &model.site.graph.cases[ix.get()];
    let page = paths::case(case);
    let dates: Vec<_> = case
        .filings
        .iter()
        .map(|f| c.court_actions[f.get()].date)
        .collect();
    CaseRecord {
        id: &case.slug,
        name: &case.name,
        court: case.court.as_str(),
        docket: &case.docket,
        page_url: model
            .site
            .config
            .base_url
            .as_deref()
            .map(|b| absolute(b, &page)),
        page,
        filings: case
            .filings
            .iter()
            .map(|f| c.court_actions[f.get()].id.0)
            .collect(),
        policies: case
            .policies
            .iter()
            .map(|p| c.policies[p.get()].id.0)
            .collect(),
        first_date: dates.iter().min().map(|d| iso(*d)).unwrap_or_default(),
        latest_date: dates.iter().max().map(|d| iso(*d)).unwrap_or_default(),
    }
}

// CSV: one row per entry, from the same records as the JSON.

/// The columns of each kind's CSV file, in order.
pub const POLICY_COLUMNS: &[&str] = &[
    "id",
    "title",
    "administration",
    "announced",
    "effective",
    "status",
    "action",
    "subjects",
    "agencies",
    "current_status",
    "identifiers",
    "supersedes",
    "superseded_by",
    "implements",
    "derivatives",
    "court_actions",
    "commentary",
    "cases",
    "documents",
    "updated",
    "aliases",
    "page",
    "page_url",
    "source_file",
    "summary",
];

pub const COURT_ACTION_COLUMNS: &[&str] = &[
    "id",
    "title",
    "date",
    "case",
    "docket",
    "court",
    "filing",
    "challenges",
    "case_id",
    "url",
    "documents",
    "updated",
    "aliases",
    "page",
    "page_url",
    "source_file",
    "summary",
];

pub const COMMENTARY_COLUMNS: &[&str] = &[
    "id",
    "title",
    "date",
    "source",
    "url",
    "about",
    "documents",
    "updated",
    "aliases",
    "page",
    "page_url",
    "source_file",
    "summary",
];

/// The separator of the values of a list in one cell.
pub const LIST_SEPARATOR: &str = "; ";

fn join<T: ToString>(list: &[T]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

fn opt(v: &Option<impl ToString>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// `Title <documents/file.pdf>` or `Title <https://…>`.
fn documents(docs: &[DocumentRecord<'_>]) -> String {
    let cells: Vec<String> = docs
        .iter()
        .map(|d| {
            let to = d.file.as_deref().or(d.url).unwrap_or_default();
            format!("{} <{to}>", d.title)
        })
        .collect();
    cells.join(LIST_SEPARATOR)
}

/// The first characters by which a spreadsheet takes a cell for a formula
/// (`=`, `+`, `-`, `@`) or, after a tab or carriage return, may still.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A cell of text, which a spreadsheet must show and never run: one that
/// starts like a formula gets a `'` in front, as OWASP recommends for CSV
/// files ("CSV Injection"). Spreadsheets read the `'` as "this is text" and
/// hide it. Ids, dates and lists of ids are written as they are: they are
/// typed values that never start that way, so a reader's filters on them
/// keep working. The JSON always has the text as written.
fn text(s: impl AsRef<str>) -> String {
    let s = s.as_ref();
    if s.starts_with(FORMULA_STARTS) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn common_cells(f: &EntryFields<'_>) -> [String; 7] {
    [
        text(documents(&f.documents)),
        opt(&f.updated),
        text(join(&f.aliases)),
        text(&f.page),
        text(opt(&f.page_url)),
        text(f.source_file),
        text(f.summary),
    ]
}

fn csv_files(db: &Database<'_>) -> Vec<Output> {
    let policies = db.policies.iter().map(|p| {
        let identifiers: Vec<String> = p
            .identifiers
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        let mut row = vec![
            p.id.to_string(),
            text(p.title),
            text(p.administration),
            p.announced.clone(),
            opt(&p.effective),
            text(join(&p.status)),
            text(p.action),
            text(join(&p.subjects)),
            text(join(&p.agencies)),
            text(opt(&p.current_status)),
            text(identifiers.join(LIST_SEPARATOR)),
            join(&p.supersedes),
            join(&p.superseded_by),
            join(&p.implements),
            join(&p.derivatives),
            join(&p.court_actions),
            join(&p.commentary),
            text(join(&p.cases)),
        ];
        row.extend(common_cells(&p.fields));
        row
    });
    let actions = db.court_actions.iter().map(|a| {
        let mut row = vec![
            a.id.to_string(),
            text(a.title),
            a.date.clone(),
            text(a.case),
            text(a.docket),
            text(a.court),
            text(a.filing),
            join(&a.challenges),
            text(a.case_id),
            text(opt(&a.url)),
        ];
        row.extend(common_cells(&a.fields));
        row
    });
    let comments = db.commentary.iter().map(|m| {
        let mut row = vec![
            m.id.to_string(),
            text(m.title),
            m.date.clone(),
            text(m.source),
            text(opt(&m.url)),
            join(&m.about),
        ];
        row.extend(common_cells(&m.fields));
        row
    });
    vec![
        csv(paths::csv(Kind::Policy), POLICY_COLUMNS, policies),
        csv(paths::csv(Kind::CourtAction), COURT_ACTION_COLUMNS, actions),
        csv(paths::csv(Kind::Commentary), COMMENTARY_COLUMNS, comments),
    ]
}

fn csv(path: String, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Output {
    // A UTF-8 byte order mark first: without it Excel, still the most common
    // way these files are opened, reads them in the computer's legacy code
    // page and garbles every accent and dash. LibreOffice, Numbers, pandas,
    // R and the csv crate all skip it; Python's csv module needs
    // encoding="utf-8-sig" (the book says so).
    let mut buf = b"\xEF\xBB\xBF".to_vec();
    {
        // RFC 4180 line ends (CRLF), which every spreadsheet expects.
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut buf);
        // Writing into memory cannot fail; a row of the wrong length would
        // be a bug, and then the file is left short rather than the build
        // stopped.
        let _ = w.write_record(header);
        for row in rows {
            debug_assert_eq!(row.len(), header.len(), "{path}");
            let _ = w.write_record(&row);
        }
        let _ = w.flush();
    }
    Output { path, bytes: buf }
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn text_that_starts_like_a_formula_is_quoted() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"https://evil.example\")",
                "'=HYPERLINK(\"https://evil.example\")",
            ),
            ("+1 555", "'+1 555"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("EO 14159 = order", "EO 14159 = order"),
            ("", ""),
        ] {
            assert_eq!(text(cell), written, "{cell:?}");
        }
    }
}
