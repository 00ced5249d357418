//! Which key of an entry each column of a spreadsheet fills: by its header
//! (`announced`, `Current status`), or as a mapping file says.
//!
//! A mapping file is TOML:
//!
//! ```toml
//! kind = "policy"                 # what the rows are
//! sheet = "Orders"                # the sheet of a workbook
//! separator = ";"                 # between the values of a list in one cell
//! date_formats = ["%m/%d/%Y"]     # dates written in other ways
//!
//! [columns]                       # header = key
//! "Signed" = "announced"
//! "EO number" = "identifiers.Executive Order"
//! "Notes" = ""                    # a column left out
//!
//! [defaults]                      # for a key no column (or an empty cell) gives
//! administration = "Truman"
//! ```
//!
//! The keys a column can fill are the front matter keys of its kind
//! ([`crate::content::keys`], the one list of them), an identifier
//! (`identifiers.NAME`) and the Markdown `body`: a key added to a kind is
//! a key a column can fill, with nothing to change here.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::sheet::{column_name, Cell, Placed, Row};
use super::What;
use crate::config::{KindFields, Level};
use crate::content::{Key, Ty};
use crate::diag::{nearest, Code, Diagnostic, Diagnostics};
use crate::source::{FileId, SourceFile, Sources, Span};

/// What a mapping file says.
#[derive(Debug, Default)]
pub struct Mapping {
    pub kind: Option<What>,
    pub sheet: Option<String>,
    pub separator: Option<String>,
    pub date_formats: Vec<String>,
    pub columns: Vec<Rule>,
    /// Values for a key that no column (or an empty cell) gives.
    pub defaults: Vec<(Spanned<String>, Placed)>,
}

/// One line of `[columns]`: a header and the key its column fills (empty
/// to leave the column out).
#[derive(Debug)]
pub struct Rule {
    pub header: Spanned<String>,
    pub key: Spanned<String>,
}

/// What a column fills.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Key(&'static Key),
    /// One of `identifiers`, by its name.
    Identifier(String),
    /// A field `docket.toml` declares of the site's own, by its key.
    Own(String),
    /// A relation `[relations]` declares, by its key: ids, like `supersedes`.
    Relation(String),
    Body,
}

impl Target {
    /// The key as written, for messages.
    pub fn name(&self) -> String {
        match self {
            Target::Key(k) => k.name.to_string(),
            Target::Identifier(n) => format!("identifiers.{n}"),
            Target::Own(k) | Target::Relation(k) => k.clone(),
            Target::Body => "body".into(),
        }
    }
}

