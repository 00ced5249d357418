//! `docket import`: a spreadsheet, one row an entry, into entry files.
//!
//! 1. [`sheet`] reads the rows, each cell with its place.
//! 2. [`mapping`] says which key each column fills.
//! 3. Each row becomes the text of an entry, as `docket new` writes one
//!    ([`value`] makes each cell a TOML value), keeping which cell each
//!    line of the text came from.
//! 4. The texts are checked by the loading `docket check` runs, together
//!    with the site's own entries: vocabularies, ids, relations, links.
//!    Every problem found in them is shown at the cell it came from.
//! 5. Only when there is no error are the files written, none of them over
//!    an existing file; then the site is loaded again to prove that every
//!    new file reads back as the entry it was meant to be.

pub mod mapping;
pub mod sheet;
pub mod value;

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::cmd::new::{file_name, next_id, toml_string};
use crate::config::{self, Config};
use crate::content::{self, walk, Kind, Ty};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, SourceFile, Sources, Span};
use mapping::{Mapping, Target};
use sheet::{column_name, Cell, Placed, Row};

/// What `docket import` was asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// The spreadsheet, as given on the command line.
    pub file: PathBuf,
    pub kind: Option<Kind>,
    /// A mapping file.
    pub map: Option<PathBuf>,
    /// The sheet of a workbook.
    pub sheet: Option<String>,
    /// Check every row, and write nothing.
    pub dry_run: bool,
}

/// What an import found, and what it wrote.
pub struct Report {
    pub sources: Sources,
    pub diags: Diagnostics,
    pub kind: Option<Kind>,
    /// The entries made of the rows: written, or (with errors, or
    /// `--dry-run`) that would be.
    pub entries: Vec<Planned>,
    pub written: bool,
}

/// One entry made of a row.
#[derive(Clone, Debug)]
pub struct Planned {
    pub path: PathBuf,
    pub id: u32,
}

/// Imports `options.file` into the site at `root`. `Err` is a failure that
/// is not about the data (a file that cannot be read or written, no kind
/// given), for exit code 2.
pub fn import(root: &Path, options: &Options) -> Result<Report, String> {
    let mut report = Report {
        sources: Sources::default(),
        diags: Diagnostics::default(),
        kind: options.kind,
        entries: Vec::new(),
        written: false,
    };
    let Some(config) = config::load(root, &mut report.sources, &mut report.diags) else {
        return Ok(report);
    };
    report.diags.set_lints(config.lints.clone());
    let (mapping, mapping_file) = match &options.map {
        Some(path) => {
            let file = FileId(report.sources.len() as u32);
            match mapping::read(path, &mut report.sources, &mut report.diags)? {
                Some(m) => (m, Some(file)),
                None => return Ok(report),
            }
        }
        None => (Mapping::default(), None),
    };
    let kind = options
        .kind
        .or(mapping.kind)
        .or_else(|| kind_of_name(&options.file))
        .ok_or_else(|| {
            format!(
                "say what the rows of {} are: --kind policy, --kind court-action or --kind commentary",
                crate::cmd::display(&options.file)
            )
        })?;
    report.kind = Some(kind);
    let name = crate::cmd::display(&options.file);
    let sheet_name = options.sheet.as_deref().or(mapping.sheet.as_deref());
    let Some(sheet) = sheet::read(
        &options.file,
        name.clone(),
        sheet_name,
        &mut report.sources,
        &mut report.diags,
    )?
    else {
        return Ok(report);
    };
    let Some((header, data)) = sheet.rows.split_first() else {
        report.diags.push(
            Diagnostic::new(
                crate::diag::Severity::Error,
                Code::ImportSheet,
                None,
                format!("{name} has no rows"),
            )
            .help("the first row names the columns, and each row after it is an entry"),
        );
        return Ok(report);
    };
    let columns = mapping::columns(kind, header, data, &mapping, mapping_file, &mut report.diags);
    let defaults = defaults(kind, &mapping, mapping_file, &mut report.diags);
    let how = value::Reading {
        separator: mapping.separator.as_deref().unwrap_or(";"),
        date_formats: &mapping.date_formats,
    };
    let has_id_column = columns
        .targets
        .iter()
        .any(|t| matches!(t, Some(Target::Key(k)) if k.ty == Ty::Id));
    let first_id = if has_id_column { 0 } else { next_id(root, kind) };
    let mut drafts = Vec::with_capacity(data.len());
    for (i, row) in data.iter().enumerate() {
        let cx = RowCx {
            kind,
            row,
            targets: &columns.targets,
            defaults: &defaults,
            how: &how,
            assigned: (!has_id_column).then(|| first_id.saturating_add(i as u32)),
        };
        drafts.push(cx.draft(root, &mut report.diags));
    }
    existing_files(&drafts, &mut report.diags);
    check(root, &config, kind, &drafts, &mut report);
    report.entries = drafts
        .iter()
        .filter_map(|d| d.id.map(|id| Planned { path: d.path.clone(), id }))
        .collect();
    if report.diags.has_errors() || options.dry_run {
        return Ok(report);
    }
    write(root, kind, &drafts)?;
    report.written = true;
    Ok(report)
}

