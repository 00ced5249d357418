//! A lineage on a page of its own: every policy of it, a generation to a
//! row (wrapped when wide), oldest first, with an arrow for every
//! supersession and every declared relation with `lineage = true`. Drawn once for the whole lineage, so a chain of 20,000
//! policies costs one page linear in its size, not a picture of 20,000 on
//! each of 20,000 pages.

use std::collections::HashSet;

use super::layout::{Block, Drawing, Line, Slot};
use crate::graph::lineage::Lineage;
use crate::graph::LinkTarget;
use crate::site::dates::DateView;
use crate::site::Model;

/// The most boxes in a row: wider than a policy's own picture, since the
/// page has nothing beside it.
const COLUMNS: usize = 4;

/// The relations that join the policies of a lineage.
pub struct Joined<'a> {
    /// Whether one of them supersedes another.
    pub supersession: bool,
    /// What the site calls `supersedes`, when it renamed it and one
    /// policy here supersedes another.
    pub renamed: Option<&'a str>,
    /// The labels of the declared relations (`lineage = true`) by which one
    /// names another, in the order `docket.toml` declares them.
    pub declared: Vec<&'a str>,
}

impl<'a> Joined<'a> {
    pub fn of(model: &Model<'a>, lineage: &Lineage) -> Joined<'a> {
        let site = model.site;
        let graph = &site.graph;
        let relations = &site.config.relations;
        let supersession = lineage
            .members
            .iter()
            .any(|p| !graph.policies[p.get()].supersedes.is_empty());
        let declared = relations
            .lineage()
            .filter(|&r| {
                lineage.members.iter().any(|p| {
                    graph.policies[p.get()].related.get(r).is_some_and(|l| {
                        l.names
                            .iter()
                            .any(|n| matches!(n.target, LinkTarget::Policy(_)))
                    })
                })
            })
            .map(|r| relations.list[r].label.as_str())
            .collect();
        let s = &relations.builtins.supersedes;
        Joined {
            supersession,
            renamed: (supersession && s.renamed).then_some(s.label.as_str()),
            declared,
        }
    }

    /// What links them, as a sentence says it: `supersession`,
    /// `supersession and by “Revokes”`, `“Revokes”`.
    pub fn phrase(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(renamed) = &self.renamed {
            parts.push(format!("“{renamed}”"));
        } else if self.supersession {
            parts.push("supersession".into());
        }
        parts.extend(self.declared.iter().map(|l| format!("“{l}”")));
        match parts.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{} and by {last}", rest.join(", by "))
            }
            _ => parts.concat(),
        }
    }
}

/// The picture of `lineage` on its page (`root` leads to the site root).
pub fn lineage_page(model: &Model<'_>, lineage: &Lineage, root: &str) -> String {
    let graph = &model.site.graph;
    let policies = &model.site.corpus.policies;
    let generations = lineage.generations(graph);
    let lineage_relations: Vec<usize> = model.site.config.relations.lineage().collect();
    let mut edges = Vec::new();
    // One arrow for two policies, supersession first, as on a policy's own
    // picture.
    let mut drawn = HashSet::new();
    for &p in &lineage.members {
        let links = &graph.policies[p.get()];
        drawn.clear();
        for &q in &links.supersedes {
            if drawn.insert(q) {
                edges.push((q, p, Line::Supersedes));
            }
        }
        for &r in &lineage_relations {
            for n in links.related.get(r).map_or(&[][..], |l| &l.names[..]) {
                if let LinkTarget::Policy(q) = n.target {
                    if drawn.insert(q) {
                        edges.push((q, p, Line::Declared(r)));
                    }
                }
            }
        }
    }
    let date = |i: usize| {
        lineage
            .members
            .get(i)
            .map(|p| DateView::new(policies[p.get()].announced).display)
            .unwrap_or_default()
    };
    let joined = Joined::of(model, lineage);
    let s = &model.site.config.relations.builtins.supersedes;
    let solid = if s.renamed {
        format!("from a policy to one that names it by {}", s.label)
    } else {
        "from a policy to one that supersedes it".into()
    };
    let dotted = format!(
        "from a policy to one that names it by {} (the arrow's title says which)",
        joined.declared.join(" or ")
    );
    let arrows = match (joined.declared.is_empty(), joined.supersession) {
        (true, _) => format!("each arrow goes {solid}"),
        (false, true) => format!("each solid arrow goes {solid}, each dotted one {dotted}"),
        (false, false) => format!("each dotted arrow goes {dotted}"),
    };
    let desc = format!(
        "{} policies linked by {}, from {} to {}, in {} generations, oldest first; {arrows}. The same policies are listed below as links.",
        lineage.members.len(),
        joined.phrase(),
        date(0),
        date(lineage.members.len().saturating_sub(1)),
        generations.len(),
    );
    let blocks: Vec<Block> = generations
        .into_iter()
        .map(|g| Block {
            heading: None,
            slots: g.into_iter().map(Slot::Node).collect(),
        })
        .collect();
    let drawing = Drawing {
        model,
        id: "lineage",
        title: format!("Lineage of {}", policies[lineage.root.get()].common.title),
        desc,
        columns: COLUMNS,
        current: None,
        root,
    };
    drawing.draw(&blocks, &edges)
}
