//! The database as data: `data/docket.json` (every entry, every field, the
//! derived relations and the cases) with its JSON Schema, one CSV file per
//! kind of entry and one of the cases, and one JSON file beside each
//! entry's page.
//!
//! The JSON and the CSV are made from the same records (`records.rs`), so
//! they never disagree; the CSV's columns are declared with their values
//! ([`csv`]).

pub mod csv;
mod records;
mod relations;
pub mod schema;

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::Stream;
use crate::content::Kind;
use crate::error::Error;
use crate::graph::{CaseIx, CommentaryIx, CourtActionIx, PolicyIx};
use crate::site::{paths, Model, Output};
pub use csv::{case_column_names, column_names, LIST_SEPARATOR};

/// The JSON Schema of [`paths::DATA_JSON`], written as it is for a site
/// that declares no `[fields]` ([`schema::schema`]).
pub const SCHEMA_TEXT: &str = include_str!("docket.schema.json");
/// Version of the export's shape; it changes when a field changes meaning
/// or goes away (new fields do not change it).
pub const FORMAT: &str = "docket-export/1";

/// The whole-database files: JSON, its schema, and the CSV files, each
/// handed to `sink` when made; or, given `stream`, the JSON written through
/// it as it is made, so that the largest file of a build is never held in
/// memory whole. A CSV file that cannot be written ends the run.
pub fn data_files<E: From<Error>>(
    model: &Model<'_>,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
    stream: Option<&Stream<'_, E>>,
) -> Result<(), E> {
    let config = &model.site.config;
    let mut tables = csv::Tables::new(&config.fields, &config.relations)?;
    let mut write = |w: &mut dyn Write| json(model, &mut tables, w);
    match stream {
        Some(stream) => {
            stream(paths::DATA_JSON, &mut write)?;
        }
        None => {
            let mut bytes = Vec::new();
            write(&mut bytes)?;
            sink(Output {
                path: paths::DATA_JSON.into(),
                bytes,
            })?;
        }
    }
    sink(Output {
        path: paths::DATA_SCHEMA.into(),
        bytes: schema::schema(&config.fields, &config.vocabulary, &config.relations),
    })?;
    tables.finish()?.into_iter().try_for_each(sink)
}

/// Writes `data/docket.json` to `w`, and each entry's row to its CSV table
/// as its record is written. The header is one JSON object, and each list
/// goes in its place before the closing brace, a record at a time: the
/// same bytes as the whole database serialized at once, without holding
/// every record.
fn json<'a>(
    model: &Model<'a>,
    tables: &mut csv::Tables<'a>,
    w: &mut dyn Write,
) -> Result<(), Error> {
    let c = &model.site.corpus;
    let mut head = serde_json::to_vec(&records::header(model)).unwrap_or_default();
    head.pop();
    w.write_all(&head).map_err(failed)?;
    let policy = |i| records::policy(model, PolicyIx(i));
    list(w, "policies", c.policies.len(), policy, |r| {
        tables.policies.row(r)
    })?;
    let court_action = |i| records::court_action(model, CourtActionIx(i));
    list(
        w,
        "court_actions",
        c.court_actions.len(),
        court_action,
        |r| tables.court_actions.row(r),
    )?;
    let commentary = |i| records::commentary(model, CommentaryIx(i));
    list(w, "commentary", c.commentary.len(), commentary, |r| {
        tables.commentary.row(r)
    })?;
    let case = |i| records::case(model, CaseIx(i));
    list(w, "cases", model.site.graph.cases.len(), case, |r| {
        tables.cases.row(r)
    })?;
    w.write_all(b"}\n").map_err(failed)
}

/// Writes the member `key` of the database: the records `0..n` as a
/// JSON list, each also handed to `row` as it is written.
fn list<R: Serialize + Send>(
    w: &mut dyn Write,
    key: &str,
    n: usize,
    make: impl Fn(u32) -> R + Sync,
    mut row: impl FnMut(&R) -> Result<(), Error>,
) -> Result<(), Error> {
    w.write_all(format!(",\"{key}\":[").as_bytes())
        .map_err(failed)?;
    each(n, make, |i, record| {
        if i > 0 {
            w.write_all(b",").map_err(failed)?;
        }
        serde_json::to_writer(&mut *w, &record).map_err(|e| failed(e.into()))?;
        row(&record)
    })?;
    w.write_all(b"]").map_err(failed)
}

fn failed(e: std::io::Error) -> Error {
    Error::Output(format!("cannot write {}: {e}", paths::DATA_JSON))
}

/// Makes the records `0..n` a batch at a time, in parallel, and hands them
/// to `take` in order with their position; a batch is dropped before the
/// next is made.
fn each<R: Send>(
    n: usize,
    make: impl Fn(u32) -> R + Sync,
    mut take: impl FnMut(usize, R) -> Result<(), Error>,
) -> Result<(), Error> {
    const BATCH: usize = 1024;
    for start in (0..n).step_by(BATCH) {
        let end = (start + BATCH).min(n);
        let batch: Vec<R> = (start as u32..end as u32)
            .into_par_iter()
            .map(&make)
            .collect();
        for (i, record) in (start..).zip(batch) {
            take(i, record)?;
        }
    }
    Ok(())
}

/// One JSON file per entry, beside its page (`policies/1491/index.json`),
/// each handed to `sink` as soon as it is made (at 100,000 entries they
/// are 400 MB together); none unless the site's `entry_json` asks for them.
pub fn entry_files<E: Send>(
    model: &Model<'_>,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let c = &model.site.corpus;
    if !model.site.config.entry_json {
        return Ok(());
    }
    for kind in Kind::ALL {
        (0..c.count(kind)).into_par_iter().try_for_each(|i| {
            let (id, bytes) = records::entry_json(model, kind, i);
            sink(Output {
                path: paths::entry_data(kind, id),
                bytes,
            })
        })?;
    }
    Ok(())
}
