//! One row made into the text of an entry, as `docket new` writes one:
//! its keys in the order of the content format, one a line, each line
//! remembering the cell it came from, so that a problem the loading finds
//! in the text is shown at that cell.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::mapping::Target;
use super::sheet::{column_name, Cell, Placed, Row};
use super::value;
use super::What;
use crate::config::{Field, FieldType, KindFields, Level};
use crate::content::write::{case_file_name, case_file_name_in_court, file_name, toml_string};
use crate::content::Id;
use crate::content::{walk, Key, Ty};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::Span;

/// Where a part of an entry's text came from.
#[derive(Clone, Debug)]
pub(super) struct Origin {
    range: Range<usize>,
    pub(super) span: Span,
    /// The cell as a message names it: `row 4, column C (agencies)`.
    pub(super) place: String,
}

/// A row made into the text of an entry.
pub(super) struct Draft {
    /// Where the file goes, and its name as diagnostics show it.
    pub(super) path: PathBuf,
    pub(super) name: String,
    pub(super) id: Option<Id>,
    pub(super) text: String,
    origins: Vec<Origin>,
    /// The row as a whole, for a problem of no one cell.
    pub(super) row: Origin,
    /// The cell of the title (or the row), where a file already there is shown.
    pub(super) title_span: Span,
    /// For a case: where its file goes when another row's case has the
    /// same name and docket number (in another court), named with its
    /// court too.
    pub(super) in_court: Option<PathBuf>,
}

impl Draft {
    /// A draft of the given text, for tests of what is done with drafts.
    #[cfg(test)]
    pub(super) fn of_text(root: &Path, kind: crate::content::Kind, id: Id, text: &str) -> Draft {
        let path = root
            .join(walk::CONTENT_DIR)
            .join(kind.dir())
            .join(format!("{id}-x.md"));
        let row = Origin {
            range: 0..0,
            span: Span::new(crate::source::FileId(0), 0..0),
            place: "row 2".into(),
        };
        Draft {
            name: crate::source::display_name(root, &path),
            path,
            id: Some(id),
            text: text.into(),
            origins: Vec::new(),
            title_span: row.span,
            row,
            in_court: None,
        }
    }

    /// Where `offset` of the text came from.
    pub(super) fn origin(&self, offset: usize) -> &Origin {
        self.origins
            .iter()
            .find(|o| o.range.contains(&offset))
            .unwrap_or(&self.row)
    }
}

/// The text being written, with the origin of each part.
#[derive(Default)]
struct Writer {
    text: String,
    origins: Vec<Origin>,
}

impl Writer {
    /// Writes `part`, which came from `span`.
    fn push(&mut self, part: &str, span: Span, place: &str) {
        let start = self.text.len();
        self.text.push_str(part);
        self.origins.push(Origin {
            range: start..self.text.len(),
            span,
            place: place.to_string(),
        });
    }
}

/// What a row is made into an entry with.
pub(super) struct RowCx<'a> {
    pub(super) kind: What,
    /// What `docket.toml` declares of the kind's keys.
    pub(super) fields: &'a KindFields,
    pub(super) row: &'a Row,
    pub(super) targets: &'a [Option<Target>],
    pub(super) defaults: &'a [(Target, Placed)],
    pub(super) how: &'a value::Reading<'a>,
    /// The id docket gives the row, when the sheet has no id column.
    pub(super) assigned: Option<Id>,
    /// The relations whose items may name what is not an entry.
    pub(super) outside: &'a [String],
}

