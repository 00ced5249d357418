//! `docket check`: the whole pipeline of `build`, every page rendered, with
//! nothing written.

use std::path::Path;

use super::{failure, Outcome};
use crate::cli::CheckArgs;
use crate::diag::{count, print, summary, Format};
use crate::pipeline::{self, LoadOptions};

pub fn run(root: &Path, args: &CheckArgs) -> Outcome {
    let started = std::time::Instant::now();
    let lints = match super::lint_levels(&args.lints) {
        Ok(l) => l,
        Err(outcome) => return outcome,
    };
    let options = LoadOptions {
        drafts: args.drafts,
        base_url: None,
        lints,
    };
    let checked = pipeline::check(root, &options);
    let diags = &checked.diags;
    print(args.format, &checked.sources, diags);
    let Some((entries, pages)) = checked.counts else {
        return failure(diags);
    };
    // `--deny-warnings` made every warning shown an error already.
    let failed = diags.has_errors();
    if args.format == Format::Human {
        eprintln!(
            "{}: {}, {} rendered: {} ({:.2} s)",
            if failed {
                "check failed"
            } else {
                "check passed"
            },
            entries.told(),
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
