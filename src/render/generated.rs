//! Every generator of files made without the page templates, in the order
//! they run: data exports, per-entry JSON, feeds, sitemap and robots.txt,
//! the search index and the lists' filter data, and last the redirects of aliases, which must not replace any other file.
//! Each generator (in [`crate::output`]) is pure: the model in, files out.

use rayon::prelude::*;

use super::{Model, Output, Theme};
use crate::diag::Diagnostics;

/// Runs every generator, handing each one's files to `sink` before the
/// next runs (so that not all of them are held in memory at once), and
/// reports aliases that collide with a file of the site. Returns what the
/// download page needs to know of the data files.
pub fn run<E: Send>(
    model: &Model<'_>,
    theme: Option<&Theme>,
    diags: &mut Diagnostics,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
) -> Result<Vec<crate::output::export::DataFile>, E> {
    use crate::output::{export, feed, redirect, sitemap};
    let mut taken: std::collections::BTreeSet<String> =
        model.pages().into_iter().map(|p| model.path(p)).collect();
    let mut emit = |files: Vec<Output>| -> Result<(), E> {
        taken.extend(files.iter().map(|f| f.path.clone()));
        files.into_par_iter().try_for_each(sink)
    };
    let data = export::data_files(model);
    let summary = export::summary(model, &data);
    emit(data)?;
    emit(export::entry_files(model))?;
    emit(feed::feeds(model))?;
    emit(sitemap::files(model))?;
    // For readers: the search index and the lists' filter data.
    emit(super::search::files(model))?;
    emit(super::filters::files(model))?;
    taken.insert(crate::output::MARKER.to_string());
    taken.extend(
        model
            .site
            .corpus
            .documents
            .iter()
            .map(|d| format!("documents/{}", d.0)),
    );
    if let Some(theme) = theme {
        taken.extend(theme.static_files.keys().map(|k| format!("static/{k}")));
    }
    redirect::check(model, &taken, diags);
    for page in redirect::pages(model, &taken) {
        sink(page)?;
    }
    Ok(summary)
}
