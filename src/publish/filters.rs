//! The lists' data files for filtering. Lists are cut into pages (see
//! [`crate::site::lists`]), but a filter ([`crate::site::facets`]) looks at
//! the whole list: so each filterable list also gets a data file,
//! `filters/<list>.js`, a script that hands every entry of the list (its
//! URL, dates, title, facet values and what a row shows) to the theme's
//! `docket-filter.js` when a `<script>` tag loads it, which works from
//! `file://` where `fetch()` does not. The policies' file also gives each
//! policy's periods in force, for the "in force on …" control. The theme renders the facets as a
//! form, hidden until its script brings it to life; without JavaScript the
//! lists and the term pages are the way in.

use serde::Serialize;

use crate::config::Vocab;
use crate::content::fields::Extra;
use crate::content::{Date, Kind};
use crate::graph::force::{Period, When};
use crate::site::dates::DateView;
use crate::site::facets::{
    filterable_fields, terms_in, Facet, Filterable, Filters, CHANGES_LIST,
    STANDARD_COURT_ACTION_FACETS, STANDARD_POLICY_FACETS,
};
use crate::site::paths;
use crate::site::time;
use crate::site::{Model, Output};

/// The data file of one list: facets and every row, in the list's order.
/// A row is `[url, dates, title, text, facets, cells]`: the entry's page,
/// its dates (ISO), its title, more text the words filter looks at, the
/// positions of its values in each facet's `values`, and what the theme's
/// row shows beyond that (per list: see `docket-filter.js`).
#[derive(Serialize)]
struct Data<'a> {
    facets: Vec<&'a str>,
    values: Vec<Vec<&'a str>>,
    names: Vec<Vec<&'a str>>,
    /// For each facet of a field whose values have pages, the folder of
    /// the pages and the field's label, so that the rows the filter draws
    /// tag them as the theme's rows do; left out when no facet has pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pages: Option<Vec<Option<[&'a str; 2]>>>,
    rows: Vec<DataRow>,
    /// For the policies list: each row's periods in force ([`periods`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    force: Option<Vec<Vec<String>>>,
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
            facets: filters.facets.iter().map(|f| f.key.as_str()).collect(),
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
            pages: filters.facets.iter().any(|f| f.pages.is_some()).then(|| {
                let pages = |f: &'a Facet| Some([f.pages.as_deref()?, f.title.as_str()]);
                filters.facets.iter().map(pages).collect()
            }),
            rows: Vec::new(),
            force: None,
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
            path: paths::filter_data(list),
            bytes: format!(
                "docketFilter.data({},{});\n",
                serde_json::to_string(list).unwrap_or_default(),
                serde_json::to_string(self).unwrap_or_default()
            )
            .into_bytes(),
        }
    }
}

/// The positions of an entry's values of the site's own fields in their
/// facets, which follow the `standard` ones.
fn own_positions(
    data: &Data<'_>,
    model: &Model<'_>,
    section: &str,
    standard: usize,
    written: &[Extra],
) -> Vec<Vec<u32>> {
    filterable_fields(&model.site.config, section)
        .enumerate()
        .map(|(j, field)| data.positions(standard + j, terms_in(written, &field.key)))
        .collect()
}

