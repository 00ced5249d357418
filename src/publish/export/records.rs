//! The records of the export: what the JSON holds, field for field, made
//! of the model. The CSV files ([`super::csv`]) are made of the same
//! records, so the two never disagree. Relations are written as ids (cases
//! by their id, the name of their folder in the site).

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::FORMAT;

use crate::content::{Common, Document, DocumentSource, Kind, Term};
use crate::graph::{CaseIx, CommentaryIx, CourtActionIx, PolicyIx};
use crate::site::markdown::Rendered;
use crate::site::paths::{self, absolute};
use crate::site::Model;

// The records: what the JSON holds, field for field. The book's "Data
// downloads" chapter and data/docket.schema.json document every field, and
// a test checks the export against both.

#[derive(Serialize)]
pub(super) struct Database<'a> {
    pub(super) format: &'static str,
    pub(super) generator: &'static str,
    pub(super) site: SiteRecord<'a>,
    pub(super) vocabularies: BTreeMap<&'static str, Vec<&'a str>>,
    pub(super) policies: Vec<PolicyRecord<'a>>,
    pub(super) court_actions: Vec<CourtActionRecord<'a>>,
    pub(super) commentary: Vec<CommentaryRecord<'a>>,
    pub(super) cases: Vec<CaseRecord<'a>>,
}

#[derive(Serialize)]
pub(super) struct SiteRecord<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) language: &'a str,
    pub(super) base_url: Option<&'a str>,
    pub(super) date: String,
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
}

#[derive(Serialize)]
pub(super) struct PolicyRecord<'a> {
    pub(super) kind: Kind,
    pub(super) id: u32,
    pub(super) title: &'a str,
    pub(super) administration: &'a str,
    pub(super) announced: String,
    pub(super) effective: Option<String>,
    pub(super) status: Vec<&'a str>,
    pub(super) action: &'a str,
    pub(super) subjects: Vec<&'a str>,
    pub(super) agencies: Vec<&'a str>,
    pub(super) current_status: Option<&'a str>,
    pub(super) identifiers: BTreeMap<&'a str, &'a str>,
    pub(super) supersedes: Vec<u32>,
    pub(super) superseded_by: Vec<u32>,
    pub(super) implements: Vec<u32>,
    pub(super) derivatives: Vec<u32>,
    pub(super) court_actions: Vec<u32>,
    pub(super) commentary: Vec<u32>,
    pub(super) cases: Vec<&'a str>,
    #[serde(flatten)]
    pub(super) fields: EntryFields<'a>,
}

#[derive(Serialize)]
pub(super) struct CourtActionRecord<'a> {
    pub(super) kind: Kind,
    pub(super) id: u32,
    pub(super) title: &'a str,
    pub(super) date: String,
    pub(super) case: &'a str,
    pub(super) docket: &'a str,
    pub(super) court: &'a str,
    pub(super) filing: &'a str,
    pub(super) challenges: Vec<u32>,
    pub(super) case_id: &'a str,
    pub(super) url: Option<&'a str>,
    #[serde(flatten)]
    pub(super) fields: EntryFields<'a>,
}

#[derive(Serialize)]
pub(super) struct CommentaryRecord<'a> {
    pub(super) kind: Kind,
    pub(super) id: u32,
    pub(super) title: &'a str,
    pub(super) date: String,
    pub(super) source: &'a str,
    pub(super) url: Option<&'a str>,
    pub(super) about: Vec<u32>,
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
    pub(super) filings: Vec<u32>,
    pub(super) policies: Vec<u32>,
    pub(super) first_date: String,
    pub(super) latest_date: String,
}

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn names(terms: &[Term]) -> Vec<&str> {
    terms.iter().map(Term::as_str).collect()
}

