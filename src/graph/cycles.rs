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

use std::collections::HashSet;

use super::{resolve::reference_span, Graph, LinkTarget, PolicyIx};
use crate::config::Relations;
use crate::content::Corpus;
use crate::diag::{Code, Diagnostic, Diagnostics};

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
    let ids: Vec<String> = cycle.iter().map(|p| id(*p).to_string()).collect();
    let (last, closing) = (cycle[cycle.len() - 2], cycle[cycle.len() - 1]);
    let closing_via = vias[vias.len() - 1];
    let Some(span) = reference_span(corpus, last, id(closing), closing_via) else {
        return;
    };
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
    let mut d = Diagnostic::error(
        Code::Cycle,
        span,
        format!("{name} cycle: {}", ids.join(" → ")),
    )
    .label("this reference closes the cycle")
    .help(help);
    for (pair, via) in cycle.windows(2).zip(vias).take(cycle.len() - 2) {
        if let Some(s) = reference_span(corpus, pair[0], id(pair[1]), *via) {
            d = d.note(
                s,
                format!("{} {} {}", id(pair[0]), key(relations, *via), id(pair[1])),
            );
        }
    }
    diags.push(d);
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
