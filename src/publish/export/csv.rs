//! The CSV files: one row per entry, and one per case, from the same
//! records as the JSON (`records.rs`). Each kind's columns are declared once, each with
//! the cell it takes from a record, so that a header and its rows cannot
//! disagree. Lists in a cell are joined with [`LIST_SEPARATOR`].

use super::records::{
    CaseRecord, CommentaryRecord, CourtActionRecord, DocumentRecord, EntryFields, ExtraRecord,
    PolicyRecord,
};
use crate::config::{Fields, Relations};
use crate::content::fields::FieldValue;
use crate::content::Kind;
use crate::error::Error;
use crate::site::{paths, Output};

/// A column of a CSV file: its name in the header, and its cell of a record.
pub struct Column<R> {
    pub name: &'static str,
    cell: fn(&R) -> String,
}

impl<R> Column<R> {
    const fn new(name: &'static str, cell: fn(&R) -> String) -> Column<R> {
        Column { name, cell }
    }
}

/// The names of the columns of `kind`'s CSV file, in order.
pub fn column_names(kind: Kind) -> Vec<&'static str> {
    fn names<R>(columns: &[Column<R>]) -> Vec<&'static str> {
        columns.iter().map(|c| c.name).collect()
    }
    match kind {
        Kind::Policy => names(&policy_columns()),
        Kind::CourtAction => names(&court_action_columns()),
        Kind::Commentary => names(&commentary_columns()),
    }
}

/// The names of the columns of `cases.csv`, in order.
pub fn case_column_names() -> Vec<&'static str> {
    case_columns().iter().map(|c| c.name).collect()
}

fn policy_columns<'a>() -> Vec<Column<PolicyRecord<'a>>> {
    let mut columns = vec![
        Column::new("id", |p: &PolicyRecord<'_>| p.id.to_string()),
        Column::new("title", |p| text(p.title)),
        Column::new("administration", |p| text(opt(&p.administration))),
        Column::new("announced", |p| p.announced.clone()),
        Column::new("effective", |p| opt(&p.effective)),
        Column::new("status", |p| text(join(&p.status))),
        Column::new("action", |p| text(opt(&p.action))),
        Column::new("subjects", |p| text(join(&p.subjects))),
        Column::new("agencies", |p| text(join(&p.agencies))),
        Column::new("current_status", |p| text(opt(&p.current_status))),
        Column::new("identifiers", |p| {
            let pairs: Vec<String> = p
                .identifiers
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            text(pairs.join(LIST_SEPARATOR))
        }),
        Column::new("supersedes", |p| join(&p.supersedes)),
        Column::new("superseded_by", |p| join(&p.superseded_by)),
        Column::new("implements", |p| join(&p.implements)),
        Column::new("derivatives", |p| join(&p.derivatives)),
        Column::new("court_actions", |p| join(&p.court_actions)),
        Column::new("commentary", |p| join(&p.commentary)),
        Column::new("cases", |p| text(join(&p.cases))),
        Column::new("in_force", |p| {
            join(&p.in_force.iter().map(|x| x.cell()).collect::<Vec<_>>())
        }),
    ];
    columns.extend(common_columns());
    columns
}

fn court_action_columns<'a>() -> Vec<Column<CourtActionRecord<'a>>> {
    let mut columns = vec![
        Column::new("id", |a: &CourtActionRecord<'_>| a.id.to_string()),
        Column::new("title", |a| text(a.title)),
        Column::new("date", |a| a.date.clone()),
        Column::new("case", |a| text(a.case)),
        Column::new("docket", |a| text(a.docket)),
        Column::new("court", |a| text(a.court)),
        Column::new("filing", |a| text(opt(&a.filing))),
        Column::new("challenges", |a| join(&a.challenges)),
        Column::new("case_id", |a| text(a.case_id)),
        Column::new("url", |a| text(opt(&a.url))),
    ];
    columns.extend(common_columns());
    columns
}

fn commentary_columns<'a>() -> Vec<Column<CommentaryRecord<'a>>> {
    let mut columns = vec![
        Column::new("id", |m: &CommentaryRecord<'_>| m.id.to_string()),
        Column::new("title", |m| text(m.title)),
        Column::new("date", |m| m.date.clone()),
        Column::new("source", |m| text(opt(&m.source))),
        Column::new("url", |m| text(opt(&m.url))),
        Column::new("about", |m| join(&m.about)),
    ];
    columns.extend(common_columns());
    columns
}

/// The columns of `cases.csv`: a case's facts, its filings and the
/// policies it challenges, as ids; what its file says it challenges that is
/// not on the site, by title.
fn case_columns<'a>() -> Vec<Column<CaseRecord<'a>>> {
    vec![
        Column::new("id", |c: &CaseRecord<'_>| text(c.id)),
        Column::new("name", |c| text(c.name)),
        Column::new("court", |c| text(c.court)),
        Column::new("docket", |c| text(c.docket)),
        Column::new("status", |c| text(opt(&c.status))),
        Column::new("first_date", |c| opt(&c.first_date)),
        Column::new("latest_date", |c| opt(&c.latest_date)),
        Column::new("filings", |c| join(&c.filings)),
        Column::new("policies", |c| join(&c.policies)),
        Column::new("challenges_outside", |c| {
            let outside: Vec<String> = c
                .challenges
                .iter()
                .filter(|x| x.policy.is_none())
                .map(|x| match (x.title, x.url) {
                    (Some(t), Some(u)) => format!("{t} <{u}>"),
                    (t, u) => t.or(u).unwrap_or_default().to_string(),
                })
                .collect();
            text(outside.join(LIST_SEPARATOR))
        }),
        Column::new("appeal_of", |c| text(opt(&c.appeal_of))),
        Column::new("appeals", |c| text(join(&c.appeals))),
        Column::new("consolidated_with", |c| text(join(&c.consolidated_with))),
        Column::new("url", |c| text(opt(&c.url))),
        Column::new("page", |c| text(&c.page)),
        Column::new("page_url", |c| text(opt(&c.page_url))),
        Column::new("updated", |c| opt(&c.updated)),
        Column::new("source_file", |c| text(opt(&c.source_file))),
        Column::new("summary", |c| text(opt(&c.summary))),
    ]
}

/// A record with the fields every kind of entry has.
pub(super) trait Entry<'a> {
    fn fields(&self) -> &EntryFields<'a>;

    /// The cells of the relations the site declares, after every other.
    fn relation_cells(&self) -> Vec<String> {
        Vec::new()
    }
}

impl<'a> Entry<'a> for PolicyRecord<'a> {
    fn fields(&self) -> &EntryFields<'a> {
        &self.fields
    }

    fn relation_cells(&self) -> Vec<String> {
        super::relations::cells(&self.relations, LIST_SEPARATOR)
            .into_iter()
            .map(text)
            .collect()
    }
}

impl<'a> Entry<'a> for CourtActionRecord<'a> {
    fn fields(&self) -> &EntryFields<'a> {
        &self.fields
    }

    fn relation_cells(&self) -> Vec<String> {
        super::relations::cells(&self.relations, LIST_SEPARATOR)
            .into_iter()
            .map(text)
            .collect()
    }
}

