//! The home page: the database's counts, its newest entries and its two
//! pictures.

use serde::Serialize;
use tera::Context;

use super::charts;
use super::pages::Head;
use super::views::{self as context, EntryLink};
use crate::config::Vocab;
use crate::content::Kind;
use crate::site::paths::Page;
use crate::site::Model;

impl<'s> Model<'s> {
    pub(super) fn fill_home(&self, ctx: &mut Context) -> Head {
        ctx.insert("counts", &self.counts());
        ctx.insert("recent", &self.recent(12));
        ctx.insert(
            "charts",
            &HomeCharts {
                monthly: charts::monthly(self),
                by_status: charts::by_status(self),
            },
        );
        let site = &self.site.config;
        Head::new(
            "index.html",
            "home",
            site.title.clone(),
            site.description.clone(),
        )
    }

    fn counts(&self) -> Counts<'s> {
        let c = &self.site.corpus;
        // In litigation means challenged in a case, by a court action or
        // a case file: a fact of the data, whatever a site's statuses are
        // called.
        let in_litigation = self
            .site
            .graph
            .policies
            .iter()
            .filter(|links| !links.cases.is_empty())
            .count();
        let by_current_status = self
            .terms
            .vocabs
            .get(&Vocab::CurrentStatuses)
            .map(|v| {
                v.terms
                    .iter()
                    .map(|(name, e)| context::TermCount {
                        name,
                        url: (e.count() > 0).then(|| e.url.clone()),
                        count: e.entries(),
                        cases: 0,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let assessed: usize = c
            .policies
            .iter()
            .filter(|p| p.current_status.is_some())
            .count();
        Counts {
            policies: c.policies.len(),
            in_litigation,
            // The cases' page lists every challenged policy with its cases.
            in_litigation_url: (in_litigation > 0).then(|| self.path(Page::Cases)),
            court_actions: c.court_actions.len(),
            cases: self.site.graph.cases.len(),
            commentary: c.commentary.len(),
            by_current_status,
            not_assessed: c.policies.len() - assessed,
        }
    }

    /// The `n` newest entries, newest first, with each kind its share:
    /// taken in turn from the newest of each kind, so that a kind written
    /// often (commentary) cannot push the others off the home page.
    fn recent(&self, n: usize) -> Vec<EntryLink<'s>> {
        let c = &self.site.corpus;
        let mut by_kind: Vec<
            std::vec::IntoIter<(crate::content::Date, Kind, crate::content::Id, usize)>,
        > = Kind::ALL
            .into_iter()
            .map(|k| {
                let mut all: Vec<_> = (0..c.count(k))
                    .map(|i| {
                        let e = c.entry(k, i);
                        (e.date, k, e.id, i)
                    })
                    .collect();
                all.sort_by_key(|b| std::cmp::Reverse((b.0, b.2)));
                all.truncate(n);
                all.into_iter()
            })
            .collect();
        let mut picked = Vec::with_capacity(n);
        while picked.len() < n {
            let before = picked.len();
            for kind in &mut by_kind {
                if picked.len() < n {
                    picked.extend(kind.next());
                }
            }
            if picked.len() == before {
                break;
            }
        }
        picked.sort_by_key(|b| std::cmp::Reverse((b.0, b.1, b.2)));
        picked
            .into_iter()
            .map(|(_, kind, _, i)| self.entry_link(kind, i))
            .collect()
    }
}

#[derive(Serialize)]
struct Counts<'a> {
    policies: usize,
    in_litigation: usize,
    in_litigation_url: Option<String>,
    court_actions: usize,
    cases: usize,
    commentary: usize,
    by_current_status: Vec<context::TermCount<'a>>,
    not_assessed: usize,
}

/// The home page's pictures.
#[derive(Serialize)]
struct HomeCharts {
    monthly: Option<charts::Monthly>,
    by_status: Option<String>,
}