/// The kind a file's name says (`policies.csv`, `court-actions.xlsx`).
fn kind_of_name(path: &Path) -> Option<Kind> {
    let stem = path.file_stem()?.to_string_lossy().to_lowercase().replace('_', "-");
    Kind::ALL
        .into_iter()
        .find(|k| stem == k.dir() || stem == k.name())
}

/// The defaults of the mapping, each checked to be a key of `kind`.
fn defaults(
    kind: Kind,
    mapping: &Mapping,
    file: Option<FileId>,
    diags: &mut Diagnostics,
) -> Vec<(Target, Placed)> {
    let mut out = Vec::new();
    for (key, placed) in &mapping.defaults {
        let target = match mapping::target(kind, key.get_ref()) {
            Ok(Target::Key(k)) if k.ty == Ty::Id => Err((
                "`id` cannot have a default: every entry has its own".to_string(),
                "give ids in a column, or leave them to docket (no id column)".to_string(),
            )),
            other => other,
        };
        match target {
            Ok(t) => out.push((t, placed.clone())),
            Err((message, help)) => {
                if let Some(file) = file {
                    diags.push(
                        Diagnostic::error(Code::ImportMapping, Span::new(file, key.span()), message)
                            .label("in [defaults]")
                            .help(help),
                    );
                }
            }
        }
    }
    out
}

/// Where a part of an entry's text came from.
#[derive(Clone, Debug)]
struct Origin {
    range: Range<usize>,
    span: Span,
    /// The cell as a message names it: `row 4, column C (agencies)`.
    place: String,
}

/// A row made into the text of an entry.
struct Draft {
    /// Where the file goes, and its name as diagnostics show it.
    path: PathBuf,
    name: String,
    id: Option<u32>,
    text: String,
    origins: Vec<Origin>,
    /// The row as a whole, for a problem of no one cell.
    row: Origin,
    /// The cell of the title (or the row), where a file already there is shown.
    title_span: Span,
}

impl Draft {
    /// Where `offset` of the text came from.
    fn origin(&self, offset: usize) -> &Origin {
        self.origins
            .iter()
            .find(|o| o.range.contains(&offset) || (o.range.is_empty() && o.range.start == offset))
            .unwrap_or(&self.row)
    }
}

/// What a row is made into an entry with.
struct RowCx<'a> {
    kind: Kind,
    row: &'a Row,
    targets: &'a [Option<Target>],
    defaults: &'a [(Target, Placed)],
    how: &'a value::Reading<'a>,
    /// The id docket gives the row, when the sheet has no id column.
    assigned: Option<u32>,
}

