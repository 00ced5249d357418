//! `docket import`: a spreadsheet, one row an entry, into entry files
//! (or case files, [`What::Cases`]).
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

mod entry;
pub mod mapping;
pub mod sheet;
pub mod value;
mod what;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::config::{Config, KindFields};
use crate::content::write::{next_id, write_new};
use crate::content::Id;
use crate::content::{self, Ty};
use crate::diag::lints::Lints;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::pipeline::{self, LoadOptions};
use crate::site::bodies::Bodies;
use crate::source::{FileId, SourceFile, Sources, Span};
use entry::{Draft, RowCx};
use mapping::{Mapping, Target};
use sheet::{Placed, Row};
pub use what::What;

/// What `docket import` was asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// The spreadsheet, as given on the command line.
    pub file: PathBuf,
    pub kind: Option<What>,
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
    pub kind: Option<What>,
    /// The entries made of the rows: written, or (with errors, or
    /// `--dry-run`) that would be.
    pub entries: Vec<Planned>,
    pub written: bool,
}

/// One entry made of a row.
#[derive(Clone, Debug)]
pub struct Planned {
    pub path: PathBuf,
    /// The entry's id; a case file has none.
    pub id: Option<Id>,
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
    // Through the pipeline's own reading, which sets the site's lint levels.
    let load = LoadOptions::default();
    let Some(config) = pipeline::load_config(root, &load, &mut report.sources, &mut report.diags)
    else {
        return Ok(report);
    };
    let Some((mapping, mapping_file)) = read_mapping(options, &mut report)? else {
        return Ok(report);
    };
    let kind = options
        .kind
        .or(mapping.kind)
        .or_else(|| kind_of_name(&options.file))
        .ok_or_else(|| {
            format!(
                "say what the rows of {} are: --kind policy, --kind court-action, --kind commentary or --kind case",
                crate::terminal::path(&options.file)
            )
        })?;
    report.kind = Some(kind);
    let sheet_name = options.sheet.as_deref().or(mapping.sheet.as_deref());
    let Some(sheet) = read_sheet(&options.file, sheet_name, &mut report)? else {
        return Ok(report);
    };
    let outside = kind.outside(&config);
    let cx = Rows {
        root,
        kind,
        outside: &outside,
        fields: config.fields.of(kind.name()),
        mapping: &mapping,
        mapping_file,
    };
    let drafts = cx.drafts(&sheet.rows, &mut report.diags);
    existing_files(kind, &drafts, &mut report.diags);
    check(root, &config, kind, &drafts, &mut report);
    report.entries = drafts
        .iter()
        .filter(|d| d.id.is_some() || kind == What::Cases)
        .map(|d| Planned {
            path: d.path.clone(),
            id: d.id,
        })
        .collect();
    if report.diags.has_errors() || options.dry_run {
        return Ok(report);
    }
    write(root, kind, &drafts)?;
    report.written = true;
    Ok(report)
}

/// The mapping file, if one is given, and its place in the sources;
/// `None` when it is not TOML.
fn read_mapping(
    options: &Options,
    report: &mut Report,
) -> Result<Option<(Mapping, Option<FileId>)>, String> {
    let Some(path) = &options.map else {
        return Ok(Some((Mapping::default(), None)));
    };
    let file = FileId(report.sources.len() as u32);
    let mapping = mapping::read(path, &mut report.sources, &mut report.diags)?;
    Ok(mapping.map(|m| (m, Some(file))))
}

/// The sheet, if it can be read and has rows.
fn read_sheet(
    path: &Path,
    sheet_name: Option<&str>,
    report: &mut Report,
) -> Result<Option<sheet::Sheet>, String> {
    let name = crate::terminal::path(path);
    let sheet = sheet::read(
        path,
        name.clone(),
        sheet_name,
        &mut report.sources,
        &mut report.diags,
    )?;
    if sheet.as_ref().is_some_and(|s| s.rows.is_empty()) {
        report.diags.push(
            Diagnostic::new(
                crate::diag::Severity::Error,
                Code::ImportSheet,
                None,
                format!("{name} has no rows"),
            )
            .help("the first row names the columns, and each row after it is an entry"),
        );
        return Ok(None);
    }
    Ok(sheet)
}

