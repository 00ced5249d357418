//! The pages of long lists (see [`crate::site::lists`]) as the theme
//! renders them, and their rows.
//!
//! A policy is listed on about eight pages (the policies list and the page
//! of each of its terms), a court action on three, and with a template
//! engine a row costs about as much as a small page. So each row is
//! rendered once, with the theme's `policy_row.html` or
//! `court_action_row.html`, for each depth of folder it is listed at
//! ([`Rows`]), and list pages paste the rendered rows (the profile of a
//! 10,000-entry site showed term pages at nearly half of all rendering
//! before this).

use std::sync::OnceLock;

use serde::Serialize;
use tera::Context;

use super::marked;
use super::pages::Head;
use super::{RenderError, RenderErrorKind, Renderer, Theme};
use crate::content::date::Precision;
use crate::content::Id;
use crate::graph::{CourtActionIx, PolicyIx};
use crate::site::lists::{List, PAGE_SIZE};
use crate::site::Model;

/// The rows of the lists rendered so far, for pages one and two folders
/// deep, by the entry's position in the corpus. Kept for a build, and by
/// the live preview across rebuilds for the entries that did not change.
/// Also the `site` every page sees, made once per build.
#[derive(Debug, Default)]
pub struct Rows {
    policies: [Vec<Row>; 2],
    court_actions: [Vec<Row>; 2],
    /// `site` as Tera's value: its maps and lists are shared, so each page
    /// takes it for the price of a reference count, where converting it
    /// again was 5% of `check`.
    site: OnceLock<tera::Value>,
}

/// A row rendered on first use ([`RenderedRow`]), or its failure. Kept as
/// Tera's value, whose maps and strings are shared by reference count:
/// each list page that pastes it, and an incremental rebuild that takes
/// over the rows of unchanged entries, take it without copying its text.
type Row = OnceLock<Result<tera::Value, String>>;

impl Rows {
    /// Room for the rows of every entry of `model`, none rendered yet.
    pub fn new(model: &Model<'_>) -> Rows {
        let rows = |n: usize| -> [Vec<Row>; 2] {
            [
                (0..n).map(|_| Row::new()).collect(),
                (0..n).map(|_| Row::new()).collect(),
            ]
        };
        let c = &model.site.corpus;
        Rows {
            policies: rows(c.policies.len()),
            court_actions: rows(c.court_actions.len()),
            site: OnceLock::new(),
        }
    }

    /// The `site` value of every page, made by `make` on first use. Never
    /// taken over by [`Rows::reuse`]: an edit can change it (the date of
    /// the data).
    pub(super) fn site(&self, make: impl FnOnce() -> tera::Value) -> tera::Value {
        self.site.get_or_init(make).clone()
    }

    /// Takes over the rows `old` rendered for entries that did not change
    /// (the live preview's incremental rebuild). The `*_from` functions map
    /// a position in the new corpus to the same entry's in the old one, or
    /// `None` for an entry that is new or changed. Only valid while term and
    /// case page names are unchanged, since rows link to them.
    pub fn reuse(
        &mut self,
        old: &Rows,
        policy_from: &dyn Fn(usize) -> Option<usize>,
        court_action_from: &dyn Fn(usize) -> Option<usize>,
    ) {
        for depth in 0..2 {
            take_over(&self.policies[depth], &old.policies[depth], policy_from);
            take_over(
                &self.court_actions[depth],
                &old.court_actions[depth],
                court_action_from,
            );
        }
    }
}

fn take_over(new: &[Row], old: &[Row], from: &dyn Fn(usize) -> Option<usize>) {
    for (i, row) in new.iter().enumerate() {
        if let Some(Ok(html)) = from(i).and_then(|o| old.get(o)).and_then(OnceLock::get) {
            let _ = row.set(Ok(html.clone()));
        }
    }
}

/// One row of a list, rendered by the theme's row template: what a list
/// template sees of each item, kept as Tera's value ([`Row`]).
#[derive(Serialize)]
pub struct RenderedRow {
    pub id: Id,
    pub html: tera::Value,
}

