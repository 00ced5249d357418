//! The template contract: every value a template can see, as typed views
//! that borrow the model. Lists are sorted and maps are ordered, so the same
//! site always renders to the same bytes. The book's "Themes and templates"
//! chapter documents every field here.
//!
//! URLs in views are relative to the site root (`policies/1491/index.html`);
//! templates put the page's `root` prefix in front, so every link is
//! relative and works from disk as well as from any sub-path of a host.

use std::borrow::Cow;

use serde::Serialize;

use super::charts;
use crate::config::Vocab;
use crate::content::date::Date;
use crate::content::Id;
use crate::content::{Commentary, Document, DocumentSource, Kind, Policy};
use crate::graph::{CommentaryIx, PolicyIx};
use crate::site::downloads::{Archive, DataFile};
use crate::site::paths::{self, root_of};
use crate::site::terms::Taxonomy;
use crate::site::{Html, Model};

/// Filings shown before and after a court action on its page.
pub const FILINGS_AROUND: usize = 5;

mod cases;
mod lineage;

pub use super::fields::FieldView;
pub use crate::site::dates::{DateView, MONTHS};
pub use cases::{CasePageView, CaseRow, CaseView, CourtActionRow, CourtActionView, FilingView};
pub use lineage::{EntryRef, LineageEntry, LineageView, NamedBy};

/// A link to an entry, with what a list shows of it.
pub struct EntryLink<'a> {
    pub kind: Kind,
    pub kind_label: &'static str,
    pub id: Id,
    pub title: &'a str,
    value: LinkValue<'a>,
}

/// What a template sees of an [`EntryLink`]: Tera's value, made once per
/// build ([`crate::site::Shown`]) and shared by every page that shows it,
/// so that a link shown again makes neither its address nor its date
/// again; or, for an entry the model has no room for, what to make it of.
enum LinkValue<'a> {
    Shared(&'a tera::Value),
    Own { url: String, date: DateView },
}

/// A date as a template sees it, the fields of [`DateView`]: Tera's value,
/// made once per build for a date the entries give
/// ([`crate::site::Shown::dates`]) and shared by every page that shows it,
/// or the date's own for any other.
pub enum DateValue<'a> {
    Shared(&'a tera::Value),
    Own(DateView),
}

impl Serialize for DateValue<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Into Tera's value, the shared value is taken as it is.
        match self {
            DateValue::Shared(v) => v.serialize(s),
            DateValue::Own(d) => d.serialize(s),
        }
    }
}

/// The fields of an [`EntryLink`] as a template sees them.
#[derive(Serialize)]
struct EntryFields<'a> {
    kind: Kind,
    kind_label: &'static str,
    id: Id,
    title: &'a str,
    url: &'a str,
    date: &'a DateView,
}

impl Serialize for EntryLink<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // As for `TermLink`: into Tera's value, the shared value is taken
        // as it is.
        match &self.value {
            LinkValue::Shared(v) => v.serialize(s),
            LinkValue::Own { url, date } => EntryFields {
                kind: self.kind,
                kind_label: self.kind_label,
                id: self.id,
                title: self.title,
                url,
                date,
            }
            .serialize(s),
        }
    }
}

/// A link to a vocabulary term's page.
pub struct TermLink<'a> {
    pub name: &'a str,
    pub url: Cow<'a, str>,
    /// For a status or current status: what it says of the policy's
    /// standing (`in-force`, `limited`, `ended`, `pending`), from `[tones]`.
    pub tone: Option<&'static str>,
    /// The same as Tera's value, made once per build for a term with a
    /// page and shared by every page that shows it.
    shared: Option<&'a tera::Value>,
}

/// What a template sees of a [`TermLink`].
#[derive(Serialize)]
struct TermFields<'a> {
    name: &'a str,
    url: &'a str,
    tone: Option<&'static str>,
}

