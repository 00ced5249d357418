//! A policy's lineage on its page: its neighbourhood among the policies
//! joined by `supersedes`, the declared relations with `lineage = true` and
//! `implements`, a generation to a layer, oldest at the top. The layer just
//! above the policy holds what it follows and implements, the one below
//! what follows it and derives from it, so that every relation of the
//! policy joins neighbouring layers; further layers follow the lineage
//! only. Every node but the policy itself is a
//! link to its page, and each policy is drawn at most once, in the layer
//! nearest to it.
//!
//! The picture is bounded, so that a page costs the same whatever the size
//! of the lineage around it: [`DEPTH`] generations each way, at most
//! [`PER_LAYER`] policies in a layer, and a box counting the others
//! ("+ 379 more"). Those of the nearest layers are listed below the
//! picture; the others, and everything beyond, are on the lineage's own
//! page ([`super::lineage_page()`]), where the whole of it is drawn once.

use std::collections::HashSet;
use std::fmt::Write;

use super::layout::{Block, Drawing, Line, More, Slot};
use crate::graph::{Graph, LinkTarget, PolicyIx};
use crate::site::{Html, Model};

/// Generations drawn each way.
pub const DEPTH: usize = 2;
/// Policies drawn in a layer; a box counts the others.
pub const PER_LAYER: usize = 6;
/// Relations read of one policy to find the next generation: a bound on the
/// work of a page when a drawn policy has thousands of them (the count of
/// those not drawn then reads "1000+ more").
const SCAN: usize = 1000;
/// Columns of nodes: two, so that on a narrow screen the first column
/// shows without scrolling.
const COLUMNS: usize = 2;

/// One generation of the picture: the policies drawn, and how many were not.
struct Layer {
    heading: Option<String>,
    shown: Vec<PolicyIx>,
    more: usize,
    /// Whether `more` counts them all (see [`SCAN`]).
    exact: bool,
}

impl Layer {
    fn new(heading: Option<String>, (mut all, exact): (Vec<PolicyIx>, bool)) -> Layer {
        let more = all.len().saturating_sub(PER_LAYER);
        all.truncate(PER_LAYER);
        Layer {
            heading,
            shown: all,
            more,
            exact,
        }
    }
}

/// The layers of a policy's neighbourhood, oldest first (`at` is the
/// policy's own), and whether the lineage goes on beyond the oldest and
/// the newest layer drawn.
struct Neighbourhood {
    layers: Vec<Layer>,
    at: usize,
    older_beyond: bool,
    newer_beyond: bool,
}

/// The relations of `ix` one generation back (`older`) or forward: the
/// policies it follows and implements, or those following it and derived
/// from it, not seen yet, in date order; and a heading naming them.
fn first_layer(
    model: &Model<'_>,
    ix: PolicyIx,
    older: bool,
    seen: &mut HashSet<PolicyIx>,
) -> Layer {
    let links = &model.site.graph.policies[ix.get()];
    let builtins = &model.site.config.relations.builtins;
    let (lineage, other) = if older {
        (&links.follows, &links.implements)
    } else {
        (&links.followed_by, &links.derivatives)
    };
    let mut all: Vec<PolicyIx> = lineage
        .iter()
        .copied()
        .filter(|p| seen.insert(*p))
        .collect();
    let in_lineage = !all.is_empty();
    let before = all.len();
    all.extend(other.iter().copied().filter(|p| seen.insert(*p)));
    let related = all.len() > before;
    all.sort_by_key(|p| key(model, *p));
    let mut parts: Vec<&str> = Vec::new();
    if in_lineage {
        let superseding = if older {
            &links.supersedes
        } else {
            &links.superseded_by
        };
        if !superseding.is_empty() {
            let s = &builtins.supersedes;
            parts.push(if older { &s.label } else { &s.inverse });
        }
        for r in model.site.config.relations.lineage() {
            let Some(rel) = links.related.get(r) else {
                continue;
            };
            let (list, label) = if older {
                (&rel.names, &model.site.config.relations.list[r].label)
            } else {
                (&rel.named_by, &model.site.config.relations.list[r].inverse)
            };
            if list
                .iter()
                .any(|l| matches!(l.target, LinkTarget::Policy(_)))
            {
                parts.push(label);
            }
        }
    }
    if related || !in_lineage {
        let i = &builtins.implements;
        parts.push(match (older, i.renamed) {
            (true, _) => &i.label,
            // "Derivative policies" heads a list; in this heading the
            // relation reads as what the policies are.
            (false, false) => "derived from it",
            (false, true) => &i.inverse,
        });
    }
    Layer::new(Some(heading(&parts)), (all, true))
}

