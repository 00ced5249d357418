//! Filters of the list pages: which facets a list can be narrowed by, and
//! each value with the number of entries that carry it.
//!
//! Lists are cut into pages (see [`super::lists`]), but a filter looks at
//! the whole list: so each filterable list also gets a data file,
//! `filters/<list>.js`, a script that hands every entry of the list (its
//! URL, dates, title, facet values and what a row shows) to the theme's
//! `docket-filter.js` when a `<script>` tag loads it, which works from
//! `file://` where `fetch()` does not. The theme renders the facets as a
//! form, hidden until its script brings it to life; without JavaScript the
//! lists and the term pages are the way in.

use serde::Serialize;

use crate::render::lists::List;
use crate::render::views::{case_path, DateView};
use crate::render::{Model, Output, Page};
use crate::config::Vocab;
use crate::content::Kind;

/// The folder of the lists' data files in the site.
pub const DIR: &str = "filters";

/// The filters of a list, the same on every page of it.
#[derive(Debug, Serialize)]
pub struct Filters {
    /// The site-relative path of the list's data file.
    pub data: String,
    pub facets: Vec<Facet>,
    /// The earliest and latest date in the list (`2025-01-31`), bounds of
    /// the date range.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// One vocabulary to filter by.
#[derive(Debug, Serialize)]
pub struct Facet {
    /// The name of the rows' attribute (`data-<key>`) and of the key in
    /// the URL fragment: the vocabulary's folder (`current-statuses`).
    pub key: &'static str,
    pub title: &'static str,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Serialize)]
pub struct FacetValue {
    pub slug: String,
    pub name: String,
    /// Entries of the list that carry it, with no filter applied.
    pub count: usize,
}

/// The lists that can be filtered, in the order of their filters in
/// [`super::lists::Lists`].
#[derive(Clone, Copy)]
enum Filterable {
    Policies,
    CourtActions,
    Cases,
}

/// The value rows carry for a policy not yet assessed: never a term's slug,
/// which starts with a letter or a digit.
pub const NOT_ASSESSED: &str = "_none";

impl<'s> Model<'s> {
    /// The filters of a page of a filterable list (every page of it shows
    /// the same form, since filtering looks at the whole list).
    pub fn list_filters(&self, page: Page) -> Option<&'s Filters> {
        let list = match page {
            Page::Policies | Page::More(List::Policies, _) => Filterable::Policies,
            Page::CourtActions | Page::More(List::CourtActions, _) => Filterable::CourtActions,
            Page::Cases | Page::More(List::Cases, _) => Filterable::Cases,
            _ => return None,
        };
        Some(self.filters(list))
    }

    /// The filters of a list, made on first use and kept for the build:
    /// they count over the whole list, a list of 100,000 entries has a
    /// thousand pages that show them, and its data file uses them too.
    fn filters(&self, list: Filterable) -> &'s Filters {
        self.terms.lists.filters[list as usize].get_or_init(|| match list {
            Filterable::Policies => self.policy_filters(),
            Filterable::CourtActions => self.court_action_filters(),
            Filterable::Cases => self.case_filters(),
        })
    }