/// What the rows of a sheet are made into entries with.
struct Rows<'a> {
    root: &'a Path,
    kind: What,
    /// The relations whose items may name what is not an entry.
    outside: &'a [String],
    fields: &'a KindFields,
    mapping: &'a Mapping,
    mapping_file: Option<FileId>,
}

impl Rows<'_> {
    /// Each row after the header made into an entry's text.
    fn drafts(&self, rows: &[Row], diags: &mut Diagnostics) -> Vec<Draft> {
        let Some((header, data)) = rows.split_first() else {
            return Vec::new();
        };
        let columns = mapping::columns(
            self.kind,
            self.fields,
            header,
            data,
            self.mapping,
            self.mapping_file,
            diags,
        );
        let defaults = defaults(
            self.kind,
            self.fields,
            self.mapping,
            self.mapping_file,
            diags,
        );
        let how = value::Reading {
            separator: self.mapping.separator.as_deref().unwrap_or(";"),
            date_formats: &self.mapping.date_formats,
        };
        let has_id_column = columns
            .targets
            .iter()
            .any(|t| matches!(t, Some(Target::Key(k)) if k.ty == Ty::Id));
        // Without an id column, the rows are numbered from the next free id.
        let first_id = match self.kind {
            What::Entries(kind) if !has_id_column => next_id(self.root, kind),
            _ => None,
        };
        data.iter()
            .enumerate()
            .map(|(i, row)| {
                RowCx {
                    kind: self.kind,
                    fields: self.fields,
                    row,
                    targets: &columns.targets,
                    defaults: &defaults,
                    how: &how,
                    assigned: first_id
                        .and_then(|first| Id::number(first.leading_number() + i as u64)),
                    outside: self.outside,
                }
                .draft(self.root, diags)
            })
            .scan(std::collections::BTreeSet::new(), |taken, mut d: Draft| {
                // Two cases of one name and docket number in two courts:
                // the later row's file is named with its court too.
                if !taken.insert(d.path.clone()) {
                    if let Some(path) = d.in_court.take() {
                        d.name = crate::source::display_name(self.root, &path);
                        d.path = path;
                        taken.insert(d.path.clone());
                    }
                }
                Some(d)
            })
            .collect()
    }
}

/// What a file's name says its rows are (`policies.csv`, `cases.xlsx`).
fn kind_of_name(path: &Path) -> Option<What> {
    What::from_file_stem(&path.file_stem()?.to_string_lossy())
}

/// The defaults of the mapping, each checked to be a key of `kind`.
fn defaults(
    kind: What,
    fields: &KindFields,
    mapping: &Mapping,
    file: Option<FileId>,
    diags: &mut Diagnostics,
) -> Vec<(Target, Placed)> {
    let mut out = Vec::new();
    for (key, placed) in &mapping.defaults {
        let target = match mapping::target(kind, fields, key.get_ref()) {
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
                        Diagnostic::error(
                            Code::ImportMapping,
                            Span::new(file, key.span()),
                            message,
                        )
                        .label("in [defaults]")
                        .help(help),
                    );
                }
            }
        }
    }
    out
}

