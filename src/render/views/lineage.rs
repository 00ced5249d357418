//! The view of a lineage's page: every policy joined to its root by
//! supersession or a declared relation with `lineage = true`, oldest
//! first, with the picture of all of it.

use serde::Serialize;

use super::{DateView, EntryLink};
use crate::content::{Id, Kind};
use crate::graph::{LinkTarget, PolicyIx};
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
    /// What links its policies: `supersession`, `supersession and by
    /// “Revokes”`.
    pub linked_by: String,
    /// Its policies, oldest first.
    pub policies: Vec<LineageEntry<'a>>,
    /// All of it as an SVG picture (escaped, links relative to its page).
    pub picture: String,
}

/// A policy of a lineage, with those it supersedes and those it names by
/// a declared relation with `lineage = true`.
#[derive(Serialize)]
pub struct LineageEntry<'a> {
    #[serde(flatten)]
    pub link: EntryLink<'a>,
    pub supersedes: Vec<EntryRef>,
    /// Each declared lineage relation by which it names policies, in the
    /// order `docket.toml` declares them; only those with a policy.
    pub names: Vec<NamedBy<'a>>,
}

/// The policies one policy names by one relation.
#[derive(Serialize)]
pub struct NamedBy<'a> {
    /// The relation's label, `Revokes`.
    pub label: &'a str,
    pub policies: Vec<EntryRef>,
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
            linked_by: charts::Joined::of(self, lineage).phrase(),
            policies: lineage
                .members
                .iter()
                .map(|&p| LineageEntry {
                    link: self.policy_link(p),
                    supersedes: graph.policies[p.get()]
                        .supersedes
                        .iter()
                        .map(|&q| self.entry_ref(q))
                        .collect(),
                    names: self.lineage_names(p),
                })
                .collect(),
            picture: charts::lineage_page(self, lineage, &root_of(&url)),
            url,
        })
    }

    fn entry_ref(&self, p: PolicyIx) -> EntryRef {
        let id = self.site.corpus.policies[p.get()].id.0;
        EntryRef {
            id,
            url: paths::entry(Kind::Policy, id),
        }
    }

    /// The policies `p` names by each declared lineage relation.
    fn lineage_names(&self, p: PolicyIx) -> Vec<NamedBy<'s>> {
        let relations = &self.site.config.relations;
        let related = &self.site.graph.policies[p.get()].related;
        relations
            .lineage()
            .filter_map(|r| {
                let policies: Vec<EntryRef> = related
                    .get(r)?
                    .names
                    .iter()
                    .filter_map(|n| match n.target {
                        LinkTarget::Policy(q) => Some(self.entry_ref(q)),
                        _ => None,
                    })
                    .collect();
                (!policies.is_empty()).then(|| NamedBy {
                    label: relations.list[r].label.as_str(),
                    policies,
                })
            })
            .collect()
    }
}
