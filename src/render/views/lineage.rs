//! The view of a lineage's page: every policy joined to its root by
//! supersession, oldest first, with the picture of all of it.

use serde::Serialize;

use super::{DateView, EntryLink};
use crate::content::{Id, Kind};
use crate::graph::PolicyIx;
use crate::render::charts;
use crate::site::paths::{self, root_of};
use crate::site::Model;

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

impl<'s> Model<'s> {
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
}