    /// A facet of every term of `vocab` that `count` finds in the list.
    fn facet(&self, vocab: Vocab, count: impl Fn(&crate::site::terms::TermEntries) -> usize) -> Facet {
        let values = self
            .terms
            .vocabs
            .get(&vocab)
            .map(|v| {
                v.terms
                    .iter()
                    .map(|(name, e)| FacetValue {
                        slug: e.slug.clone(),
                        name: name.clone(),
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
    fn policy_filters(&self) -> Filters {
        let mut facets: Vec<Facet> = [
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
                    slug: NOT_ASSESSED.to_string(),
                    name: "Not yet assessed".to_string(),
                    count: unassessed,
                });
            }
        }
        let first = self.by_date.first().map(|p| policies[p.get()].announced);
        let last = self.by_date.last().map(|p| policies[p.get()].announced);
        Filters {
            data: format!("{DIR}/policies.js"),
            facets,
            first: first.map(|d| DateView::new(d).iso),
            last: last.map(|d| DateView::new(d).iso),
        }
    }

    /// Court and kind of filing.
    fn court_action_filters(&self) -> Filters {
        let dates = self.site.corpus.court_actions.iter().map(|c| c.date);
        Filters {
            data: format!("{DIR}/court-actions.js"),
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
    fn case_filters(&self) -> Filters {
        let corpus = &self.site.corpus;
        let cases = &self.site.graph.cases;
        // Cases, not filings: a case counts once however many filings match.
        let cases_of = |e: &crate::site::terms::TermEntries| {
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
            data: format!("{DIR}/cases.js"),
            facets: vec![courts, filings],
            first: dates.clone().min().map(|d| DateView::new(d).iso),
            last: dates.max().map(|d| DateView::new(d).iso),
        }
    }
}

/// The data file of one list: facets and every row, in the list's order.
/// A row is `[url, dates, title, text, facets, cells]`: the entry's page,
/// its dates (ISO), its title, more text the words filter looks at, the
/// positions of its values in each facet's `values`, and what the theme's
/// row shows beyond that (per list: see `docket-filter.js`).
#[derive(Serialize)]
struct Data<'a> {
    facets: Vec<&'static str>,
    values: Vec<Vec<&'a str>>,
    names: Vec<Vec<&'a str>>,
    rows: Vec<DataRow>,
}

#[derive(Serialize)]
struct DataRow(
    String,
    Vec<String>,
    String,
    String,
    Vec<Vec<u32>>,
    Vec<String>,
);

impl<'a> Data<'a> {
    fn new(filters: &'a Filters) -> Data<'a> {
        Data {
            facets: filters.facets.iter().map(|f| f.key).collect(),
            values: filters
                .facets
                .iter()
                .map(|f| f.values.iter().map(|v| v.slug.as_str()).collect())
                .collect(),
            names: filters
                .facets
                .iter()
                .map(|f| f.values.iter().map(|v| v.name.as_str()).collect())
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Positions of the values `names` in facet `f`.
    fn positions<'n>(&self, f: usize, names: impl IntoIterator<Item = &'n str>) -> Vec<u32> {
        let mut at: Vec<u32> = names
            .into_iter()
            .filter_map(|n| self.names[f].iter().position(|x| *x == n).map(|i| i as u32))
            .collect();
        at.sort_unstable();
        at.dedup();
        at
    }

    fn script(&self, list: &str) -> Output {
        Output {
            path: format!("{DIR}/{list}.js"),
            bytes: format!(
                "docketFilter.data({},{});\n",
                serde_json::to_string(list).unwrap_or_default(),
                serde_json::to_string(self).unwrap_or_default()
            )
            .into_bytes(),
        }
    }
}

/// The data files of the filterable lists.
pub fn files(model: &Model<'_>) -> Vec<Output> {
    let corpus = &model.site.corpus;
    let graph = &model.site.graph;
    let display = |d: chrono::NaiveDate| DateView::new(d).display;

    let mut data = Data::new(model.filters(Filterable::Policies));
    for &ix in model.by_date.iter().rev() {
        let p = &corpus.policies[ix.get()];
        let current = p
            .current_status
            .as_ref()
            .map_or("Not yet assessed", |t| t.as_str());
        let facets = vec![
            data.positions(0, p.subjects.iter().map(|t| t.as_str())),
            data.positions(1, p.agencies.iter().map(|t| t.as_str())),
            data.positions(2, p.status.iter().map(|t| t.as_str())),
            data.positions(3, [p.action.as_str()]),
            data.positions(4, [p.administration.as_str()]),
            data.positions(5, [current]),
        ];
        data.rows.push(DataRow(
            Kind::Policy.page_path(p.id.0),
            vec![DateView::new(p.announced).iso],
            p.common.title.clone(),
            String::new(),
            facets,
            vec![p.id.to_string(), display(p.announced)],
        ));
    }
    let mut out = vec![data.script("policies")];

    let mut data = Data::new(model.filters(Filterable::CourtActions));
    for &ix in &model.terms.lists.court_actions {
        let a = &corpus.court_actions[ix.get()];
        let case = &graph.cases[graph.court_actions[ix.get()].case.get()];
        let facets = vec![
            data.positions(0, [a.court.as_str()]),
            data.positions(1, [a.filing.as_str()]),
        ];
        data.rows.push(DataRow(
            Kind::CourtAction.page_path(a.id.0),
            vec![DateView::new(a.date).iso],
            a.common.title.clone(),
            format!("{} {}", a.case.value, a.docket),
            facets,
            vec![
                display(a.date),
                case_path(case),
                a.case.value.clone(),
                a.docket.clone(),
            ],
        ));
    }
    out.push(data.script("court-actions"));

    let mut data = Data::new(model.filters(Filterable::Cases));
    for &ix in &model.terms.lists.cases {
        let case = &graph.cases[ix.get()];
        let filings: Vec<&crate::content::CourtAction> = case
            .filings
            .iter()
            .map(|f| &*corpus.court_actions[f.get()])
            .collect();
        let Some(latest) = filings.last() else {
            continue;
        };
        let facets = vec![
            data.positions(0, [case.court.as_str()]),
            data.positions(1, filings.iter().map(|f| f.filing.as_str())),
        ];
        data.rows.push(DataRow(
            case_path(case),
            filings.iter().map(|f| DateView::new(f.date).iso).collect(),
            case.name.clone(),
            case.docket.clone(),
            facets,
            vec![
                case.docket.clone(),
                filings.len().to_string(),
                display(latest.date),
                latest.filing.0.clone(),
            ],
        ));
    }
    out.push(data.script("cases"));
    out
}
