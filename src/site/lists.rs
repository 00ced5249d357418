//! Lists that grow with the database: the policies, court actions, cases
//! and commentary lists, the site's recent changes, and the page of every
//! vocabulary term.
//!
//! Each is cut into pages of [`PAGE_SIZE`] items (`policies/index.html`,
//! `policies/page-2.html`, …), so that no page grows with the whole
//! database: a term carried by 50,000 policies makes 500 pages of ordinary
//! size rather than one of 50 MB.
//!
//! The order of each list is derived once per build ([`Lists`], and the
//! term index, which [`super::terms`] keeps newest first); a page only
//! slices it, so making all pages of a list costs as much as the list once.

use std::sync::OnceLock;

use super::facets::Filters;
use super::paths::Page;
use super::terms::Taxonomy;
use super::Model;
use crate::content::{Corpus, Kind};
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
    /// The site's changes, newest first ([`super::time::Time::changes`]).
    Changes,
    /// The entries carrying a term: its set of terms and the term's
    /// position in [`super::terms::VocabTerms::terms`].
    Term(Taxonomy, usize),
}

impl List {
    /// Page `n` (from 1) of the list.
    pub fn page(self, n: usize) -> Page {
        match (self, n) {
            (List::Policies, 1) => Page::Policies,
            (List::CourtActions, 1) => Page::CourtActions,
            (List::Cases, 1) => Page::Cases,
            (List::Commentary, 1) => Page::CommentaryList,
            (List::Changes, 1) => Page::Changes,
            (List::Term(v, i), 1) => Page::Term(v, i),
            (list, n) => Page::More(list, n),
        }
    }
}

/// The order of the lists that are not kept in order elsewhere, newest
/// first (policies by date are [`Model::by_date`]; terms keep their
/// entries newest first), and their filters once made.
#[derive(Debug, Default)]
pub struct Lists {
    pub court_actions: Vec<CourtActionIx>,
    /// By latest filing, newest first.
    pub cases: Vec<CaseIx>,
    pub commentary: Vec<CommentaryIx>,
    /// The filters of the policies, court actions, cases and changes
    /// lists, made on first use ([`Model::list_filters`]).
    pub(super) filters: [OnceLock<Filters>; 4],
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
        cases.sort_by_key(|c| std::cmp::Reverse((graph.cases[c.get()].latest, c.get())));
        let mut commentary: Vec<CommentaryIx> = (0..corpus.commentary.len() as u32)
            .map(CommentaryIx)
            .collect();
        commentary.sort_by_key(|c| {
            let c = &corpus.commentary[c.get()];
            std::cmp::Reverse((c.date, c.id))
        });
        Lists {
            court_actions,
            cases,
            commentary,
            filters: Default::default(),
        }
    }
}

/// The page of the `i`th entry of `kind`.
pub fn entry_page(kind: Kind, i: usize) -> Page {
    match kind {
        Kind::Policy => Page::Policy(PolicyIx(i as u32)),
        Kind::CourtAction => Page::CourtAction(CourtActionIx(i as u32)),
        Kind::Commentary => Page::Commentary(CommentaryIx(i as u32)),
    }
}

impl<'s> Model<'s> {
    /// Items in `list`.
    pub fn list_len(&self, list: List) -> usize {
        match list {
            List::Policies => self.by_date.len(),
            List::CourtActions => self.lists.court_actions.len(),
            List::Cases => self.lists.cases.len(),
            List::Commentary => self.lists.commentary.len(),
            List::Changes => self.time.changes.len(),
            List::Term(t, i) => self.terms.term(t, i).1.count(),
        }
    }

    /// The pages of the items of `list`, in the order the list shows them.
    pub fn list_items(&self, list: List) -> Vec<Page> {
        let l = self.lists;
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
            // A change is listed as its entry's page: that page changes
            // when the entry does, and so does the row.
            List::Changes => self
                .time
                .changes
                .iter()
                .map(|c| entry_page(c.kind, c.entry as usize))
                .collect(),
            List::Term(t, i) => {
                let entries = &self.terms.term(t, i).1;
                let policies = entries.policies.iter().map(|&p| Page::Policy(p));
                let actions = entries.court_actions.iter().map(|&c| Page::CourtAction(c));
                let commentary = entries.commentary.iter().map(|&c| Page::Commentary(c));
                let cases = entries.cases.iter().map(|&c| Page::Case(c));
                policies
                    .chain(cases)
                    .chain(actions)
                    .chain(commentary)
                    .collect()
            }
        }
    }

    /// Number of pages of `list`: at least one, even when it is empty.
    pub fn list_pages(&self, list: List) -> usize {
        self.list_len(list).div_ceil(PAGE_SIZE).max(1)
    }

    /// The pages after the first of every list (the first pages are
    /// [`Page::Policies`], [`Page::Term`], …).
    pub fn more_pages(&self) -> Vec<Page> {
        let mut lists = vec![
            List::Policies,
            List::CourtActions,
            List::Cases,
            List::Commentary,
            List::Changes,
        ];
        for t in self.taxonomies() {
            if let Some(vt) = self.terms.of(t) {
                lists.extend(
                    vt.terms
                        .iter()
                        .enumerate()
                        .filter(|(_, (_, e))| e.count() > 0)
                        .map(|(i, _)| List::Term(t, i)),
                );
            }
        }
        lists
            .into_iter()
            .flat_map(|l| (2..=self.list_pages(l)).map(move |n| Page::More(l, n)))
            .collect()
    }
}