pub(super) fn database<'a>(model: &Model<'a>) -> Database<'a> {
    let site = model.site;
    let c = &site.corpus;
    let vocabularies = model
        .terms
        .vocabs
        .iter()
        .map(|(v, vt)| (v.key(), vt.terms.iter().map(|(n, _)| n.as_str()).collect()))
        .collect();
    Database {
        format: FORMAT,
        generator: concat!("docket ", env!("CARGO_PKG_VERSION")),
        site: SiteRecord {
            title: &site.config.title,
            description: &site.config.description,
            language: &site.config.language,
            base_url: site.config.base_url.as_deref(),
            date: iso(site.date()),
        },
        vocabularies,
        policies: (0..c.policies.len() as u32)
            .into_par_iter()
            .map(|i| policy(model, PolicyIx(i)))
            .collect(),
        court_actions: (0..c.court_actions.len() as u32)
            .into_par_iter()
            .map(|i| court_action(model, CourtActionIx(i)))
            .collect(),
        commentary: (0..c.commentary.len() as u32)
            .into_par_iter()
            .map(|i| commentary(model, CommentaryIx(i)))
            .collect(),
        cases: (0..site.graph.cases.len() as u32)
            .map(|i| case(model, CaseIx(i)))
            .collect(),
    }
}

fn entry_fields<'a>(
    model: &Model<'a>,
    kind: Kind,
    id: u32,
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
    }
}

fn policy<'a>(model: &Model<'a>, ix: PolicyIx) -> PolicyRecord<'a> {
    let c = &model.site.corpus;
    let g = &model.site.graph;
    let p = &c.policies[ix.get()];
    let l = &g.policies[ix.get()];
    let ids = |list: &[PolicyIx]| list.iter().map(|x| c.policies[x.get()].id.0).collect();
    PolicyRecord {
        kind: Kind::Policy,
        id: p.id.0,
        title: &p.common.title,
        administration: p.administration.as_str(),
        announced: iso(p.announced),
        effective: p.effective.map(iso),
        status: names(&p.status),
        action: p.action.as_str(),
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
        fields: entry_fields(
            model,
            Kind::Policy,
            p.id.0,
            &p.common,
            &p.documents,
            &model.bodies.policies[ix.get()],
        ),
    }
}

fn court_action<'a>(model: &Model<'a>, ix: CourtActionIx) -> CourtActionRecord<'a> {
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
        filing: a.filing.as_str(),
        challenges: l
            .challenges
            .iter()
            .map(|x| c.policies[x.get()].id.0)
            .collect(),
        case_id: &g.cases[l.case.get()].slug,
        url: a.url.as_deref(),
        fields: entry_fields(
            model,
            Kind::CourtAction,
            a.id.0,
            &a.common,
            &a.documents,
            &model.bodies.court_actions[ix.get()],
        ),
    }
}

fn commentary<'a>(model: &Model<'a>, ix: CommentaryIx) -> CommentaryRecord<'a> {
    let c = &model.site.corpus;
    let m = &c.commentary[ix.get()];
    CommentaryRecord {
        kind: Kind::Commentary,
        id: m.id.0,
        title: &m.common.title,
        date: iso(m.date),
        source: &m.source,
        url: m.url.as_deref(),
        about: model.site.graph.commentary[ix.get()]
            .about
            .iter()
            .map(|x| c.policies[x.get()].id.0)
            .collect(),
        fields: entry_fields(
            model,
            Kind::Commentary,
            m.id.0,
            &m.common,
            &m.documents,
            &model.bodies.commentary[ix.get()],
        ),
    }
}

fn case<'a>(model: &Model<'a>, ix: CaseIx) -> CaseRecord<'a> {
    let c = &model.site.corpus;
    let case = &model.site.graph.cases[ix.get()];
    let page = paths::case(case);
    let dates: Vec<_> = case
        .filings
        .iter()
        .map(|f| c.court_actions[f.get()].date)
        .collect();
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
        first_date: dates.iter().min().map(|d| iso(*d)).unwrap_or_default(),
        latest_date: dates.iter().max().map(|d| iso(*d)).unwrap_or_default(),
    }
}

/// The `i`th entry of `kind` as its own JSON file, with its id.
pub(super) fn entry_json(model: &Model<'_>, kind: Kind, i: usize) -> (u32, Vec<u8>) {
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
