//! Lists that grow with the database: the policies, court actions, cases
//! and commentary lists, and the page of every vocabulary term.
//!
//! Each is cut into pages of [`PAGE_SIZE`] items (`policies/index.html`,
//! `policies/page-2.html`, …), so that no page grows with the whole
//! database: a term carried by 50,000 policies makes 500 pages of ordinary
//! size rather than one of 50 MB. Pages after the first sit in the same
//! folder as the first, so every page of a list has the same `root`.
//!
//! The order of each list is derived once per build ([`Lists`], and the
//! term index, which [`super::terms`] keeps newest first); a page only
//! slices it, so rendering all pages of a list costs as much as rendering
//! the list once.
//!
//! A policy is listed on about eight pages (the policies list and the page
//! of each of its terms), a court action on three, and with a template
//! engine a row costs about as much as a small page. So each row is
//! rendered once, with the theme's `policy_row.html` or
//! `court_action_row.html`, for each depth of folder it is listed at, and
//! list pages paste the rendered rows (the profile of a 10,000-entry site
//! showed term pages at nearly half of all rendering before this).

use std::sync::OnceLock;

use serde::Serialize;
use tera::Context;

use super::views::TermCount;
use super::pages::Head;
use super::{Model, Page, Theme};
use crate::config::Vocab;
use crate::content::Corpus;
use crate::graph::{CaseIx, CommentaryIx, CourtActionIx, Graph, PolicyIx};

/// Items on one page of a list.
pub const PAGE_SIZE: usize = 100;

/// A list that is cut into pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum List {
    Policies,
    CourtActions,
    Cases,
    Commentary,
    /// The entries carrying a term: vocabulary and the term's position in
    /// [`super::terms::VocabTerms::terms`].
    Term(Vocab, usize),
}

impl List {
    /// Page `n` (from 1) of the list.
    pub fn page(self, n: usize) -> Page {
        match (self, n) {
            (List::Policies, 1) => Page::Policies,
            (List::CourtActions, 1) => Page::CourtActions,
            (List::Cases, 1) => Page::Cases,
            (List::Commentary, 1) => Page::CommentaryList,
            (List::Term(v, i), 1) => Page::Term(v, i),
            (list, n) => Page::More(list, n),
        }
    }
}

/// What list pages share, derived once per build: the order of the lists
/// that are not kept in order elsewhere, newest first (policies by date are
/// [`Model::by_date`]; terms keep their entries newest first), and the rows
/// rendered so far.
#[derive(Debug, Default)]
pub struct Lists {
    pub court_actions: Vec<CourtActionIx>,
    /// By latest filing, newest first.
    pub cases: Vec<CaseIx>,
    pub commentary: Vec<CommentaryIx>,
    /// Rendered policy rows, for pages one and two folders deep.
    policy_rows: [Vec<Row>; 2],
    court_action_rows: [Vec<Row>; 2],
    /// The filters of the policies, court actions and cases lists, made
    /// on first use ([`Model::list_filters`]).
    pub(crate) filters: [OnceLock<crate::publish::filters::Filters>; 3],
}

/// A row rendered on first use, or the template's error. Shared, so that
/// an incremental rebuild takes over the rows of unchanged entries cheaply.
type Row = OnceLock<Result<std::sync::Arc<str>, String>>;

/// One row of a list, rendered by the theme's row template.
#[derive(Serialize)]
pub struct RenderedRow<'a> {
    pub id: u32,
    pub html: &'a str,
}

impl Lists {
    pub fn build(corpus: &Corpus, graph: &Graph) -> Lists {
        let mut court_actions: Vec<CourtActionIx> = (0..corpus.court_actions.len() as u32)
            .map(CourtActionIx)
            .collect();
        court_actions.sort_by_key(|c| {
            let c = &corpus.court_actions[c.get()];
            std::cmp::Reverse((c.date, c.id))
        });
        let mut cases: Vec<CaseIx> = (0..graph.cases.len() as u32).map(CaseIx).collect();
        // Cases are sorted by slug, which breaks ties between equal dates.
        cases.sort_by_key(|c| {
            let case = &graph.cases[c.get()];
            let latest = case
                .filings
                .last()
                .map(|f| corpus.court_actions[f.get()].date);
            std::cmp::Reverse((latest, c.get()))
        });
        let mut commentary: Vec<CommentaryIx> = (0..corpus.commentary.len() as u32)
            .map(CommentaryIx)
            .collect();
        commentary.sort_by_key(|c| {
            let c = &corpus.commentary[c.get()];
            std::cmp::Reverse((c.date, c.id))
        });
        let rows = |n: usize| -> [Vec<Row>; 2] {
            [
                (0..n).map(|_| Row::new()).collect(),
                (0..n).map(|_| Row::new()).collect(),
            ]
        };
        Lists {
            court_actions,
            cases,
            commentary,
            policy_rows: rows(corpus.policies.len()),
            court_action_rows: rows(corpus.court_actions.len()),
            filters: Default::default(),
        }
    }
}

