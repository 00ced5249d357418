//! `docket build`: the whole pipeline, written into the output folder and
//! swapped in atomically; then what it did.

use std::path::Path;

use super::{failure, fatal, Outcome};
use crate::cli::BuildArgs;
use crate::diag::{count, print, summary};
use crate::pipeline::{self, BuildOptions, LoadOptions};

pub fn run(root: &Path, args: &BuildArgs) -> Outcome {
    let started = std::time::Instant::now();
    let lints = match super::lint_levels(&args.lints) {
        Ok(l) => l,
        Err(outcome) => return outcome,
    };
    let options = BuildOptions {
        load: LoadOptions {
            drafts: args.drafts,
            base_url: args.base_url.clone(),
            lints,
        },
        output: args.output.clone(),
        archive: args.archive,
    };
    let built = match pipeline::build(root, &options) {
        Ok(built) => built,
        Err(e) => return fatal(&e),
    };
    let diags = &built.diags;
    print(args.format, &built.sources, diags);
    let written = match built.outcome {
        pipeline::Outcome::Written(written) => written,
        pipeline::Outcome::NotLoaded => return failure(diags),
        pipeline::Outcome::NothingWritten => {
            eprintln!("build failed: {}; nothing was written", summary(diags));
            return failure(diags);
        }
        pipeline::Outcome::Discarded => {
            eprintln!(
                "build failed: {}; the previous site was left as it was",
                summary(diags)
            );
            return failure(diags);
        }
    };
    for w in &written.warnings {
        eprintln!("warning: {}", crate::terminal::visible(w));
    }
    if let Some(w) = &written.left_behind {
        eprintln!(
            "warning: the new site is in place, but the previous one {}",
            crate::terminal::visible(w)
        );
    }
    if !written.base_url {
        eprintln!("note: no base_url (in docket.toml or --base-url): feeds, sitemap.xml and canonical links are left out, and 404.html finds the site's root by script");
    }
    if let Some(note) = &written.history {
        eprintln!("note: {}", crate::terminal::visible(note));
    }
    eprintln!(
        "built {}, {} into {} in {:.2} s ({})",
        written.loaded.told(),
        count(written.pages, "page", "pages"),
        crate::terminal::path(&written.output),
        started.elapsed().as_secs_f64(),
        summary(diags)
    );
    if written.written == written.files {
        eprintln!("{} written", count(written.files, "file", "files"));
    } else {
        eprintln!(
            "{}: {} written, {} kept from earlier builds",
            count(written.files, "file", "files"),
            written.written,
            written.files.saturating_sub(written.written)
        );
    }
    eprintln!("{}", written.search);
    Outcome::Success
}
