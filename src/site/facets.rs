//! Filters of the list pages: which facets a list can be narrowed by, and
//! each value with the number of entries of the whole list that carry it.
//! Every page of a list shows the same filters, and its data file
//! ([`crate::publish::filters`]) lists the same values.

use serde::Serialize;

use super::dates::DateView;
use super::lists::List;
use super::paths::{self, Page};
use super::Model;
use std::collections::BTreeMap;

use crate::config::{Config, Field, FieldType, Vocab};
use crate::content::fields::{Extra, FieldValue};
use crate::content::Common;

/// The facets of the policies list before those of the site's own fields:
/// subject, agency, status, action, administration, current status.
pub const STANDARD_POLICY_FACETS: usize = 6;

/// The facets of the court actions list before those of the site's own
/// fields: court and filing.
pub const STANDARD_COURT_ACTION_FACETS: usize = 2;

/// The fields of the site's own of `[fields.SECTION]` (a kind, or `case`)
/// that its list is filtered by: those that take vocabulary values, in
/// declaration order.
pub fn filterable_fields<'c>(
    config: &'c Config,
    section: &str,
) -> impl Iterator<Item = &'c Field> + Clone {
    config
        .fields
        .of(section)
        .extra
        .iter()
        .filter(|f| matches!(f.ty, FieldType::Term | FieldType::Terms))
}

/// The values an entry has of its field `key` (a term or terms).
pub fn terms_of<'c>(common: &'c Common, key: &str) -> Vec<&'c str> {
    terms_in(&common.extra, key)
}

/// The values of the field `key` (a term or terms) among the fields
/// `written` (an entry's, a case file's), each once.
pub fn terms_in<'c>(written: &'c [Extra], key: &str) -> Vec<&'c str> {
    let value = written.iter().find(|e| e.key == key).map(|e| &e.value);
    let mut terms: Vec<&str> = value
        .map_or(&[][..], FieldValue::terms)
        .iter()
        .map(|t| t.as_str())
        .collect();
    // An entry counts once for a value, however often it writes it.
    terms.sort_unstable();
    terms.dedup();
    terms
}

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
    /// For the policies list: the "in force on …" control, with the
    /// earliest day any policy took force (`None` for other lists).
    pub in_force: Option<InForce>,
}

/// The "in force on …" control of the policies list: the day it may
/// start from. Which policies were in force each day is in the list's
/// data file ([`crate::publish::filters`]).
#[derive(Debug, Serialize)]
pub struct InForce {
    /// The earliest day any policy took force (`2025-01-31`), if one did.
    pub first: Option<String>,
}

/// One vocabulary to filter by.
#[derive(Debug, Serialize)]
pub struct Facet {
    /// The name of the rows' attribute (`data-<key>`) and of the key in
    /// the URL fragment: the vocabulary's folder (`current-statuses`), or
    /// `field-` and the key of a field of the site's own (`field-topics`).
    pub key: String,
    pub title: String,
    pub values: Vec<FacetValue>,
    /// For a field of the site's own whose values have pages: their
    /// folder, where each value's page is under its `slug`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FacetValue {
    pub slug: String,
    pub name: String,
    /// Entries of the list that carry it, with no filter applied.
    pub count: usize,
    /// What a status says of a policy's standing (`[tones]`), for its colour.
    pub tone: Option<&'static str>,
}

/// The lists that can be filtered, in the order of their filters in
/// [`super::lists::Lists`].
#[derive(Clone, Copy)]
pub enum Filterable {
    Policies,
    CourtActions,
    Cases,
    Changes,
}

/// The name of the changes list's data file, and its facet: the kind of
/// change ([`crate::history::Change::kind`]).
pub const CHANGES_LIST: &str = "changes";
pub const CHANGE_FACET: &str = "change";

/// The value rows carry for a policy not yet assessed: never a term's slug,
/// which starts with a letter or a digit.
pub const NOT_ASSESSED: &str = "_none";

