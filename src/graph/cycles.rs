//! Cycles of a lineage or of `implements`: a policy cannot, through any
//! chain, replace or carry out itself. Each cycle is reported once, with
//! every policy on it in order, at the reference that closes it.
//!
//! A lineage is followed through `supersedes` and the declared relations
//! with `lineage = true` together. A lineage runs from older policies to
//! newer whatever relation makes each step, so a circle that mixes them
//! (1 supersedes 2, 2 continues 1) is as wrong as one of `supersedes`
//! alone, and its generations could not be drawn either. Declared
//! relations without `lineage` join no lineage and are not checked: two
//! orders may well amend each other.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use super::{resolve::reference_span, Graph, LinkTarget, PolicyIx};
use crate::config::Relations;
use crate::content::meta::References;
use crate::content::related::{Related, Target};
use crate::content::{Corpus, Id, Kind, PolicyId};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{At, Span};

/// The relation a reference is written under.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Via {
    Supersedes,
    Implements,
    /// A declared relation, by its position in `[relations]`.
    Declared(usize),
}

pub(super) fn check(
    corpus: &Corpus,
    relations: &Relations,
    graph: &Graph,
    diags: &mut Diagnostics,
) {
    // Each step once, in the order written: a policy written twice under
    // one relation, or under two, is one step, not two cycles.
    let mut seen = HashSet::new();
    let lineage: Vec<Vec<PolicyIx>> = (0..graph.policies.len())
        .map(|i| {
            seen.clear();
            follows(relations, graph, PolicyIx(i as u32))
                .filter(|q| seen.insert(*q))
                .collect()
        })
        .collect();
    for cycle in find_cycles(graph.policies.len(), |p| &lineage[p.get()]) {
        let vias: Vec<Via> = cycle
            .windows(2)
            .map(|pair| via(relations, graph, pair[0], pair[1]))
            .collect();
        report(corpus, relations, &cycle, &vias, diags);
    }
    for cycle in find_cycles(graph.policies.len(), |p| {
        &graph.policies[p.get()].implements
    }) {
        let vias = vec![Via::Implements; cycle.len() - 1];
        report(corpus, relations, &cycle, &vias, diags);
    }
    through_unreadable(corpus, relations, graph, diags);
}

/// The cycles that pass through a policy whose file has errors. Such a
/// policy is in no list, so the graph has no link to or from it, but what
/// its front matter names is read all the same
/// ([`Corpus::unparsed_references`]): without this, a cycle through it
/// would be reported only in the run after its other errors are fixed.
/// Each cycle is followed as written (by ids, under `supersedes`, the
/// relations with `lineage = true`, or `implements`); the cycles of the
/// policies without errors alone are those reported above.
fn through_unreadable(
    corpus: &Corpus,
    relations: &Relations,
    graph: &Graph,
    diags: &mut Diagnostics,
) {
    let unreadable: Vec<(Id, &References)> = corpus
        .unparsed_references
        .iter()
        .filter_map(|refs| match &refs.from {
            Some((Kind::Policy, id)) => Some((id.value, refs)),
            _ => None,
        })
        .collect();
    if unreadable.is_empty() {
        return;
    }
    // Nodes: the policies of the graph, then those with errors.
    let n = graph.policies.len();
    let mut beyond: HashMap<Id, usize> = HashMap::new();
    for (j, (id, _)) in unreadable.iter().enumerate() {
        beyond.entry(*id).or_insert(n + j);
    }
    let node = |id: Id| {
        graph
            .position(Kind::Policy, id)
            .or_else(|| beyond.get(&id).copied())
    };
    let id_of = |node: usize| match node.checked_sub(n) {
        None => corpus.policies[node].id.0,
        Some(j) => unreadable[j].0,
    };
    let lineage: Vec<usize> = relations.lineage().collect();
    for chain in [Chain::Lineage, Chain::Implements] {
        let mut edges: Vec<Vec<PolicyIx>> = vec![Vec::new(); n + unreadable.len()];
        // Where each step is written: the first place, for a policy named
        // twice is one step.
        let mut places: HashMap<(usize, PolicyIx), (Span, Via)> = HashMap::new();
        let named = corpus
            .policies
            .iter()
            .map(|p| {
                written(
                    chain,
                    &lineage,
                    &p.supersedes,
                    &p.implements,
                    &p.common.related,
                )
            })
            .chain(unreadable.iter().map(|(_, refs)| {
                let mut steps = Vec::new();
                for (key, r) in &refs.policies {
                    let via = match *key {
                        "supersedes" => Via::Supersedes,
                        "implements" => Via::Implements,
                        _ => continue,
                    };
                    if chain.follows(via) {
                        steps.push((r.value.0, r.span, via));
                    }
                }
                steps.extend(declared(chain, &lineage, &refs.related));
                steps
            }));
        for (from, steps) in named.enumerate() {
            for (to, span, via) in steps {
                let Some(to) = node(to) else { continue };
                let to = PolicyIx(to as u32);
                // A policy naming itself is reported as such.
                if to.get() == from {
                    continue;
                }
                if let Entry::Vacant(place) = places.entry((from, to)) {
                    place.insert((span, via));
                    edges[from].push(to);
                }
            }
        }
        for cycle in find_cycles(edges.len(), |p| &edges[p.get()]) {
            if cycle.iter().all(|p| p.get() < n) {
                continue;
            }
            let steps: Vec<(Span, Via)> = cycle
                .windows(2)
                .filter_map(|pair| places.get(&(pair[0].get(), pair[1])).copied())
                .collect();
            let ids: Vec<Id> = cycle.iter().map(|p| id_of(p.get())).collect();
            diags.push(cycle_error(relations, &ids, &steps));
        }
    }
}

