//! Where a policy stands, as the box at the top of its page says it: in
//! force or not (from its periods in force, [`crate::graph::force`]), its
//! statuses in their tones, what superseded it and when, and its
//! litigation in a line.

use serde::Serialize;

use super::views::{DateValue, EntryLink, TermLink};
use crate::config::Vocab;
use crate::content::Kind;
use crate::graph::{CourtActionIx, PolicyIx};
use crate::site::paths;
use crate::site::Model;

/// The box at the top of a policy's page.
#[derive(Serialize)]
pub struct StandingView<'a> {
    /// `in-force`, `ended`, `pending` (not in force yet) or `never`
    /// (superseded before it took force): also the box's tone.
    pub state: &'static str,
    /// The state in words: "In force", "No longer in force", …
    pub label: &'static str,
    /// The day its present state began, when known: the day it took force,
    /// the day its force ended, or the day it will take force.
    pub since: Option<DateValue<'a>>,
    pub current_status: Option<TermLink<'a>>,
    pub status: Vec<TermLink<'a>>,
    /// The policies that supersede it, each with the day it took force.
    pub superseded_by: Vec<Superseding<'a>>,
    /// The policies that end its force by a relation the site declares
    /// (revoked by), each with the relation's inverse and the day it took
    /// force.
    pub ended_by: Vec<Ending<'a>>,
    /// Its court actions in a line, when it has any.
    pub litigation: Option<Litigation<'a>>,
}

/// A policy that ends another's force by a declared relation.
#[derive(Serialize)]
pub struct Ending<'a> {
    /// The relation's inverse: "Revoked by".
    pub label: &'a str,
    #[serde(flatten)]
    pub superseding: Superseding<'a>,
}

/// A policy that supersedes another, and since when.
#[derive(Serialize)]
pub struct Superseding<'a> {
    #[serde(flatten)]
    pub link: EntryLink<'a>,
    /// The day it took force (its effective date, or the day it was
    /// announced).
    pub from: DateValue<'a>,
}

/// A policy's litigation in a line.
#[derive(Serialize)]
pub struct Litigation<'a> {
    /// The cases that challenge it, by a court action or a case file.
    pub cases: usize,
    /// Its court actions.
    pub filings: usize,
    /// The most recent of them; none when only case files challenge it.
    pub latest: Option<LatestFiling<'a>>,
}

/// The most recent court action about a policy.
#[derive(Serialize)]
pub struct LatestFiling<'a> {
    pub title: &'a str,
    pub url: String,
    pub date: DateValue<'a>,
    pub filing: Option<TermLink<'a>>,
    pub case_name: &'a str,
    pub case_url: String,
}

impl<'s> Model<'s> {
    /// Where policy `ix` stands, as of the data's date.
    pub fn standing_view(&self, ix: PolicyIx) -> StandingView<'s> {
        let row = self.policy_row(ix);
        let (state, label, since) = self.state(ix);
        StandingView {
            state,
            label,
            since,
            current_status: row.current_status,
            status: row.status,
            superseded_by: self.site.graph.policies[ix.get()]
                .superseded_by
                .iter()
                .map(|&s| {
                    let q = &self.site.corpus.policies[s.get()];
                    Superseding {
                        link: self.policy_link(s),
                        from: self.date(q.effective.unwrap_or(q.announced)),
                    }
                })
                .collect(),
            ended_by: self.site.graph.policies[ix.get()]
                .ended_by
                .iter()
                .filter_map(|&(s, r)| {
                    let q = &self.site.corpus.policies[s.get()];
                    Some(Ending {
                        label: &self.site.config.relations.list.get(r)?.inverse,
                        superseding: Superseding {
                            link: self.policy_link(s),
                            from: self.date(q.effective.unwrap_or(q.announced)),
                        },
                    })
                })
                .collect(),
            litigation: self.litigation(ix),
        }
    }

    /// Its state from its last period in force: open (in force, or not
    /// yet when it starts after the data's date), closed (ended), or none.
    pub(super) fn state(
        &self,
        ix: PolicyIx,
    ) -> (&'static str, &'static str, Option<DateValue<'s>>) {
        let periods = self
            .time
            .force
            .get(ix.get())
            .map_or(&[][..], |f| f.periods.as_slice());
        let Some(last) = periods.last() else {
            let policy = &self.site.corpus.policies[ix.get()];
            let rules = crate::graph::force::Rules::of(&self.site.config.force);
            return match crate::graph::force::start(policy, &rules) {
                None => ("pending", "Not in force yet", None),
                Some(_) => ("never", "Never in force", None),
            };
        };
        match &last.end {
            None if last.from > self.site.date() => {
                ("pending", "Not in force yet", Some(self.date(last.from)))
            }
            None => ("in-force", "In force", Some(self.date(last.from))),
            Some(end) => {
                let on = match end.when {
                    crate::graph::force::When::On(day) => Some(self.date(day)),
                    crate::graph::force::When::NotRecorded { .. } => None,
                };
                ("ended", "No longer in force", on)
            }
        }
    }

    /// Its cases and court actions: how many, and the latest filing.
    fn litigation(&self, ix: PolicyIx) -> Option<Litigation<'s>> {
        let links = &self.site.graph.policies[ix.get()];
        if links.cases.is_empty() {
            return None;
        }
        let corpus = &self.site.corpus;
        let latest = links.court_actions.iter().max_by_key(|c| {
            let a = &corpus.court_actions[c.get()];
            (a.date, a.id)
        });
        Some(Litigation {
            cases: links.cases.len(),
            filings: links.court_actions.len(),
            latest: latest.map(|&latest| self.latest_filing(latest)),
        })
    }

    fn latest_filing(&self, latest: CourtActionIx) -> LatestFiling<'s> {
        let a = &self.site.corpus.court_actions[latest.get()];
        let case = &self.site.graph.cases[self.site.graph.court_actions[latest.get()].case.get()];
        LatestFiling {
            title: &a.common.title,
            url: paths::entry(Kind::CourtAction, a.id.0),
            date: self.date(a.date),
            filing: a
                .filing
                .as_ref()
                .map(|t| self.term(Vocab::Filings, t.as_str())),
            case_name: &case.name,
            case_url: paths::case(case),
        }
    }
}
