//! The views of cases and court actions: a case's filings in date order,
//! a court action among the filings around it, and the list rows of both.

use serde::Serialize;

use super::{DateValue, DateView, DocumentView, EntryLink, FieldView, TermLink, FILINGS_AROUND};
use crate::config::Vocab;
use crate::content::{CourtAction, Id, Kind};
use crate::graph::{Case, CaseIx, CourtActionIx, LinkTarget, PolicyIx};
use crate::render::charts;
use crate::render::related::{RelatedItem, RelatedView};
use crate::site::paths::{self, root_of};
use crate::site::Model;

pub struct FilingView<'a> {
    pub id: Id,
    pub title: &'a str,
    pub url: String,
    pub date: DateView,
    pub filing: Option<TermLink<'a>>,
    /// The same as Tera's value, made once per build
    /// ([`crate::site::Shown`]) and shared by every page that shows it.
    shared: Option<&'a tera::Value>,
}

/// What a template sees of a [`FilingView`].
#[derive(Serialize)]
struct FilingFields<'a, 'v> {
    id: Id,
    title: &'a str,
    url: &'v str,
    date: &'v DateView,
    filing: &'v Option<TermLink<'a>>,
}

impl<'a> FilingView<'a> {
    fn fields(&self) -> FilingFields<'a, '_> {
        FilingFields {
            id: self.id,
            title: self.title,
            url: &self.url,
            date: &self.date,
            filing: &self.filing,
        }
    }
}

impl Serialize for FilingView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // As for `TermLink`: into Tera's value, the shared value is taken
        // as it is.
        match self.shared {
            Some(v) => v.serialize(s),
            None => self.fields().serialize(s),
        }
    }
}

#[derive(Serialize)]
pub struct CaseView<'a> {
    pub name: &'a str,
    pub docket: &'a str,
    pub court: TermLink<'a>,
    pub url: String,
    /// From the case's file, if it has one.
    pub status: Option<&'a str>,
    /// Oldest first.
    pub filings: Vec<FilingView<'a>>,
}

/// One row of a list of court actions.
#[derive(Serialize)]
pub struct CourtActionRow<'a> {
    pub id: Id,
    pub title: &'a str,
    pub url: String,
    pub date: DateValue<'a>,
    pub filing: Option<TermLink<'a>>,
    pub court: TermLink<'a>,
    pub case_name: &'a str,
    pub docket: &'a str,
    pub case_url: String,
    /// The values of its term fields with pages, as a policy's row has
    /// them ([`super::PolicyRow::field_terms`]).
    pub field_terms: Vec<crate::render::fields::FieldTag<'a>>,
}

#[derive(Serialize)]
pub struct CourtActionView<'a> {
    #[serde(flatten)]
    pub row: CourtActionRow<'a>,
    pub updated: Option<DateValue<'a>>,
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
    /// The relations `docket.toml` declares that join it, each direction
    /// that has items.
    pub related: Vec<RelatedView<'a>>,
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
    /// None for a case whose file gives no date and that has no filing.
    pub first: Option<DateValue<'a>>,
    pub latest: Option<DateValue<'a>>,
    pub latest_filing: Option<&'a str>,
    pub status: Option<&'a str>,
    /// The values of its case file's term fields with pages, as tags
    /// ([`super::PolicyRow::field_terms`]).
    pub field_terms: Vec<crate::render::fields::FieldTag<'a>>,
}

#[derive(Serialize)]
pub struct CasePageView<'a> {
    #[serde(flatten)]
    pub case: CaseView<'a>,
    pub policies: Vec<EntryLink<'a>>,
    /// What its case file says it challenges, with notes, policies and
    /// things outside the site; empty without a file.
    pub challenged: Vec<RelatedItem<'a>>,
    /// The case it is an appeal of, its appeals, the cases consolidated with it.
    pub appeal_of: Option<CaseLink<'a>>,
    pub appeals: Vec<CaseLink<'a>>,
    pub consolidated: Vec<CaseLink<'a>>,
    /// Its case file's text, as HTML, and its first sentences.
    pub body: &'a str,
    pub summary: &'a str,
    pub filed: Option<DateValue<'a>>,
    /// Its filings on a time axis, as an SVG picture (escaped, links
    /// relative to the case's page).
    pub timeline: String,
    /// Where to follow the case elsewhere: the `url` of its latest filing
    /// that has one, and that address as a reader reads it.
    pub external_url: Option<&'a str>,
    pub external_label: Option<String>,
    /// The fields `[fields.case]` declares that its case file has, in
    /// declaration order, as an entry's `fields`.
    pub fields: Vec<crate::render::fields::FieldView<'a>>,
}

/// A link to a case, as the pages of related cases show it.
#[derive(Serialize)]
pub struct CaseLink<'a> {
    pub name: &'a str,
    pub docket: &'a str,
    pub court: &'a str,
    pub url: String,
    pub status: Option<&'a str>,
}