/// Where a page stands in its list, as `pager`.
#[derive(Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub page: usize,
    pub pages: usize,
    /// Items in the whole list.
    pub total: usize,
    /// Positions of the first and last item on this page, from 1 (0 and 0
    /// for an empty list).
    pub from: usize,
    pub to: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The pages to link: the first, the last and those near this one, in
    /// order, with `null` where pages are left out.
    pub links: Vec<Option<PageLink>>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// Pages linked on either side of the current one.
const NEAR: usize = 2;

impl<'s> Model<'s> {
    fn pager(&self, list: List, n: usize) -> Pager {
        let total = self.list_len(list);
        let pages = self.list_pages(list);
        let links = window(pages, n)
            .into_iter()
            .map(|k| {
                k.map(|k| PageLink {
                    number: k,
                    url: self.list_path(list, k),
                    current: k == n,
                })
            })
            .collect();
        Pager {
            page: n,
            pages,
            total,
            from: if total == 0 {
                0
            } else {
                (n - 1) * PAGE_SIZE + 1
            },
            to: (n * PAGE_SIZE).min(total),
            prev: (n > 1).then(|| self.list_path(list, n - 1)),
            next: (n < pages).then(|| self.list_path(list, n + 1)),
            links,
        }
    }

    /// Fills `ctx` for page `n` of `list`.
    pub(super) fn list_page(
        &self,
        r: &Renderer<'_>,
        list: List,
        n: usize,
        ctx: &mut Context,
    ) -> Result<Head, RenderError> {
        let depth = self.list_path(list, n).matches('/').count();
        let range = (n - 1) * PAGE_SIZE..(n * PAGE_SIZE).min(self.list_len(list));
        let pager = self.pager(list, n);
        let of = |title: &str| {
            if pager.pages > 1 {
                format!("{title}, page {n} of {}", pager.pages)
            } else {
                title.to_string()
            }
        };
        ctx.insert("total", &pager.total);
        let page = match list {
            List::Policies => {
                let groups = self.policy_groups(r, &self.by_date_newest(range), depth)?;
                ctx.insert("groups", &groups);
                Head::new(
                    "policies.html",
                    "policies",
                    of("Policies"),
                    "Every policy, newest first",
                )
            }
            List::CourtActions => {
                let rows = self.court_action_rows(r, &self.lists.court_actions[range], depth)?;
                ctx.insert("court_actions", &rows);
                Head::new(
                    "court_actions.html",
                    "court-actions",
                    of("Court actions"),
                    "Every court action, newest first",
                )
            }
            List::Cases => {
                let rows: Vec<_> = self.lists.cases[range]
                    .iter()
                    .map(|&c| self.case_row(c))
                    .collect();
                ctx.insert("cases", &rows);
                // A column of statuses when case files give any, as the
                // filter's data has a facet of them.
                let has_status = self.site.graph.cases.iter().any(|c| c.status.is_some());
                ctx.insert("has_status", &has_status);
                Head::new(
                    "cases.html",
                    "cases",
                    of("Cases"),
                    "Every case, by latest date",
                )
            }
            List::Commentary => {
                let rows: Vec<_> = self.lists.commentary[range]
                    .iter()
                    .map(|&c| self.commentary_link(c))
                    .collect();
                ctx.insert("commentary", &rows);
                Head::new(
                    "commentary_list.html",
                    "commentary-list",
                    of("Commentary"),
                    "Commentary on the policies",
                )
            }
            List::Changes => {
                ctx.insert("changes", &self.change_rows(range));
                ctx.insert("history", &self.history_state());
                Head::new(
                    "changes.html",
                    "changes",
                    of("Recent changes"),
                    "What changed in the database, and when, newest first",
                )
            }
            List::Term(t, i) => {
                let (name, entries) = self.terms.term(t, i);
                // Policies, a court's cases, court actions, commentary, each
                // newest first: the page's range of each in turn, as
                // `list_items` has them.
                let part = |from: usize, len: usize| {
                    let start = range.start.saturating_sub(from).min(len);
                    start..range.end.saturating_sub(from).min(len)
                };
                let p = entries.policies.len();
                let k = entries.cases.len();
                let a = entries.court_actions.len();
                let policies = self.policy_rows(r, &entries.policies[part(0, p)], depth)?;
                let cases: Vec<_> = entries.cases[part(p, k)]
                    .iter()
                    .map(|&c| self.case_row(c))
                    .collect();
                let actions =
                    self.court_action_rows(r, &entries.court_actions[part(p + k, a)], depth)?;
                let m = entries.commentary.len();
                let commentary: Vec<_> = entries.commentary[part(p + k + a, m)]
                    .iter()
                    .map(|&c| self.commentary_link(c))
                    .collect();
                let title = self.terms.title(t);
                ctx.insert("vocabulary", &self.vocab_link(t));
                ctx.insert(
                    "term",
                    &TermView {
                        name,
                        url: self.list_path(list, 1),
                        count: entries.entries(),
                        cases: entries.cases.len(),
                    },
                );
                ctx.insert("policies", &policies);
                ctx.insert("cases", &cases);
                if !entries.cases.is_empty() {
                    // A column of statuses when a case of this court has one.
                    let cases = &self.site.graph.cases;
                    let has_status = entries
                        .cases
                        .iter()
                        .any(|c| cases[c.get()].status.is_some());
                    ctx.insert("has_status", &has_status);
                }
                ctx.insert("court_actions", &actions);
                ctx.insert("commentary", &commentary);
                Head::new(
                    "term.html",
                    "term",
                    of(&format!("{title}: {name}")),
                    String::new(),
                )
            }
        };
        ctx.insert("pager", &pager);
        Ok(page)
    }

