//! Filters of the list pages: which facets a list can be narrowed by, and
//! each value with the number of entries that carry it.
//!
//! The theme renders them as a form, hidden until its script brings it to
//! life; the script matches the values against `data-*` attributes of the
//! rows of the list, so without JavaScript the page simply lists everything.

use serde::Serialize;

use super::context::DateView;
use super::Model;
use crate::config::Vocab;

/// The filters of one list page.
#[derive(Serialize)]
pub struct Filters<'a> {
    pub facets: Vec<Facet<'a>>,
    /// The earliest and latest date in the list (`2025-01-31`), bounds of
    /// the date range.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// One vocabulary to filter by.
#[derive(Serialize)]
pub struct Facet<'a> {
    /// The name of the rows' attribute (`data-<key>`) and of the key in
    /// the URL fragment: the vocabulary's folder (`current-statuses`).
    pub key: &'static str,
    pub title: &'static str,
    pub values: Vec<FacetValue<'a>>,
}

#[derive(Serialize)]
pub struct FacetValue<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    /// Entries of the list that carry it, with no filter applied.
    pub count: usize,
}

/// The value rows carry for a policy not yet assessed: never a term's slug,
/// which starts with a letter or a digit.
pub const NOT_ASSESSED: &str = "_none";

impl<'s> Model<'s> {
    /// A facet of every term of `vocab` that `count` finds in the list.
    fn facet(
        &self,
        vocab: Vocab,
        count: impl Fn(&super::terms::TermEntries) -> usize,
    ) -> Facet<'s> {
        let values = self
            .terms
            .vocabs
            .get(&vocab)
            .map(|v| {
                v.terms
                    .iter()
                    .map(|(name, e)| FacetValue {
                        slug: e.slug.as_str(),
                        name: name.as_str(),
                        count: count(e),
                    })
                    .filter(|v| v.count > 0)
                    .collect()
            })
            .unwrap_or_default();
        Facet {
            key: vocab.slug(),
            title: vocab.title(),
            values,
        }
    }

    /// Subject, agency, status, type of action, administration, current status.
    pub fn policy_filters(&self) -> Filters<'s> {
        let mut facets: Vec<Facet<'s>> = [
            Vocab::Subjects,
            Vocab::Agencies,
            Vocab::Statuses,
            Vocab::Actions,
            Vocab::Administrations,
            Vocab::CurrentStatuses,
        ]
        .into_iter()
        .map(|v| self.facet(v, |e| e.policies.len()))
        .collect();
        let policies = &self.site.corpus.policies;
        let unassessed = policies
            .iter()
            .filter(|p| p.current_status.is_none())
            .count();
        if unassessed > 0 {
            if let Some(f) = facets.last_mut() {
                f.values.push(FacetValue {
                    slug: NOT_ASSESSED,
                    name: "Not yet assessed",
                    count: unassessed,
                });
            }
        }
        let first = self.by_date.first().map(|p| policies[p.get()].announced);
        let last = self.by_date.last().map(|p| policies[p.get()].announced);
        Filters {
            facets,
            first: first.map(|d| DateView::new(d).iso),
            last: last.map(|d| DateView::new(d).iso),
        }
    }

    /// Court and kind of filing.
    pub fn court_action_filters(&self) -> Filters<'s> {
        let dates = self.site.corpus.court_actions.iter().map(|c| c.date);
        Filters {
            facets: vec![
                self.facet(Vocab::Courts, |e| e.court_actions.len()),
                self.facet(Vocab::Filings, |e| e.court_actions.len()),
            ],
            first: dates.clone().min().map(|d| DateView::new(d).iso),
            last: dates.max().map(|d| DateView::new(d).iso),
        }
    }

    /// Court, and the kinds of filing a case has; its dates are those of
    /// its filings.
    pub fn case_filters(&self) -> Filters<'s> {
        let corpus = &self.site.corpus;
        let cases = &self.site.graph.cases;
        // Cases, not filings: a case counts once however many filings match.
        let cases_of = |e: &super::terms::TermEntries| {
            let mut n: Vec<_> = e
                .court_actions
                .iter()
                .map(|c| self.site.graph.court_actions[c.get()].case)
                .collect();
            n.sort_unstable();
            n.dedup();
            n.len()
        };
        let courts = self.facet(Vocab::Courts, cases_of);
        let filings = self.facet(Vocab::Filings, cases_of);
        let dates = cases
            .iter()
            .flat_map(|c| &c.filings)
            .map(|f| corpus.court_actions[f.get()].date);
        Filters {
            facets: vec![courts, filings],
            first: dates.clone().min().map(|d| DateView::new(d).iso),
            last: dates.max().map(|d| DateView::new(d).iso),
        }
    }
}
