//! `docket check`: the whole pipeline of `build`, every page rendered, with
//! nothing written.

use std::path::Path;

use super::{failure, Outcome};
use crate::cli::CheckArgs;
use crate::diag::{count, print, summary, Format};
use crate::pipeline::{self, LoadOptions};

pub fn run(root: &Path, args: &CheckArgs) -> Outcome {
    let started = std::time::Instant::now();
    let options = LoadOptions {
        drafts: args.drafts,
        base_url: None,
    };
    let checked = pipeline::check(root, &options);
    let diags = &checked.diags;
    print(args.format, &checked.sources, diags);
    let Some((entries, pages)) = checked.counts else {
        return failure(diags);
    };
    let failed = diags.has_errors() || (args.deny_warnings && diags.warnings() > 0);
    if args.format == Format::Human {
        eprintln!(
            "{}: {}, {} rendered: {} ({:.2} s)",
            if failed {
                "check failed"
            } else {
                "check passed"
            },
            count(entries, "entry", "entries"),
            count(pages, "page", "pages"),
            summary(diags),
            started.elapsed().as_secs_f64()
        );
    }
    if failed {
        failure(diags)
    } else {
        Outcome::Success
    }
}
