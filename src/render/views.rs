//! The template contract: every value a template can see, as typed views
//! that borrow the model. Lists are sorted and maps are ordered, so the same
//! site always renders to the same bytes. The book's "Themes and templates"
//! chapter documents every field here.
//!
//! URLs in views are relative to the site root (`policies/1491/index.html`);
//! templates put the page's `root` prefix in front, so every link is
//! relative and works from disk as well as from any sub-path of a host.

use serde::Serialize;

use super::charts;
use crate::config::Vocab;
use crate::content::Id;
use crate::content::{Commentary, CourtAction, Document, DocumentSource, Kind, Policy};
use crate::graph::{Case, CaseIx, CommentaryIx, CourtActionIx, PolicyIx};
use crate::site::downloads::{Archive, DataFile};
use crate::site::paths::{self, root_of};
use crate::site::Model;

/// Filings shown before and after a court action on its page.
pub const FILINGS_AROUND: usize = 5;

pub use super::fields::FieldView;
pub use crate::site::dates::{DateView, MONTHS};

/// A link to an entry, with what a list shows of it.
#[derive(Serialize)]
pub struct EntryLink<'a> {
    pub kind: Kind,
    pub kind_label: &'static str,
    pub id: Id,
    pub title: &'a str,
    pub url: String,
    pub date: DateView,
}

/// A link to a vocabulary term's page.
#[derive(Serialize)]
pub struct TermLink<'a> {
    pub name: &'a str,
    pub url: String,
    /// For a status or current status: what it says of the policy's
    /// standing (`in-force`, `limited`, `ended`, `pending`), from `[tones]`.
    pub tone: Option<&'static str>,
}

#[derive(Serialize)]
pub struct DocumentView<'a> {
    pub title: &'a str,
    pub date: Option<DateView>,
    /// Site-relative for a file (`documents/…`), absolute for a URL.
    pub url: String,
    pub external: bool,
}

#[derive(Serialize)]
pub struct Identifier<'a> {
    pub name: &'a str,
    pub value: &'a str,
}

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

#[derive(Serialize)]
pub struct CommentaryLink<'a> {
    pub id: Id,
    pub title: &'a str,
    pub url: String,
    pub date: DateView,
    pub source: Option<&'a str>,
    /// The article itself, if it has a URL.
    pub external_url: Option<&'a str>,
}

/// One row of a list of policies.
#[derive(Serialize)]
pub struct PolicyRow<'a> {
    pub id: Id,
    pub title: &'a str,
    pub url: String,
    pub announced: DateView,
    pub administration: Option<TermLink<'a>>,
    pub action: Option<TermLink<'a>>,
    pub current_status: Option<TermLink<'a>>,
    pub status: Vec<TermLink<'a>>,
    pub subjects: Vec<TermLink<'a>>,
    pub agencies: Vec<TermLink<'a>>,
}

#[derive(Serialize)]
pub struct PolicyView<'a> {
    #[serde(flatten)]
    pub row: PolicyRow<'a>,
    pub effective: Option<DateView>,
    pub updated: Option<DateView>,
    /// The Markdown body as HTML (sanitised unless the site allows raw HTML).
    pub body: &'a str,
    pub summary: &'a str,
    pub documents: Vec<DocumentView<'a>>,
    pub identifiers: Vec<Identifier<'a>>,
    pub supersedes: Vec<EntryLink<'a>>,
    pub superseded_by: Vec<EntryLink<'a>>,
    pub implements: Vec<EntryLink<'a>>,
    pub derivatives: Vec<EntryLink<'a>>,
    /// Its court actions, grouped by case.
    pub cases: Vec<CaseView<'a>>,
    pub commentary: Vec<CommentaryLink<'a>>,
    /// Its neighbourhood in its lineage as an SVG picture (escaped, links
    /// relative to the policy's page), bounded whatever the size of the
    /// lineage; `None` without relations to draw.
    pub lineage: Option<String>,
    /// The page of its whole lineage, when it supersedes or is superseded
    /// (and the theme has a `lineage.html`).
    pub lineage_url: Option<String>,
    /// The fields of the site's own that it has, in declaration order.
    pub fields: Vec<FieldView<'a>>,
    /// The relations `docket.toml` declares that it has, in either
    /// direction.
    pub related: Vec<super::related::RelatedView<'a>>,
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

/// A lineage's page: every policy of it.
#[derive(Serialize)]
pub struct LineageView<'a> {
    pub url: String,
    /// Its oldest root, which names it.
    pub root: EntryLink<'a>,
    /// The number of its policies.
    pub count: usize,
    pub first: DateView,
    pub latest: DateView,
    /// Its policies, oldest first.
    pub policies: Vec<LineageEntry<'a>>,
    /// All of it as an SVG picture (escaped, links relative to its page).
    pub picture: String,
}