/// The two chains a policy cannot close on itself.
#[derive(Clone, Copy)]
enum Chain {
    /// `supersedes` and the declared relations with `lineage = true`.
    Lineage,
    Implements,
}

impl Chain {
    fn follows(self, via: Via) -> bool {
        matches!(
            (self, via),
            (Chain::Lineage, Via::Supersedes | Via::Declared(_))
                | (Chain::Implements, Via::Implements)
        )
    }
}

/// The ids a policy names along `chain`, as written, each with its place.
fn written(
    chain: Chain,
    lineage: &[usize],
    supersedes: &[At<PolicyId>],
    implements: &[At<PolicyId>],
    related: &[Related],
) -> Vec<(Id, Span, Via)> {
    let (list, via) = match chain {
        Chain::Lineage => (supersedes, Via::Supersedes),
        Chain::Implements => (implements, Via::Implements),
    };
    let mut steps: Vec<(Id, Span, Via)> = list.iter().map(|r| (r.value.0, r.span, via)).collect();
    steps.extend(declared(chain, lineage, related));
    steps
}

/// The ids a policy names under the declared relations with
/// `lineage = true`, when `chain` is a lineage.
fn declared(chain: Chain, lineage: &[usize], related: &[Related]) -> Vec<(Id, Span, Via)> {
    if !matches!(chain, Chain::Lineage) {
        return Vec::new();
    }
    related
        .iter()
        .filter(|r| lineage.contains(&r.relation))
        .flat_map(|r| {
            r.items
                .iter()
                .filter_map(move |item| match item.value.target {
                    Target::Entry(id) => Some((id, item.span, Via::Declared(r.relation))),
                    Target::Outside { .. } => None,
                })
        })
        .collect()
}

/// The policies `p` follows in its lineage, as written: what it
/// supersedes, then what it names by each relation with `lineage = true`.
fn follows<'a>(
    relations: &'a Relations,
    graph: &'a Graph,
    p: PolicyIx,
) -> impl Iterator<Item = PolicyIx> + 'a {
    let links = &graph.policies[p.get()];
    let declared = relations
        .lineage()
        .filter_map(|r| links.related.get(r))
        .flat_map(|r| &r.names)
        .filter_map(|l| match l.target {
            LinkTarget::Policy(q) => Some(q),
            _ => None,
        });
    links.supersedes.iter().copied().chain(declared)
}

/// The relation by which `from` follows `to`: `supersedes` when it is
/// written under both.
fn via(relations: &Relations, graph: &Graph, from: PolicyIx, to: PolicyIx) -> Via {
    let links = &graph.policies[from.get()];
    if links.supersedes.contains(&to) {
        return Via::Supersedes;
    }
    relations
        .lineage()
        .find(|&r| {
            links
                .related
                .get(r)
                .is_some_and(|l| l.names.iter().any(|n| n.target == LinkTarget::Policy(to)))
        })
        .map_or(Via::Supersedes, Via::Declared)
}

fn key(relations: &Relations, via: Via) -> &str {
    match via {
        Via::Supersedes => "supersedes",
        Via::Implements => "implements",
        Via::Declared(r) => relations.list.get(r).map_or("", |r| r.key.as_str()),
    }
}

