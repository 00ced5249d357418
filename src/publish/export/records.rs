//! The records of the export: what the JSON holds, field for field, made
//! of the model. The CSV files ([`super::csv`]) are made of the same
//! records, so the two never disagree. Relations are written as ids (cases
//! by their id, the name of their folder in the site).

use std::collections::BTreeMap;

use serde::Serialize;

use super::FORMAT;

use crate::config::Vocab;
use crate::content::fields::FieldValue;
use crate::content::Id;
use crate::content::{Common, Document, DocumentSource, Kind, Term};
use crate::graph::force::{Reason, When};
use crate::graph::{CaseIx, CommentaryIx, CourtActionIx, LinkTarget, PolicyIx};
use crate::history::Change;
use crate::site::facets::case_values;
use crate::site::markdown::Rendered;
use crate::site::paths::{self, absolute};
use crate::site::Model;

// The records: what the JSON holds, field for field. The book's "Data
// downloads" chapter and data/docket.schema.json document every field, and
// a test checks the export against both.

/// What `data/docket.json` holds before its lists of records, in its
/// order: `format`, `generator`, `site`, `vocabularies`. The lists follow
/// (`policies`, `court_actions`, `commentary`, `cases`), each written a
/// record at a time by [`super::data_files`]: made all at once, the records
/// were the largest thing a build held at its peak.
#[derive(Serialize)]
pub(super) struct Header<'a> {
    pub(super) format: &'static str,
    pub(super) generator: &'static str,
    pub(super) site: SiteRecord<'a>,
    pub(super) vocabularies: BTreeMap<&'a str, Vec<&'a str>>,
}

#[derive(Serialize)]
pub(super) struct SiteRecord<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) language: &'a str,
    pub(super) base_url: Option<&'a str>,
    pub(super) date: String,
    pub(super) history: HistoryRecord,
}

/// What the export says of the site's history.
#[derive(Serialize)]
pub(super) struct HistoryRecord {
    pub(super) available: bool,
    /// Why there is none.
    pub(super) reason: Option<String>,
    /// The commit the history was read from (`HEAD`).
    pub(super) commit: Option<String>,
    /// The day of the oldest commit read.
    pub(super) since: Option<String>,
    /// Whether it reaches back to the repository's first commit (false
    /// for a shallow clone).
    pub(super) complete: bool,
}

/// One change of an entry's history.
#[derive(Serialize)]
pub(super) struct ChangeRecord {
    pub(super) date: String,
    pub(super) commit: String,
    pub(super) kind: &'static str,
    /// The value before and after: a list of statuses, a current status,
    /// an effective date; `null` when not set or for other kinds.
    pub(super) from: serde_json::Value,
    pub(super) to: serde_json::Value,
    /// The entry that made the change (superseded, court action or
    /// commentary added).
    pub(super) by: Option<EntryId>,
}

#[derive(Serialize)]
pub(super) struct EntryId {
    pub(super) kind: Kind,
    pub(super) id: Id,
}

/// A period in force of a policy.
#[derive(Serialize)]
pub(super) struct PeriodRecord<'a> {
    pub(super) from: String,
    pub(super) end: Option<EndRecord<'a>>,
}

impl PeriodRecord<'_> {
    /// The period in one CSV cell, as the policies list's data file writes
    /// it ([`crate::publish::filters::periods`]): `from/end`, the end empty
    /// while none is recorded, `?` (and the day it had ended by, if known)
    /// when it is not recorded.
    pub(super) fn cell(&self) -> String {
        let end = match &self.end {
            None => String::new(),
            Some(EndRecord { on: Some(on), .. }) => on.clone(),
            Some(EndRecord { by, .. }) => format!("?{}", by.as_deref().unwrap_or_default()),
        };
        format!("{}/{end}", self.from)
    }
}