impl<'a> Entry<'a> for CommentaryRecord<'a> {
    fn fields(&self) -> &EntryFields<'a> {
        &self.fields
    }

    fn relation_cells(&self) -> Vec<String> {
        super::relations::cells(&self.relations, LIST_SEPARATOR)
            .into_iter()
            .map(text)
            .collect()
    }
}

/// The columns every kind's file ends with.
fn common_columns<'a, R: Entry<'a>>() -> Vec<Column<R>> {
    vec![
        Column::new("documents", |r: &R| text(documents(&r.fields().documents))),
        Column::new("updated", |r| opt(&r.fields().updated)),
        Column::new("aliases", |r| text(join(&r.fields().aliases))),
        Column::new("page", |r| text(&r.fields().page)),
        Column::new("page_url", |r| text(opt(&r.fields().page_url))),
        Column::new("source_file", |r| text(r.fields().source_file)),
        Column::new("summary", |r| text(r.fields().summary)),
    ]
}

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

/// The CSV file of each kind of entry.
/// The names of the columns of the relations a site declares that join
/// entries of `kind`, in declaration order.
fn related(relations: &Relations, kind: Kind) -> Vec<String> {
    super::relations::column_names(
        relations
            .list
            .iter()
            .filter(|r| super::relations::joins(r, kind))
            .map(|r| r.key.clone()),
    )
}

/// The CSV files, one per kind of entry and one of the cases, filled a
/// record at a time as the JSON is written.
pub(super) struct Tables<'a> {
    pub(super) policies: Table<PolicyRecord<'a>>,
    pub(super) court_actions: Table<CourtActionRecord<'a>>,
    pub(super) commentary: Table<CommentaryRecord<'a>>,
    pub(super) cases: Table<CaseRecord<'a>>,
}

