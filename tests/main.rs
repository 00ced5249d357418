//! docket's integration tests: each module runs the `docket` binary on
//! fixture sites and checks what a reader or contributor would see.
//!
//! They are one test binary, not one per file: each binary links the whole
//! of docket and its dependencies, and thirty-four of them took 1.2 GB of
//! disk and most of the test build's link time. `cargo test --test
//! integration readers::` runs one module's tests.

mod common;

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

#[path = "../examples/gen_history.rs"]
#[allow(dead_code)]
mod gen_history;

mod architecture;
mod book;
mod bounds;
mod browser;
mod build;
mod cases;
mod dates;
mod diagnostics;
mod examples;
mod fields;
mod generator;
mod history;
mod ids;
mod import;
mod incremental;
mod invalid;
mod kill;
mod lineages;
mod links;
mod lints;
mod messages;
mod mutations;
mod new;
mod output;
mod policy_page;
mod publish;
mod readers;
mod rebuild;
mod relations;
mod serve;
mod shapes;
mod time;
mod untrusted;
mod vocabulary;