#[derive(Serialize)]
pub(super) struct EndRecord<'a> {
    /// The first day out of force, when recorded.
    pub(super) on: Option<String>,
    /// When not recorded: the day it had ended by, if known.
    pub(super) by: Option<String>,
    /// `status`, `current-status`, `superseded` or `relation`.
    pub(super) reason: &'static str,
    /// The status or current status that ended it.
    pub(super) status: Option<&'a str>,
    /// The policy that superseded it, or ended it by `relation`.
    pub(super) policy: Option<Id>,
    /// The declared relation that ended it (`revokes`); left out for the
    /// other reasons, so that a site without declared relations exports
    /// what it always did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) relation: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct DocumentRecord<'a> {
    pub(super) title: &'a str,
    pub(super) date: Option<String>,
    /// Site-relative (`documents/…`).
    pub(super) file: Option<String>,
    pub(super) url: Option<&'a str>,
}

/// What every entry record has, whatever its kind.
#[derive(Serialize)]
pub(super) struct EntryFields<'a> {
    /// Site-relative path of the entry's page.
    pub(super) page: String,
    pub(super) page_url: Option<String>,
    /// The entry's file, relative to the site folder.
    pub(super) source_file: &'a str,
    pub(super) updated: Option<String>,
    pub(super) draft: bool,
    pub(super) aliases: Vec<&'a str>,
    pub(super) documents: Vec<DocumentRecord<'a>>,
    pub(super) summary: &'a str,
    /// The Markdown body as written.
    pub(super) body: &'a str,
    /// Its history, oldest first (empty without one).
    pub(super) changes: Vec<ChangeRecord>,
    /// The fields the site declares of its own, each under its key,
    /// `null` where the entry has none.
    #[serde(flatten)]
    pub(super) extra: ExtraRecord<'a>,
}

/// The fields of the site's own of one entry, in declaration order.
pub(super) struct ExtraRecord<'a>(pub(super) Vec<(&'a str, Option<&'a FieldValue>)>);

impl Serialize for ExtraRecord<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
pub(super) struct PolicyRecord<'a> {
    pub(super) kind: Kind,
    pub(super) id: Id,
    pub(super) title: &'a str,
    pub(super) administration: Option<&'a str>,
    pub(super) announced: String,
    pub(super) effective: Option<String>,
    pub(super) status: Vec<&'a str>,
    pub(super) action: Option<&'a str>,
    pub(super) subjects: Vec<&'a str>,
    pub(super) agencies: Vec<&'a str>,
    pub(super) current_status: Option<&'a str>,
    pub(super) identifiers: BTreeMap<&'a str, &'a str>,
    pub(super) supersedes: Vec<Id>,
    pub(super) superseded_by: Vec<Id>,
    pub(super) implements: Vec<Id>,
    pub(super) derivatives: Vec<Id>,
    pub(super) court_actions: Vec<Id>,
    pub(super) commentary: Vec<Id>,
    pub(super) cases: Vec<&'a str>,
    /// Its periods in force, oldest first.
    pub(super) in_force: Vec<PeriodRecord<'a>>,
    /// The relations `docket.toml` declares, when it declares any.
    #[serde(skip_serializing_if = "super::relations::RelationsRecord::is_empty")]
    pub(super) relations: super::relations::RelationsRecord<'a>,
    #[serde(flatten)]
    pub(super) fields: EntryFields<'a>,
}

#[derive(Serialize)]
pub(super) struct CourtActionRecord<'a> {
    pub(super) kind: Kind,
    pub(super) id: Id,
    pub(super) title: &'a str,
    pub(super) date: String,
    pub(super) case: &'a str,
    pub(super) docket: &'a str,
    pub(super) court: &'a str,
    pub(super) filing: Option<&'a str>,
    pub(super) challenges: Vec<Id>,
    pub(super) case_id: &'a str,
    pub(super) url: Option<&'a str>,
    /// The relations `docket.toml` declares that join court actions.
    #[serde(skip_serializing_if = "super::relations::RelationsRecord::is_empty")]
    pub(super) relations: super::relations::RelationsRecord<'a>,
    #[serde(flatten)]
    pub(super) fields: EntryFields<'a>,
}

