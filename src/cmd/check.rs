//! `docket check`: the whole pipeline of `build`, every page rendered, with
//! nothing written.

use std::path::Path;

use super::{failure, Outcome};
use crate::diag::{count, print, summary};
use crate::cli::CheckArgs;
use crate::diag::Diagnostics;
use crate::render::{self, Model};
use crate::LoadOptions;

pub fn run(root: &Path, args: &CheckArgs) -> Outcome {
    let started = std::time::Instant::now();
    let mut diags = Diagnostics::default();
    let options = LoadOptions {
        drafts: args.drafts,
        base_url: None,
    };
    let site = match crate::load(root, &options, &mut diags) {
        Ok(site) => site,
        Err(sources) => {
            print(args.format, &sources, &diags);
            return failure(&diags);
        }
    };
    let mut pages = 0;
    let (bodies, terms, by_date) = render::prepare(&site, &mut diags);
    match render::theme::load(root, &site.config) {
        Ok(theme) => {
            let model = Model {
                site: &site,
                bodies: &bodies,
                terms: &terms,
                by_date: &by_date,
            };
            // The generated files (data, feeds, search) are left out: they
            // are plain code over the checked model and cannot fail. The
            // aliases are checked against them by their paths alone.
            let taken = crate::publish::taken(&model, Some(&theme));
            crate::publish::redirect::check(&model, &taken, &mut diags);
            let downloads = render::Downloads {
                files: crate::publish::export::summary_with(&model, &|_| 0),
                archive: None,
            };
            pages = render::try_pages(&model, &theme, &downloads, &mut diags);
        }
        Err(ds) => diags.extend(ds),
    }
    print(args.format, &site.sources, &diags);
    let failed = diags.has_errors() || (args.deny_warnings && diags.warnings() > 0);
    if args.format == crate::diag::Format::Human {
        eprintln!(
            "{}: {}, {} rendered: {} ({:.2} s)",
            if failed {
                "check failed"
            } else {
                "check passed"
            },
            count(site.corpus.len(), "entry", "entries"),
            count(pages, "page", "pages"),
            summary(&diags),
            started.elapsed().as_secs_f64()
        );
    }
    if failed {
        failure(&diags)
    } else {
        Outcome::Success
    }
}