impl<'a> TermLink<'a> {
    pub fn new(name: &'a str, url: Cow<'a, str>, tone: Option<&'static str>) -> TermLink<'a> {
        TermLink {
            name,
            url,
            tone,
            shared: None,
        }
    }

    /// A link to the page of a term of the index, as Tera's value once
    /// per build (in `shown`).
    pub(in crate::render) fn of_term(
        name: &'a str,
        e: &'a crate::site::terms::TermEntries,
        tone: Option<&'static str>,
    ) -> TermLink<'a> {
        let mut link = TermLink::new(name, Cow::Borrowed(&e.url), tone);
        link.shared = Some(
            e.shown
                .get_or_init(|| tera::Value::from_serializable(&link.fields())),
        );
        link
    }

    fn fields(&self) -> TermFields<'_> {
        TermFields {
            name: self.name,
            url: &self.url,
            tone: self.tone,
        }
    }
}

impl Serialize for TermLink<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Into Tera's value, the shared value is taken as it is (Tera 2
        // passes a `Value` met while serialising through, by reference
        // count); anywhere else it writes the same fields.
        match self.shared {
            Some(v) => v.serialize(s),
            None => self.fields().serialize(s),
        }
    }
}

#[derive(Serialize)]
pub struct DocumentView<'a> {
    pub title: &'a str,
    pub date: Option<DateValue<'a>>,
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
pub struct CommentaryLink<'a> {
    pub id: Id,
    pub title: &'a str,
    pub url: String,
    pub date: DateValue<'a>,
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
    pub announced: DateValue<'a>,
    pub administration: Option<TermLink<'a>>,
    pub action: Option<TermLink<'a>>,
    pub current_status: Option<TermLink<'a>>,
    pub status: Vec<TermLink<'a>>,
    pub subjects: Vec<TermLink<'a>>,
    pub agencies: Vec<TermLink<'a>>,
    /// The values of the site's own term fields with pages.
    pub field_terms: Vec<super::fields::FieldTag<'a>>,
}

#[derive(Serialize)]
pub struct PolicyView<'a> {
    #[serde(flatten)]
    pub row: PolicyRow<'a>,
    pub effective: Option<DateValue<'a>>,
    pub updated: Option<DateValue<'a>>,
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

#[derive(Serialize)]
pub struct CommentaryView<'a> {
    #[serde(flatten)]
    pub link: CommentaryLink<'a>,
    pub updated: Option<DateValue<'a>>,
    pub body: &'a str,
    pub summary: &'a str,
    pub documents: Vec<DocumentView<'a>>,
    pub about: Vec<EntryLink<'a>>,
    /// The relations `docket.toml` declares that join it, each direction
    /// that has items.
    pub related: Vec<super::related::RelatedView<'a>>,
    /// The fields of the site's own that it has, in declaration order.
    pub fields: Vec<FieldView<'a>>,
}

/// A vocabulary and its terms with their counts.
#[derive(Serialize)]
pub struct VocabularyView<'a> {
    #[serde(flatten)]
    pub link: VocabLink<'a>,
    pub terms: Vec<TermCount<'a>>,
}

/// A link to a vocabulary's page, or a term field's: the name templates
/// know it by (its key in `[vocabulary]`, or the field's key), its title.
#[derive(Serialize)]
pub struct VocabLink<'a> {
    pub key: &'a str,
    pub title: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct TermCount<'a> {
    pub name: &'a str,
    /// `None` for an allowed value that no entry uses yet (it has no page).
    pub url: Option<String>,
    /// The entries with it.
    pub count: usize,
    /// A court's cases (whether or not their filings are entries).
    pub cases: usize,
}