#[derive(Serialize)]
pub(super) struct CommentaryRecord<'a> {
    pub(super) kind: Kind,
    pub(super) id: Id,
    pub(super) title: &'a str,
    pub(super) date: String,
    pub(super) source: Option<&'a str>,
    pub(super) url: Option<&'a str>,
    pub(super) about: Vec<Id>,
    /// The relations `docket.toml` declares that join commentary.
    #[serde(skip_serializing_if = "super::relations::RelationsRecord::is_empty")]
    pub(super) relations: super::relations::RelationsRecord<'a>,
    #[serde(flatten)]
    pub(super) fields: EntryFields<'a>,
}

#[derive(Serialize)]
pub(super) struct CaseRecord<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) court: &'a str,
    pub(super) docket: &'a str,
    pub(super) page: String,
    pub(super) page_url: Option<String>,
    pub(super) filings: Vec<Id>,
    pub(super) policies: Vec<Id>,
    pub(super) first_date: Option<String>,
    pub(super) latest_date: Option<String>,
    pub(super) status: Option<&'a str>,
    pub(super) url: Option<&'a str>,
    pub(super) appeal_of: Option<&'a str>,
    pub(super) appeals: Vec<&'a str>,
    pub(super) consolidated_with: Vec<&'a str>,
    pub(super) challenges: Vec<ChallengeRecord<'a>>,
    /// Its case file, relative to the site folder; the rest of what the
    /// file says is `None` for a case known by its filings alone.
    pub(super) source_file: Option<&'a str>,
    pub(super) updated: Option<String>,
    pub(super) summary: Option<&'a str>,
    /// The case file's Markdown body, as written.
    pub(super) body: Option<&'a str>,
    /// The fields `[fields.case]` declares, each under its key, `null`
    /// where the case has none.
    #[serde(flatten)]
    pub(super) extra: ExtraRecord<'a>,
}

/// An item of a case file's `challenges`: a policy of the site, or
/// something outside it by name.
#[derive(Serialize)]
pub(super) struct ChallengeRecord<'a> {
    pub(super) policy: Option<Id>,
    pub(super) title: Option<&'a str>,
    pub(super) url: Option<&'a str>,
    pub(super) note: Option<&'a str>,
}

/// A day, or a month or year whose day is not known, as far as known.
fn iso(d: impl Into<crate::content::Date>) -> String {
    d.into().iso()
}

fn names(terms: &[Term]) -> Vec<&str> {
    terms.iter().map(Term::as_str).collect()
}

pub(super) fn header<'a>(model: &Model<'a>) -> Header<'a> {
    let site = model.site;
    let mut vocabularies: BTreeMap<&str, Vec<&str>> = model
        .terms
        .vocabs
        .iter()
        .map(|(v, vt)| (v.key(), vt.terms.iter().map(|(n, _)| n.as_str()).collect()))
        .collect();
    // Case statuses have no pages, so no terms of the model: the list's,
    // then the others the case files give, as the cases list's filter
    // shows them.
    let (statuses, _) = case_values(site, Vocab::CaseStatuses, |c| {
        c.status.iter().map(Term::as_str).collect()
    });
    vocabularies.insert(Vocab::CaseStatuses.key(), statuses);
    // The site's own lists are closed: every value in use is listed.
    for name in site.config.vocabulary.own_lists() {
        let terms = site.config.vocabulary.list(name).unwrap_or_default();
        vocabularies.insert(name, terms.iter().map(String::as_str).collect());
    }
    Header {
        format: FORMAT,
        generator: concat!("docket ", env!("CARGO_PKG_VERSION")),
        site: SiteRecord {
            title: &site.config.title,
            description: &site.config.description,
            language: &site.config.language,
            base_url: site.config.base_url.as_deref(),
            date: iso(site.date()),
            history: history(model),
        },
        vocabularies,
    }
}