impl RowCx<'_> {
    /// The cell that gives `target` in this row: its column's, or the default.
    fn source(&self, target: &Target) -> Option<(Placed, String)> {
        let column = self.targets.iter().position(|t| t.as_ref() == Some(target));
        if let Some(col) = column {
            let cell = self.row.cell(col);
            if !cell.cell.is_empty() {
                let place = format!(
                    "row {}, column {} ({})",
                    self.row.number,
                    column_name(col),
                    target.name()
                );
                return Some((cell, place));
            }
        }
        let default = self.defaults.iter().find(|(t, _)| t == target);
        match (default, column) {
            (Some((_, placed)), _) => Some((placed.clone(), format!("the default of `{}`", target.name()))),
            (None, Some(col)) => Some((
                self.row.cell(col),
                format!("row {}, column {} ({})", self.row.number, column_name(col), target.name()),
            )),
            (None, None) => None,
        }
    }

    fn draft(&self, root: &Path, diags: &mut Diagnostics) -> Draft {
        let mut text = String::from("+++\n");
        let mut origins = Vec::new();
        let mut id = self.assigned;
        let mut title = String::new();
        let mut title_span = self.row.span;
        let row_place = format!("row {}", self.row.number);
        for key in content::keys(self.kind) {
            if key.ty == Ty::Table {
                self.identifiers(key.name, &mut text, &mut origins, diags);
                continue;
            }
            if key.ty == Ty::Id && self.assigned.is_some() {
                let start = text.len();
                text.push_str(&format!("{} = {}\n", key.name, id.unwrap_or(0)));
                origins.push(Origin {
                    range: start..text.len(),
                    span: self.row.span,
                    place: row_place.clone(),
                });
                continue;
            }
            let Some((placed, place)) = self.source(&Target::Key(key)) else {
                continue;
            };
            let toml = if placed.cell.is_empty() {
                match (key.required, key.ty) {
                    (true, Ty::Text) => Some("\"\"".to_string()),
                    (true, Ty::List | Ty::Ids) => Some("[]".to_string()),
                    (true, _) => {
                        diags.push(
                            Diagnostic::error(Code::EmptyValue, placed.span, format!("{place}: `{}` is empty", key.name))
                                .label("no value")
                                .help(format!("every {} needs one, like {}", self.kind.name(), key.example)),
                        );
                        None
                    }
                    (false, _) => None,
                }
            } else {
                match value::toml(key.ty, key.name, &placed.cell, self.how) {
                    Ok(v) => Some(v),
                    Err(p) => {
                        diags.push(
                            Diagnostic::error(p.code, placed.span, format!("{place}: {}", p.message))
                                .label("this cell")
                                .help(p.help),
                        );
                        None
                    }
                }
            };
            let Some(toml) = toml else { continue };
            if key.ty == Ty::Id {
                id = value::id(&placed.cell).ok();
            }
            if key.name == "title" {
                title = value::text(&placed.cell).unwrap_or_default();
                title_span = placed.span;
            }
            let start = text.len();
            text.push_str(&format!("{} = {toml}\n", key.name));
            origins.push(Origin {
                range: start..text.len(),
                span: placed.span,
                place,
            });
        }
        text.push_str("+++\n");
        if let Some((placed, place)) = self.source(&Target::Body) {
            let start = text.len();
            let body = match &placed.cell {
                Cell::Text(t) => t.trim_end().to_string(),
                other => value::text(other).unwrap_or_default(),
            };
            text.push_str(&body);
            text.push('\n');
            origins.push(Origin {
                range: start..text.len(),
                span: placed.span,
                place,
            });
        }
        let dir = root.join(walk::CONTENT_DIR).join(self.kind.dir());
        let path = dir.join(file_name(id.unwrap_or(0), &title));
        Draft {
            name: crate::source::display_name(root, &path),
            path,
            id,
            text,
            origins,
            row: Origin {
                range: 0..0,
                span: self.row.span,
                place: row_place,
            },
            title_span,
        }
    }

    /// `identifiers = { "Name" = "value", … }`, from the columns and
    /// defaults of `identifiers.NAME`, each value with its own origin.
    fn identifiers(&self, key: &str, text: &mut String, origins: &mut Vec<Origin>, diags: &mut Diagnostics) {
        let mut names: Vec<&str> = Vec::new();
        for t in self.targets.iter().flatten().chain(self.defaults.iter().map(|(t, _)| t)) {
            if let Target::Identifier(n) = t {
                if !names.contains(&n.as_str()) {
                    names.push(n);
                }
            }
        }
        let mut pairs = Vec::new();
        for name in names {
            let target = Target::Identifier(name.to_string());
            let Some((placed, place)) = self.source(&target) else { continue };
            if placed.cell.is_empty() {
                continue;
            }
            match value::toml(Ty::Table, &target.name(), &placed.cell, self.how) {
                Ok(v) => pairs.push((name, v, placed.span, place)),
                Err(p) => diags.push(
                    Diagnostic::error(p.code, placed.span, format!("{place}: {}", p.message))
                        .label("this cell")
                        .help(p.help),
                ),
            }
        }
        if pairs.is_empty() {
            return;
        }
        text.push_str(&format!("{key} = {{ "));
        for (i, (name, v, span, place)) in pairs.into_iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            let start = text.len();
            text.push_str(&format!("{} = {v}", toml_string(name)));
            origins.push(Origin {
                range: start..text.len(),
                span,
                place,
            });
        }
        text.push_str(" }\n");
    }
}

/// A file already where an entry would be written is an error: the import
/// never overwrites one.
fn existing_files(drafts: &[Draft], diags: &mut Diagnostics) {
    for d in drafts {
        if d.id.is_some() && d.path.symlink_metadata().is_ok() {
            diags.push(
                Diagnostic::error(
                    Code::FileExists,
                    d.title_span,
                    format!("{}: {} already exists", d.row.place, d.name),
                )
                .label("this row's file")
                .help("docket import never overwrites a file: remove or rename that file, or leave the row out"),
            );
        }
    }
}