/// A heading of relations, the first one capitalised: `Supersedes, and
/// implements`, `Superseded by, revoked by, and derived from it`.
fn heading(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        let mut chars = part.chars();
        let first = chars.next().unwrap_or(' ');
        // A label that starts with a capital word (`EO 14010`) keeps it.
        let word = chars.clone().next().is_some_and(char::is_uppercase);
        if i > 0 {
            out.push_str(if i + 1 == parts.len() { ", and " } else { ", " });
        }
        match (i, word) {
            (0, _) => out.extend(first.to_uppercase()),
            (_, false) => out.extend(first.to_lowercase()),
            (_, true) => out.push(first),
        }
        out.push_str(chars.as_str());
    }
    out
}

/// A policy's place in date order: how relation lists are sorted.
fn key(model: &Model<'_>, p: PolicyIx) -> (crate::content::Date, crate::content::PolicyId) {
    let p = &model.site.corpus.policies[p.get()];
    (p.announced, p.id)
}

fn neighbourhood(model: &Model<'_>, ix: PolicyIx) -> Neighbourhood {
    let graph = &model.site.graph;
    let links = &graph.policies[ix.get()];
    let mut seen = HashSet::from([ix]);
    let mut older = vec![first_layer(model, ix, true, &mut seen)];
    let mut newer = vec![first_layer(model, ix, false, &mut seen)];
    // Further generations follow the lineage from the policies drawn: in
    // the first layers, those in the lineage.
    let mut from_older: Vec<PolicyIx> = older[0]
        .shown
        .iter()
        .copied()
        .filter(|&p| holds(model, &links.follows, p))
        .collect();
    let mut from_newer: Vec<PolicyIx> = newer[0]
        .shown
        .iter()
        .copied()
        .filter(|&p| holds(model, &links.followed_by, p))
        .collect();
    for _ in 1..DEPTH {
        let o = Layer::new(
            Some("Earlier in the lineage".into()),
            next(model, &from_older, true, &mut seen),
        );
        let n = Layer::new(
            Some("Later in the lineage".into()),
            next(model, &from_newer, false, &mut seen),
        );
        from_older.clone_from(&o.shown);
        from_newer.clone_from(&n.shown);
        older.push(o);
        newer.push(n);
    }
    let beyond = |from: &[PolicyIx], older: bool| {
        from.iter().any(|&p| {
            step(graph, p, older)
                .iter()
                .take(SCAN)
                .any(|q| !seen.contains(q))
        })
    };
    let older_beyond = beyond(&from_older, true);
    let newer_beyond = beyond(&from_newer, false);
    let mut layers: Vec<Layer> = older.into_iter().rev().collect();
    let at = layers.len();
    layers.push(Layer::new(None, (vec![ix], true)));
    layers.extend(newer);
    Neighbourhood {
        layers,
        at,
        older_beyond,
        newer_beyond,
    }
}

/// The policies one step of the lineage back (`older`) or forward from `p`.
fn step(graph: &Graph, p: PolicyIx, older: bool) -> &[PolicyIx] {
    let links = &graph.policies[p.get()];
    if older {
        &links.follows
    } else {
        &links.followed_by
    }
}