fn history(model: &Model<'_>) -> HistoryRecord {
    let site = model.site;
    let h = site.history();
    HistoryRecord {
        available: h.is_some(),
        reason: site.no_history.as_ref().map(ToString::to_string),
        commit: h.and_then(|h| h.head()).map(|c| c.id.to_string()),
        since: h.and_then(|h| h.oldest()).map(|c| iso(c.date())),
        complete: h.is_some_and(|h| h.is_complete()),
    }
}

/// The changes of the `i`th entry of `kind`, oldest first.
fn changes(model: &Model<'_>, kind: Kind, i: usize) -> Vec<ChangeRecord> {
    let site = model.site;
    let Some(history) = site.history() else {
        return Vec::new();
    };
    let mut events: Vec<&crate::history::Event> = site
        .entry_changes(kind, i)
        .into_iter()
        .filter_map(|c| site.event(c))
        .collect();
    events.sort_by_key(|e| (e.date, e.commit));
    events
        .into_iter()
        .map(|e| {
            let (from, to) = values(&e.change);
            ChangeRecord {
                date: iso(e.date),
                commit: history.commit(e.commit).id.to_string(),
                kind: e.change.kind(),
                from,
                to,
                by: crate::site::time::made_by(&e.change).map(|(kind, id)| EntryId { kind, id }),
            }
        })
        .collect()
}

/// A change's values before and after, as JSON.
fn values(change: &Change) -> (serde_json::Value, serde_json::Value) {
    use serde_json::Value;
    let terms = |t: &[Term]| Value::from(names(t));
    let term = |t: &Option<Term>| t.as_ref().map_or(Value::Null, |t| Value::from(t.as_str()));
    let day = |d: &Option<crate::content::Date>| d.map_or(Value::Null, |d| Value::from(iso(d)));
    match change {
        Change::StatusChanged { from, to } => (terms(from), terms(to)),
        Change::CurrentStatusChanged { from, to } => (term(from), term(to)),
        Change::EffectiveChanged { from, to } => (day(from), day(to)),
        _ => (Value::Null, Value::Null),
    }
}

/// The periods in force of policy `ix`.
fn in_force<'a>(model: &Model<'a>, ix: PolicyIx) -> Vec<PeriodRecord<'a>> {
    let Some(force) = model.time.force.get(ix.get()) else {
        return Vec::new();
    };
    force
        .periods
        .iter()
        .map(|p| PeriodRecord {
            from: iso(p.from),
            end: p.end.as_ref().map(|e| {
                let (on, by) = match e.when {
                    When::On(d) => (Some(iso(d)), None),
                    When::NotRecorded { by } => (None, by.map(iso)),
                };
                let relations = &model.site.config.relations.list;
                let (reason, status, policy, relation) = match &e.reason {
                    Reason::Status(t) => ("status", Some(t.as_str()), None, None),
                    Reason::CurrentStatus(t) => ("current-status", Some(t.as_str()), None, None),
                    Reason::SupersededBy(id) => ("superseded", None, Some(id.0), None),
                    Reason::Related { by, relation } => (
                        "relation",
                        None,
                        Some(by.0),
                        relations.get(*relation).map(|r| r.key.as_str()),
                    ),
                };
                EndRecord {
                    on,
                    by,
                    reason,
                    status,
                    policy,
                    relation,
                }
            }),
        })
        .collect()
}

