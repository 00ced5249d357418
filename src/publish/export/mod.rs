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
    let db = records::database(model);
    let mut json = serde_json::to_vec(&db).unwrap_or_default();
    json.push(b'\n');
    sink(Output {
        path: paths::DATA_JSON.into(),
        bytes: json,
    })?;
    sink(Output {
        path: paths::DATA_SCHEMA.into(),
        bytes: schema::schema(
            &model.site.config.fields,
            &model.site.config.vocabulary,
            &model.site.config.relations,
        ),
    })?;
    csv::files(&db, &model.site.config.fields, &model.site.config.relations)?
        .into_iter()
        .try_for_each(sink)
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
