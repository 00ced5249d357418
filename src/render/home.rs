//! The home page: the database's counts, its newest entries and its two
//! pictures.

use serde::Serialize;
use tera::Context;

use super::charts;
use super::pages::Head;
use super::views::{self as context, EntryLink};
use crate::config::Vocab;
use crate::content::{Date, Kind};
use crate::site::paths::{self, Page};
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

    /// The `n` newest items, taken from each kind in turn so that a busy
    /// kind does not crowd the others out: entries, and the cases known by
    /// their file alone (a tracker of lawsuits has only those), by their
    /// date.
    fn recent(&self, n: usize) -> Vec<Recent<'s>> {
        let c = &self.site.corpus;
        let cases = &self.site.graph.cases;
        let newest = |mut all: Vec<(Date, Pick)>| {
            all.sort_by_key(|b| std::cmp::Reverse(*b));
            all.truncate(n);
            all.into_iter()
        };
        let mut streams: Vec<std::vec::IntoIter<(Date, Pick)>> = Kind::ALL
            .into_iter()
            .map(|k| {
                newest(
                    (0..c.count(k))
                        .map(|i| {
                            let e = c.entry(k, i);
                            (e.date, Pick::Entry(k, e.id, i))
                        })
                        .collect(),
                )
            })
            .collect();
        streams.push(newest(
            cases
                .iter()
                .enumerate()
                .filter_map(|(i, case)| Some((case.by_its_file()?.1, Pick::Case(i))))
                .collect(),
        ));
        let mut picked = Vec::with_capacity(n);
        while picked.len() < n {
            let before = picked.len();
            for stream in &mut streams {
                if picked.len() < n {
                    picked.extend(stream.next());
                }
            }
            if picked.len() == before {
                break;
            }
        }
        picked.sort_by_key(|b| std::cmp::Reverse(*b));
        picked
            .into_iter()
            .map(|(date, pick)| match pick {
                Pick::Entry(kind, _, i) => Recent::Entry(self.entry_link(kind, i)),
                Pick::Case(i) => {
                    let case = &cases[i];
                    Recent::Case(CaseItem {
                        kind: "case",
                        kind_label: "Case",
                        id: &case.slug,
                        title: &case.name,
                        url: paths::case(case),
                        date: self.date(date),
                    })
                }
            })
            .collect()
    }
}

/// An item of "Most recent", in the order of its date, then its kind.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pick {
    Entry(Kind, crate::content::Id, usize),
    Case(usize),
}

/// What the home page's `recent` holds: entries' links, and cases with the
/// same fields (`kind` "case", their name as `title`, their latest date).
#[derive(Serialize)]
#[serde(untagged)]
enum Recent<'a> {
    Entry(EntryLink<'a>),
    Case(CaseItem<'a>),
}

#[derive(Serialize)]
struct CaseItem<'a> {
    kind: &'static str,
    kind_label: &'static str,
    id: &'a str,
    title: &'a str,
    url: String,
    date: context::DateValue<'a>,
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