fn entry_fields<'a>(
    model: &Model<'a>,
    (kind, i): (Kind, usize),
    id: Id,
    common: &'a Common,
    documents: &'a [Document],
    body: &'a Rendered,
) -> EntryFields<'a> {
    let site = model.site;
    let page = paths::entry(kind, id);
    EntryFields {
        page_url: site.config.base_url.as_deref().map(|b| absolute(b, &page)),
        page,
        source_file: &site.sources.get(common.file).name,
        updated: common.updated.map(iso),
        draft: common.draft,
        aliases: common.aliases.iter().map(|a| a.value.as_str()).collect(),
        documents: documents
            .iter()
            .map(|d| DocumentRecord {
                title: &d.title,
                date: d.date.map(iso),
                file: match &d.source {
                    DocumentSource::File(p) => Some(paths::document(p)),
                    DocumentSource::Url(_) => None,
                },
                url: match &d.source {
                    DocumentSource::File(_) => None,
                    DocumentSource::Url(u) => Some(u),
                },
            })
            .collect(),
        summary: &body.summary,
        body: common.body(&site.sources),
        changes: changes(model, kind, i),
        extra: ExtraRecord(
            site.config
                .fields
                .of(kind.name())
                .extra
                .iter()
                .map(|f| {
                    let value = common.extra.iter().find(|e| e.key == f.key);
                    (f.key.as_str(), value.map(|e| &e.value))
                })
                .collect(),
        ),
    }
}

pub(super) fn policy<'a>(model: &Model<'a>, ix: PolicyIx) -> PolicyRecord<'a> {
    let c = &model.site.corpus;
    let g = &model.site.graph;
    let p = &c.policies[ix.get()];
    let l = &g.policies[ix.get()];
    let ids = |list: &[PolicyIx]| list.iter().map(|x| c.policies[x.get()].id.0).collect();
    PolicyRecord {
        kind: Kind::Policy,
        id: p.id.0,
        title: &p.common.title,
        administration: p.administration.as_ref().map(Term::as_str),
        announced: iso(p.announced),
        effective: p.effective.map(iso),
        status: names(&p.status),
        action: p.action.as_ref().map(Term::as_str),
        subjects: names(&p.subjects),
        agencies: names(&p.agencies),
        current_status: p.current_status.as_ref().map(Term::as_str),
        identifiers: p
            .identifiers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect(),
        supersedes: ids(&l.supersedes),
        superseded_by: ids(&l.superseded_by),
        implements: ids(&l.implements),
        derivatives: ids(&l.derivatives),
        court_actions: l
            .court_actions
            .iter()
            .map(|x| c.court_actions[x.get()].id.0)
            .collect(),
        commentary: l
            .commentary
            .iter()
            .map(|x| c.commentary[x.get()].id.0)
            .collect(),
        cases: l
            .cases
            .iter()
            .map(|x| g.cases[x.get()].slug.as_str())
            .collect(),
        in_force: in_force(model, ix),
        relations: super::relations::of(model, Kind::Policy, ix.get()),
        fields: entry_fields(
            model,
            (Kind::Policy, ix.get()),
            p.id.0,
            &p.common,
            &p.documents,
            &model.bodies.policies[ix.get()],
        ),
    }
}

pub(super) fn court_action<'a>(model: &Model<'a>, ix: CourtActionIx) -> CourtActionRecord<'a> {
    let c = &model.site.corpus;
    let g = &model.site.graph;
    let a = &c.court_actions[ix.get()];
    let l = &g.court_actions[ix.get()];
    CourtActionRecord {
        kind: Kind::CourtAction,
        id: a.id.0,
        title: &a.common.title,
        date: iso(a.date),
        case: &a.case.value,
        docket: &a.docket,
        court: a.court.as_str(),
        filing: a.filing.as_ref().map(Term::as_str),
        challenges: l
            .challenges
            .iter()
            .map(|x| c.policies[x.get()].id.0)
            .collect(),
        case_id: &g.cases[l.case.get()].slug,
        url: a.url.as_deref(),
        relations: super::relations::of(model, Kind::CourtAction, ix.get()),
        fields: entry_fields(
            model,
            (Kind::CourtAction, ix.get()),
            a.id.0,
            &a.common,
            &a.documents,
            &model.bodies.court_actions[ix.get()],
        ),
    }
}

