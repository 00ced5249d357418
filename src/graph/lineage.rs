//! Lineages: the policies joined by `supersedes`, and by the relations a
//! site declares with `lineage = true` (an order that `continues` another
//! is its successor as much as one that supersedes it), taken whole. A
//! policy's lineage is every policy reached from it by following another
//! or being followed, however far, and it has one page for all of them: a
//! chain of 20,000 policies is drawn once, not on each of its 20,000 pages.
//!
//! A lineage is named after its oldest root, the oldest of its policies
//! that follows none. Lineages grow at their newer end (a new policy
//! supersedes the latest one), so the name, and the address of its page,
//! stays as they grow.

use std::collections::{HashMap, VecDeque};

use super::{Graph, LineageIx, LinkTarget, PolicyIx};
use crate::config::Relations;
use crate::content::Corpus;

/// One lineage: two or more policies joined by `supersedes` or a relation
/// with `lineage = true`.
#[derive(Debug, Clone)]
pub struct Lineage {
    /// The oldest of its policies that follows none of them (by date,
    /// then id); the oldest of all in a site whose lineage goes round in a
    /// circle (an error).
    pub root: PolicyIx,
    /// Its policies, by date, then id.
    pub members: Vec<PolicyIx>,
}

/// Finds the lineages of `graph`, whose relation lists are already sorted,
/// after joining each policy to those it follows.
pub(super) fn build(corpus: &Corpus, relations: &Relations, graph: &mut Graph) {
    let n = graph.policies.len();
    let key = |p: &PolicyIx| {
        let p = &corpus.policies[p.get()];
        (p.announced, p.id)
    };
    join(relations, graph);
    for links in &mut graph.policies {
        for list in [&mut links.follows, &mut links.followed_by] {
            list.sort_by_key(key);
            list.dedup();
        }
    }
    let mut of: Vec<Option<LineageIx>> = vec![None; n];
    let mut lineages = Vec::new();
    let mut stack = Vec::new();
    for start in (0..n as u32).map(PolicyIx) {
        let links = &graph.policies[start.get()];
        if of[start.get()].is_some() || (links.follows.is_empty() && links.followed_by.is_empty()) {
            continue;
        }
        let ix = LineageIx(lineages.len() as u32);
        let mut members = Vec::new();
        of[start.get()] = Some(ix);
        stack.push(start);
        while let Some(p) = stack.pop() {
            members.push(p);
            let links = &graph.policies[p.get()];
            for &q in links.follows.iter().chain(&links.followed_by) {
                if of[q.get()].is_none() {
                    of[q.get()] = Some(ix);
                    stack.push(q);
                }
            }
        }
        members.sort_by_key(key);
        let root = members
            .iter()
            .copied()
            .find(|p| graph.policies[p.get()].follows.is_empty())
            .unwrap_or(start);
        lineages.push(Lineage { root, members });
    }
    graph.lineages = lineages;
    graph.lineage_of = of;
}

/// Fills `follows` and `followed_by`: what each policy supersedes, and the
/// policies it names by a relation with `lineage = true`. Items outside
/// the site name no entry, so they join nothing.
fn join(relations: &Relations, graph: &mut Graph) {
    let declared: Vec<usize> = relations.lineage().collect();
    for i in 0..graph.policies.len() {
        let links = &graph.policies[i];
        let mut follows = links.supersedes.clone();
        for &r in &declared {
            let Some(related) = links.related.get(r) else {
                continue;
            };
            follows.extend(related.names.iter().filter_map(|l| match l.target {
                LinkTarget::Policy(p) => Some(p),
                _ => None,
            }));
        }
        for &q in &follows {
            graph.policies[q.get()].followed_by.push(PolicyIx(i as u32));
        }
        graph.policies[i].follows = follows;
    }
}

impl Lineage {
    /// Its policies in generations, oldest first: a policy's generation is
    /// one more than that of the latest generation it follows, so every
    /// supersession (or declared lineage relation) goes from an earlier row
    /// to a later one. Each
    /// generation is in date order. Linear in the size of the lineage.
    pub fn generations(&self, graph: &Graph) -> Vec<Vec<PolicyIx>> {
        let at: HashMap<PolicyIx, usize> = self
            .members
            .iter()
            .enumerate()
            .map(|(i, &p)| (p, i))
            .collect();
        let mut waiting: Vec<usize> = self
            .members
            .iter()
            .map(|p| graph.policies[p.get()].follows.len())
            .collect();
        let mut generation = vec![0usize; self.members.len()];
        let mut queue: VecDeque<usize> = (0..self.members.len())
            .filter(|&i| waiting[i] == 0)
            .collect();
        while let Some(i) = queue.pop_front() {
            for q in &graph.policies[self.members[i].get()].followed_by {
                let Some(&j) = at.get(q) else { continue };
                generation[j] = generation[j].max(generation[i] + 1);
                waiting[j] = waiting[j].saturating_sub(1);
                if waiting[j] == 0 {
                    queue.push_back(j);
                }
            }
        }
        // Policies on a circle of their lineage (an error, which `check`
        // still renders) and those after one come last.
        let last = generation.iter().max().map_or(0, |g| g + 1);
        for (g, w) in generation.iter_mut().zip(&waiting) {
            if *w > 0 {
                *g = last;
            }
        }
        let mut rows = vec![Vec::new(); last + 1];
        for (i, &p) in self.members.iter().enumerate() {
            rows[generation[i]].push(p);
        }
        rows.retain(|r| !r.is_empty());
        rows
    }
}

