//! A spreadsheet's rows, each cell with its place: a CSV or TSV file read
//! with the csv crate, an XLSX or ODS workbook with calamine.
//!
//! Every cell keeps a span in a text that diagnostics point into, so that a
//! bad value is shown where it is. For CSV and TSV that text is the file
//! itself, and a problem is shown at its line and column in the file. A
//! workbook has no text, so its sheet is shown as one: a line a row (line
//! 14 is row 14), each cell's value between ` | `, long ones cut.

use std::ops::Range;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

use crate::diag::{nearest, Code, Diagnostic, Diagnostics, Severity};
use crate::source::{FileId, SourceFile, Sources, Span};

/// A cell's value, as the spreadsheet holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell (a workbook's, or a date in a mapping file).
    Date(NaiveDate),
    /// A date cell with a time of day.
    DateTime(NaiveDateTime),
    /// A list (only in a mapping file's defaults).
    List(Vec<String>),
    /// A cell holding an error of the spreadsheet (`#N/A`).
    Error(String),
}

impl Cell {
    /// Whether there is nothing in it: nothing, or only spaces.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::List(l) => l.is_empty(),
            _ => false,
        }
    }
}

/// A cell and where it is shown.
#[derive(Clone, Debug)]
pub struct Placed {
    pub cell: Cell,
    pub span: Span,
}

/// One row that holds something.
#[derive(Clone, Debug)]
pub struct Row {
    /// Its number in the spreadsheet, from 1.
    pub number: usize,
    /// Its cells by column, from column A.
    pub cells: Vec<Placed>,
    /// The whole row, where a problem of no one cell points.
    pub span: Span,
}

impl Row {
    /// The cell of column `col`, or an empty one at the end of the row.
    pub fn cell(&self, col: usize) -> Placed {
        self.cells.get(col).cloned().unwrap_or(Placed {
            cell: Cell::Empty,
            span: Span {
                file: self.span.file,
                start: self.span.end,
                end: self.span.end,
            },
        })
    }
}

/// The rows of one sheet; the first is the header.
pub struct Sheet {
    /// The text shown in diagnostics, in the sources.
    pub file: FileId,
    /// The sheet's name in a workbook.
    pub name: Option<String>,
    pub rows: Vec<Row>,
}

/// The kinds of file docket imports, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    Workbook,
}

impl Format {
    /// The format of `path`, by its extension; the error says which are read.
    pub fn of(path: &Path) -> Result<Format, String> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" => Ok(Format::Csv),
            "tsv" | "tab" => Ok(Format::Tsv),
            "xlsx" | "ods" => Ok(Format::Workbook),
            _ => Err(format!(
                "{} is not a spreadsheet docket reads: give a .csv, .tsv, .xlsx or .ods file",
                crate::terminal::path(path)
            )),
        }
    }
}

/// Column `col` (from 0) as spreadsheets name it: A … Z, AA, AB …
pub fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads the sheet of `path`, shown as `name` in diagnostics. Problems of
/// the file itself (not UTF-8, not a workbook, no such sheet) are
/// diagnostics, and then there is no sheet; `Err` is a file that cannot be
/// read at all.
pub fn read(
    path: &Path,
    name: String,
    sheet: Option<&str>,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Result<Option<Sheet>, String> {
    let format = Format::of(path)?;
    match format {
        Format::Csv | Format::Tsv => {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {name}: {e}"))?;
            let delimiter = if format == Format::Csv { b',' } else { b'\t' };
            Ok(delimited(path, name, bytes, delimiter, sources, diags))
        }
        Format::Workbook => workbook(path, name, sheet, sources, diags),
    }
}

/// A CSV or TSV file: its text is what diagnostics show.
fn delimited(
    path: &Path,
    name: String,
    bytes: Vec<u8>,
    delimiter: u8,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Sheet> {
    let file = FileId(sources.len() as u32);
    let mut found = Vec::new();
    let (source, readable) = crate::content::decode(name, path, bytes, file, &mut found);
    diags.extend(found);
    let file = sources.add(source);
    if !readable {
        return None;
    }
    let text = &sources.get(file).text;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Rows are numbered as a spreadsheet program shows the file: a line
    // a row, blank lines too, but a cell over several lines is one row.
    let mut extra_lines = 0;
    // Lines are counted here: the csv crate counts a CRLF's `\r` as the
    // end of a record and starts the next at its `\n` (or at the blank
    // lines before it), a line behind.
    let (mut counted_to, mut line) = (0, 1);
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let at = e.position().map_or(0, |p| p.byte() as usize);
                diags.push(
                    Diagnostic::error(
                        Code::ImportSheet,
                        Span::new(file, at..at),
                        format!("this file cannot be read as CSV: {e}"),
                    )
                    .label("here"),
                );
                return None;
            }
        };
        let Some(position) = record.position() else {
            continue;
        };
        let mut start = position.byte() as usize;
        // Blank lines are not records; they may come before it too.
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += text[counted_to..start].matches('\n').count();
        counted_to = start;
        let spans = field_spans(text, start, delimiter, record.len());
        let end = spans.last().map_or(start, |s| s.end);
        let cells = record
            .iter()
            .zip(spans)
            .map(|(value, range)| Placed {
                cell: if value.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(value.to_string())
                },
                span: Span::new(file, range),
            })
            .collect();
        let number = line.saturating_sub(extra_lines);
        extra_lines += text[start..end].matches('\n').count();
        push_row(&mut rows, number, cells, Span::new(file, start..end));
    }
    Some(Sheet {
        file,
        name: None,
        rows,
    })
}

