//! `W-unlinked`: the policies related to no other entry.
//!
//! A relation written in a body (`[the order](policy:1400)`, or a link to
//! another entry's file) relates two entries as much as `supersedes` does,
//! so the bodies' links count: this runs once the bodies are rendered
//! (by `site::bodies`, above the graph), given the entries each one links
//! to as plain (kind, id) pairs.

use super::{Graph, PolicyIx};
use crate::content::Id;
use crate::content::{Corpus, Kind, PolicyId};
use crate::diag::{Code, Diagnostic};

/// Warns about the policies that relate to no other entry and that no
/// entry relates to, by front matter or by a link in a body. `bodies` gives,
/// for each entry by kind and id, the entries its body links to.
pub fn check<'a>(
    corpus: &Corpus,
    graph: &Graph,
    bodies: impl Iterator<Item = ((Kind, Id), &'a [(Kind, Id)])>,
) -> Vec<Diagnostic> {
    if !corpus.unreadable.is_empty() {
        // A file with errors may hold the very relations that are missing.
        return Vec::new();
    }
    let mut linked = vec![false; corpus.policies.len()];
    let mut mark = |id: Id| {
        if let Some(ix) = graph.policy(PolicyId(id)) {
            linked[ix.get()] = true;
        }
    };
    for (from, targets) in bodies {
        for &to in targets.iter().filter(|&&to| to != from) {
            if from.0 == Kind::Policy {
                mark(from.1);
            }
            if to.0 == Kind::Policy {
                mark(to.1);
            }
        }
    }
    let mut out = Vec::new();
    for (i, (p, links)) in corpus.policies.iter().zip(&graph.policies).enumerate() {
        if graph.policy(p.id) != Some(PolicyIx(i as u32)) {
            continue; // a duplicate id, reported as such
        }
        let lonely = p.supersedes.is_empty()
            && p.implements.is_empty()
            && links.superseded_by.is_empty()
            && links.derivatives.is_empty()
            && links.court_actions.is_empty()
            && links.commentary.is_empty()
            && links.cases.is_empty()
            && links
                .related
                .iter()
                .all(|r| r.names.is_empty() && r.named_by.is_empty())
            && !linked[i];
        if lonely {
            out.push(
                Diagnostic::warning(
                    Code::Unlinked,
                    p.common.id_span,
                    format!("policy {} is not related to any other entry", p.id),
                )
                .label("nothing links here, and this links nowhere")
                .help("if it replaces or carries out another policy, add `supersedes` or `implements`, or link to it by id in a body, like [the order](policy:1400)"),
            );
        }
    }
    out
}