/// Reports `cycle` (its path, the first policy again at the end), each of
/// its links written under the relation of `vias`.
fn report(
    corpus: &Corpus,
    relations: &Relations,
    cycle: &[PolicyIx],
    vias: &[Via],
    diags: &mut Diagnostics,
) {
    let id = |p: PolicyIx| corpus.policies[p.get()].id;
    let steps: Option<Vec<(Span, Via)>> = cycle
        .windows(2)
        .zip(vias)
        .map(|(pair, via)| reference_span(corpus, pair[0], id(pair[1]), *via).map(|s| (s, *via)))
        .collect();
    let Some(steps) = steps else {
        return;
    };
    let ids: Vec<Id> = cycle.iter().map(|p| id(*p).0).collect();
    diags.push(cycle_error(relations, &ids, &steps));
}

/// The error of a cycle through the policies `ids` (the first again at the
/// end), each step written at its place under its relation: at the step
/// that closes it, with a note at each other step.
fn cycle_error(relations: &Relations, ids: &[Id], steps: &[(Span, Via)]) -> Diagnostic {
    let vias: Vec<Via> = steps.iter().map(|(_, via)| *via).collect();
    let one = vias.iter().all(|v| *v == vias[0]);
    let name = if one {
        key(relations, vias[0])
    } else {
        "lineage"
    };
    let help = match vias[0] {
        Via::Supersedes if one => "a policy cannot supersede itself, not even through others; remove the `supersedes` link that is wrong".to_string(),
        Via::Implements => "a policy cannot implement itself, not even through others; remove the `implements` link that is wrong".to_string(),
        _ if one => format!("a policy cannot follow itself in its lineage, not even through others; remove the `{name}` link that is wrong"),
        _ => "a policy cannot follow itself in its lineage, not even through others: `supersedes` and the relations with `lineage = true` all lead from a policy to a newer one; remove the link that is wrong".to_string(),
    };
    let path: Vec<String> = ids.iter().map(ToString::to_string).collect();
    let (closing, _) = steps[steps.len() - 1];
    let mut d = Diagnostic::error(
        Code::Cycle,
        closing,
        format!("{name} cycle: {}", path.join(" → ")),
    )
    .label("this reference closes the cycle")
    .help(help);
    for (i, (span, via)) in steps.iter().enumerate().take(steps.len() - 1) {
        d = d.note(
            *span,
            format!("{} {} {}", ids[i], key(relations, *via), ids[i + 1]),
        );
    }
    d
}

/// Every elementary cycle met by a depth-first search, each as its path with
/// the first node repeated at the end. Iterative, so deep chains cannot
/// overflow the stack.
fn find_cycles<'a>(n: usize, edges: impl Fn(PolicyIx) -> &'a [PolicyIx]) -> Vec<Vec<PolicyIx>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; n];
    let mut cycles = Vec::new();
    for start in 0..n {
        if state[start] != State::New {
            continue;
        }
        let mut path: Vec<(PolicyIx, usize)> = vec![(PolicyIx(start as u32), 0)];
        state[start] = State::OnPath;
        while let Some((node, next)) = path.last_mut() {
            let out = edges(*node);
            if *next < out.len() {
                let to = out[*next];
                *next += 1;
                match state[to.get()] {
                    State::New => {
                        state[to.get()] = State::OnPath;
                        path.push((to, 0));
                    }
                    State::OnPath => {
                        let from = path.iter().position(|(p, _)| *p == to).unwrap_or(0);
                        let mut cycle: Vec<PolicyIx> =
                            path[from..].iter().map(|(p, _)| *p).collect();
                        cycle.push(to);
                        cycles.push(cycle);
                    }
                    State::Done => {}
                }
            } else {
                state[node.get()] = State::Done;
                path.pop();
            }
        }
    }
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_cycle_with_its_path() {
        let g: Vec<Vec<PolicyIx>> = vec![
            vec![PolicyIx(1)],
            vec![PolicyIx(2)],
            vec![PolicyIx(0)],
            vec![PolicyIx(3)],
        ];
        let cycles = find_cycles(4, |p| &g[p.get()]);
        let ids: Vec<Vec<u32>> = cycles
            .iter()
            .map(|c| c.iter().map(|p| p.0).collect())
            .collect();
        assert_eq!(ids, vec![vec![0, 1, 2, 0], vec![3, 3]]);
    }

    #[test]
    fn long_chains_do_not_overflow() {
        let n = 200_000;
        let g: Vec<Vec<PolicyIx>> = (0..n)
            .map(|i| {
                if i + 1 < n {
                    vec![PolicyIx(i as u32 + 1)]
                } else {
                    vec![]
                }
            })
            .collect();
        assert!(find_cycles(n, |p| &g[p.get()]).is_empty());
    }
}