/// Checks the entries made of the rows as `docket check` checks a site,
/// together with the site's own entries, and reports each problem in them
/// at the cell it came from.
fn check(root: &Path, config: &Config, kind: Kind, drafts: &[Draft], report: &mut Report) {
    let sources = &mut report.sources;
    // The site's own problems are not the import's.
    let mut ignored = Diagnostics::default();
    let (mut parsed, documents) = content::read_all(root, config, sources, &mut ignored);
    let first = sources.len() as u32;
    let mut found = Vec::new();
    for d in drafts {
        let file = FileId(sources.len() as u32);
        let source = SourceFile::new(d.name.clone(), d.path.clone(), d.text.clone());
        parsed.push((kind, content::meta::parse(kind, file, &source, config, &mut found)));
        sources.add(source);
    }
    let corpus = content::assemble(parsed, documents, true);
    let mut later = Diagnostics::default();
    later.set_lints(crate::lints::Lints::show_all());
    let graph = crate::graph::link(&corpus, &mut later);
    let site = crate::Site::new(
        root.to_path_buf(),
        config.clone(),
        std::mem::take(sources),
        corpus,
        graph,
        None,
    );
    let _ = crate::render::prepare(&site, &mut later);
    *sources = site.sources;
    let in_draft = |s: Span| s.file.0 >= first;
    let mut seen = HashSet::new();
    for d in found.into_iter().chain(later.into_vec()) {
        let touches = d.span.is_some_and(in_draft) || d.notes.iter().any(|n| in_draft(n.span));
        if !touches {
            continue;
        }
        // A missing key is reported where the sheet lacks it (the header,
        // or the cell that could not be read), never at every row.
        if d.code == Code::MissingKey && d.span.is_some_and(|s| in_draft(s) && s.start == 0) {
            continue;
        }
        let d = remap(d, drafts, first);
        if seen.insert((d.code, d.span, d.message.clone())) {
            report.diags.push(d);
        }
    }
}

/// A diagnostic of an entry's text, moved to the cells it came from.
fn remap(mut d: Diagnostic, drafts: &[Draft], first: u32) -> Diagnostic {
    let draft = |s: Span| s.file.0.checked_sub(first).and_then(|i| drafts.get(i as usize));
    if let Some(span) = d.span {
        if let Some(draft) = draft(span) {
            let origin = draft.origin(span.start as usize);
            d.span = Some(origin.span);
            d.message = format!("{}: {}", origin.place, d.message);
        }
    }
    for note in &mut d.notes {
        if let Some(draft) = draft(note.span) {
            let origin = draft.origin(note.span.start as usize);
            note.span = origin.span;
            note.message = format!("{}: {}", origin.place, note.message);
        }
    }
    d
}

/// Writes every entry, none over an existing file, then loads the site to
/// prove each reads back as the entry it was meant to be. On any failure,
/// the files written are removed.
fn write(root: &Path, kind: Kind, drafts: &[Draft]) -> Result<(), String> {
    let mut written: Vec<&Path> = Vec::new();
    let undo = |written: &[&Path]| {
        for p in written {
            let _ = std::fs::remove_file(p);
        }
    };
    for d in drafts {
        if let Err(e) = crate::cmd::new::write_new(&d.path, &d.text) {
            undo(&written);
            return Err(format!("{e}; the files written before it were removed"));
        }
        written.push(&d.path);
    }
    let mut diags = Diagnostics::default();
    let options = crate::LoadOptions {
        drafts: true,
        ..crate::LoadOptions::default()
    };
    let loaded: HashSet<(u32, String)> = match crate::load(root, &options, &mut diags) {
        Ok(site) => site
            .corpus
            .entries()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, id, c)| (id, site.sources.get(c.file).name.clone()))
            .collect(),
        Err(_) => HashSet::new(),
    };
    let lost: Vec<&Draft> = drafts
        .iter()
        .filter(|d| !d.id.is_some_and(|id| loaded.contains(&(id, d.name.clone()))))
        .collect();
    if let Some(d) = lost.first() {
        undo(&written);
        return Err(format!(
            "{} did not read back as {} {} ({} of the new files did not); every file written was removed",
            d.name,
            kind.name(),
            d.id.unwrap_or(0),
            lost.len()
        ));
    }
    Ok(())
}
