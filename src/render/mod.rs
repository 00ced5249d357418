//! Rendering: the site model → the bytes of every page.
//!
//! Rendering returns data and never touches the output folder: `build`
//! hands each page to [`crate::output`], `check` drops it. Everything a
//! page needs that is shared (rendered bodies, the vocabulary index, the
//! order of policies by date) is derived once per build, before any page.

pub mod charts;
pub mod views;
pub mod embedded;
mod home;
pub mod lists;
pub mod pages;
pub mod theme;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::{Common, Kind};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::graph::PolicyIx;
use crate::source::Span;
use crate::Site;
use crate::site::markdown::{self, Rendered};
use crate::site::{links, terms};
pub use pages::Page;
use terms::Terms;
pub use theme::Theme;

/// Rendered Markdown bodies, parallel to the corpus lists. Shared, so
/// that a live preview can keep the bodies of entries that did not change.
pub struct Bodies {
    pub policies: Vec<Arc<Rendered>>,
    pub court_actions: Vec<Arc<Rendered>>,
    pub commentary: Vec<Arc<Rendered>>,
}

/// What pages are rendered from: the site and what is derived from it once.
pub struct Model<'s> {
    pub site: &'s Site,
    pub bodies: &'s Bodies,
    pub terms: &'s Terms,
    /// Policies by announcement date, then id.
    pub by_date: &'s [PolicyIx],
}

/// What the download page lists: the data files with their sizes, and the
/// offline archive when `--archive` wrote one.
#[derive(Clone, Debug, Default)]
pub struct Downloads {
    pub files: Vec<crate::publish::export::DataFile>,
    pub archive: Option<crate::output::archive::Archive>,
}

/// One page, rendered.
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Renders bodies (reporting links that lead nowhere) and the vocabulary index.
pub fn prepare(site: &Site, diags: &mut Diagnostics) -> (Bodies, Terms, Vec<PolicyIx>) {
    let files = file_index(site);
    let c = &site.corpus;
    let policies: Vec<_> = c
        .policies
        .par_iter()
        .map(|p| render_body(site, &files, &p.common))
        .collect();
    let court_actions: Vec<_> = c
        .court_actions
        .par_iter()
        .map(|x| render_body(site, &files, &x.common))
        .collect();
    let commentary: Vec<_> = c
        .commentary
        .par_iter()
        .map(|x| render_body(site, &files, &x.common))
        .collect();
    let bodies = Bodies {
        policies,
        court_actions,
        commentary,
    };
    diags.extend(body_diagnostics(site, &bodies));
    (bodies, terms(site), policies_by_date(c))
}

/// The vocabulary index and the ordered lists, derived once per build.
pub fn terms(site: &Site) -> Terms {
    let mut terms = Terms::build(&site.corpus, &site.config);
    terms.lists = lists::Lists::build(&site.corpus, &site.graph);
    terms
}

/// Renders one entry's Markdown body.
pub fn render_body(
    site: &Site,
    files: &HashMap<&str, (Kind, u32)>,
    common: &Common,
) -> Arc<Rendered> {
    let text = common.body(&site.sources);
    let name = &site.sources.get(common.file).name;
    let links = links::Links::new(site, files);
    let resolve = |url: &str| links.resolve(name, url);
    Arc::new(markdown::render(text, site.config.unsafe_html, &resolve))
}

/// The links of every body that lead nowhere, at their place in the file.
pub fn body_diagnostics(site: &Site, bodies: &Bodies) -> Vec<Diagnostic> {
    let c = &site.corpus;
    let commons = c
        .policies
        .iter()
        .map(|p| &p.common)
        .zip(&bodies.policies)
        .chain(
            c.court_actions
                .iter()
                .map(|x| &x.common)
                .zip(&bodies.court_actions),
        )
        .chain(
            c.commentary
                .iter()
                .map(|x| &x.common)
                .zip(&bodies.commentary),
        );
    let mut out = Vec::new();
    for (common, body) in commons {
        for b in &body.broken {
            let span = Span::new(
                common.file,
                b.range.start + common.body_start..b.range.end + common.body_start,
            );
            out.push(
                Diagnostic::error(Code::BrokenLink, span, b.message.clone())
                    .label("this link")
                    .help(b.help.clone()),
            );
        }
    }
    let files = file_index(site);
    out.extend(links::check_unparsed(
        site,
        &links::Links::new(site, &files),
    ));
    out
}

/// Policies by announcement date, then id.
pub fn policies_by_date(corpus: &crate::content::Corpus) -> Vec<PolicyIx> {
    let mut by_date: Vec<PolicyIx> = (0..corpus.policies.len() as u32).map(PolicyIx).collect();
    by_date.sort_by_key(|p| {
        let p = &corpus.policies[p.get()];
        (p.announced, p.id)
    });
    by_date
}

/// Entry files by their display name, for relative `.md` links.
pub fn file_index(site: &Site) -> HashMap<&str, (Kind, u32)> {
    site.corpus
        .entries()
        .map(|(k, id, common)| (site.sources.get(common.file).name.as_str(), (k, id)))
        .collect()
}