    /// Policy rows for a page `depth` folders deep, rendered once per build.
    fn policy_rows<'r>(
        &self,
        r: &Renderer<'r>,
        policies: &[PolicyIx],
        depth: usize,
    ) -> Result<Vec<&'r tera::Value>, RenderError> {
        let template = "policy_row.html";
        policies
            .iter()
            .map(|&ix| {
                let id = self.site.corpus.policies[ix.get()].id.0;
                let render = |depth| render_row(r.theme, template, &self.policy_row(ix), depth);
                row(&r.rows.policies, ix.get(), id, depth, template, render)
            })
            .collect()
    }

    fn court_action_rows<'r>(
        &self,
        r: &Renderer<'r>,
        actions: &[CourtActionIx],
        depth: usize,
    ) -> Result<Vec<&'r tera::Value>, RenderError> {
        let template = "court_action_row.html";
        actions
            .iter()
            .map(|&ix| {
                let id = self.site.corpus.court_actions[ix.get()].id.0;
                let render =
                    |depth| render_row(r.theme, template, &self.court_action_row(ix), depth);
                row(&r.rows.court_actions, ix.get(), id, depth, template, render)
            })
            .collect()
    }

    /// Positions `range` of the policies, newest first.
    fn by_date_newest(&self, range: std::ops::Range<usize>) -> Vec<PolicyIx> {
        let n = self.by_date.len();
        range.map(|k| self.by_date[n - 1 - k]).collect()
    }

    /// Policies grouped by year and month of announcement, in the order given.
    fn policy_groups<'r>(
        &self,
        r: &Renderer<'r>,
        policies: &[PolicyIx],
        depth: usize,
    ) -> Result<Vec<MonthGroup<'r>>, RenderError> {
        let mut groups: Vec<MonthGroup<'r>> = Vec::new();
        let rows = self.policy_rows(r, policies, depth)?;
        for (&p, row) in policies.iter().zip(rows) {
            let policy = &self.site.corpus.policies[p.get()];
            // A policy known only by its year is grouped under the year.
            let (key, label) = match policy.announced.precision() {
                Precision::Year => (policy.announced.iso(), policy.announced.iso()),
                _ => (
                    policy.announced.start().format("%Y-%m").to_string(),
                    policy.announced.start().format("%B %Y").to_string(),
                ),
            };
            if groups.last().is_none_or(|g| g.key != key) {
                groups.push(MonthGroup {
                    label,
                    key,
                    policies: Vec::new(),
                });
            }
            if let Some(g) = groups.last_mut() {
                g.policies.push(row);
            }
        }
        Ok(groups)
    }
}

