//! The views of cases and court actions: a case's filings in date order,
//! a court action among the filings around it, and the list rows of both.

use serde::Serialize;

use super::{DateView, DocumentView, EntryLink, FieldView, TermLink, FILINGS_AROUND};
use crate::config::Vocab;
use crate::content::{CourtAction, Id, Kind};
use crate::graph::{Case, CaseIx, CourtActionIx};
use crate::render::charts;
use crate::site::paths::{self, root_of};
use crate::site::Model;

#[derive(Serialize)]
pub struct FilingView<'a> {
    pub id: Id,
    pub title: &'a str,
    pub url: String,
    pub date: DateView,
    pub filing: Option<TermLink<'a>>,
}

#[derive(Serialize)]
pub struct CaseView<'a> {
    pub name: &'a str,
    pub docket: &'a str,
    pub court: TermLink<'a>,
    pub url: String,
    /// Oldest first.
    pub filings: Vec<FilingView<'a>>,
}

/// One row of a list of court actions.
#[derive(Serialize)]
pub struct CourtActionRow<'a> {
    pub id: Id,
    pub title: &'a str,
    pub url: String,
    pub date: DateView,
    pub filing: Option<TermLink<'a>>,
    pub court: TermLink<'a>,
    pub case_name: &'a str,
    pub docket: &'a str,
    pub case_url: String,
}

#[derive(Serialize)]
pub struct CourtActionView<'a> {
    #[serde(flatten)]
    pub row: CourtActionRow<'a>,
    pub updated: Option<DateView>,
    pub external_url: Option<&'a str>,
    /// `external_url` as a reader reads it: host and short form.
    pub external_label: Option<String>,
    pub body: &'a str,
    pub summary: &'a str,
    pub documents: Vec<DocumentView<'a>>,
    pub challenges: Vec<EntryLink<'a>>,
    /// Its case with the filings around this one, oldest first: at most
    /// [`FILINGS_AROUND`] before it and after it. The case's page lists
    /// them all.
    pub case: CaseView<'a>,
    /// Filings of the case before the first of `case.filings`.
    pub earlier_filings: usize,
    /// Filings of the case after the last of `case.filings`.
    pub later_filings: usize,
    /// The fields of the site's own that it has, in declaration order.
    pub fields: Vec<FieldView<'a>>,
}

/// One row of the list of cases.
#[derive(Serialize)]
pub struct CaseRow<'a> {
    pub name: &'a str,
    pub docket: &'a str,
    pub court: TermLink<'a>,
    pub url: String,
    pub filings: usize,
    pub first: DateView,
    pub latest: DateView,
    pub latest_filing: Option<&'a str>,
}

#[derive(Serialize)]
pub struct CasePageView<'a> {
    #[serde(flatten)]
    pub case: CaseView<'a>,
    pub policies: Vec<EntryLink<'a>>,
    /// Its filings on a time axis, as an SVG picture (escaped, links
    /// relative to the case's page).
    pub timeline: String,
    /// Where to follow the case elsewhere: the `url` of its latest filing
    /// that has one, and that address as a reader reads it.
    pub external_url: Option<&'a str>,
    pub external_label: Option<String>,
}