impl<'s> Model<'s> {
    /// Renders one page. An error says where in which template, and on
    /// which page.
    pub fn render(&self, theme: &Theme, page: Page) -> Result<Output, String> {
        self.render_with(theme, page, None)
            .map_err(|(path, msg)| format!("{msg} (rendering {path})"))
    }

    /// Renders the download page with what is known of the files it lists
    /// (their sizes, and the offline archive if there is one).
    pub fn render_download(&self, theme: &Theme, downloads: &Downloads) -> Result<Output, String> {
        self.render_with(theme, Page::Download, Some(downloads))
            .map_err(|(path, msg)| format!("{msg} (rendering {path})"))
    }

    fn render_with(
        &self,
        theme: &Theme,
        page: Page,
        downloads: Option<&Downloads>,
    ) -> Result<Output, (String, String)> {
        let (path, template, ctx) = self
            .context(theme, page, downloads)
            .map_err(|msg| (self.path(page), msg))?;
        match theme.tera.render(template, &ctx) {
            Ok(html) => Ok(Output {
                path,
                bytes: html.into_bytes(),
            }),
            Err(e) => Err((path, theme.explain(&e))),
        }
    }

    /// Renders a page as [`Model::render`] does, and drops its text as it
    /// is written.
    fn try_render(
        &self,
        theme: &Theme,
        page: Page,
        downloads: Option<&Downloads>,
    ) -> Result<(), (String, String)> {
        let (path, template, ctx) = self
            .context(theme, page, downloads)
            .map_err(|msg| (self.path(page), msg))?;
        theme
            .tera
            .render_to(template, &ctx, std::io::sink())
            .map_err(|e| (path, theme.explain(&e)))
    }
}

/// Runs every generator of files ([`crate::publish::run`]), then renders every
/// page in parallel, handing each file to `sink` as it is done, so the site
/// is never held in memory whole. Returns the number of pages rendered.
pub fn render_all<E: Send>(
    model: &Model<'_>,
    theme: &Theme,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
    diags: &mut Diagnostics,
) -> Result<usize, E> {
    let downloads = Downloads {
        files: crate::publish::run(model, Some(theme), diags, sink)?,
        archive: None,
    };
    render_pages(model, theme, &downloads, sink, diags)
}

/// Renders every page in parallel and hands each to `sink` as it is done.
/// Template failures become diagnostics (at most 20, one per distinct
/// cause, with the number of pages it broke); the sink's errors end the run.
pub fn render_pages<E: Send>(
    model: &Model<'_>,
    theme: &Theme,
    downloads: &Downloads,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
    diags: &mut Diagnostics,
) -> Result<usize, E> {
    each_page(model, theme, diags, |page| {
        let d = matches!(page, Page::Download).then_some(downloads);
        match model.render_with(theme, page, d) {
            Ok(out) => sink(out).map(|()| None),
            Err(failure) => Ok(Some(failure)),
        }
    })
}

/// Renders every page as [`render_pages`] does, with the same diagnostics,
/// and keeps none of it: what `check` needs. Not building each page's text
/// saves a twentieth of `check`'s work.
pub fn try_pages(
    model: &Model<'_>,
    theme: &Theme,
    downloads: &Downloads,
    diags: &mut Diagnostics,
) -> usize {
    let Ok(n) = each_page(model, theme, diags, |page| {
        let d = matches!(page, Page::Download).then_some(downloads);
        Ok::<_, std::convert::Infallible>(model.try_render(theme, page, d).err())
    });
    n
}

/// Runs `each` on every page in parallel; a page's failure is its path and
/// the template's message. Returns the number of pages that did not fail.
fn each_page<E: Send>(
    model: &Model<'_>,
    theme: &Theme,
    diags: &mut Diagnostics,
    each: impl Fn(Page) -> Result<Option<(String, String)>, E> + Sync,
) -> Result<usize, E> {
    diags.extend(theme.warnings.iter().cloned());
    let pages = model.pages_for(theme);
    // Pieces of at most 64 pages, so that the last pieces can be shared
    // out: pages differ in cost (the lists' pages render rows on first
    // use), and with rayon's own halving one thread was left finishing
    // alone for the last seconds of a 100,000-entry build.
    let results: Vec<Result<Option<(String, String)>, E>> = pages
        .par_iter()
        .with_max_len(64)
        .map(|&page| each(page))
        .collect();
    let mut failures: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut count = 0;
    for r in results {
        match r? {
            None => count += 1,
            Some((path, msg)) => failures.entry(msg).or_default().push(path),
        }
    }
    for (msg, mut paths) in failures.into_iter().take(20) {
        paths.sort();
        let on = match paths.len() {
            1 => format!("rendering {}", paths[0]),
            n => format!("rendering {} and {} other pages", paths[0], n - 1),
        };
        diags.push(theme::template_error(format!("{msg} ({on})")));
    }
    Ok(count)
}
