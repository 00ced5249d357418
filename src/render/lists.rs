//! Lists that grow with the database: the policies, court actions, cases
//! and commentary lists, and the page of every vocabulary term.
//!
//! Each is cut into pages of [`PAGE_SIZE`] items (`policies/index.html`,
//! `policies/page-2.html`, …), so that no page grows with the whole
//! database: a term carried by 50,000 policies makes 500 pages of ordinary
//! size rather than one of 50 MB. Pages after the first sit in the same
//! folder as the first, so every page of a list has the same `root`.
//!
//! The order of each list is derived once per build ([`Orders`], and the
//! term index, which [`super::terms`] keeps newest first); a page only
//! slices it, so rendering all pages of a list costs as much as rendering
//! the list once.

use serde::Serialize;
use tera::Context;

use super::context::{PolicyRow, TermCount};
use super::{Model, Page};
use crate::config::Vocab;
use crate::content::Corpus;
use crate::graph::{CaseIx, CommentaryIx, CourtActionIx, Graph, PolicyIx};

/// Items on one page of a list.
pub const PAGE_SIZE: usize = 100;

/// A list that is cut into pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Policies,
    CourtActions,
    Cases,
    Commentary,
    /// The entries carrying a term: vocabulary and the term's position in
    /// [`super::terms::VocabTerms::terms`].
    Term(Vocab, usize),
}

/// The order of the lists that are not kept in order elsewhere, newest
/// first. (Policies by date are [`Model::by_date`]; terms keep their
/// entries newest first.)
#[derive(Debug, Default)]
pub struct Orders {
    pub court_actions: Vec<CourtActionIx>,
    /// By latest filing, newest first.
    pub cases: Vec<CaseIx>,
    pub commentary: Vec<CommentaryIx>,
}

impl Orders {
    pub fn build(corpus: &Corpus, graph: &Graph) -> Orders {
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
        Orders {
            court_actions,
            cases,
            commentary,
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
            List::CourtActions => self.terms.orders.court_actions.len(),
            List::Cases => self.terms.orders.cases.len(),
            List::Commentary => self.terms.orders.commentary.len(),
            List::Term(v, i) => self.terms.vocabs[&v].terms[i].1.count(),
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

    /// Fills `ctx` for page `n` of `list`; returns the template, the page
    /// kind, title and description.
    pub(super) fn list_page(
        &self,
        list: List,
        n: usize,
        ctx: &mut Context,
    ) -> (&'static str, &'static str, String, String) {
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
                ctx.insert("groups", &self.policy_groups(&self.by_date_newest(range)));
                (
                    "policies.html",
                    "policies",
                    of("Policies"),
                    "Every policy, newest first".into(),
                )
            }
            List::CourtActions => {
                let rows: Vec<_> = self.terms.orders.court_actions[range]
                    .iter()
                    .map(|&c| self.court_action_row(c))
                    .collect();
                ctx.insert("court_actions", &rows);
                (
                    "court_actions.html",
                    "court-actions",
                    of("Court actions"),
                    "Every court action, newest first".into(),
                )
            }
            List::Cases => {
                let rows: Vec<_> = self.terms.orders.cases[range]
                    .iter()
                    .map(|&c| self.case_row(c))
                    .collect();
                ctx.insert("cases", &rows);
                (
                    "cases.html",
                    "cases",
                    of("Cases"),
                    "Every case, by latest filing".into(),
                )
            }
            List::Commentary => {
                let rows: Vec<_> = self.terms.orders.commentary[range]
                    .iter()
                    .map(|&c| self.commentary_link(c))
                    .collect();
                ctx.insert("commentary", &rows);
                (
                    "commentary_list.html",
                    "commentary-list",
                    of("Commentary"),
                    "Commentary on the policies".into(),
                )
            }
            List::Term(v, i) => {
                let (name, entries) = &self.terms.vocabs[&v].terms[i];
                // Policies first, then court actions, each newest first.
                let p = entries.policies.len();
                let policies: Vec<PolicyRow<'_>> = entries.policies
                    [range.start.min(p)..range.end.min(p)]
                    .iter()
                    .map(|&ix| self.policy_row(ix))
                    .collect();
                let actions: Vec<_> = entries.court_actions
                    [range.start.saturating_sub(p)..range.end.saturating_sub(p)]
                    .iter()
                    .map(|&c| self.court_action_row(c))
                    .collect();
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
                (
                    "term.html",
                    "term",
                    of(&format!("{}: {name}", v.title())),
                    String::new(),
                )
            }
        };
        ctx.insert("pager", &pager);
        page
    }

    /// Positions `range` of the policies, newest first.
    fn by_date_newest(&self, range: std::ops::Range<usize>) -> Vec<PolicyIx> {
        let n = self.by_date.len();
        range.map(|k| self.by_date[n - 1 - k]).collect()
    }

    /// Policies grouped by year and month of announcement, in the order given.
    fn policy_groups(&self, policies: &[PolicyIx]) -> Vec<MonthGroup<'s>> {
        let mut groups: Vec<MonthGroup<'s>> = Vec::new();
        for &p in policies {
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
                g.policies.push(self.policy_row(p));
            }
        }
        groups
    }
}

#[derive(Serialize)]
struct MonthGroup<'a> {
    label: String,
    /// `2025-01`
    key: String,
    policies: Vec<PolicyRow<'a>>,
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
    let mut out = Vec::new();
    let mut last = 0;
    for k in 1..=pages {
        if k == 1 || k == pages || k.abs_diff(n) <= NEAR {
            if k > last + 1 {
                out.push(None);
            }
            out.push(Some(k));
            last = k;
        }
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
    }
}