/// The next generation after the policies `from`, back (`older`) or
/// forward: those not seen yet, in date order, and whether all relations
/// were read.
fn next(
    model: &Model<'_>,
    from: &[PolicyIx],
    older: bool,
    seen: &mut HashSet<PolicyIx>,
) -> (Vec<PolicyIx>, bool) {
    let mut found = Vec::new();
    let mut exact = true;
    for &p in from {
        let list = step(&model.site.graph, p, older);
        exact &= list.len() <= SCAN;
        found.extend(list.iter().take(SCAN).copied().filter(|q| seen.insert(*q)));
    }
    found.sort_by_key(|p| key(model, *p));
    (found, exact)
}

/// Whether `a` is in `list`, a relation list sorted by date, then id:
/// found without reading a list of thousands.
fn holds(model: &Model<'_>, list: &[PolicyIx], a: PolicyIx) -> bool {
    list.binary_search_by_key(&key(model, a), |p| key(model, *p))
        .is_ok()
}

/// The lineage of policy `ix` on its page (`root` leads to the site root,
/// `whole` is the site path of the lineage's page when there is one);
/// `None` when it has no relation to draw, and a space for a picture not
/// drawn ([`Html::Skip`]).
pub fn lineage(
    model: &Model<'_>,
    ix: PolicyIx,
    root: &str,
    whole: Option<&str>,
    html: Html,
) -> Option<String> {
    let hood = neighbourhood(model, ix);
    if hood
        .layers
        .iter()
        .all(|l| l.shown == [ix] || l.shown.is_empty())
    {
        return None;
    }
    if html == Html::Skip {
        return Some(" ".into());
    }
    let link = whole.map(|w| [root, w].concat());
    let beyond = |label: &str| Block {
        heading: None,
        slots: vec![Slot::More(More {
            label: label.into(),
            note: "in the whole lineage",
            href: link.clone(),
        })],
    };
    let mut blocks = Vec::new();
    if hood.older_beyond && link.is_some() {
        blocks.push(beyond("Earlier policies"));
    }
    for (i, layer) in hood.layers.iter().enumerate() {
        if layer.shown.is_empty() {
            continue;
        }
        let mut slots: Vec<Slot> = layer.shown.iter().map(|&p| Slot::Node(p)).collect();
        if layer.more > 0 {
            // The nearest layers hold the policy's own relations, all of
            // them listed below; the others are on the lineage's page.
            let (note, href) = match &link {
                _ if i.abs_diff(hood.at) == 1 => ("listed below", None),
                Some(l) => ("in the whole lineage", Some(l.clone())),
                None => ("not drawn", None),
            };
            slots.push(Slot::More(More {
                label: format!(
                    "+ {}{} more",
                    layer.more,
                    if layer.exact { "" } else { "+" }
                ),
                note,
                href,
            }));
        }
        blocks.push(Block {
            heading: layer.heading.clone(),
            slots,
        });
    }
    if hood.newer_beyond && link.is_some() {
        blocks.push(beyond("Later policies"));
    }
    // Every relation between two policies drawn, older to newer, each pair
    // looked up in the sorted lists: a policy with thousands of relations
    // costs no more than one with a few.
    let drawn: Vec<PolicyIx> = hood
        .layers
        .iter()
        .flat_map(|l| l.shown.iter().copied())
        .collect();
    let mut edges = Vec::new();
    for &a in &drawn {
        for &b in drawn.iter().filter(|&&b| b != a) {
            if let Some(line) = line(model, a, b) {
                edges.push((a, b, line));
            }
        }
    }
    let desc = describe(model, ix, whole.is_some());
    let drawing = Drawing {
        model,
        id: "lineage",
        title: [
            "Lineage of ",
            &model.site.corpus.policies[ix.get()].common.title,
        ]
        .concat(),
        desc,
        columns: COLUMNS,
        current: Some(ix),
        root,
    };
    Some(drawing.draw(&blocks, &edges))
}

