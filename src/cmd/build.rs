//! `docket build`: load → link → render → write, swapped in atomically.

use std::path::Path;

use super::{failure, fatal, Outcome};
use crate::diag::{count, print, summary};
use crate::cli::BuildArgs;
use crate::diag::Diagnostics;
use crate::render::{self, Model};
use crate::LoadOptions;

pub fn run(root: &Path, args: &BuildArgs) -> Outcome {
    let started = std::time::Instant::now();
    let mut diags = Diagnostics::default();
    let options = LoadOptions {
        drafts: args.drafts,
        base_url: args.base_url.clone(),
    };
    let site = match crate::load(root, &options, &mut diags) {
        Ok(site) => site,
        Err(sources) => {
            print(args.format, &sources, &diags);
            return failure(&diags);
        }
    };
    let theme = match render::theme::load(root, &site.config) {
        Ok(t) => Some(t),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    let (bodies, terms, by_date) = render::prepare(&site, &mut diags);
    let Some(theme) = theme.filter(|_| !diags.has_errors()) else {
        print(args.format, &site.sources, &diags);
        eprintln!("build failed: {}; nothing was written", summary(&diags));
        return failure(&diags);
    };
    let output = if args.output.is_absolute() {
        args.output.clone()
    } else {
        root.join(&args.output)
    };
    let staging = match crate::output::stage(root, &output) {
        Ok(s) => s,
        Err(e) => return fatal(&e),
    };
    let model = Model {
        site: &site,
        bodies: &bodies,
        terms: &terms,
        by_date: &by_date,
    };
    let search_index = crate::publish::search::Tally::default();
    let write = |page: render::Output| {
        search_index.add(&page.path, page.bytes.len());
        staging.write(&page.path, &page.bytes)
    };
    let pages = match render::render_all(&model, &theme, &write, &mut diags) {
        Ok(n) => n,
        Err(e) => return fatal(&e),
    };
    if let Err(e) = crate::output::assets::copy(&site, &theme, &staging) {
        return fatal(&e);
    }
    if args.archive && !diags.has_errors() {
        if let Err(e) = archive(&model, &theme, &staging) {
            return fatal(&e);
        }
    }
    print(args.format, &site.sources, &diags);
    if diags.has_errors() {
        eprintln!(
            "build failed: {}; the previous site was left as it was",
            summary(&diags)
        );
        return failure(&diags);
    }
    for w in &staging.warnings {
        eprintln!("warning: {}", crate::terminal::visible(w));
    }
    // From here on the new site is in place: the build has succeeded, and
    // says so, even if the previous site could not be removed.
    match staging.commit() {
        Ok(done) => {
            if let Some(w) = done.left_behind {
                eprintln!(
                    "warning: the new site is in place, but the previous one {}",
                    crate::terminal::visible(&w)
                );
            }
        }
        Err(e) => return fatal(&e),
    }
    if site.config.base_url.is_none() {
        eprintln!("note: no base_url (in docket.toml or --base-url): feeds, sitemap.xml and canonical links are left out, and 404.html finds the site's root by script");
    }
    eprintln!(
        "built {}, {} into {} in {:.2} s ({})",
        count(site.corpus.len(), "entry", "entries"),
        count(pages, "page", "pages"),
        super::display(&output),
        started.elapsed().as_secs_f64(),
        summary(&diags)
    );
    eprintln!("{}", search_index.summary());
    Outcome::Success
}

/// Zips the staged site into the offline copy, then writes the download
/// page again, now with the archive on it: the copy inside the zip does not
/// link to the zip, which it does not contain.
fn archive(
    model: &Model<'_>,
    theme: &render::Theme,
    staging: &crate::output::Staging,
) -> Result<(), crate::error::Error> {
    use crate::output::archive;
    use crate::publish::export;
    let name = match crate::slug::slugify(&model.site.config.title) {
        s if s.is_empty() => "site".to_string(),
        s => s,
    };
    let zip = archive::write(staging, &name, model.site.date())?;
    let files = export::summary_with(model, &|path| staging.len(path).unwrap_or(0));
    let downloads = render::Downloads {
        files,
        archive: Some(zip),
    };
    match model.render_download(theme, &downloads) {
        Ok(page) => staging.write(&page.path, &page.bytes),
        Err(msg) => Err(crate::error::Error::Output(msg)),
    }
}