/// A file already where an entry would be written is an error: the import
/// never overwrites one. (An entry without an id has no file name yet.)
fn existing_files(kind: What, drafts: &[Draft], diags: &mut Diagnostics) {
    for (i, d) in drafts.iter().enumerate() {
        let named = d.id.is_some() || kind == What::Cases;
        // Two rows that would write one file: the dry run says so, as the
        // import would fail.
        if let Some(first) = drafts[..i].iter().find(|e| named && e.path == d.path) {
            diags.push(
                Diagnostic::error(
                    Code::FileExists,
                    d.title_span,
                    format!(
                        "{}: {} is the file of {} too",
                        d.row.place, d.name, first.row.place
                    ),
                )
                .label("this row's file")
                .help("give the two rows names (or ids) that tell them apart"),
            );
            continue;
        }
        if named && d.path.symlink_metadata().is_ok() {
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
fn check(root: &Path, config: &Config, kind: What, drafts: &[Draft], report: &mut Report) {
    let sources = &mut report.sources;
    // The site's own problems are not the import's.
    let mut ignored = Diagnostics::default();
    let mut read = content::read_all(root, config, sources, &mut ignored);
    let first = sources.len() as u32;
    let mut found = Vec::new();
    for d in drafts {
        let file = FileId(sources.len() as u32);
        let source = SourceFile::new(d.name.clone(), d.path.clone(), d.text.clone());
        match kind {
            What::Entries(kind) => read.entries.push((
                kind,
                content::meta::parse(kind, file, &source, config, &mut found),
            )),
            What::Cases => read
                .cases
                .push(content::case::parse(file, &source, config, &mut found)),
        }
        sources.add(source);
    }
    let corpus = content::assemble(read, true);
    // Every warning kept here: what is reported is judged again, under the
    // site's levels, as it enters the report.
    let mut later = Diagnostics::default();
    later.set_lints(Lints::show_all());
    let site = pipeline::link(
        root,
        config.clone(),
        std::mem::take(sources),
        corpus,
        &mut later,
    );
    let bodies = Bodies::render(&site, crate::site::Html::Skip);
    later.extend(bodies.diagnostics(&site));
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
    let draft = |s: Span| {
        s.file
            .0
            .checked_sub(first)
            .and_then(|i| drafts.get(i as usize))
    };
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
fn write(root: &Path, kind: What, drafts: &[Draft]) -> Result<(), String> {
    let mut written: Vec<&Path> = Vec::new();
    let undo = |written: &[&Path]| {
        for p in written {
            let _ = std::fs::remove_file(p);
        }
    };
    for d in drafts {
        if let Err(e) = write_new(&d.path, &d.text) {
            undo(&written);
            return Err(format!("{e}; the files written before it were removed"));
        }
        written.push(&d.path);
    }
    let mut diags = Diagnostics::default();
    let options = LoadOptions {
        drafts: true,
        ..LoadOptions::default()
    };
    // Each file, with the id it holds (none for a case file).
    let loaded: HashSet<(Option<Id>, String)> = match pipeline::load(root, &options, &mut diags) {
        Ok(site) => {
            let name = |file| site.sources.get(file).name.clone();
            match kind {
                What::Entries(kind) => site
                    .corpus
                    .entries()
                    .filter(|(k, _, _)| *k == kind)
                    .map(|(_, id, c)| (Some(id), name(c.file)))
                    .collect(),
                What::Cases => site
                    .corpus
                    .cases
                    .iter()
                    .map(|c| (None, name(c.file)))
                    .collect(),
            }
        }
        Err(_) => HashSet::new(),
    };
    let lost: Vec<&Draft> = drafts
        .iter()
        .filter(|d| !loaded.contains(&(d.id, d.name.clone())))
        .collect();
    if let Some(d) = lost.first() {
        undo(&written);
        let id = d.id.map(|id| format!(" {id}")).unwrap_or_default();
        return Err(format!(
            "{} did not read back as {}{id} ({} of the new files did not); every file written was removed",
            d.name,
            kind.label().to_lowercase(),
            lost.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Kind;

    #[test]
    fn files_that_do_not_read_back_are_removed_with_the_others() {
        let site = tempfile::tempdir().expect("a folder");
        let root = site.path();
        std::fs::write(root.join("docket.toml"), "title = \"T\"\n").expect("docket.toml");
        std::fs::create_dir_all(root.join("content/policies")).expect("content");
        let good = "+++\nid = 1\ntitle = \"A\"\nadministration = \"X\"\nannounced = 2025-01-01\nstatus = [\"S\"]\naction = \"A\"\nsubjects = [\"S\"]\nagencies = [\"A\"]\n+++\n";
        let drafts = [
            Draft::of_text(root, Kind::Policy, Id::number(1).unwrap(), good),
            Draft::of_text(
                root,
                Kind::Policy,
                Id::number(2).unwrap(),
                "+++\nid = 2\n+++\n",
            ),
        ];
        let why = write(root, What::Entries(Kind::Policy), &drafts).unwrap_err();
        assert!(
            why.contains("content/policies/2-x.md did not read back as policy 2"),
            "{why}"
        );
        assert!(!drafts[0].path.exists() && !drafts[1].path.exists());
        // The good one alone reads back, and stays.
        write(root, What::Entries(Kind::Policy), &drafts[..1]).expect("it reads back");
        assert!(drafts[0].path.exists());
    }
}
