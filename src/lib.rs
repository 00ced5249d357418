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
pub mod history;
pub mod output;
pub mod percent;
pub mod render;
pub mod serve;
pub mod sitefs;
pub mod slug;
pub mod source;
pub mod terminal;

use std::path::{Path, PathBuf};

#[doc(hidden)]
pub use fuzz::{fuzz_entry, fuzz_relations};

use config::Config;
use content::Corpus;
use diag::Diagnostics;
use graph::Graph;
use source::Sources;

/// A loaded site: plain data, read by every later stage.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub sources: Sources,
    pub corpus: Corpus,
    pub graph: Graph,
    /// The date of the data ([`Site::date`]), found once: every page shows it.
    date: chrono::NaiveDate,
}

impl Site {
    /// Links a loaded corpus into a site. `source_date`, the day
    /// `SOURCE_DATE_EPOCH` names when it is set, replaces the newest
    /// entry's date as the date of the data.
    pub fn new(
        root: PathBuf,
        config: Config,
        sources: Sources,
        corpus: Corpus,
        graph: Graph,
        source_date: Option<chrono::NaiveDate>,
    ) -> Site {
        let date = source_date.unwrap_or_else(|| newest_date(&corpus));
        Site {
            root,
            config,
            sources,
            corpus,
            graph,
            date,
        }
    }

    /// The date of the data, shown as "data as of" and used wherever a date
    /// is needed that no single entry gives (an empty feed, the timestamps
    /// in the offline archive): `SOURCE_DATE_EPOCH` if set, else the newest
    /// date or `updated` of any entry. Never the clock, so that the same
    /// content always gives the same bytes.
    pub fn date(&self) -> chrono::NaiveDate {
        self.date
    }
}

fn newest_date(c: &Corpus) -> chrono::NaiveDate {
    c.policies
        .iter()
        .map(|p| p.common.updated.unwrap_or(p.announced).max(p.announced))
        .chain(
            c.court_actions
                .iter()
                .map(|x| x.common.updated.unwrap_or(x.date).max(x.date)),
        )
        .chain(
            c.commentary
                .iter()
                .map(|x| x.common.updated.unwrap_or(x.date).max(x.date)),
        )
        .max()
        .unwrap_or_default()
}

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