/// The target named `name` for entries of `kind`, whose keys `fields`
/// declares, or why there is none.
pub fn target(kind: What, fields: &KindFields, name: &str) -> Result<Target, (String, String)> {
    let keys = kind.keys();
    let present = |k: &&Key| fields.level(k.name, k.required) != Level::Absent;
    if fields.field(name).is_some() {
        return Ok(Target::Own(name.to_string()));
    }
    if fields.relations.iter().any(|r| r == name) {
        return Ok(Target::Relation(name.to_string()));
    }
    if name == "body" {
        return Ok(Target::Body);
    }
    if let Some(id) = name.strip_prefix("identifiers.") {
        if keys.iter().any(|k| k.ty == Ty::Table) && !id.trim().is_empty() {
            return Ok(Target::Identifier(id.trim().to_string()));
        }
    }
    match keys.iter().find(|k| k.name == name) {
        Some(k) if k.ty == Ty::Documents => Err((
            "`documents` cannot be imported from a column".into(),
            "add [[documents]] tables to the entries after the import".into(),
        )),
        Some(k) if !present(&k) => Err((
            format!(
                "`{name}` is not part of this site's {}",
                kind.plural_label().to_lowercase()
            ),
            format!(
                "docket.toml declares it absent ([fields.{}] {name} = \"absent\"): leave the column out, or declare the key \"optional\" there",
                kind.name()
            ),
        )),
        Some(k) => Ok(Target::Key(k)),
        None => {
            let names: Vec<&str> = keys
                .iter()
                .filter(|k| k.ty != Ty::Documents)
                .filter(present)
                .map(|k| match k.ty {
                    Ty::Table => "identifiers.NAME",
                    _ => k.name,
                })
                .chain(fields.extra.iter().map(|f| f.key.as_str()))
                .chain(fields.relations.iter().map(String::as_str))
                .chain(["body"])
                .collect();
            let what = kind.label().to_lowercase();
            let help = match nearest(name, names.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "the keys of a {what} are {}",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            Err((format!("`{name}` is not a key of a {what}"), help))
        }
    }
}

/// Reads a mapping file; `None` when it is not TOML (each syntax error is
/// reported) or cannot be read.
pub fn read(
    path: &Path,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Result<Option<Mapping>, String> {
    let name = crate::terminal::path(path);
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    let file = sources.add(SourceFile::new(name, path.to_path_buf(), text));
    let text = sources.get(file).text.clone();
    let (table, errors) = DeTable::parse_recoverable(&text);
    if !errors.is_empty() {
        for e in errors {
            let at = e.span().unwrap_or(0..0);
            let x = crate::syntax::explain(&text, at.clone(), e.message());
            let mut d = Diagnostic::error(Code::ImportMapping, Span::new(file, at), x.message)
                .label(x.label)
                .help(x.help);
            if let Some((at, what)) = x.note {
                d = d.note(Span::new(file, at), what);
            }
            diags.push(d);
        }
        return Ok(None);
    }
    let mut m = Mapping::default();
    let mut cx = Cx { file, diags };
    for (key, value) in table.into_inner() {
        let name = key.get_ref().to_string();
        let key_span = key.span();
        match name.as_str() {
            "kind" => m.kind = cx.text(&name, value).and_then(|k| cx.kind(k)),
            "sheet" => m.sheet = cx.text(&name, value).map(Spanned::into_inner),
            "separator" => m.separator = cx.separator(value),
            "date_formats" => m.date_formats = cx.texts(&name, value),
            "columns" => m.columns = cx.columns(value),
            "defaults" => m.defaults = cx.defaults(value),
            _ => {
                let help = match nearest(&name, KEYS) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "a mapping file has {}",
                        KEYS.map(|k| format!("`{k}`")).join(", ")
                    ),
                };
                cx.error(
                    key_span,
                    format!("unknown key `{name}` in the mapping file"),
                    "not a key of a mapping file",
                    help,
                );
            }
        }
    }
    Ok(Some(m))
}

const KEYS: [&str; 6] = [
    "kind",
    "sheet",
    "separator",
    "date_formats",
    "columns",
    "defaults",
];

/// Where the problems of a mapping file go.
struct Cx<'a> {
    file: FileId,
    diags: &'a mut Diagnostics,
}