/// The relation an arrow from `older` to `newer` stands for, if any:
/// supersession before a declared relation, when both are written.
fn line(model: &Model<'_>, older: PolicyIx, newer: PolicyIx) -> Option<Line> {
    let l = &model.site.graph.policies[newer.get()];
    if !holds(model, &l.follows, older) {
        return holds(model, &l.implements, older).then_some(Line::Implements);
    }
    if holds(model, &l.supersedes, older) {
        return Some(Line::Supersedes);
    }
    model
        .site
        .config
        .relations
        .lineage()
        .find(|&r| {
            l.related.get(r).is_some_and(|rel| {
                rel.names
                    .iter()
                    .any(|n| n.target == LinkTarget::Policy(older))
            })
        })
        .map(Line::Declared)
}

/// The picture's text alternative: how many policies each relation joins
/// it to, and how the arrows tell the relations apart. A site without
/// declared lineage relations reads as it always has.
fn describe(model: &Model<'_>, ix: PolicyIx, whole: bool) -> String {
    let links = &model.site.graph.policies[ix.get()];
    let relations = &model.site.config.relations;
    let mut declared = String::new();
    let mut labels = Vec::new();
    for r in relations.lineage() {
        let rel = &relations.list[r];
        labels.push(rel.label.as_str());
        let Some(l) = links.related.get(r) else {
            continue;
        };
        let names = l
            .names
            .iter()
            .filter(|n| matches!(n.target, LinkTarget::Policy(_)))
            .count();
        if names + l.named_by.len() > 0 {
            let _ = write!(
                declared,
                " {}: {}; {}: {}.",
                rel.label,
                count(names),
                rel.inverse,
                count(l.named_by.len())
            );
        }
    }
    let dotted = if labels.is_empty() {
        String::new()
    } else {
        format!(
            ", dotted ones to a policy that names the other by {} (each arrow's title says which)",
            labels.join(" or ")
        )
    };
    let whole = if whole {
        ", and the whole lineage has a page of its own"
    } else {
        ""
    };
    let (s, i) = (
        &relations.builtins.supersedes,
        &relations.builtins.implements,
    );
    if s.renamed || i.renamed {
        // A renamed relation is said by its names, as declared ones are.
        return format!(
            "{}: {}; {}: {}. {}: {}; {}: {}.{declared} Drawn: up to {DEPTH} generations each way, oldest at the top, at most {PER_LAYER} policies in each; solid arrows go to a policy that names the other by {}{dotted}, dashed ones to a policy that names the other by {}. The same direct relations are listed below as links{whole}.",
            s.label,
            count(links.supersedes.len()),
            s.inverse,
            count(links.superseded_by.len()),
            i.label,
            count(links.implements.len()),
            i.inverse,
            count(links.derivatives.len()),
            s.label,
            i.label,
        );
    }
    format!(
        "It supersedes {} and is superseded by {}; it implements {} and {} derive from it.{declared} Drawn: up to {DEPTH} generations each way, oldest at the top, at most {PER_LAYER} policies in each; solid arrows go to a policy that supersedes{dotted}, dashed ones to a policy that implements. The same direct relations are listed below as links{whole}.",
        count(links.supersedes.len()),
        count(links.superseded_by.len()),
        count(links.implements.len()),
        count(links.derivatives.len()),
    )
}

/// `1 policy`, `3 policies`.
fn count(n: usize) -> String {
    format!("{n} polic{}", if n == 1 { "y" } else { "ies" })
}

#[cfg(test)]
mod tests {
    use super::heading;

    #[test]
    fn a_heading_names_each_relation_once_the_first_capitalised() {
        assert_eq!(heading(&["supersedes"]), "Supersedes");
        assert_eq!(
            heading(&["supersedes", "implements"]),
            "Supersedes, and implements"
        );
        assert_eq!(
            heading(&["superseded by", "Revoked by", "derived from it"]),
            "Superseded by, revoked by, and derived from it"
        );
        assert_eq!(heading(&["Continues"]), "Continues");
        assert_eq!(
            heading(&["supersedes", "EO continues"]),
            "Supersedes, and EO continues"
        );
    }
}
