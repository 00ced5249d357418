//! `docket serve`: the live preview, until interrupted.

use std::path::Path;

use super::Outcome;
use crate::cli::ServeArgs;
use crate::pipeline::LoadOptions;
use crate::serve::{self, Options};

pub fn run(root: &Path, args: ServeArgs) -> Outcome {
    let lints = match super::lint_levels(&args.lints) {
        Ok(l) => l,
        Err(outcome) => return outcome,
    };
    let options = Options {
        interface: args.interface,
        port: args.port,
        open: args.open,
        allow_hosts: args.allow_hosts,
        load: LoadOptions {
            drafts: args.drafts,
            base_url: None,
            lints,
        },
    };
    match serve::serve(root, options) {
        Ok(()) => Outcome::Success,
        Err(e) => {
            eprintln!("error: {}", crate::terminal::visible(&e));
            Outcome::Fatal
        }
    }
}