impl Cx<'_> {
    fn error(&mut self, at: Range<usize>, message: String, label: &str, help: String) {
        self.diags.push(
            Diagnostic::error(Code::ImportMapping, Span::new(self.file, at), message)
                .label(label)
                .help(help),
        );
    }

    fn text(&mut self, key: &str, value: Spanned<DeValue<'_>>) -> Option<Spanned<String>> {
        let span = value.span();
        match value.into_inner() {
            DeValue::String(s) => Some(Spanned::new(span, s.into_owned())),
            _ => {
                self.error(
                    span,
                    format!("`{key}` must be a text in quotes"),
                    "this value",
                    format!("write it like {key} = \"…\""),
                );
                None
            }
        }
    }

    fn texts(&mut self, key: &str, value: Spanned<DeValue<'_>>) -> Vec<String> {
        let span = value.span();
        match value.into_inner() {
            DeValue::Array(items) => items
                .into_iter()
                .filter_map(|v| self.text(key, v).map(Spanned::into_inner))
                .collect(),
            _ => {
                self.error(
                    span,
                    format!("`{key}` must be a list of texts"),
                    "this value",
                    format!("write it like {key} = [\"%m/%d/%Y\"]"),
                );
                Vec::new()
            }
        }
    }

    fn kind(&mut self, k: Spanned<String>) -> Option<What> {
        if let Some(kind) = What::from_name(k.get_ref()) {
            return Some(kind);
        }
        let help = match nearest(k.get_ref(), What::NAMES) {
            Some(near) => format!("did you mean \"{near}\"?"),
            None => {
                "the kinds are \"policy\", \"court-action\", \"commentary\" and \"case\"".into()
            }
        };
        self.error(
            k.span(),
            format!("\"{}\" is not a kind of entry", k.get_ref()),
            "not a kind",
            help,
        );
        None
    }

    fn separator(&mut self, value: Spanned<DeValue<'_>>) -> Option<String> {
        let s = self.text("separator", value)?;
        if s.get_ref().trim().is_empty() {
            self.error(
                s.span(),
                "`separator` is empty".into(),
                "no separator",
                "give the text between the values of a list, like separator = \";\"".into(),
            );
            return None;
        }
        Some(s.into_inner())
    }

    fn table<'i>(&mut self, key: &str, value: Spanned<DeValue<'i>>) -> Option<DeTable<'i>> {
        let span = value.span();
        match value.into_inner() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.error(
                    span,
                    format!("`{key}` must be a table"),
                    "not a table",
                    format!("write it as a [{key}] section"),
                );
                None
            }
        }
    }

    fn columns(&mut self, value: Spanned<DeValue<'_>>) -> Vec<Rule> {
        let Some(table) = self.table("columns", value) else {
            return Vec::new();
        };
        table
            .into_iter()
            .filter_map(|(header, key)| {
                let header = Spanned::new(header.span(), header.into_inner().into_owned());
                let key = self.text("the key of a column", key)?;
                Some(Rule { header, key })
            })
            .collect()
    }

    fn defaults(&mut self, value: Spanned<DeValue<'_>>) -> Vec<(Spanned<String>, Placed)> {
        let Some(table) = self.table("defaults", value) else {
            return Vec::new();
        };
        let file = self.file;
        table
            .into_iter()
            .filter_map(|(key, value)| {
                let key = Spanned::new(key.span(), key.into_inner().into_owned());
                let span = Span::new(file, value.span());
                let cell = self.cell(key.get_ref(), value)?;
                Some((key, Placed { cell, span }))
            })
            .collect()
    }

    /// A default value as the cell it stands for.
    fn cell(&mut self, key: &str, value: Spanned<DeValue<'_>>) -> Option<Cell> {
        let span = value.span();
        let cell = match value.into_inner() {
            DeValue::String(s) => Cell::Text(s.into_owned()),
            DeValue::Boolean(b) => Cell::Bool(b),
            DeValue::Integer(i) => Cell::Number(i.as_str().replace('_', "").parse().ok()?),
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => Cell::Date(chrono::NaiveDate::from_ymd_opt(
                    i32::from(d.year),
                    u32::from(d.month),
                    u32::from(d.day),
                )?),
                _ => {
                    self.error(
                        span,
                        format!("the default of `{key}` has a time of day"),
                        "this value",
                        "give the day alone, like 2025-01-20".into(),
                    );
                    return None;
                }
            },
            DeValue::Array(items) => {
                let mut list = Vec::new();
                for item in items {
                    list.push(self.text(key, item)?.into_inner());
                }
                Cell::List(list)
            }
            _ => {
                self.error(
                    span,
                    format!("wrong kind of value for the default of `{key}`"),
                    "this value",
                    format!(
                        "write a text, a list of texts, a date or a number, like {key} = \"…\""
                    ),
                );
                return None;
            }
        };
        Some(cell)
    }
}

/// What each column of a sheet fills, by column.
pub struct Columns {
    pub targets: Vec<Option<Target>>,
}

/// Maps each column of the sheet to its target, reporting every column
/// docket cannot place (a column with values is never dropped unseen),
/// every rule of the mapping that names no column, and every required key
/// that nothing gives.
pub fn columns(
    kind: What,
    fields: &KindFields,
    header: &Row,
    data: &[Row],
    mapping: &Mapping,
    mapping_file: Option<FileId>,
    diags: &mut Diagnostics,
) -> Columns {
    let width = data
        .iter()
        .map(|r| r.cells.len())
        .chain([header.cells.len()])
        .max()
        .unwrap_or(0);
    let mut cx = Placing {
        kind,
        fields,
        mapping,
        mapping_file,
        used: vec![false; mapping.columns.len()],
        seen: Vec::new(),
    };
    let targets = (0..width)
        .map(|col| cx.column(col, header, data, diags))
        .collect();
    unused_rules(mapping, &cx.used, header, mapping_file, diags);
    missing(kind, fields, &cx.seen, mapping, header, diags);
    Columns { targets }
}

