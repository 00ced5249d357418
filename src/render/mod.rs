//! Rendering: the site model → the bytes of every page, through the theme's
//! templates.
//!
//! Rendering returns data and never touches the output folder: `build`
//! hands each page to [`crate::output`], `check` renders into [`Discard`]
//! and keeps nothing. What pages share is derived once in [`crate::site`];
//! what rendering itself keeps between pages is in [`Rows`] (the rows of
//! long lists, rendered once however many pages show them) and in the
//! [`Theme`] (the size of each template's last page, where the next page's
//! buffer starts).

pub mod charts;
pub mod cite;
pub mod embedded;
pub mod external;
pub mod fields;
mod home;
pub mod lists;
pub mod marked;
pub mod pages;
pub mod related;
pub mod standing;
pub mod theme;
pub mod time;
pub mod views;

use std::collections::BTreeMap;
use std::fmt;

use rayon::prelude::*;

use crate::diag::Diagnostics;
use crate::site::downloads::Downloads;
use crate::site::lists::List;
use crate::site::paths::Page;
use crate::site::{Model, Output};
pub use lists::Rows;
pub use theme::Theme;

/// Where `check` renders pages: a writer that keeps nothing, and says so
/// to the escape of [`escape_unless_discarded`] when asked.
pub struct Discard;

thread_local! {
    /// Set by an empty write to [`Discard`]: how the escape function, which
    /// is handed only a `dyn Write`, learns that its text is thrown away.
    static DISCARDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl std::io::Write for Discard {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            DISCARDING.set(true);
        }
        Ok(buf.len())
    }

    fn write_all(&mut self, _: &[u8]) -> std::io::Result<()> {
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The theme's escape ([`crate::escape::write_html`]), skipped when the
/// text goes to [`Discard`]: escaping is a tenth of rendering a page, and
/// it cannot fail. Text a template captures (`{% set x %}…{% endset %}`,
/// which it may then test) goes to a buffer of Tera's own, and is escaped
/// as in a build, so a page takes the same branches under `check` as it
/// does when built.
pub fn escape_unless_discarded(s: &str, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    DISCARDING.set(false);
    // Writing nothing changes no writer; only [`Discard`] answers it.
    if w.write(&[])? == 0 && DISCARDING.get() {
        return Ok(());
    }
    crate::escape::write_html(s, w)
}

/// The most template failures a run reports, each with the pages it broke.
const MAX_FAILURES: usize = 20;

/// A page that could not be rendered: which page, with which template,
/// and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderError {
    /// The page's site path.
    pub page: String,
    /// The template that failed, when one did.
    pub template: Option<String>,
    pub kind: RenderErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenderErrorKind {
    /// Tera's error, with where it is as [`Theme::explain`] finds it
    /// (`file:line:column: cause`).
    Template(String),
    /// A list's row template failed: Tera's message with its causes.
    Row(String),
    /// A lineage's page asked of a policy in no lineage.
    NoLineage,
    /// A list page deeper than the rows are kept for.
    TooDeep(usize),
    /// The download page asked for without what it lists.
    NoDownloads,
}

impl RenderError {
    fn new(template: Option<&str>, kind: RenderErrorKind) -> RenderError {
        RenderError {
            page: String::new(),
            template: template.map(str::to_string),
            kind,
        }
    }

    /// The same failure, on the page at `path`.
    fn on(mut self, path: &str) -> RenderError {
        self.page = path.to_string();
        self
    }

    /// What went wrong, without the page: the same cause on many pages is
    /// one problem.
    pub fn cause(&self) -> String {
        match &self.kind {
            RenderErrorKind::Template(m) => m.clone(),
            RenderErrorKind::Row(m) => format!(
                "cannot render a row with template {}: {m}",
                self.template.as_deref().unwrap_or_default()
            ),
            RenderErrorKind::NoLineage => "this policy has no lineage".into(),
            RenderErrorKind::TooDeep(depth) => format!("no list is {depth} folders deep"),
            RenderErrorKind::NoDownloads => {
                "the download page needs the sizes of the data files".into()
            }
        }
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (rendering {})", self.cause(), self.page)
    }
}

impl std::error::Error for RenderError {}

/// What pages are rendered with besides the model: the theme, the rows of
/// lists rendered so far, and what the download page lists (`None` where
/// the download page is not rendered, as in the preview, which makes it
/// when asked for).
#[derive(Clone, Copy)]
pub struct Renderer<'r> {
    pub theme: &'r Theme,
    pub rows: &'r Rows,
    pub downloads: Option<&'r Downloads>,
}