impl<'s> Model<'s> {
    pub fn case_link(&self, ix: CaseIx) -> CaseLink<'s> {
        let case: &'s Case = &self.site.graph.cases[ix.get()];
        CaseLink {
            name: &case.name,
            docket: &case.docket,
            court: case.court.as_str(),
            url: paths::case(case),
            status: case.status.as_ref().map(|t| t.as_str()),
        }
    }

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
            status: case.status.as_ref().map(|t| t.as_str()),
            filings: filings.into_iter().map(|&f| self.filing_view(f)).collect(),
        }
    }

    /// Court action `f` as a filing of its case.
    fn filing_view(&self, f: CourtActionIx) -> FilingView<'s> {
        let c: &'s CourtAction = &self.site.corpus.court_actions[f.get()];
        let mut view = FilingView {
            id: c.id.0,
            title: &c.common.title,
            url: paths::entry(Kind::CourtAction, c.id.0),
            date: DateView::new(c.date),
            filing: c
                .filing
                .as_ref()
                .map(|t| self.term(Vocab::Filings, t.as_str())),
            shared: None,
        };
        let shown: &'s crate::site::Shown = self.shown;
        view.shared = shown
            .filings
            .get(f.get())
            .map(|v| v.get_or_init(|| tera::Value::from_serializable(&view.fields())));
        view
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
        let latest = case
            .filings
            .last()
            .map(|f| &self.site.corpus.court_actions[f.get()]);
        CaseRow {
            name: &case.name,
            docket: &case.docket,
            court: self.term(Vocab::Courts, case.court.as_str()),
            url: paths::case(case),
            filings: case.filings.len(),
            first: case.first.map(|d| self.date(d)),
            latest: case.latest.map(|d| self.date(d)),
            latest_filing: latest.and_then(|l| l.filing.as_ref()).map(|t| t.as_str()),
            status: case.status.as_ref().map(|t| t.as_str()),
            field_terms: case.file.map_or_else(Vec::new, |f| {
                self.declared_tags("case", &self.site.corpus.cases[f].extra)
            }),
        }
    }

    pub fn case_page(&self, ix: CaseIx) -> CasePageView<'s> {
        let case: &'s Case = &self.site.graph.cases[ix.get()];
        let external_url = case.url.as_deref().or_else(|| {
            case.filings
                .iter()
                .rev()
                .find_map(|f| self.site.corpus.court_actions[f.get()].url.as_deref())
        });
        let file = case
            .file
            .map(|f| (&self.site.corpus.cases[f], &self.case_bodies[f]));
        CasePageView {
            external_url,
            external_label: external_url.map(crate::render::external::short_label),
            case: self.case_view(ix, &case.filings),
            policies: self.links(&case.policies),
            challenged: self.challenged(case),
            appeal_of: case.appeal_of.map(|c| self.case_link(c)),
            appeals: case.appeals.iter().map(|&c| self.case_link(c)).collect(),
            consolidated: case
                .consolidated
                .iter()
                .map(|&c| self.case_link(c))
                .collect(),
            body: file.map_or("", |(_, b)| &b.html),
            summary: file.map_or("", |(_, b)| &b.summary),
            filed: file.and_then(|(f, _)| f.filed).map(|d| self.date(d)),
            fields: file.map_or_else(Vec::new, |(f, _)| self.declared_views("case", &f.extra)),
            timeline: if case.filings.is_empty() {
                String::new()
            } else {
                charts::timeline(self, ix, &root_of(&paths::case(case)))
            },
        }
    }

    /// What a case with a file challenges: the file's items, with their
    /// notes, then the policies only its filings name. Empty without a
    /// file, whose page lists the policies alone.
    fn challenged(&self, case: &'s Case) -> Vec<RelatedItem<'s>> {
        if case.file.is_none() {
            return Vec::new();
        }
        let named = |p: &PolicyIx| {
            case.challenged
                .iter()
                .any(|l| l.target == LinkTarget::Policy(*p))
        };
        let mut items: Vec<RelatedItem<'s>> = case
            .challenged
            .iter()
            .map(|item| self.related_item(item))
            .collect();
        items.extend(
            case.policies
                .iter()
                .filter(|p| !named(p))
                .map(|&p| RelatedItem {
                    entry: Some(self.policy_link(p)),
                    title: None,
                    url: None,
                    note: None,
                }),
        );
        items
    }

    pub fn court_action_row(&self, ix: CourtActionIx) -> CourtActionRow<'s> {
        let c: &'s CourtAction = &self.site.corpus.court_actions[ix.get()];
        let case = &self.site.graph.cases[self.site.graph.court_actions[ix.get()].case.get()];
        CourtActionRow {
            id: c.id.0,
            title: &c.common.title,
            url: paths::entry(Kind::CourtAction, c.id.0),
            date: self.date(c.date),
            filing: c
                .filing
                .as_ref()
                .map(|t| self.term(Vocab::Filings, t.as_str())),
            court: self.term(Vocab::Courts, c.court.as_str()),
            case_name: &c.case.value,
            docket: &c.docket,
            case_url: paths::case(case),
            field_terms: self.field_tags(Kind::CourtAction, &c.common),
        }
    }

    pub fn court_action_view(&self, ix: CourtActionIx) -> CourtActionView<'s> {
        let c: &'s CourtAction = &self.site.corpus.court_actions[ix.get()];
        let links = &self.site.graph.court_actions[ix.get()];
        let body = &self.bodies.court_actions[ix.get()];
        let (filings, earlier_filings, later_filings) = self.filings_around(ix);
        CourtActionView {
            row: self.court_action_row(ix),
            updated: c.common.updated.map(|d| self.date(d)),
            external_url: c.url.as_deref(),
            external_label: c.url.as_deref().map(crate::render::external::short_label),
            body: &body.html,
            summary: &body.summary,
            documents: self.documents(&c.documents),
            challenges: self.links(&links.challenges),
            case: self.case_view(links.case, filings),
            earlier_filings,
            later_filings,
            related: self.related(Kind::CourtAction, ix.get()),
            fields: self.field_views(Kind::CourtAction, &c.common),
        }
    }
}