/// The columns placed so far.
struct Placing<'a> {
    kind: What,
    fields: &'a KindFields,
    mapping: &'a Mapping,
    mapping_file: Option<FileId>,
    /// The rules of `[columns]` that named a column of the sheet.
    used: Vec<bool>,
    /// The targets given a column, with its header.
    seen: Vec<(Target, Span)>,
}

impl Placing<'_> {
    fn column(
        &mut self,
        col: usize,
        header: &Row,
        data: &[Row],
        diags: &mut Diagnostics,
    ) -> Option<Target> {
        let cell = header.cell(col);
        let heading = super::value::text(&cell.cell).unwrap_or_default();
        if heading.is_empty() {
            if data.iter().any(|r| !r.cell(col).cell.is_empty()) {
                diags.push(
                    Diagnostic::error(
                        Code::ImportColumn,
                        cell.span,
                        format!("column {} has values but no header", column_name(col)),
                    )
                    .label("no header")
                    .help("name the column after the key it fills, like agencies, or empty it"),
                );
            }
            return None;
        }
        let place = format!("column {} (\"{heading}\")", column_name(col));
        let target = match self.rule(&heading) {
            Some(i) => {
                self.used[i] = true;
                let rule = &self.mapping.columns[i];
                let key = rule.key.get_ref().trim();
                if key.is_empty() {
                    return None; // left out by the mapping
                }
                target(self.kind, self.fields, key).map_err(|(message, help)| {
                    let at = self.mapping_file.map(|f| Span::new(f, rule.key.span()));
                    (message, help, at)
                })
            }
            None => by_heading(self.kind, self.fields, &heading, &place),
        };
        match target {
            Ok(t) => self.once(t, cell.span, &place, diags),
            Err((message, help, at)) => {
                // A rule of the mapping file is wrong there, not in the sheet.
                let code = if at.is_some() {
                    Code::ImportMapping
                } else {
                    Code::ImportColumn
                };
                diags.push(
                    Diagnostic::error(code, at.unwrap_or(cell.span), message)
                        .label("not a key")
                        .help(help),
                );
                None
            }
        }
    }

    /// The rule of `[columns]` for a header: as written, else in any case.
    fn rule(&self, heading: &str) -> Option<usize> {
        let rules = &self.mapping.columns;
        rules
            .iter()
            .position(|r| r.header.get_ref().trim() == heading)
            .or_else(|| {
                rules
                    .iter()
                    .position(|r| r.header.get_ref().trim().eq_ignore_ascii_case(heading))
            })
    }

    /// `t` for this column, unless an earlier column has it.
    fn once(
        &mut self,
        t: Target,
        span: Span,
        place: &str,
        diags: &mut Diagnostics,
    ) -> Option<Target> {
        if let Some((_, first)) = self.seen.iter().find(|(s, _)| *s == t) {
            diags.push(
                Diagnostic::error(
                    Code::ImportColumn,
                    span,
                    format!("{place} fills `{}`, as an earlier column does", t.name()),
                )
                .label("a second column for this key")
                .note(*first, "the first column for it")
                .help(
                    "keep one of the two columns, or leave one out in a mapping file's [columns]",
                ),
            );
            return None;
        }
        self.seen.push((t.clone(), span));
        Some(t)
    }
}

type Unplaced = (String, String, Option<Span>);

/// The target a header names by itself, or why it names none.
fn by_heading(
    kind: What,
    fields: &KindFields,
    heading: &str,
    place: &str,
) -> Result<Target, Unplaced> {
    target(kind, fields, &key_of_heading(heading)).map_err(|(message, help)| {
        let (sep, example) = match help.strip_prefix("did you mean `") {
            Some(rest) => (" ", rest.split('`').next().unwrap_or("body")),
            None => (". ", "body"),
        };
        let help = format!("{help}{sep}Or, in a mapping file's [columns], map the column to a key (\"{heading}\" = \"{example}\") or leave it out (\"{heading}\" = \"\")");
        (format!("{place} is not a key: {message}"), help, None)
    })
}