impl<'s> Model<'s> {
    /// A case with `filings`, some or all of its own, oldest first.
    pub fn case_view(
        &self,
        ix: CaseIx,
        filings: impl IntoIterator<Item = &'s CourtActionIx>,
    ) -> CaseView<'s> {
        let case: &'s Case = &self.site.graph.cases[ix.get()];
        CaseView {
            name: &case.name,
            docket: &case.docket,
            court: self.term(Vocab::Courts, case.court.as_str()),
            url: paths::case(case),
            filings: filings
                .into_iter()
                .map(|&f| {
                    let c: &'s CourtAction = &self.site.corpus.court_actions[f.get()];
                    FilingView {
                        id: c.id.0,
                        title: &c.common.title,
                        url: paths::entry(Kind::CourtAction, c.id.0),
                        date: DateView::new(c.date),
                        filing: c
                            .filing
                            .as_ref()
                            .map(|t| self.term(Vocab::Filings, t.as_str())),
                    }
                })
                .collect(),
        }
    }

    /// The filings of court action `ix`'s case around it: at most
    /// [`FILINGS_AROUND`] each side, and how many are left out before and
    /// after.
    fn filings_around(&self, ix: CourtActionIx) -> (&'s [CourtActionIx], usize, usize) {
        let site: &'s crate::site::Site = self.site;
        let filings = &site.graph.cases[site.graph.court_actions[ix.get()].case.get()].filings;
        let key = |f: &CourtActionIx| {
            let c = &site.corpus.court_actions[f.get()];
            (c.date, c.id)
        };
        // Filings are in this order: found without reading them all.
        let at = filings
            .binary_search_by_key(&key(&ix), key)
            .unwrap_or_else(|i| i.min(filings.len().saturating_sub(1)));
        let start = at.saturating_sub(FILINGS_AROUND);
        let end = (at + FILINGS_AROUND + 1).min(filings.len());
        (&filings[start..end], start, filings.len() - end)
    }

    pub fn case_row(&self, ix: CaseIx) -> CaseRow<'s> {
        let case: &'s Case = &self.site.graph.cases[ix.get()];
        let first = &self.site.corpus.court_actions[case.filings[0].get()];
        let latest = &self.site.corpus.court_actions[case.filings[case.filings.len() - 1].get()];
        CaseRow {
            name: &case.name,
            docket: &case.docket,
            court: self.term(Vocab::Courts, case.court.as_str()),
            url: paths::case(case),
            filings: case.filings.len(),
            first: DateView::new(first.date),
            latest: DateView::new(latest.date),
            latest_filing: latest.filing.as_ref().map(|t| t.as_str()),
        }
    }

    pub fn case_page(&self, ix: CaseIx) -> CasePageView<'s> {
        let case: &'s Case = &self.site.graph.cases[ix.get()];
        let external_url = case
            .filings
            .iter()
            .rev()
            .find_map(|f| self.site.corpus.court_actions[f.get()].url.as_deref());
        CasePageView {
            external_url,
            external_label: external_url.map(crate::render::external::short_label),
            case: self.case_view(ix, &case.filings),
            policies: self.links(&case.policies),
            timeline: charts::timeline(self, ix, &root_of(&paths::case(case))),
        }
    }

    pub fn court_action_row(&self, ix: CourtActionIx) -> CourtActionRow<'s> {
        let c: &'s CourtAction = &self.site.corpus.court_actions[ix.get()];
        let case = &self.site.graph.cases[self.site.graph.court_actions[ix.get()].case.get()];
        CourtActionRow {
            id: c.id.0,
            title: &c.common.title,
            url: paths::entry(Kind::CourtAction, c.id.0),
            date: DateView::new(c.date),
            filing: c
                .filing
                .as_ref()
                .map(|t| self.term(Vocab::Filings, t.as_str())),
            court: self.term(Vocab::Courts, c.court.as_str()),
            case_name: &c.case.value,
            docket: &c.docket,
            case_url: paths::case(case),
        }
    }

    pub fn court_action_view(&self, ix: CourtActionIx) -> CourtActionView<'s> {
        let c: &'s CourtAction = &self.site.corpus.court_actions[ix.get()];
        let links = &self.site.graph.court_actions[ix.get()];
        let body = &self.bodies.court_actions[ix.get()];
        let (filings, earlier_filings, later_filings) = self.filings_around(ix);
        CourtActionView {
            row: self.court_action_row(ix),
            updated: c.common.updated.map(DateView::new),
            external_url: c.url.as_deref(),
            external_label: c.url.as_deref().map(crate::render::external::short_label),
            body: &body.html,
            summary: &body.summary,
            documents: self.documents(&c.documents),
            challenges: self.links(&links.challenges),
            case: self.case_view(links.case, filings),
            earlier_filings,
            later_filings,
            fields: self.field_views(Kind::CourtAction, &c.common),
        }
    }
}
