//! Cycles of `supersedes` or `implements`: a policy cannot, through any
//! chain, replace or carry out itself. Each cycle is reported once, with
//! every policy on it in order, at the reference that closes it.

use super::{resolve::reference_span, Graph, PolicyIx};
use crate::content::Corpus;
use crate::diag::{Code, Diagnostic, Diagnostics};

pub(super) fn check(corpus: &Corpus, graph: &Graph, diags: &mut Diagnostics) {
    for supersedes in [true, false] {
        let edges = |p: PolicyIx| -> &[PolicyIx] {
            let l = &graph.policies[p.get()];
            if supersedes {
                &l.supersedes
            } else {
                &l.implements
            }
        };
        for cycle in find_cycles(graph.policies.len(), edges) {
            let key = if supersedes {
                "supersedes"
            } else {
                "implements"
            };
            let ids: Vec<String> = cycle
                .iter()
                .map(|p| corpus.policies[p.get()].id.to_string())
                .collect();
            let last = cycle[cycle.len() - 2];
            let closing = cycle[cycle.len() - 1];
            let Some(span) =
                reference_span(corpus, last, corpus.policies[closing.get()].id, supersedes)
            else {
                continue;
            };
            let mut d = Diagnostic::error(
                Code::Cycle,
                span,
                format!("{key} cycle: {}", ids.join(" → ")),
            )
            .label("this reference closes the cycle")
            .help(format!(
                "a policy cannot {} itself, not even through others; remove the `{key}` link that is wrong",
                if supersedes { "supersede" } else { "implement" }
            ));
            for pair in cycle.windows(2).take(cycle.len() - 2) {
                if let Some(s) = reference_span(
                    corpus,
                    pair[0],
                    corpus.policies[pair[1].get()].id,
                    supersedes,
                ) {
                    d = d.note(
                        s,
                        format!(
                            "{} {key} {}",
                            corpus.policies[pair[0].get()].id,
                            corpus.policies[pair[1].get()].id
                        ),
                    );
                }
            }
            diags.push(d);
        }
    }
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