impl<'r> Renderer<'r> {
    /// The pages the theme renders: [`Model::pages`], less the search page,
    /// the lineages' pages and the recent changes for a theme without a
    /// `search.html`, a `lineage.html` or a `changes.html` (one made before
    /// they existed).
    pub fn pages(&self, model: &Model<'_>) -> Vec<Page> {
        let mut pages = model.pages();
        if !self.theme.has_template("search.html") {
            pages.retain(|p| !matches!(p, Page::Search));
        }
        if !self.theme.has_template("lineage.html") {
            pages.retain(|p| !matches!(p, Page::Lineage(_)));
        }
        if !self.theme.has_template("changes.html") {
            pages.retain(|p| !matches!(p, Page::Changes | Page::More(List::Changes, _)));
        }
        pages
    }

    /// Renders one page. An error says where in which template, and on
    /// which page.
    pub fn render(&self, model: &Model<'_>, page: Page) -> Result<Output, RenderError> {
        let (path, template, ctx) = self.context(model, page)?;
        let mut bytes = self.theme.page_buffer(template);
        match self.theme.tera.render_to(template, &ctx, &mut bytes) {
            Ok(()) => {
                self.theme.made_page(template, bytes.len());
                Ok(Output { path, bytes })
            }
            Err(e) => Err(self.tera_error(template, &e).on(&path)),
        }
    }

    /// Renders a page as [`Renderer::render`] does, and drops its text as
    /// it is written: what `check` needs. Not building each page's text
    /// saves a twentieth of `check`'s work, and with a theme made ready by
    /// [`Theme::discarding`] its values are not escaped either.
    pub fn try_render(&self, model: &Model<'_>, page: Page) -> Result<(), RenderError> {
        let (path, template, ctx) = self.context(model, page)?;
        self.theme
            .tera
            .render_to(template, &ctx, Discard)
            .map_err(|e| self.tera_error(template, &e).on(&path))
    }

    /// A page's file, its template and everything the template sees: the
    /// template contract of the book's "Themes and templates" chapter.
    pub fn context(
        &self,
        model: &Model<'_>,
        page: Page,
    ) -> Result<(String, &'static str, tera::Context), RenderError> {
        model
            .context(self, page)
            .map_err(|e| e.on(&model.path(page)))
    }

    fn tera_error(&self, template: &str, e: &tera::Error) -> RenderError {
        RenderError::new(
            Some(template),
            RenderErrorKind::Template(self.theme.explain(e)),
        )
    }

    /// Renders `pages` in parallel and hands each to `sink` as it is done,
    /// so the site is never held in memory whole. Template failures become
    /// diagnostics ([`report`]); the sink's errors end the run. Returns
    /// the number of pages rendered.
    pub fn render_all<E: Send>(
        &self,
        model: &Model<'_>,
        pages: &[Page],
        sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
        diags: &mut Diagnostics,
    ) -> Result<usize, E> {
        each_page(pages, diags, |page| match self.render(model, page) {
            Ok(out) => sink(out).map(|()| None),
            Err(failure) => Ok(Some(failure)),
        })
    }

    /// Renders `pages` as [`Renderer::render_all`] does, with the same
    /// diagnostics, and keeps none of it.
    pub fn try_all(&self, model: &Model<'_>, pages: &[Page], diags: &mut Diagnostics) -> usize {
        let Ok(n) = each_page(pages, diags, |page| {
            Ok::<_, std::convert::Infallible>(self.try_render(model, page).err())
        });
        n
    }
}

/// Runs `each` on every page in parallel. Returns the number of pages that
/// did not fail; the failures are reported ([`report`]).
fn each_page<E: Send>(
    pages: &[Page],
    diags: &mut Diagnostics,
    each: impl Fn(Page) -> Result<Option<RenderError>, E> + Sync,
) -> Result<usize, E> {
    // Pieces of at most 64 pages, so that the last pieces can be shared
    // out: pages differ in cost (the lists' pages render rows on first
    // use), and with rayon's own halving one thread was left finishing
    // alone for the last seconds of a 100,000-entry build.
    let results: Vec<Result<Option<RenderError>, E>> = pages
        .par_iter()
        .with_max_len(64)
        .map(|&page| each(page))
        .collect();
    let mut failures = Vec::new();
    let mut count = 0;
    for r in results {
        match r? {
            None => count += 1,
            Some(failure) => failures.push(failure),
        }
    }
    report(failures, diags);
    Ok(count)
}

/// Reports template failures as diagnostics, the same way wherever pages
/// are rendered: one per distinct cause (at most twenty), with
/// the first page it broke and the number of others.
pub fn report(failures: Vec<RenderError>, diags: &mut Diagnostics) {
    let mut by_cause: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in failures {
        by_cause.entry(f.cause()).or_default().push(f.page);
    }
    for (cause, mut paths) in by_cause.into_iter().take(MAX_FAILURES) {
        paths.sort();
        let on = match paths.len() {
            1 => format!("rendering {}", paths[0]),
            n => format!("rendering {} and {} other pages", paths[0], n - 1),
        };
        diags.push(theme::template_error(format!("{cause} ({on})")));
    }
}