/// The policies reached from `ix` in at most `steps` steps of its lineage
/// back and at most `steps` forward (not `ix` itself).
pub fn reach(graph: &Graph, ix: PolicyIx, steps: usize) -> Vec<PolicyIx> {
    let mut out = Vec::new();
    for older in [true, false] {
        let mut seen: HashMap<PolicyIx, usize> = HashMap::from([(ix, 0)]);
        let mut queue = VecDeque::from([ix]);
        while let Some(p) = queue.pop_front() {
            let d = seen[&p];
            if d == steps {
                continue;
            }
            let links = &graph.policies[p.get()];
            let next = if older {
                &links.follows
            } else {
                &links.followed_by
            };
            for &q in next {
                if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(q) {
                    e.insert(d + 1);
                    out.push(q);
                    queue.push_back(q);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::PolicyLinks;

    /// A graph of `n` policies with `edges` (newer, older): newer supersedes older.
    fn graph(n: usize, edges: &[(u32, u32)]) -> Graph {
        let mut g = Graph {
            policies: vec![PolicyLinks::default(); n],
            ..Graph::default()
        };
        for &(newer, older) in edges {
            g.policies[newer as usize].follows.push(PolicyIx(older));
            g.policies[older as usize].followed_by.push(PolicyIx(newer));
        }
        g
    }

    fn ids(v: &[PolicyIx]) -> Vec<u32> {
        v.iter().map(|p| p.0).collect()
    }

    #[test]
    fn generations_follow_the_longest_way_from_a_root() {
        // 0 ← 1 ← 2 ← 3, and 3 also supersedes 0 directly.
        let g = graph(4, &[(1, 0), (2, 1), (3, 2), (3, 0)]);
        let l = Lineage {
            root: PolicyIx(0),
            members: (0..4).map(PolicyIx).collect(),
        };
        let rows: Vec<Vec<u32>> = l.generations(&g).iter().map(|r| ids(r)).collect();
        assert_eq!(rows, [[0], [1], [2], [3]]);
    }

    #[test]
    fn a_circle_does_not_lose_policies() {
        let g = graph(3, &[(1, 0), (0, 1), (2, 1)]);
        let l = Lineage {
            root: PolicyIx(0),
            members: (0..3).map(PolicyIx).collect(),
        };
        let all: Vec<u32> = l.generations(&g).concat().iter().map(|p| p.0).collect();
        assert_eq!(all.len(), 3);
    }

    #[test]
    fn a_lineage_relation_joins_policies_and_others_do_not() {
        use crate::config::{Relation, Relations};
        use crate::graph::{Linked, RelatedLinks};
        let rel = |key: &str, lineage: bool| Relation {
            key: key.into(),
            label: key.into(),
            inverse: format!("{key} by"),
            ends_force: false,
            notes: false,
            outside: true,
            lineage,
            from: "policy",
            to: "policy",
        };
        let relations = Relations {
            list: vec![rel("continues", true), rel("amends", false)],
            ..Relations::default()
        };
        let to = |target: LinkTarget| Linked { target, note: None };
        let mut g = graph(4, &[]);
        for l in &mut g.policies {
            l.related = vec![RelatedLinks::default(); 2];
        }
        // 1 continues 0 and an order the site does not hold; 2 amends 1;
        // 3 supersedes 2.
        g.policies[1].related[0].names = vec![
            to(LinkTarget::Policy(PolicyIx(0))),
            to(LinkTarget::Outside {
                title: "An older order".into(),
                url: None,
            }),
        ];
        g.policies[2].related[1].names = vec![to(LinkTarget::Policy(PolicyIx(1)))];
        g.policies[3].supersedes = vec![PolicyIx(2)];
        join(&relations, &mut g);
        assert_eq!(ids(&g.policies[1].follows), [0]);
        assert_eq!(ids(&g.policies[0].followed_by), [1]);
        assert!(g.policies[2].follows.is_empty() && g.policies[1].followed_by.is_empty());
        assert_eq!(ids(&g.policies[3].follows), [2]);
        assert_eq!(ids(&g.policies[2].followed_by), [3]);
    }

    #[test]
    fn reach_stops_after_the_steps_asked_for() {
        let g = graph(6, &[(1, 0), (2, 1), (3, 2), (4, 3), (5, 4)]);
        let mut r = ids(&reach(&g, PolicyIx(3), 2));
        r.sort();
        assert_eq!(r, [1, 2, 4, 5]);
    }
}
