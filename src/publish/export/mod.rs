//! The database as data: `data/docket.json` (every entry, every field, the
//! derived relations and the cases) with its JSON Schema, one CSV file per
//! kind of entry, and one JSON file beside each entry's page.
//!
//! The JSON and the CSV are made from the same records (`records.rs`), so
//! they never disagree; the CSV's columns are declared with their values
//! ([`csv`]).

pub mod csv;
mod records;
mod relations;
pub mod schema;

use rayon::prelude::*;

use crate::content::Kind;
use crate::error::Error;
use crate::graph::{CaseIx, CommentaryIx, CourtActionIx, PolicyIx};
use crate::site::{paths, Model, Output};
pub use csv::{column_names, LIST_SEPARATOR};

/// The JSON Schema of [`paths::DATA_JSON`], written as it is for a site
/// that declares no `[fields]` ([`schema::schema`]).
pub const SCHEMA_TEXT: &str = include_str!("docket.schema.json");
/// Version of the export's shape; it changes when a field changes meaning
/// or goes away (new fields do not change it).
pub const FORMAT: &str = "docket-export/1";

/// The whole-database files: JSON, its schema, and the CSV files, each
/// handed to `sink` before the next is made. A CSV file that cannot be
/// written ends the run.
pub fn data_files<E: From<Error>>(
    model: &Model<'_>,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let config = &model.site.config;
    let c = &model.site.corpus;
    let mut tables = csv::Tables::new(&config.fields, &config.relations)?;
    // The header as one JSON object, then, in its place before the closing
    // brace, each list written a record at a time: the same bytes as the
    // whole database serialized at once, without holding every record.
    let mut json = serde_json::to_vec(&records::header(model)).unwrap_or_default();
    json.pop();
    json.extend_from_slice(b",\"policies\":[");
    each(
        c.policies.len(),
        |i| records::policy(model, PolicyIx(i)),
        |n, record| {
            element(&mut json, n, &record);
            tables.policies.row(&record)
        },
    )?;
    json.extend_from_slice(b"],\"court_actions\":[");
    each(
        c.court_actions.len(),
        |i| records::court_action(model, CourtActionIx(i)),
        |n, record| {
            element(&mut json, n, &record);
            tables.court_actions.row(&record)
        },
    )?;
    json.extend_from_slice(b"],\"commentary\":[");
    each(
        c.commentary.len(),
        |i| records::commentary(model, CommentaryIx(i)),
        |n, record| {
            element(&mut json, n, &record);
            tables.commentary.row(&record)
        },
    )?;
    json.extend_from_slice(b"],\"cases\":[");
    each(
        model.site.graph.cases.len(),
        |i| records::case(model, CaseIx(i)),
        |n, record| {
            element(&mut json, n, &record);
            Ok(())
        },
    )?;
    json.extend_from_slice(b"]}\n");
    sink(Output {
        path: paths::DATA_JSON.into(),
        bytes: json,
    })?;
    sink(Output {
        path: paths::DATA_SCHEMA.into(),
        bytes: schema::schema(&config.fields, &config.vocabulary, &config.relations),
    })?;
    tables.finish()?.into_iter().try_for_each(sink)
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

/// Writes `record` as the `n`th element of a JSON list.
fn element(json: &mut Vec<u8>, n: usize, record: &impl serde::Serialize) {
    if n > 0 {
        json.push(b',');
    }
    // Writing into a Vec cannot fail, and the records hold no map with
    // keys that are not strings.
    let _ = serde_json::to_writer(&mut *json, record);
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