/// The data files of the filterable lists.
pub fn files(model: &Model<'_>) -> Vec<Output> {
    let corpus = &model.site.corpus;
    let graph = &model.site.graph;
    let display = |d: Date| DateView::new(d).display;

    let mut data = Data::new(model.filters(Filterable::Policies));
    let mut force = Vec::with_capacity(corpus.policies.len());
    for &ix in model.by_date.iter().rev() {
        force.push(
            model
                .time
                .force
                .get(ix.get())
                .map(|f| periods(&f.periods))
                .unwrap_or_default(),
        );
        let p = &corpus.policies[ix.get()];
        let current = p
            .current_status
            .as_ref()
            .map_or("Not yet assessed", |t| t.as_str());
        let mut facets = vec![
            data.positions(0, p.subjects.iter().map(|t| t.as_str())),
            data.positions(1, p.agencies.iter().map(|t| t.as_str())),
            data.positions(2, p.status.iter().map(|t| t.as_str())),
            data.positions(3, p.action.iter().map(|t| t.as_str())),
            data.positions(4, p.administration.iter().map(|t| t.as_str())),
            data.positions(5, [current]),
        ];
        facets.extend(own_positions(
            &data,
            model,
            "policy",
            STANDARD_POLICY_FACETS,
            &p.common.extra,
        ));
        // Identifiers are searched with the title: "11005" finds ICE
        // Directive 11005.4.
        let identifiers: Vec<&str> = p
            .identifiers
            .iter()
            .flat_map(|(name, value)| [name.as_str(), value.as_str()])
            .collect();
        let iso = |d: Option<Date>| d.map(|d| DateView::new(d).iso).unwrap_or_default();
        data.rows.push(DataRow(
            paths::entry(Kind::Policy, p.id.0),
            vec![DateView::new(p.announced).iso],
            p.common.title.clone(),
            identifiers.join(" "),
            facets,
            // id, date shown, and the dates the list can be sorted by:
            // effective, last updated (empty when not written).
            vec![
                p.id.to_string(),
                display(p.announced),
                iso(p.effective),
                iso(p.common.updated.map(Date::day)),
            ],
        ));
    }
    data.force = Some(force);
    let mut out = vec![data.script("policies")];

    let mut data = Data::new(model.filters(Filterable::CourtActions));
    for &ix in &model.lists.court_actions {
        let a = &corpus.court_actions[ix.get()];
        let case = &graph.cases[graph.court_actions[ix.get()].case.get()];
        let mut facets = vec![
            data.positions(0, [a.court.as_str()]),
            data.positions(1, a.filing.iter().map(|t| t.as_str())),
        ];
        facets.extend(own_positions(
            &data,
            model,
            "court-action",
            STANDARD_COURT_ACTION_FACETS,
            &a.common.extra,
        ));
        data.rows.push(DataRow(
            paths::entry(Kind::CourtAction, a.id.0),
            vec![DateView::new(a.date).iso],
            a.common.title.clone(),
            format!("{} {}", a.case.value, a.docket),
            facets,
            vec![
                display(a.date),
                paths::case(case),
                a.case.value.clone(),
                a.docket.clone(),
            ],
        ));
    }
    out.push(data.script("court-actions"));

    let mut data = Data::new(model.filters(Filterable::Cases));
    // A facet of statuses when case files give any, then those of
    // `[fields.case]`.
    let standard = data.facets.len() - filterable_fields(&model.site.config, "case").count();
    for &ix in &model.lists.cases {
        let case = &graph.cases[ix.get()];
        let filings: Vec<&crate::content::CourtAction> = case
            .filings
            .iter()
            .map(|f| &*corpus.court_actions[f.get()])
            .collect();
        let mut kinds: Vec<&str> = filings
            .iter()
            .filter_map(|f| f.filing.as_ref().map(|t| t.as_str()))
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        let mut facets = vec![
            data.positions(0, [case.court.as_str()]),
            data.positions(1, kinds),
        ];
        if standard > 2 {
            facets.push(data.positions(2, case.status.iter().map(|t| t.as_str())));
        }
        let file = case.file.map(|f| &corpus.cases[f].extra[..]);
        facets.extend(own_positions(
            &data,
            model,
            "case",
            standard,
            file.unwrap_or_default(),
        ));
        let latest = filings.last();
        // A case known by its file alone is dated by its `filed`.
        let dates: Vec<String> = if filings.is_empty() {
            case.latest.iter().map(|d| DateView::new(*d).iso).collect()
        } else {
            filings.iter().map(|f| DateView::new(f.date).iso).collect()
        };
        data.rows.push(DataRow(
            paths::case(case),
            dates,
            case.name.clone(),
            case.docket.clone(),
            facets,
            vec![
                case.docket.clone(),
                filings.len().to_string(),
                case.latest.map(display).unwrap_or_default(),
                latest
                    .and_then(|f| f.filing.as_ref())
                    .map(|t| t.0.clone())
                    .unwrap_or_default(),
                case.status
                    .as_ref()
                    .map(|t| t.0.clone())
                    .unwrap_or_default(),
                // The court's page, as the list's own rows link it.
                model.terms.url(Vocab::Courts, case.court.as_str()),
            ],
        ));
    }
    out.push(data.script("cases"));
    out.push(changes(model));
    out
}

/// A policy's periods in force as the data file gives them: `from/end`,
/// where the end is the first day out of force (`2024-02-01/2024-09-01`),
/// empty while none is recorded (`2024-02-01/`), or `?` when the entry
/// says its force ended but not when, followed by the day it had ended by
/// when that is known (`2024-03-01/?2024-10-01`). `docket-filter.js` reads
/// them as [`crate::graph::force::Force::on`] does; the CSV export writes
/// them the same way.
pub fn periods(periods: &[Period]) -> Vec<String> {
    periods
        .iter()
        .map(|p| {
            let end = match p.end.as_ref().map(|e| e.when) {
                None => String::new(),
                Some(When::On(day)) => DateView::new(day).iso,
                Some(When::NotRecorded { by }) => {
                    format!("?{}", by.map(|d| DateView::new(d).iso).unwrap_or_default())
                }
            };
            format!("{}/{end}", DateView::new(p.from).iso)
        })
        .collect()
}

/// The data file of the recent changes. A row's cells are its date as
/// written, the entry's kind and its label, the change's label, what
/// changed in words, and the page of the entry that made the change.
fn changes(model: &Model<'_>) -> Output {
    let site = model.site;
    let mut data = Data::new(model.filters(Filterable::Changes));
    for &c in &model.time.changes {
        let Some(event) = model.change_event(c) else {
            continue;
        };
        let e = site.corpus.entry(c.kind, c.entry as usize);
        let detail = time::detail(site, &event.change).unwrap_or_default();
        let by = time::made_by(&event.change)
            .filter(|&(kind, id)| site.graph.contains(kind, id))
            .map(|(kind, id)| paths::entry(kind, id))
            .unwrap_or_default();
        let label = time::label(&event.change);
        let facets = vec![data.positions(0, [label])];
        data.rows.push(DataRow(
            format!("{}#{}", paths::entry(c.kind, e.id), site.anchor(event)),
            vec![DateView::new(event.date).iso],
            e.common.title.clone(),
            detail.clone(),
            facets,
            vec![
                DateView::new(event.date).display,
                c.kind.name().to_string(),
                c.kind.label().to_string(),
                label.to_string(),
                detail,
                by,
            ],
        ));
    }
    data.script(CHANGES_LIST)
}