impl RowCx<'_> {
    /// The entry made of the row; each cell that cannot be a value is
    /// reported, and its key left out.
    pub(super) fn draft(&self, root: &Path, diags: &mut Diagnostics) -> Draft {
        let mut w = Writer::default();
        w.text.push_str("+++\n");
        let row_place = format!("row {}", self.row.number);
        let mut id = self.assigned;
        let (mut title, mut title_span) = (String::new(), self.row.span);
        let mut docket = String::new();
        let mut court = String::new();
        // What names the file: an entry's title, a case's name.
        let naming = match self.kind {
            What::Entries(_) => "title",
            What::Cases => "name",
        };
        for key in self.kind.keys() {
            if key.ty == Ty::Table {
                self.identifiers(key.name, &mut w, diags);
                continue;
            }
            if let (Ty::Id, Some(n)) = (key.ty, self.assigned) {
                w.push(&format!("{} = {n}\n", key.name), self.row.span, &row_place);
                continue;
            }
            let Some((toml, placed, place)) = self.value(key, diags) else {
                continue;
            };
            if key.ty == Ty::Id {
                id = value::id(&placed.cell).ok();
            }
            if key.name == naming {
                title = value::text(&placed.cell).unwrap_or_default();
                title_span = placed.span;
            }
            if self.kind == What::Cases && key.name == "docket" {
                docket = value::text(&placed.cell).unwrap_or_default();
            }
            if self.kind == What::Cases && key.name == "court" {
                court = value::text(&placed.cell).unwrap_or_default();
            }
            w.push(&format!("{} = {toml}\n", key.name), placed.span, &place);
        }
        for field in &self.fields.extra {
            self.own(field, &mut w, diags);
        }
        for key in &self.fields.relations {
            self.relation(key, &mut w, diags);
        }
        w.text.push_str("+++\n");
        self.body(&mut w);
        let file = match self.kind {
            What::Entries(_) => file_name(
                id.map_or_else(|| "0".to_string(), |id| id.to_string()),
                &title,
            ),
            What::Cases => case_file_name(&title, &docket),
        };
        let dir = root.join(walk::CONTENT_DIR).join(self.kind.dir());
        let path = dir.join(file);
        let in_court = (self.kind == What::Cases && !court.trim().is_empty())
            .then(|| dir.join(case_file_name_in_court(&title, court.trim(), &docket)));
        Draft {
            in_court,
            name: crate::source::display_name(root, &path),
            path,
            id,
            text: w.text,
            origins: w.origins,
            row: Origin {
                range: 0..0,
                span: self.row.span,
                place: row_place,
            },
            title_span,
        }
    }

    /// The cell that gives `target` in this row, and how messages name it:
    /// its column's cell, or the mapping's default when that is empty; an
    /// empty cell when there is neither.
    fn source(&self, target: &Target) -> Option<(Placed, String)> {
        let column = self.targets.iter().position(|t| t.as_ref() == Some(target));
        let cell = column.map(|col| {
            let place = format!(
                "row {}, column {} ({})",
                self.row.number,
                column_name(col),
                target.name()
            );
            (self.row.cell(col), place)
        });
        if let Some(found) = cell.clone().filter(|(c, _)| !c.cell.is_empty()) {
            return Some(found);
        }
        let default = self.defaults.iter().find(|(t, _)| t == target);
        default
            .map(|(_, placed)| {
                (
                    placed.clone(),
                    format!("the default of `{}`", target.name()),
                )
            })
            .or(cell)
    }

    /// The TOML of `key`'s value in this row. An empty cell of a required
    /// key is written empty (`""`, `[]`) for the loading to report as
    /// `check` does, except a date, which has no empty form.
    fn value(
        &self,
        key: &'static Key,
        diags: &mut Diagnostics,
    ) -> Option<(String, Placed, String)> {
        let (placed, place) = self.source(&Target::Key(key))?;
        let required = self.fields.level(key.name, key.required) == Level::Required;
        let toml = if placed.cell.is_empty() {
            match (required, key.ty) {
                (true, Ty::Text) => "\"\"".to_string(),
                (true, Ty::List | Ty::Ids) => "[]".to_string(),
                (true, _) => {
                    diags.push(
                        Diagnostic::error(
                            Code::EmptyValue,
                            placed.span,
                            format!("{place}: `{}` is empty", key.name),
                        )
                        .label("no value")
                        .help(format!(
                            "every {} needs one, like {}",
                            self.kind.label().to_lowercase(),
                            key.example
                        )),
                    );
                    return None;
                }
                (false, _) => return None,
            }
        } else {
            match self.toml(key.ty, key.name, &placed.cell) {
                Ok(v) => v,
                Err(p) => {
                    report(p, &placed, &place, diags);
                    return None;
                }
            }
        };
        Some((toml, placed, place))
    }

    /// A field of the site's own: its cell as the TOML of its type, left
    /// out when empty (a required one is then reported missing, as by
    /// `check`).
    fn own(&self, field: &Field, w: &mut Writer, diags: &mut Diagnostics) {
        let Some((placed, place)) = self.source(&Target::Own(field.key.clone())) else {
            return;
        };
        if placed.cell.is_empty() {
            return;
        }
        let ty = match field.ty {
            FieldType::Text | FieldType::Url | FieldType::Term => Ty::Text,
            FieldType::Date => Ty::Date,
            FieldType::Terms | FieldType::List => Ty::List,
            FieldType::Number => {
                match value::number(&placed.cell) {
                    Ok(n) => w.push(&format!("{} = {n}\n", field.key), placed.span, &place),
                    Err(p) => report(p, &placed, &place, diags),
                }
                return;
            }
        };
        match value::toml(ty, &field.key, &placed.cell, self.how) {
            Ok(v) => w.push(&format!("{} = {v}\n", field.key), placed.span, &place),
            Err(p) => report(p, &placed, &place, diags),
        }
    }

    /// A relation `[relations]` declares: the ids of a cell, like
    /// `supersedes`, and titles of what the site does not hold where the
    /// relation allows them. Notes are added to the entries after the
    /// import.
    fn relation(&self, key: &str, w: &mut Writer, diags: &mut Diagnostics) {
        let Some((placed, place)) = self.source(&Target::Relation(key.to_string())) else {
            return;
        };
        if placed.cell.is_empty() {
            return;
        }
        match self.toml(Ty::Ids, key, &placed.cell) {
            Ok(v) => w.push(&format!("{key} = {v}\n"), placed.span, &place),
            Err(p) => report(p, &placed, &place, diags),
        }
    }

    /// A cell as the TOML of `key`: for a relation that may name what is
    /// not an entry, an item that is not an id is such a thing's title.
    fn toml(&self, ty: Ty, key: &str, cell: &Cell) -> Result<String, value::Problem> {
        if self.outside.iter().any(|k| k == key) {
            value::ids_or_outside(key, cell, self.how)
        } else {
            value::toml(ty, key, cell, self.how)
        }
    }

    /// The Markdown body, after the front matter.
    fn body(&self, w: &mut Writer) {
        let Some((placed, place)) = self.source(&Target::Body) else {
            return;
        };
        let body = match &placed.cell {
            Cell::Text(t) => t.trim_end().to_string(),
            other => value::text(other).unwrap_or_default(),
        };
        w.push(&format!("{body}\n"), placed.span, &place);
    }

    /// `identifiers = { "Name" = "value", … }`, from the columns and
    /// defaults of `identifiers.NAME`, each value with its own origin.
    fn identifiers(&self, key: &str, w: &mut Writer, diags: &mut Diagnostics) {
        let mut names: Vec<&str> = Vec::new();
        let targets = self.targets.iter().flatten();
        for t in targets.chain(self.defaults.iter().map(|(t, _)| t)) {
            if let Target::Identifier(n) = t {
                if !names.contains(&n.as_str()) {
                    names.push(n);
                }
            }
        }
        let mut pairs = Vec::new();
        for name in names {
            let target = Target::Identifier(name.to_string());
            let Some((placed, place)) = self.source(&target) else {
                continue;
            };
            if placed.cell.is_empty() {
                continue;
            }
            match value::toml(Ty::Table, &target.name(), &placed.cell, self.how) {
                Ok(v) => pairs.push((format!("{} = {v}", toml_string(name)), placed.span, place)),
                Err(p) => report(p, &placed, &place, diags),
            }
        }
        if pairs.is_empty() {
            return;
        }
        w.text.push_str(&format!("{key} = {{ "));
        for (i, (pair, span, place)) in pairs.into_iter().enumerate() {
            if i > 0 {
                w.text.push_str(", ");
            }
            w.push(&pair, span, &place);
        }
        w.text.push_str(" }\n");
    }
}

/// A cell whose value cannot be its key's, reported at the cell.
fn report(p: value::Problem, placed: &Placed, place: &str, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::error(p.code, placed.span, format!("{place}: {}", p.message))
            .label("this cell")
            .help(p.help),
    );
}