/// Keeps a row that holds something.
fn push_row(rows: &mut Vec<Row>, number: usize, cells: Vec<Placed>, span: Span) {
    if cells.iter().any(|c| !c.cell.is_empty()) {
        rows.push(Row {
            number,
            cells,
            span,
        });
    }
}

/// The byte range of each of the `n` fields of the record that starts at
/// `start`, quotes included: the csv crate gives the values, not where
/// they are written.
fn field_spans(text: &str, start: usize, delimiter: u8, n: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(n);
    let mut i = start;
    for _ in 0..n {
        let from = i;
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
        }
        while i < bytes.len() && ![delimiter, b'\n', b'\r'].contains(&bytes[i]) {
            i += 1;
        }
        out.push(from..i);
        if bytes.get(i) == Some(&delimiter) {
            i += 1;
        }
    }
    out
}

/// An XLSX or ODS workbook's sheet: `sheet`, or the first.
fn workbook(
    path: &Path,
    name: String,
    sheet: Option<&str>,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Result<Option<Sheet>, String> {
    use calamine::Reader;
    if let Err(e) = std::fs::metadata(path) {
        return Err(format!("cannot read {name}: {e}"));
    }
    let file = FileId(sources.len() as u32);
    let again = "save it again from the spreadsheet program, or export the sheet as CSV";
    let read = calamine::open_workbook_auto(path)
        .map_err(|e| {
            (
                format!("{name} cannot be read as a workbook: {e}"),
                again.to_string(),
            )
        })
        .and_then(|mut book| {
            let chosen = choose(&name, &book.sheet_names(), sheet)?;
            let range = book.worksheet_range(&chosen).map_err(|e| {
                (
                    format!("sheet \"{chosen}\" of {name} cannot be read: {e}"),
                    again.to_string(),
                )
            })?;
            Ok((chosen, range))
        });
    match read {
        Ok((chosen, range)) => {
            let (first_row, first_col) = range.start().unwrap_or((0, 0));
            let grid: Vec<Vec<Cell>> = range.rows().map(|r| r.iter().map(cell).collect()).collect();
            let (text, rows) = view(file, first_row as usize, first_col as usize, grid);
            sources.add(SourceFile::new(name, path.to_path_buf(), text));
            Ok(Some(Sheet {
                file,
                name: Some(chosen),
                rows,
            }))
        }
        Err((message, help)) => {
            // An empty text, so that the diagnostic's file is known.
            sources.add(SourceFile::new(name, path.to_path_buf(), String::new()));
            diags.push(
                Diagnostic::new(Severity::Error, Code::ImportSheet, None, message).help(help),
            );
            Ok(None)
        }
    }
}

/// The sheet `wanted` of a workbook, or its first; why not, with a help.
fn choose(name: &str, names: &[String], wanted: Option<&str>) -> Result<String, (String, String)> {
    match wanted {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                let help = match nearest(wanted, names.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean \"{near}\"?"),
                    None => format!("its sheets are {}", quoted(names)),
                };
                (format!("{name} has no sheet \"{wanted}\""), help)
            }),
        None => names.first().cloned().ok_or_else(|| {
            (
                format!("{name} has no sheet"),
                "save a sheet with a header row and one row an entry".to_string(),
            )
        }),
    }
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A workbook's value as a [`Cell`].
fn cell(data: &calamine::Data) -> Cell {
    use calamine::Data;
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            let date = NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d));
            match (date, (h, mi, s, ms)) {
                (Some(date), (0, 0, 0, 0)) => Cell::Date(date),
                (Some(date), _) => date
                    .and_hms_milli_opt(u32::from(h), u32::from(mi), u32::from(s), u32::from(ms))
                    .map_or(Cell::Date(date), Cell::DateTime),
                (None, _) => Cell::Error(format!("{y:04}-{mo:02}-{d:02}, a day that never was")),
            }
        }
        Data::DateTime(dt) => Cell::Error(format!("a duration ({} days)", dt.as_f64())),
        Data::DateTimeIso(s) => iso_cell(s),
        Data::DurationIso(s) => Cell::Error(format!("a duration ({s})")),
        Data::Error(e) => Cell::Error(format!("the error {e}")),
    }
}