/// A policy of a lineage, with those it supersedes.
#[derive(Serialize)]
pub struct LineageEntry<'a> {
    #[serde(flatten)]
    pub link: EntryLink<'a>,
    pub supersedes: Vec<EntryRef>,
}

/// A link to an entry by its number alone.
#[derive(Serialize)]
pub struct EntryRef {
    pub id: Id,
    pub url: String,
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

#[derive(Serialize)]
pub struct CommentaryView<'a> {
    #[serde(flatten)]
    pub link: CommentaryLink<'a>,
    pub updated: Option<DateView>,
    pub body: &'a str,
    pub summary: &'a str,
    pub documents: Vec<DocumentView<'a>>,
    pub about: Vec<EntryLink<'a>>,
    /// The fields of the site's own that it has, in declaration order.
    pub fields: Vec<FieldView<'a>>,
}

/// A vocabulary and its terms with their counts.
#[derive(Serialize)]
pub struct VocabularyView<'a> {
    pub key: &'static str,
    pub title: &'static str,
    pub url: String,
    pub terms: Vec<TermCount<'a>>,
}

#[derive(Serialize)]
pub struct TermCount<'a> {
    pub name: &'a str,
    /// `None` for an allowed value that no entry uses yet (it has no page).
    pub url: Option<String>,
    pub count: usize,
}

impl<'s> Model<'s> {
    pub fn term(&self, vocab: Vocab, name: &'s str) -> TermLink<'s> {
        TermLink {
            name,
            url: self.terms.url(vocab, name),
            tone: self.tone(vocab, name),
        }
    }

    fn terms_of(&self, vocab: Vocab, list: &'s [crate::content::Term]) -> Vec<TermLink<'s>> {
        list.iter().map(|t| self.term(vocab, t.as_str())).collect()
    }

    /// A link to the `i`th entry of `kind`.
    pub fn entry_link(&self, kind: Kind, i: usize) -> EntryLink<'s> {
        let e = self.site.corpus.entry(kind, i);
        EntryLink {
            kind,
            kind_label: kind.label(),
            id: e.id,
            title: &e.common.title,
            url: paths::entry(kind, e.id),
            date: DateView::new(e.date),
        }
    }

    pub fn policy_link(&self, ix: PolicyIx) -> EntryLink<'s> {
        self.entry_link(Kind::Policy, ix.get())
    }

