//! docket turns a folder of Markdown entries (policies, court actions and
//! commentary, each with TOML front matter) into a static website.
//!
//! The pipeline, one module a stage, data flowing one way:
//!
//! 1. [`config`]: `docket.toml` → [`config::Config`].
//! 2. [`content`]: `content/**.md` → [`content::Corpus`], typed entries
//!    with the span of every value.
//! 3. [`graph`]: references resolved, inverse relations and cases derived
//!    → [`graph::Graph`].
//! 4. [`render`]: Markdown and Tera templates → the bytes of each page.
//! 5. [`output`]: pages, theme files and documents → the output folder,
//!    swapped in atomically.
//!
//! Problems found on the way are [`diag::Diagnostic`]s collected across the
//! whole run; [`cmd`] decides what to print and the exit code.

pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diag;
pub mod error;
pub mod escape;
#[doc(hidden)]
pub mod fuzz;
pub mod graph;
pub mod output;
pub mod percent;
pub mod publish;
pub mod render;
pub mod serve;
pub mod site;
pub mod sitefs;
pub mod slug;
pub mod source;
pub mod syntax;
pub mod terminal;
pub mod url;

use std::path::Path;

#[doc(hidden)]
pub use fuzz::{fuzz_entry, fuzz_relations};

use config::Config;
use diag::Diagnostics;
pub use site::Site;
use source::Sources;

/// Reads `SOURCE_DATE_EPOCH` (seconds since 1970, the convention of
/// reproducible builds); a value that is not a whole number is an error.
pub(crate) fn source_date(diags: &mut Diagnostics) -> Option<chrono::NaiveDate> {
    let raw = std::env::var("SOURCE_DATE_EPOCH").ok()?;
    let date = raw
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| t.date_naive());
    if date.is_none() {
        diags.push(diag::Diagnostic::new(
            diag::Severity::Error,
            diag::Code::Config,
            None,
            format!("SOURCE_DATE_EPOCH is \"{raw}\", not a number of seconds since 1970-01-01"),
        ));
    }
    date
}

/// What changes how a site is loaded, from the command line.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Include entries marked `draft = true`.
    pub drafts: bool,
    /// Replaces `base_url` of `docket.toml`.
    pub base_url: Option<String>,
}

/// The settings of `docket.toml` with the command line's overrides. A
/// `--base-url` must pass [`config::check_base_url`], as `base_url` in
/// `docket.toml` does: the command line checks it before anything is read,
/// and [`load`] reports one that did not come through it.
pub fn apply_options(mut config: Config, options: &LoadOptions) -> Config {
    if let Some(url) = &options.base_url {
        config.base_url = config::check_base_url(url).ok();
    }
    config
}

/// Loads and links the site at `root`. Every problem goes into `diags`; the
/// site is returned whenever `docket.toml` could be read, so that all
/// problems of the content are found in the same run. Without a usable
/// `docket.toml`, the sources read so far come back for printing.
pub fn load(root: &Path, options: &LoadOptions, diags: &mut Diagnostics) -> Result<Site, Sources> {
    let mut sources = Sources::default();
    let Some(config) = config::load(root, &mut sources, diags) else {
        return Err(sources);
    };
    if let Some(Err(why)) = options.base_url.as_deref().map(config::check_base_url) {
        diags.push(
            diag::Diagnostic::new(
                diag::Severity::Error,
                diag::Code::Config,
                None,
                format!("--base-url {why}"),
            )
            .help("give the site's address, like --base-url https://example.org/tracker/"),
        );
    }
    let config = apply_options(config, options);
    let corpus = content::load(root, &config, options.drafts, &mut sources, diags);
    let graph = graph::link(&corpus, diags);
    let source_date = source_date(diags);
    Ok(Site::new(
        root.to_path_buf(),
        config,
        sources,
        corpus,
        graph,
        source_date,
    ))
}
