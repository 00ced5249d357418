//! The relations a site declares (`[relations]`), as an entry's page shows
//! them: one list per relation and direction that has items ("Revokes",
//! "Revoked by"), each item a link to a policy or the name of something
//! outside the site, with its note.

use serde::Serialize;

use crate::content::Kind;
use crate::graph::{LinkTarget, Linked};
use crate::site::Model;

use super::views::EntryLink;

/// One relation in one direction, with its items.
#[derive(Serialize)]
pub struct RelatedView<'a> {
    /// `Revokes`, or the inverse's `Revoked by`.
    pub label: &'a str,
    /// The relation's key in `docket.toml`, for styling and scripts.
    pub key: &'a str,
    /// Whether this is the inverse direction.
    pub inverse: bool,
    pub items: Vec<RelatedItem<'a>>,
}

#[derive(Serialize)]
pub struct RelatedItem<'a> {
    /// The policy named, when it is an entry of the site.
    pub entry: Option<EntryLink<'a>>,
    /// What is not an entry: its name, and its address if given.
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
    pub note: Option<&'a str>,
}

impl<'s> Model<'s> {
    /// The declared relations of the `i`th entry of `kind`, in declaration
    /// order, each direction that has items.
    pub fn related(&self, kind: Kind, i: usize) -> Vec<RelatedView<'s>> {
        let relations = &self.site.config.relations.list;
        let links = self.site.graph.related(kind, i);
        let mut out = Vec::new();
        for (rel, l) in relations.iter().zip(links) {
            // A relation that reads the same both ways ("Companion bill"
            // both ways) is one list: what this entry names, then the
            // entries that name it and are not named already.
            if rel.label == rel.inverse {
                let named: Vec<_> = l.names.iter().filter_map(|n| n.target.entry_of()).collect();
                let items: Vec<_> = l
                    .names
                    .iter()
                    .chain(
                        l.named_by
                            .iter()
                            .filter(|n| n.target.entry_of().is_none_or(|e| !named.contains(&e))),
                    )
                    .map(|item| self.related_item(item))
                    .collect();
                if !items.is_empty() {
                    out.push(RelatedView {
                        label: &rel.label,
                        key: &rel.key,
                        inverse: false,
                        items,
                    });
                }
                continue;
            }
            for (inverse, list) in [(false, &l.names), (true, &l.named_by)] {
                if list.is_empty() {
                    continue;
                }
                out.push(RelatedView {
                    label: if inverse { &rel.inverse } else { &rel.label },
                    key: &rel.key,
                    inverse,
                    items: list.iter().map(|item| self.related_item(item)).collect(),
                });
            }
        }
        out
    }

    pub fn related_item(&self, item: &'s Linked) -> RelatedItem<'s> {
        let note = item.note.as_deref();
        match (&item.target, item.target.entry_of()) {
            (LinkTarget::Outside { title, url }, _) => RelatedItem {
                entry: None,
                title: Some(title),
                url: url.as_deref(),
                note,
            },
            (_, entry) => RelatedItem {
                entry: entry.map(|(kind, i)| self.entry_link(kind, i)),
                title: None,
                url: None,
                note,
            },
        }
    }
}