    fn links(&self, list: &[PolicyIx]) -> Vec<EntryLink<'s>> {
        list.iter().map(|&p| self.policy_link(p)).collect()
    }

    fn documents(&self, docs: &'s [Document]) -> Vec<DocumentView<'s>> {
        docs.iter()
            .map(|d| DocumentView {
                title: &d.title,
                date: d.date.map(DateView::new),
                url: match &d.source {
                    DocumentSource::File(p) => paths::document_url(p),
                    DocumentSource::Url(u) => u.clone(),
                },
                external: matches!(d.source, DocumentSource::Url(_)),
            })
            .collect()
    }

    pub fn policy_row(&self, ix: PolicyIx) -> PolicyRow<'s> {
        let p: &'s Policy = &self.site.corpus.policies[ix.get()];
        PolicyRow {
            id: p.id.0,
            title: &p.common.title,
            url: paths::entry(Kind::Policy, p.id.0),
            announced: DateView::new(p.announced),
            administration: p
                .administration
                .as_ref()
                .map(|t| self.term(Vocab::Administrations, t.as_str())),
            action: p
                .action
                .as_ref()
                .map(|t| self.term(Vocab::Actions, t.as_str())),
            current_status: p
                .current_status
                .as_ref()
                .map(|t| self.term(Vocab::CurrentStatuses, t.as_str())),
            status: self.terms_of(Vocab::Statuses, &p.status),
            subjects: self.terms_of(Vocab::Subjects, &p.subjects),
            agencies: self.terms_of(Vocab::Agencies, &p.agencies),
        }
    }

    /// `lineage_pages`: whether the theme renders lineages' pages.
    pub fn policy_view(&self, ix: PolicyIx, lineage_pages: bool) -> PolicyView<'s> {
        let p: &'s Policy = &self.site.corpus.policies[ix.get()];
        let links = &self.site.graph.policies[ix.get()];
        let body = &self.bodies.policies[ix.get()];
        let lineage_url = self
            .site
            .graph
            .lineage(ix)
            .filter(|_| lineage_pages)
            .map(|l| paths::lineage(self.site.corpus.policies[l.root.get()].id.0));
        PolicyView {
            row: self.policy_row(ix),
            effective: p.effective.map(DateView::new),
            updated: p.common.updated.map(DateView::new),
            body: &body.html,
            summary: &body.summary,
            documents: self.documents(&p.documents),
            identifiers: p
                .identifiers
                .iter()
                .map(|(name, value)| Identifier { name, value })
                .collect(),
            supersedes: self.links(&links.supersedes),
            superseded_by: self.links(&links.superseded_by),
            implements: self.links(&links.implements),
            derivatives: self.links(&links.derivatives),
            cases: links
                .cases
                .iter()
                .map(|&c| {
                    // Its own court actions in this case: as many as it has,
                    // however many the case has.
                    let own = links
                        .court_actions
                        .iter()
                        .filter(|f| self.site.graph.court_actions[f.get()].case == c);
                    self.case_view(c, own)
                })
                .collect(),
            commentary: links
                .commentary
                .iter()
                .map(|&c| self.commentary_link(c))
                .collect(),
            lineage: charts::lineage(
                self,
                ix,
                &root_of(&paths::entry(Kind::Policy, p.id.0)),
                lineage_url.as_deref(),
            ),
            lineage_url,
            fields: self.field_views(Kind::Policy, &p.common),
            related: self.related(ix),
        }
    }

    /// The page of a lineage, by its root.
    pub fn lineage_view(&self, root: PolicyIx) -> Option<LineageView<'s>> {
        let graph = &self.site.graph;
        let lineage = graph.lineage(root)?;
        let c = &self.site.corpus;
        let url = paths::lineage(c.policies[lineage.root.get()].id.0);
        let date = |p: Option<&PolicyIx>| {
            DateView::new(p.map_or(chrono::NaiveDate::MIN.into(), |p| {
                c.policies[p.get()].announced
            }))
        };
        Some(LineageView {
            root: self.policy_link(lineage.root),
            count: lineage.members.len(),
            first: date(lineage.members.first()),
            latest: date(lineage.members.last()),
            policies: lineage
                .members
                .iter()
                .map(|&p| LineageEntry {
                    link: self.policy_link(p),
                    supersedes: graph.policies[p.get()]
                        .supersedes
                        .iter()
                        .map(|q| {
                            let id = c.policies[q.get()].id.0;
                            EntryRef {
                                id,
                                url: paths::entry(Kind::Policy, id),
                            }
                        })
                        .collect(),
                })
                .collect(),
            picture: charts::lineage_page(self, lineage, &root_of(&url)),
            url,
        })
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
            external_label: external_url.map(super::external::short_label),
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
            external_label: c.url.as_deref().map(super::external::short_label),
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

    pub fn commentary_link(&self, ix: CommentaryIx) -> CommentaryLink<'s> {
        let c: &'s Commentary = &self.site.corpus.commentary[ix.get()];
        CommentaryLink {
            id: c.id.0,
            title: &c.common.title,
            url: paths::entry(Kind::Commentary, c.id.0),
            date: DateView::new(c.date),
            source: c.source.as_deref(),
            external_url: c.url.as_deref(),
        }
    }

    pub fn commentary_view(&self, ix: CommentaryIx) -> CommentaryView<'s> {
        let c: &'s Commentary = &self.site.corpus.commentary[ix.get()];
        let body = &self.bodies.commentary[ix.get()];
        CommentaryView {
            link: self.commentary_link(ix),
            updated: c.common.updated.map(DateView::new),
            body: &body.html,
            summary: &body.summary,
            documents: self.documents(&c.documents),
            about: self.links(&self.site.graph.commentary[ix.get()].about),
            fields: self.field_views(Kind::Commentary, &c.common),
        }
    }

    pub fn vocabulary_view(&self, vocab: Vocab) -> VocabularyView<'s> {
        let terms = self
            .terms
            .vocabs
            .get(&vocab)
            .map(|v| {
                v.terms
                    .iter()
                    .map(|(name, e)| TermCount {
                        name,
                        url: (e.count() > 0).then(|| paths::term(vocab, &e.slug)),
                        count: e.count(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        VocabularyView {
            key: vocab.key(),
            title: vocab.title(),
            url: paths::vocabulary(vocab),
            terms,
        }
    }
}

/// The download page's `downloads`.
#[derive(Serialize)]
pub struct DownloadsView<'a> {
    /// The whole-database files, with sizes and row counts.
    pub files: &'a [DataFile],
    /// The offline copy of the site, when `docket build --archive` made one.
    pub archive: Option<&'a Archive>,
    /// The site's Atom feed, when there are feeds (with a `base_url`).
    pub feed: Option<String>,
    /// The date of the data.
    pub date: DateView,
    /// Whether each entry's record is also written beside its page.
    pub entry_json: bool,
}