/// An ISO date or date and time, as ODS holds date cells.
fn iso_cell(s: &str) -> Cell {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Cell::Date(d);
    }
    match NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        Ok(dt) if dt.time() == chrono::NaiveTime::MIN => Cell::Date(dt.date()),
        Ok(dt) => Cell::DateTime(dt),
        Err(_) => Cell::Text(s.to_string()),
    }
}

/// The longest a cell is shown in a workbook's text.
const SHOWN: usize = 60;

/// The text a workbook's sheet is shown as, a line a row, and its rows
/// with the span of each cell in it.
fn view(
    file: FileId,
    first_row: usize,
    first_col: usize,
    grid: Vec<Vec<Cell>>,
) -> (String, Vec<Row>) {
    let mut text = "\n".repeat(first_row);
    let mut rows = Vec::new();
    for (i, values) in grid.into_iter().enumerate() {
        let line_start = text.len();
        let mut cells = Vec::with_capacity(first_col + values.len());
        for (col, value) in std::iter::repeat_n(Cell::Empty, first_col)
            .chain(values)
            .enumerate()
        {
            if col > 0 {
                text.push_str(" | ");
            }
            let start = text.len();
            text.push_str(&shown(&value));
            cells.push(Placed {
                cell: value,
                span: Span::new(file, start..text.len()),
            });
        }
        let span = Span::new(file, line_start..text.len());
        text.push('\n');
        push_row(&mut rows, first_row + i + 1, cells, span);
    }
    (text, rows)
}

/// A cell as its sheet's text shows it: on one line, cut when long.
fn shown(cell: &Cell) -> String {
    let full = match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => number_text(*n),
        Cell::Bool(b) => b.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::DateTime(dt) => dt.to_string(),
        Cell::List(l) => l.join("; "),
        Cell::Error(e) => format!("#{e}"),
    };
    let one_line: String = full
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() > SHOWN {
        let cut: String = one_line.chars().take(SHOWN - 1).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

/// A number as a person writes it: `1491`, not `1491.0`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn fields_are_found_where_they_are_written() {
        let text = "a,\"b, \"\"c\"\"\",,d\r\nnext";
        let spans = field_spans(text, 0, b',', 4);
        let fields: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(fields, ["a", "\"b, \"\"c\"\"\"", "", "d"]);
    }

    #[test]
    fn rows_are_numbered_and_placed_alike_whatever_ends_their_lines() {
        for end in ["\n", "\r\n"] {
            let text = ["h1,h2", "A,1", "", "\"B", "two\",2", "C,3", ""].join(end);
            let (mut sources, mut diags) = (Sources::default(), Diagnostics::default());
            let sheet = delimited(
                Path::new("s.csv"),
                "s.csv".into(),
                text.clone().into_bytes(),
                b',',
                &mut sources,
                &mut diags,
            )
            .unwrap();
            let rows: Vec<(usize, &str)> = sheet
                .rows
                .iter()
                .map(|r| {
                    let at = &r.cells[0].span;
                    (r.number, &text[at.start as usize..at.end as usize])
                })
                .collect();
            assert_eq!(
                rows,
                [
                    (1, "h1"),
                    (2, "A"),
                    (4, &*format!("\"B{end}two\"")),
                    (5, "C")
                ],
                "{end:?}"
            );
        }
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number_text(1491.0), "1491");
        assert_eq!(number_text(2.5), "2.5");
    }
}