impl<'s> Model<'s> {
    /// The tone of a status or current status (`in-force`, `limited`,
    /// `ended`, `pending`); other vocabularies have none.
    pub fn tone(&self, vocab: Vocab, name: &str) -> Option<&'static str> {
        matches!(vocab, Vocab::Statuses | Vocab::CurrentStatuses)
            .then(|| self.site.config.tones.of(name))
            .flatten()
            .map(crate::config::Tone::key)
    }

    /// The filters of a page of a filterable list (every page of it shows
    /// the same form, since filtering looks at the whole list).
    pub fn list_filters(&self, page: Page) -> Option<&'s Filters> {
        let list = match page {
            Page::Policies | Page::More(List::Policies, _) => Filterable::Policies,
            Page::CourtActions | Page::More(List::CourtActions, _) => Filterable::CourtActions,
            Page::Cases | Page::More(List::Cases, _) => Filterable::Cases,
            Page::Changes | Page::More(List::Changes, _) => Filterable::Changes,
            _ => return None,
        };
        Some(self.filters(list))
    }

    /// The filters of a list, made on first use and kept for the build:
    /// they count over the whole list, a list of 100,000 entries has a
    /// thousand pages that show them, and its data file uses them too.
    pub fn filters(&self, list: Filterable) -> &'s Filters {
        self.lists.filters[list as usize].get_or_init(|| match list {
            Filterable::Policies => self.policy_filters(),
            Filterable::CourtActions => self.court_action_filters(),
            Filterable::Cases => self.case_filters(),
            Filterable::Changes => self.change_filters(),
        })
    }

    /// A facet of every term of `vocab` that `count` finds in the list.
    fn facet(&self, vocab: Vocab, count: impl Fn(&super::terms::TermEntries) -> usize) -> Facet {
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
                        tone: self.tone(vocab, name),
                    })
                    .filter(|v| v.count > 0)
                    .collect()
            })
            .unwrap_or_default();
        Facet {
            key: vocab.slug().to_string(),
            title: vocab.title().to_string(),
            values,
            pages: None,
        }
    }

    /// A facet of each field of the site's own of `[fields.SECTION]`
    /// that takes vocabulary values (`term` and `terms`), counted over the
    /// fields `written` of each item of the list.
    fn field_facets<'c>(
        &self,
        section: &str,
        written: impl Iterator<Item = &'c [Extra]> + Clone,
    ) -> Vec<Facet> {
        filterable_fields(&self.site.config, section)
            .map(|field| {
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for extra in written.clone() {
                    for value in terms_in(extra, &field.key) {
                        *counts.entry(value).or_default() += 1;
                    }
                }
                let listed = field
                    .vocabulary
                    .as_deref()
                    .and_then(|v| self.site.config.vocabulary.list(v))
                    .unwrap_or_default();
                let mut names = display_order(listed, &counts);
                names.retain(|name| counts.contains_key(name));
                // A value's slug is its page's where it has one, and unique
                // among the facet's values in any case: two values that
                // slug alike are two filters.
                let paged = self.terms.field(&field.key);
                let slugs: Vec<String> = match paged {
                    Some(f) => names
                        .iter()
                        .map(|n| {
                            f.terms
                                .get(n)
                                .map_or_else(|| crate::slug::slugify(n), |e| e.slug.clone())
                        })
                        .collect(),
                    None => crate::slug::unique_slugs(names.iter().map(|&n| {
                        let listed = listed.iter().any(|l| l == n);
                        (n, crate::slug::Claim::new(listed, counts[n]))
                    })),
                };
                Facet {
                    key: format!("field-{}", field.key),
                    title: field.label.clone(),
                    values: names
                        .into_iter()
                        .zip(slugs)
                        .map(|(name, slug)| FacetValue {
                            slug,
                            name: name.to_string(),
                            count: counts[name],
                            tone: None,
                        })
                        .collect(),
                    pages: paged.map(|f| f.folder.clone()),
                }
            })
            .collect()
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
        let own = self.field_facets("policy", policies.iter().map(|p| &p.common.extra[..]));
        let unassessed = policies
            .iter()
            .filter(|p| p.current_status.is_none())
            .count();
        if unassessed > 0 && !self.site.config.fields.absent(Vocab::CurrentStatuses) {
            if let Some(f) = facets.get_mut(STANDARD_POLICY_FACETS - 1) {
                f.values.push(FacetValue {
                    slug: NOT_ASSESSED.to_string(),
                    name: "Not yet assessed".to_string(),
                    count: unassessed,
                    tone: None,
                });
            }
        }
        facets.extend(own);
        let first = self.by_date.first().map(|p| policies[p.get()].announced);
        let last = self.by_date.last().map(|p| policies[p.get()].announced);
        let took_force = self
            .time
            .force
            .iter()
            .filter_map(|f| f.periods.first().map(|p| p.from))
            .min();
        Filters {
            data: paths::filter_data("policies"),
            facets,
            first: first.map(|d| DateView::new(d).iso),
            last: last.map(|d| DateView::new(d).iso),
            in_force: Some(InForce {
                first: took_force.map(|d| DateView::new(d).iso),
            }),
        }
    }

    /// Court and kind of filing.
    fn court_action_filters(&self) -> Filters {
        let actions = &self.site.corpus.court_actions;
        let dates = actions.iter().map(|c| c.date);
        let mut facets = vec![
            self.facet(Vocab::Courts, |e| e.court_actions.len()),
            self.facet(Vocab::Filings, |e| e.court_actions.len()),
        ];
        facets
            .extend(self.field_facets("court-action", actions.iter().map(|c| &c.common.extra[..])));
        Filters {
            data: paths::filter_data("court-actions"),
            facets,
            first: dates.clone().min().map(|d| DateView::new(d).iso),
            last: dates.max().map(|d| DateView::new(d).iso),
            in_force: None,
        }
    }

    /// Court, the kinds of filing a case has, and its status where case
    /// files give one; its dates are those of its filings and its file.
    fn case_filters(&self) -> Filters {
        let corpus = &self.site.corpus;
        let cases = &self.site.graph.cases;
        let filings_of = |c: &'s crate::graph::Case| -> Vec<&'s str> {
            let mut names: Vec<&str> = c
                .filings
                .iter()
                .filter_map(|f| corpus.court_actions[f.get()].filing.as_ref())
                .map(|t| t.as_str())
                .collect();
            names.sort_unstable();
            names.dedup();
            names
        };
        let mut facets = vec![
            self.case_facet(Vocab::Courts, |c| vec![c.court.as_str()]),
            self.case_facet(Vocab::Filings, filings_of),
        ];
        let statuses = self.case_facet(Vocab::CaseStatuses, |c| {
            c.status.iter().map(|t| t.as_str()).collect()
        });
        if !statuses.values.is_empty() {
            facets.push(statuses);
        }
        // The term fields of `[fields.case]`, of the cases with a file.
        let files = cases
            .iter()
            .filter_map(|c| Some(&corpus.cases[c.file?].extra[..]));
        facets.extend(self.field_facets("case", files));
        let dates = cases
            .iter()
            .flat_map(|c| c.first.into_iter().chain(c.latest));
        Filters {
            data: paths::filter_data("cases"),
            facets,
            first: dates.clone().min().map(|d| DateView::new(d).iso),
            last: dates.max().map(|d| DateView::new(d).iso),
            in_force: None,
        }
    }

    /// A facet of the cases, each counted once for each value `values`
    /// gives it; values in the vocabulary's order, then alphabetically.
    fn case_facet(
        &self,
        vocab: Vocab,
        values: impl Fn(&'s crate::graph::Case) -> Vec<&'s str>,
    ) -> Facet {
        let (names, counts) = case_values(self.site, vocab, values);
        let slug = |name: &str| match self.terms.vocabs.get(&vocab).and_then(|v| v.get(name)) {
            Some(e) => e.slug.clone(),
            None => crate::slug::slugify(name),
        };
        Facet {
            key: vocab.slug().to_string(),
            title: vocab.title().to_string(),
            values: names
                .into_iter()
                .filter_map(|name| {
                    Some(FacetValue {
                        slug: slug(name),
                        name: name.to_string(),
                        count: *counts.get(name)?,
                        tone: None,
                    })
                })
                .collect(),
            pages: None,
        }
    }

    /// The kinds of change; the dates are those of the changes.
    fn change_filters(&self) -> Filters {
        let events: Vec<_> = self
            .time
            .changes
            .iter()
            .filter_map(|&c| self.change_event(c))
            .collect();
        let values = super::time::KINDS
            .iter()
            .map(|(kind, label)| FacetValue {
                slug: kind.to_string(),
                name: label.to_string(),
                count: events.iter().filter(|e| e.change.kind() == *kind).count(),
                tone: None,
            })
            .filter(|v| v.count > 0)
            .collect();
        let dates = events.iter().map(|e| e.date);
        Filters {
            data: paths::filter_data(CHANGES_LIST),
            facets: vec![Facet {
                key: CHANGE_FACET.to_string(),
                title: "Kind of change".to_string(),
                values,
                pages: None,
            }],
            first: dates.clone().min().map(|d| DateView::new(d).iso),
            last: dates.max().map(|d| DateView::new(d).iso),
            in_force: None,
        }
    }
}

/// The values `values` gives the site's cases for `vocab`, in display order
/// ([`display_order`]), and how many cases hold each: the cases list's
/// filters and the export's header show them alike.
pub(crate) fn case_values<'s>(
    site: &'s super::Site,
    vocab: Vocab,
    values: impl Fn(&'s crate::graph::Case) -> Vec<&'s str>,
) -> (Vec<&'s str>, BTreeMap<&'s str, usize>) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for case in &site.graph.cases {
        for v in values(case) {
            *counts.entry(v).or_default() += 1;
        }
    }
    let listed = site.config.vocabulary.allowed(vocab).unwrap_or_default();
    (display_order(listed, &counts), counts)
}

/// The values of a facet in the order its filter shows them: the list's,
/// then the others counted, alphabetically as a reader reads them.
fn display_order<'a>(listed: &'a [String], counts: &BTreeMap<&'a str, usize>) -> Vec<&'a str> {
    let mut names: Vec<&str> = listed.iter().map(String::as_str).collect();
    let mut others: Vec<&str> = counts
        .keys()
        .copied()
        .filter(|n| !listed.iter().any(|l| l == n))
        .collect();
    others.sort_by(|a, b| crate::slug::alphabetical(a, b));
    names.extend(others);
    names
}