impl<'s> Model<'s> {
    /// `date` as a template sees it, shared when the entries give it.
    pub fn date(&self, date: impl Into<Date>) -> DateValue<'s> {
        let date = date.into();
        let shown: &'s crate::site::Shown = self.shown;
        match shown.date(date) {
            Some(v) => DateValue::Shared(
                v.get_or_init(|| tera::Value::from_serializable(&DateView::new(date))),
            ),
            None => DateValue::Own(DateView::new(date)),
        }
    }

    pub fn term(&self, vocab: Vocab, name: &'s str) -> TermLink<'s> {
        let tone = self.tone(vocab, name);
        match self.terms.vocabs.get(&vocab).and_then(|v| v.get(name)) {
            Some(e) => TermLink::of_term(name, e, tone),
            None => TermLink::new(name, paths::vocabulary(vocab).into(), tone),
        }
    }

    fn terms_of(&self, vocab: Vocab, list: &'s [crate::content::Term]) -> Vec<TermLink<'s>> {
        list.iter().map(|t| self.term(vocab, t.as_str())).collect()
    }

    /// A link to the `i`th entry of `kind`.
    pub fn entry_link(&self, kind: Kind, i: usize) -> EntryLink<'s> {
        let e = self.site.corpus.entry(kind, i);
        let title: &'s str = &e.common.title;
        let fields = |url: &str, date: &DateView| {
            tera::Value::from_serializable(&EntryFields {
                kind,
                kind_label: kind.label(),
                id: e.id,
                title,
                url,
                date,
            })
        };
        let shown: &'s crate::site::Shown = self.shown;
        let value = match shown.links.get(kind).get(i) {
            Some(v) => LinkValue::Shared(
                v.get_or_init(|| fields(&paths::entry(kind, e.id), &DateView::new(e.date))),
            ),
            None => LinkValue::Own {
                url: paths::entry(kind, e.id),
                date: DateView::new(e.date),
            },
        };
        EntryLink {
            kind,
            kind_label: kind.label(),
            id: e.id,
            title,
            value,
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
                date: d.date.map(|d| self.date(d)),
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
            announced: self.date(p.announced),
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
            field_terms: self.field_tags(Kind::Policy, &p.common),
        }
    }

    /// `lineage_pages`: whether the theme renders lineages' pages.
    pub fn policy_view(&self, ix: PolicyIx, lineage_pages: bool, html: Html) -> PolicyView<'s> {
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
            effective: p.effective.map(|d| self.date(d)),
            updated: p.common.updated.map(|d| self.date(d)),
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
                html,
            ),
            lineage_url,
            fields: self.field_views(Kind::Policy, &p.common),
            related: self.related(Kind::Policy, ix.get()),
        }
    }

    pub fn commentary_link(&self, ix: CommentaryIx) -> CommentaryLink<'s> {
        let c: &'s Commentary = &self.site.corpus.commentary[ix.get()];
        CommentaryLink {
            id: c.id.0,
            title: &c.common.title,
            url: paths::entry(Kind::Commentary, c.id.0),
            date: self.date(c.date),
            source: c.source.as_deref(),
            external_url: c.url.as_deref(),
        }
    }

    pub fn commentary_view(&self, ix: CommentaryIx) -> CommentaryView<'s> {
        let c: &'s Commentary = &self.site.corpus.commentary[ix.get()];
        let body = &self.bodies.commentary[ix.get()];
        CommentaryView {
            link: self.commentary_link(ix),
            updated: c.common.updated.map(|d| self.date(d)),
            body: &body.html,
            summary: &body.summary,
            documents: self.documents(&c.documents),
            about: self.links(&self.site.graph.commentary[ix.get()].about),
            related: self.related(Kind::Commentary, ix.get()),
            fields: self.field_views(Kind::Commentary, &c.common),
        }
    }

    pub fn vocabulary_view(&self, t: Taxonomy) -> VocabularyView<'s> {
        let terms = self
            .terms
            .of(t)
            .map(|v| {
                v.terms
                    .iter()
                    .map(|(name, e)| TermCount {
                        name,
                        url: (e.count() > 0).then(|| e.url.clone()),
                        count: e.entries(),
                        cases: e.cases.len(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        VocabularyView {
            link: self.vocab_link(t),
            terms,
        }
    }

    /// A link to the page of `t`'s terms.
    pub fn vocab_link(&self, t: Taxonomy) -> VocabLink<'s> {
        let terms: &'s crate::site::terms::Terms = self.terms;
        VocabLink {
            key: terms.key(t),
            title: terms.title(t),
            url: paths::vocabulary_at(terms.folder(t)),
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
    /// Whether each policy has a feed of its own (`policy_feeds`).
    pub policy_feeds: bool,
}