impl Tables<'_> {
    pub(super) fn new(fields: &Fields, relations: &Relations) -> Result<Self, Error> {
        Ok(Tables {
            policies: Table::new(Kind::Policy, policy_columns(), fields, relations)?,
            court_actions: Table::new(
                Kind::CourtAction,
                court_action_columns(),
                fields,
                relations,
            )?,
            commentary: Table::new(Kind::Commentary, commentary_columns(), fields, relations)?,
            cases: Table::with_header(
                paths::CASES_CSV.to_string(),
                case_columns(),
                &fields
                    .of("case")
                    .extra
                    .iter()
                    .map(|f| f.key.as_str())
                    .collect::<Vec<_>>(),
                |c: &CaseRecord<'_>| own_cells(&c.extra),
            )?,
        })
    }

    pub(super) fn finish(self) -> Result<[Output; 4], Error> {
        Ok([
            self.policies.finish()?,
            self.court_actions.finish()?,
            self.commentary.finish()?,
            self.cases.finish()?,
        ])
    }
}

/// One kind's CSV file being written: its header first, then a row per
/// record.
pub(super) struct Table<R> {
    path: String,
    columns: Vec<Column<R>>,
    /// The cells after the declared columns: an entry's fields of the
    /// site's own, then its declared relations.
    more: fn(&R) -> Vec<String>,
    writer: csv::Writer<Vec<u8>>,
}

fn extra_cells<'a, R: Entry<'a>>(record: &R) -> Vec<String> {
    own_cells(&record.fields().extra)
}

/// The cells of the fields of the site's own, in declaration order.
fn own_cells(extra: &ExtraRecord<'_>) -> Vec<String> {
    extra
        .0
        .iter()
        .map(|(_, value)| match value {
            Some(v @ FieldValue::Number(_)) => v.cell(LIST_SEPARATOR),
            Some(v) => text(v.cell(LIST_SEPARATOR)),
            None => String::new(),
        })
        .collect()
}

/// The cells of an entry after the declared columns.
fn entry_cells<'a, R: Entry<'a>>(record: &R) -> Vec<String> {
    let mut cells = extra_cells(record);
    cells.extend(record.relation_cells());
    cells
}

impl<'a, R: Entry<'a>> Table<R> {
    fn new(
        kind: Kind,
        columns: Vec<Column<R>>,
        fields: &Fields,
        relations: &Relations,
    ) -> Result<Self, Error> {
        let extra = fields.of(kind.name()).extra.iter().map(|f| f.key.as_str());
        let related = related(relations, kind);
        let more: Vec<&str> = extra.chain(related.iter().map(String::as_str)).collect();
        Table::with_header(paths::csv(kind), columns, &more, entry_cells::<R>)
    }
}

impl<R> Table<R> {
    /// A table at `path` whose header is its columns' names, then `more`,
    /// the names of the cells `cells` gives after them.
    fn with_header(
        path: String,
        columns: Vec<Column<R>>,
        more: &[&str],
        cells: fn(&R) -> Vec<String>,
    ) -> Result<Self, Error> {
        // A UTF-8 byte order mark first: without it Excel, still the most common
        // way these files are opened, reads them in the computer's legacy code
        // page and garbles every accent and dash. LibreOffice, Numbers, pandas,
        // R and the csv crate all skip it; Python's csv module needs
        // encoding="utf-8-sig" (the book says so).
        let buf = b"\xEF\xBB\xBF".to_vec();
        // RFC 4180 line ends (CRLF), which every spreadsheet expects.
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(buf);
        writer
            .write_record(columns.iter().map(|c| c.name).chain(more.iter().copied()))
            .map_err(|e| failed(&path, e))?;
        Ok(Table {
            path,
            columns,
            more: cells,
            writer,
        })
    }

    pub(super) fn row(&mut self, record: &R) -> Result<(), Error> {
        let cells = self.columns.iter().map(|c| (c.cell)(record));
        self.writer
            .write_record(cells.chain((self.more)(record)))
            .map_err(|e| failed(&self.path, e))
    }

    fn finish(self) -> Result<Output, Error> {
        let Table { path, writer, .. } = self;
        let bytes = writer
            .into_inner()
            .map_err(|e| failed(&path, e.into_error().into()))?;
        Ok(Output { path, bytes })
    }
}

fn failed(path: &str, e: csv::Error) -> Error {
    Error::Output(format!("cannot write {path}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
