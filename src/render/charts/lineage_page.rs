//! A lineage on a page of its own: every policy of it, a generation to a
//! row (wrapped when wide), oldest first, with an arrow for every
//! supersession. Drawn once for the whole lineage, so a chain of 20,000
//! policies costs one page linear in its size, not a picture of 20,000 on
//! each of 20,000 pages.

use super::layout::{Block, Drawing, Slot};
use crate::graph::lineage::Lineage;
use crate::site::dates::DateView;
use crate::site::Model;

/// The most boxes in a row: wider than a policy's own picture, since the
/// page has nothing beside it.
const COLUMNS: usize = 4;

/// The picture of `lineage` on its page (`root` leads to the site root).
pub fn lineage_page(model: &Model<'_>, lineage: &Lineage, root: &str) -> String {
    let graph = &model.site.graph;
    let policies = &model.site.corpus.policies;
    let generations = lineage.generations(graph);
    let mut edges = Vec::new();
    for &p in &lineage.members {
        edges.extend(
            graph.policies[p.get()]
                .supersedes
                .iter()
                .map(|&q| (q, p, false)),
        );
    }
    let date = |i: usize| {
        lineage
            .members
            .get(i)
            .map(|p| DateView::new(policies[p.get()].announced).display)
            .unwrap_or_default()
    };
    let desc = format!(
        "{} policies linked by supersession, from {} to {}, in {} generations, oldest first; each arrow goes from a policy to one that supersedes it. The same policies are listed below as links.",
        lineage.members.len(),
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