impl Lists {
    /// Takes over the rows `old` rendered for entries that did not change
    /// (the live preview's incremental rebuild). The `*_from` functions map
    /// a position in the new corpus to the same entry's in the old one, or
    /// `None` for an entry that is new or changed. Only valid while term and
    /// case page names are unchanged, since rows link to them.
    pub fn reuse_rows(
        &mut self,
        old: &Lists,
        policy_from: &dyn Fn(usize) -> Option<usize>,
        court_action_from: &dyn Fn(usize) -> Option<usize>,
    ) {
        for depth in 0..2 {
            for (i, row) in self.policy_rows[depth].iter().enumerate() {
                if let Some(Ok(html)) = policy_from(i)
                    .and_then(|o| old.policy_rows[depth].get(o))
                    .and_then(OnceLock::get)
                {
                    let _ = row.set(Ok(std::sync::Arc::clone(html)));
                }
            }
            for (i, row) in self.court_action_rows[depth].iter().enumerate() {
                if let Some(Ok(html)) = court_action_from(i)
                    .and_then(|o| old.court_action_rows[depth].get(o))
                    .and_then(OnceLock::get)
                {
                    let _ = row.set(Ok(std::sync::Arc::clone(html)));
                }
            }
        }
    }
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
    /// Items in `list`.
    fn list_len(&self, list: List) -> usize {
        match list {
            List::Policies => self.by_date.len(),
            List::CourtActions => self.terms.lists.court_actions.len(),
            List::Cases => self.terms.lists.cases.len(),
            List::Commentary => self.terms.lists.commentary.len(),
            List::Term(v, i) => self.terms.vocabs[&v].terms[i].1.count(),
        }
    }

    /// The pages of the items of `list`, in the order the list shows them.
    pub fn list_items(&self, list: List) -> Vec<Page> {
        let l = &self.terms.lists;
        match list {
            List::Policies => self
                .by_date
                .iter()
                .rev()
                .map(|&p| Page::Policy(p))
                .collect(),
            List::CourtActions => l
                .court_actions
                .iter()
                .map(|&c| Page::CourtAction(c))
                .collect(),
            List::Cases => l.cases.iter().map(|&c| Page::Case(c)).collect(),
            List::Commentary => l.commentary.iter().map(|&c| Page::Commentary(c)).collect(),
            List::Term(v, i) => {
                let entries = &self.terms.vocabs[&v].terms[i].1;
                let policies = entries.policies.iter().map(|&p| Page::Policy(p));
                let actions = entries.court_actions.iter().map(|&c| Page::CourtAction(c));
                policies.chain(actions).collect()
            }
        }
    }

    /// Number of pages of `list`: at least one, even when it is empty.
    pub fn list_pages(&self, list: List) -> usize {
        self.list_len(list).div_ceil(PAGE_SIZE).max(1)
    }

    /// Site-relative path of page `n` (from 1) of `list`.
    pub fn list_path(&self, list: List, n: usize) -> String {
        let dir = match list {
            List::Policies => "policies".to_string(),
            List::CourtActions => "court-actions".to_string(),
            List::Cases => "cases".to_string(),
            List::Commentary => "commentary".to_string(),
            List::Term(v, i) => format!("{}/{}", v.slug(), self.terms.vocabs[&v].terms[i].1.slug),
        };
        if n <= 1 {
            format!("{dir}/index.html")
        } else {
            format!("{dir}/page-{n}.html")
        }
    }