/// The key a header names: `Current Status` is `current_status`, and
/// `Identifiers.Executive Order` the identifier `Executive Order`, its
/// name kept as written.
fn key_of_heading(heading: &str) -> String {
    let heading = heading.trim();
    match heading.get(..12) {
        Some(prefix) if prefix.eq_ignore_ascii_case("identifiers.") => {
            format!("identifiers.{}", heading[12..].trim())
        }
        _ => normal(heading),
    }
}

/// A header as a key is written: `Current Status` → `current_status`.
fn normal(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Rules of `[columns]` whose header is not in the sheet: most likely a typo.
fn unused_rules(
    mapping: &Mapping,
    used: &[bool],
    header: &Row,
    file: Option<FileId>,
    diags: &mut Diagnostics,
) {
    let Some(file) = file else { return };
    let headings: Vec<String> = header
        .cells
        .iter()
        .filter_map(|c| super::value::text(&c.cell).ok())
        .filter(|h| !h.is_empty())
        .collect();
    for (rule, _) in mapping.columns.iter().zip(used).filter(|(_, u)| !**u) {
        let wanted = rule.header.get_ref();
        let help = match nearest(wanted, headings.iter().map(String::as_str)) {
            Some(near) => format!("did you mean \"{near}\"?"),
            None => format!(
                "the columns are {}",
                headings
                    .iter()
                    .map(|h| format!("\"{h}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        diags.push(
            Diagnostic::error(
                Code::ImportMapping,
                Span::new(file, rule.header.span()),
                format!("the sheet has no column \"{wanted}\""),
            )
            .label("no such column")
            .help(help),
        );
    }
}

/// Reports each required key that no column and no default gives; `id` is
/// not one: without an id column, docket numbers the rows.
fn missing(
    kind: What,
    fields: &KindFields,
    seen: &[(Target, Span)],
    mapping: &Mapping,
    header: &Row,
    diags: &mut Diagnostics,
) {
    let standard = kind
        .keys()
        .iter()
        .filter(|k| fields.level(k.name, k.required) == Level::Required && k.ty != Ty::Id)
        .map(|k| (Target::Key(k), k.name, k.example.to_string()));
    let own = fields.extra.iter().filter(|f| f.required).map(|f| {
        (
            Target::Own(f.key.clone()),
            f.key.as_str(),
            crate::content::fields::example(f, None),
        )
    });
    for (target, name, example) in standard.chain(own) {
        let has_column = seen.iter().any(|(t, _)| *t == target);
        let has_default = mapping.defaults.iter().any(|(k, _)| k.get_ref() == name);
        if !has_column && !has_default {
            diags.push(
                Diagnostic::error(Code::ImportColumn, header.span, format!("no column gives `{name}`, which every {} needs", kind.label().to_lowercase()))
                    .label("in this header row")
                    .help(format!("add a column named {name}, map a column to it in a mapping file's [columns], or give every row the same value in its [defaults], like {example}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Kind;

    #[test]
    fn headers_are_read_as_keys() {
        assert_eq!(normal(" Current Status "), "current_status");
        assert_eq!(normal("court-actions"), "court_actions");
        assert_eq!(
            key_of_heading("Identifiers.Executive Order"),
            "identifiers.Executive Order"
        );
        assert_eq!(
            target(
                What::Entries(Kind::Policy),
                &KindFields::default(),
                "identifiers.Executive Order"
            ),
            Ok(Target::Identifier("Executive Order".into()))
        );
        assert_eq!(
            target(
                What::Entries(Kind::CourtAction),
                &KindFields::default(),
                "body"
            ),
            Ok(Target::Body)
        );
        let (_, help) = target(
            What::Entries(Kind::Policy),
            &KindFields::default(),
            "subject",
        )
        .unwrap_err();
        assert_eq!(help, "did you mean `subjects`?");
        assert!(target(
            What::Entries(Kind::Policy),
            &KindFields::default(),
            "documents"
        )
        .is_err());
        assert!(target(
            What::Entries(Kind::Commentary),
            &KindFields::default(),
            "identifiers.X"
        )
        .is_err());
        let status = target(What::Cases, &KindFields::default(), "status");
        assert!(matches!(status, Ok(Target::Key(k)) if k.name == "status"));
        let (_, help) = target(What::Cases, &KindFields::default(), "dockett").unwrap_err();
        assert_eq!(help, "did you mean `docket`?");
    }
}