pub(super) fn commentary<'a>(model: &Model<'a>, ix: CommentaryIx) -> CommentaryRecord<'a> {
    let c = &model.site.corpus;
    let m = &c.commentary[ix.get()];
    CommentaryRecord {
        kind: Kind::Commentary,
        id: m.id.0,
        title: &m.common.title,
        date: iso(m.date),
        source: m.source.as_deref(),
        url: m.url.as_deref(),
        about: model.site.graph.commentary[ix.get()]
            .about
            .iter()
            .map(|x| c.policies[x.get()].id.0)
            .collect(),
        relations: super::relations::of(model, Kind::Commentary, ix.get()),
        fields: entry_fields(
            model,
            (Kind::Commentary, ix.get()),
            m.id.0,
            &m.common,
            &m.documents,
            &model.bodies.commentary[ix.get()],
        ),
    }
}

pub(super) fn case<'a>(model: &Model<'a>, ix: CaseIx) -> CaseRecord<'a> {
    let c = &model.site.corpus;
    let case = &model.site.graph.cases[ix.get()];
    let page = paths::case(case);
    let slug = |ix: &CaseIx| model.site.graph.cases[ix.get()].slug.as_str();
    let file = case.file.map(|f| (&c.cases[f], &model.case_bodies[f]));
    let sources = &model.site.sources;
    CaseRecord {
        id: &case.slug,
        name: &case.name,
        court: case.court.as_str(),
        docket: &case.docket,
        page_url: model
            .site
            .config
            .base_url
            .as_deref()
            .map(|b| absolute(b, &page)),
        page,
        filings: case
            .filings
            .iter()
            .map(|f| c.court_actions[f.get()].id.0)
            .collect(),
        policies: case
            .policies
            .iter()
            .map(|p| c.policies[p.get()].id.0)
            .collect(),
        first_date: case.first.map(iso),
        latest_date: case.latest.map(iso),
        status: case.status.as_ref().map(Term::as_str),
        url: case.url.as_deref(),
        appeal_of: case.appeal_of.as_ref().map(slug),
        appeals: case.appeals.iter().map(slug).collect(),
        consolidated_with: case.consolidated.iter().map(slug).collect(),
        challenges: case
            .challenged
            .iter()
            .map(|item| {
                let (title, url) = match &item.target {
                    LinkTarget::Outside { title, url } => (Some(title.as_str()), url.as_deref()),
                    _ => (None, None),
                };
                ChallengeRecord {
                    policy: item.target.entry_of().map(|(k, i)| c.entry(k, i).id),
                    title,
                    url,
                    note: item.note.as_deref(),
                }
            })
            .collect(),
        source_file: file.map(|(f, _)| sources.get(f.file).name.as_str()),
        updated: file.and_then(|(f, _)| f.updated).map(iso),
        summary: file.map(|(_, body)| body.summary.as_str()),
        body: file.map(|(f, _)| &sources.get(f.file).text[f.body_start..]),
        extra: ExtraRecord(
            model
                .site
                .config
                .fields
                .of("case")
                .extra
                .iter()
                .map(|field| {
                    let value = file.and_then(|(f, _)| f.extra.iter().find(|e| e.key == field.key));
                    (field.key.as_str(), value.map(|e| &e.value))
                })
                .collect(),
        ),
    }
}

/// The `i`th entry of `kind` as its own JSON file, with its id.
pub(super) fn entry_json(model: &Model<'_>, kind: Kind, i: usize) -> (Id, Vec<u8>) {
    let json = match kind {
        Kind::Policy => serde_json::to_vec_pretty(&policy(model, PolicyIx(i as u32))),
        Kind::CourtAction => {
            serde_json::to_vec_pretty(&court_action(model, CourtActionIx(i as u32)))
        }
        Kind::Commentary => serde_json::to_vec_pretty(&commentary(model, CommentaryIx(i as u32))),
    };
    let bytes = json
        .map(|mut b| {
            b.push(b'\n');
            b
        })
        .unwrap_or_default();
    (model.site.corpus.entry(kind, i).id, bytes)
}