    /// The pages after the first of every list (the first pages are
    /// [`Page::Policies`], [`Page::Term`], …).
    pub fn more_pages(&self) -> Vec<Page> {
        let mut lists = vec![
            List::Policies,
            List::CourtActions,
            List::Cases,
            List::Commentary,
        ];
        for v in Vocab::ALL {
            if let Some(vt) = self.terms.vocabs.get(&v) {
                lists.extend(
                    vt.terms
                        .iter()
                        .enumerate()
                        .filter(|(_, (_, e))| e.count() > 0)
                        .map(|(i, _)| List::Term(v, i)),
                );
            }
        }
        lists
            .into_iter()
            .flat_map(|l| (2..=self.list_pages(l)).map(move |n| Page::More(l, n)))
            .collect()
    }

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
        theme: &Theme,
        list: List,
        n: usize,
        ctx: &mut Context,
    ) -> Result<Head, String> {
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
                let groups = self.policy_groups(theme, &self.by_date_newest(range), depth)?;
                ctx.insert("groups", &groups);
                Head::new(
                    "policies.html",
                    "policies",
                    of("Policies"),
                    "Every policy, newest first",
                )
            }
            List::CourtActions => {
                let rows =
                    self.court_action_rows(theme, &self.terms.lists.court_actions[range], depth)?;
                ctx.insert("court_actions", &rows);
                Head::new(
                    "court_actions.html",
                    "court-actions",
                    of("Court actions"),
                    "Every court action, newest first",
                )
            }
            List::Cases => {
                let rows: Vec<_> = self.terms.lists.cases[range]
                    .iter()
                    .map(|&c| self.case_row(c))
                    .collect();
                ctx.insert("cases", &rows);
                Head::new(
                    "cases.html",
                    "cases",
                    of("Cases"),
                    "Every case, by latest filing",
                )
            }
            List::Commentary => {
                let rows: Vec<_> = self.terms.lists.commentary[range]
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
            List::Term(v, i) => {
                let (name, entries) = &self.terms.vocabs[&v].terms[i];
                // Policies first, then court actions, each newest first.
                let p = entries.policies.len();
                let policies = self.policy_rows(
                    theme,
                    &entries.policies[range.start.min(p)..range.end.min(p)],
                    depth,
                )?;
                let actions = self.court_action_rows(
                    theme,
                    &entries.court_actions
                        [range.start.saturating_sub(p)..range.end.saturating_sub(p)],
                    depth,
                )?;
                ctx.insert(
                    "vocabulary",
                    &VocabHeader {
                        key: v.key(),
                        title: v.title(),
                        url: format!("{}/index.html", v.slug()),
                    },
                );
                ctx.insert(
                    "term",
                    &TermCount {
                        name,
                        url: Some(self.list_path(list, 1)),
                        count: entries.count(),
                    },
                );
                ctx.insert("policies", &policies);
                ctx.insert("court_actions", &actions);
                Head::new(
                    "term.html",
                    "term",
                    of(&format!("{}: {name}", v.title())),
                    String::new(),
                )
            }
        };
        ctx.insert("pager", &pager);
        Ok(page)
    }

    /// Policy rows for a page `depth` folders deep, rendered once per build.
    fn policy_rows(
        &self,
        theme: &Theme,
        policies: &[PolicyIx],
        depth: usize,
    ) -> Result<Vec<RenderedRow<'s>>, String> {
        let cache = &self.terms.lists.policy_rows;
        policies
            .iter()
            .map(|&ix| {
                let p = &self.site.corpus.policies[ix.get()];
                let render =
                    || self.render_row(theme, "policy_row.html", &self.policy_row(ix), depth);
                let html = row(cache, ix.get(), depth, render)?;
                Ok(RenderedRow { id: p.id.0, html })
            })
            .collect()
    }

    fn court_action_rows(
        &self,
        theme: &Theme,
        actions: &[CourtActionIx],
        depth: usize,
    ) -> Result<Vec<RenderedRow<'s>>, String> {
        let cache = &self.terms.lists.court_action_rows;
        actions
            .iter()
            .map(|&ix| {
                let c = &self.site.corpus.court_actions[ix.get()];
                let render = || {
                    self.render_row(
                        theme,
                        "court_action_row.html",
                        &self.court_action_row(ix),
                        depth,
                    )
                };
                let html = row(cache, ix.get(), depth, render)?;
                Ok(RenderedRow { id: c.id.0, html })
            })
            .collect()
    }

    fn render_row(
        &self,
        theme: &Theme,
        template: &str,
        view: &impl Serialize,
        depth: usize,
    ) -> Result<String, String> {
        let mut ctx = Context::new();
        ctx.insert("row", view);
        ctx.insert("root", &"../".repeat(depth));
        theme.tera.render(template, &ctx).map_err(|e| {
            format!(
                "cannot render a row with template {template}: {}",
                crate::error::chain(&e)
            )
        })
    }

    /// Positions `range` of the policies, newest first.
    fn by_date_newest(&self, range: std::ops::Range<usize>) -> Vec<PolicyIx> {
        let n = self.by_date.len();
        range.map(|k| self.by_date[n - 1 - k]).collect()
    }

    /// Policies grouped by year and month of announcement, in the order given.
    fn policy_groups(
        &self,
        theme: &Theme,
        policies: &[PolicyIx],
        depth: usize,
    ) -> Result<Vec<MonthGroup<'s>>, String> {
        let mut groups: Vec<MonthGroup<'s>> = Vec::new();
        let rows = self.policy_rows(theme, policies, depth)?;
        for (&p, row) in policies.iter().zip(rows) {
            let policy = &self.site.corpus.policies[p.get()];
            let key = policy.announced.format("%Y-%m").to_string();
            if groups.last().is_none_or(|g| g.key != key) {
                groups.push(MonthGroup {
                    label: policy.announced.format("%B %Y").to_string(),
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

/// The row `i` for a page `depth` folders deep: from the cache for depths
/// 1 and 2 (every list page), rendered afresh otherwise.
fn row(
    cache: &[Vec<Row>; 2],
    i: usize,
    depth: usize,
    render: impl FnOnce() -> Result<String, String>,
) -> Result<&str, String> {
    let slot = match depth {
        1 | 2 => &cache[depth - 1][i],
        // Not reached by the pages docket makes; a row is never lost.
        _ => return Err(format!("no list is {depth} folders deep")),
    };
    match slot.get_or_init(|| render().map(std::sync::Arc::from)) {
        Ok(html) => Ok(html),
        Err(e) => Err(e.clone()),
    }
}

#[derive(Serialize)]
struct MonthGroup<'a> {
    label: String,
    /// `2025-01`
    key: String,
    policies: Vec<RenderedRow<'a>>,
}

#[derive(Serialize)]
struct VocabHeader {
    key: &'static str,
    title: &'static str,
    url: String,
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
