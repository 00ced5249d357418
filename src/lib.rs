//! docket turns a folder of Markdown entries (policies, court actions and
//! commentary, each with TOML front matter) into a static website.
//!
//! The pipeline, one module a stage, data flowing one way ([`pipeline`]
//! drives it, for every command):
//!
//! 1. [`config`]: `docket.toml` → [`config::Config`].
//! 2. [`content`]: `content/**.md` → [`content::Corpus`], typed entries
//!    with the span of every value.
//! 3. [`graph`]: references resolved, inverse relations and cases derived
//!    → [`graph::Graph`].
//! 4. [`site`]: the model of the site, derived once: bodies as HTML, the
//!    vocabulary index, the order of every list, and every page's address.
//! 5. [`render`] (pages, through the theme's Tera templates) and
//!    [`publish`] (every other file: data, feeds, sitemap, search index,
//!    filter data, redirects), side by side.
//! 6. [`output`]: the files → the output folder, swapped in atomically.
//!
//! Problems found on the way are [`diag::Diagnostic`]s collected across the
//! whole run; [`cmd`] decides what to print and the exit code. The order of
//! the modules, lowest first, is written down in `tests/architecture.rs`:
//! none imports a module above it.

// The library exists for the binary, its tests and the fuzz targets; its
// documentation is for docket's maintainers, who read it with private
// items (`cargo doc --document-private-items`), where these links resolve.
#![allow(rustdoc::private_intra_doc_links)]

pub mod alloc;
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
pub mod import;
pub mod output;
pub mod percent;
pub mod pipeline;
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

#[doc(hidden)]
pub use fuzz::{fuzz_entry, fuzz_relations};
pub use pipeline::{load, LoadOptions};
pub use site::Site;
