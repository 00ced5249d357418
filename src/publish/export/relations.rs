//! The relations a site declares (`[relations]`), in the exports: in the
//! JSON each entry of a kind a relation joins has `relations`, an object
//! with a member per such relation in declaration order, holding what the
//! entry names and what names it; in the CSV two columns per relation. A
//! site that declares none exports exactly what it did before.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::config::Relation;
use crate::content::{Id, Kind};
use crate::graph::{LinkTarget, Linked};
use crate::site::Model;

/// One item: an entry by its id, or what is not an entry by its name.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum ItemRecord<'a> {
    Entry {
        id: Id,
        note: Option<&'a str>,
    },
    Outside {
        title: &'a str,
        url: Option<&'a str>,
        note: Option<&'a str>,
    },
}

#[derive(Serialize)]
pub(super) struct RelationRecord<'a> {
    /// What the policy names, in the order its file writes them.
    pub(super) names: Vec<ItemRecord<'a>>,
    /// The policies that name it, by date.
    pub(super) named_by: Vec<ItemRecord<'a>>,
}

/// Every declared relation of a policy, by key, in declaration order.
#[derive(Default)]
pub(super) struct RelationsRecord<'a>(pub(super) Vec<(&'a str, RelationRecord<'a>)>);

impl RelationsRecord<'_> {
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for RelationsRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (key, record) in &self.0 {
            map.serialize_entry(key, record)?;
        }
        map.end()
    }
}

/// The declared relations of the `i`th entry of `kind`: every one the
/// site declares that entries of its kind write or name.
pub(super) fn of<'a>(model: &Model<'a>, kind: Kind, i: usize) -> RelationsRecord<'a> {
    let site = model.site;
    let links = site.graph.related(kind, i);
    let entry = |kind: Kind, i: usize, l: &'a Linked| ItemRecord::Entry {
        id: site.corpus.entry(kind, i).id,
        note: l.note.as_deref(),
    };
    let item = |l: &'a Linked| match &l.target {
        LinkTarget::Policy(p) => entry(Kind::Policy, p.get(), l),
        LinkTarget::CourtAction(c) => entry(Kind::CourtAction, c.get(), l),
        LinkTarget::Commentary(c) => entry(Kind::Commentary, c.get(), l),
        LinkTarget::Outside { title, url } => ItemRecord::Outside {
            title,
            url: url.as_deref(),
            note: l.note.as_deref(),
        },
    };
    RelationsRecord(
        site.config
            .relations
            .list
            .iter()
            .zip(links)
            .filter(|(rel, _)| joins(rel, kind))
            .map(|(rel, l)| {
                (
                    rel.key.as_str(),
                    RelationRecord {
                        names: l.names.iter().map(item).collect(),
                        named_by: l.named_by.iter().map(item).collect(),
                    },
                )
            })
            .collect(),
    )
}

/// Whether entries of `kind` write `rel` or are named by it.
pub(super) fn joins(rel: &Relation, kind: Kind) -> bool {
    rel.from == kind.name() || rel.to == kind.name()
}

/// The names of the CSV columns of the relations: `revokes` and
/// `revokes_named_by` for each.
pub(super) fn column_names(keys: impl Iterator<Item = String>) -> Vec<String> {
    keys.flat_map(|k| [k.clone(), format!("{k}_named_by")])
        .collect()
}

/// The cells of a policy's relations, two per relation: each item's id,
/// or its name when it is not an entry, with its note in parentheses.
pub(super) fn cells(record: &RelationsRecord<'_>, separator: &str) -> Vec<String> {
    let cell = |items: &[ItemRecord<'_>]| {
        items
            .iter()
            .map(|i| {
                let (what, note) = match i {
                    ItemRecord::Entry { id, note } => (id.to_string(), note),
                    ItemRecord::Outside { title, note, .. } => (title.to_string(), note),
                };
                match note {
                    Some(n) => format!("{what} ({n})"),
                    None => what,
                }
            })
            .collect::<Vec<_>>()
            .join(separator)
    };
    record
        .0
        .iter()
        .flat_map(|(_, r)| [cell(&r.names), cell(&r.named_by)])
        .collect()
}