/// Renders one row with its template for a page `depth` folders deep, or
/// for every depth at once (`None`, with `root` marked: see
/// [`super::marked`]) when the template allows it; a failure says where in
/// which template.
fn render_row(
    theme: &Theme,
    template: &str,
    view: &impl Serialize,
    depth: Option<usize>,
) -> Option<Result<String, String>> {
    let mut ctx = Context::new();
    ctx.insert("row", view);
    let tera = match depth {
        None if theme
            .marked_rows
            .get_template_names()
            .any(|n| n == template) =>
        {
            &theme.marked_rows
        }
        None => return None,
        Some(depth) => {
            ctx.insert("root", &"../".repeat(depth));
            &theme.tera
        }
    };
    Some(tera.render(template, &ctx).map_err(|e| theme.explain(&e)))
}

/// The row `i` for a page `depth` folders deep: rendered on first use and
/// kept for depths 1 and 2 (every list page). A row whose template renders
/// once for every depth fills both depths at once; any other, or one that
/// fails that way, is rendered for its depth, so a failure reads as it
/// always has.
fn row<'r>(
    cache: &'r [Vec<Row>; 2],
    i: usize,
    id: Id,
    depth: usize,
    template: &str,
    render: impl Fn(Option<usize>) -> Option<Result<String, String>>,
) -> Result<&'r tera::Value, RenderError> {
    let slot = match depth {
        1 | 2 => &cache[depth - 1][i],
        // Not reached by the pages docket makes; a row is never lost.
        _ => return Err(RenderError::new(None, RenderErrorKind::TooDeep(depth))),
    };
    if slot.get().is_none() {
        if let Some(Ok(once)) = render(None) {
            // `set` rather than `get_or_init`: two threads may fill the
            // same row, and the bytes are the same whichever wins.
            for (d, rows) in cache.iter().enumerate() {
                let html = tera::Value::from(marked::at_depth(&once, d + 1));
                let _ = rows[i].set(Ok(rendered_row(id, html)));
            }
        }
    }
    let rendered = slot.get_or_init(|| {
        render(Some(depth))
            .unwrap_or_else(|| Err(String::new()))
            .map(|html| rendered_row(id, tera::Value::from(html)))
    });
    match rendered {
        Ok(row) => Ok(row),
        Err(e) => Err(RenderError::new(
            Some(template),
            RenderErrorKind::Row(e.clone()),
        )),
    }
}

/// A row's value as list templates see it, `{id, html}`.
fn rendered_row(id: Id, html: tera::Value) -> tera::Value {
    tera::Value::from_serializable(&RenderedRow { id, html })
}

#[derive(Serialize)]
struct MonthGroup<'a> {
    label: String,
    /// `2025-01`
    key: String,
    policies: Vec<&'a tera::Value>,
}

/// A term page's `term`: what it lists.
#[derive(Serialize)]
struct TermView<'a> {
    name: &'a str,
    /// Its first page.
    url: String,
    /// The entries with it.
    count: usize,
    /// A court's cases, listed before its court actions.
    cases: usize,
}

/// The page numbers a pager of `pages` pages shows on page `n`: the first,
/// the last and those within [`NEAR`] of `n`, with `None` for a gap.
fn window(pages: usize, n: usize) -> Vec<Option<usize>> {
    let near = n.saturating_sub(NEAR).max(1)..=(n + NEAR).min(pages);
    let mut out = Vec::new();
    let mut last = 0;
    for k in std::iter::once(1).chain(near).chain(std::iter::once(pages)) {
        if k <= last {
            continue;
        }
        if k > last + 1 {
            out.push(None);
        }
        out.push(Some(k));
        last = k;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn a_pager_shows_the_ends_and_the_pages_near_the_current_one() {
        assert_eq!(window(1, 1), vec![Some(1)]);
        assert_eq!(
            window(10, 5),
            vec![
                Some(1),
                None,
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                None,
                Some(10)
            ]
        );
        assert_eq!(window(5, 1), vec![Some(1), Some(2), Some(3), None, Some(5)]);
        assert_eq!(window(4, 4), vec![Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(window(500, 250).len(), 9);
    }
}
