//! Resolves hand-written references to entries, and checks that document
//! files exist. Each problem points at the id or path that causes it.

use super::cycles::Via;
use super::{
    CaseIx, CommentaryIx, CommentaryLinks, CourtActionIx, CourtActionLinks, Graph, LinkTarget,
    Linked, PolicyIx, PolicyLinks, RelatedLinks,
};
use crate::config::Relations;
use crate::content::related::Target;
use crate::content::{Corpus, Document, DocumentSource, Kind, PolicyId};
use crate::diag::{nearest, nearest_id, Code, Diagnostic, Diagnostics};
use crate::source::{At, Span};

/// The relation a reference is written in, for messages.
#[derive(Clone, Copy)]
enum Rel {
    Supersedes,
    Implements,
    Challenges,
    About,
}

impl Rel {
    fn key(self) -> &'static str {
        match self {
            Rel::Supersedes => "supersedes",
            Rel::Implements => "implements",
            Rel::Challenges => "challenges",
            Rel::About => "about",
        }
    }
}

pub(super) fn resolve(corpus: &Corpus, graph: &mut Graph, diags: &mut Diagnostics) {
    graph.policies = vec![PolicyLinks::default(); corpus.policies.len()];
    for (i, p) in corpus.policies.iter().enumerate() {
        let me = PolicyIx(i as u32);
        for (rel, list) in [
            (Rel::Supersedes, &p.supersedes),
            (Rel::Implements, &p.implements),
        ] {
            for r in list {
                let Some(target) = lookup(corpus, graph, r, rel.key(), Some(p.id), diags) else {
                    continue;
                };
                match rel {
                    Rel::Supersedes => {
                        graph.policies[i].supersedes.push(target);
                        graph.policies[target.get()].superseded_by.push(me);
                        check_order(corpus, i, target, "supersedes", r.span, diags);
                    }
                    _ => {
                        graph.policies[i].implements.push(target);
                        graph.policies[target.get()].derivatives.push(me);
                    }
                }
            }
        }
        check_documents(corpus, &p.documents, diags);
    }
    graph.court_actions = corpus
        .court_actions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let challenges = resolve_all(corpus, graph, &c.challenges, Rel::Challenges, diags);
            for p in &challenges {
                graph.policies[p.get()]
                    .court_actions
                    .push(CourtActionIx(i as u32));
            }
            check_documents(corpus, &c.documents, diags);
            CourtActionLinks {
                challenges,
                case: CaseIx(0),
            }
        })
        .collect();
    graph.commentary = corpus
        .commentary
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let about = resolve_all(corpus, graph, &c.about, Rel::About, diags);
            for p in &about {
                graph.policies[p.get()]
                    .commentary
                    .push(CommentaryIx(i as u32));
            }
            check_documents(corpus, &c.documents, diags);
            CommentaryLinks { about }
        })
        .collect();
    check_documents(corpus, &corpus.unparsed_documents, diags);
}

/// Resolves the relations `docket.toml` declares: each item naming a
/// policy, in both directions, and the ends of force they make.
pub(super) fn declared(
    corpus: &Corpus,
    relations: &Relations,
    graph: &mut Graph,
    diags: &mut Diagnostics,
) {
    if relations.is_empty() {
        return;
    }
    for links in &mut graph.policies {
        links.related = vec![RelatedLinks::default(); relations.list.len()];
    }
    for (i, p) in corpus.policies.iter().enumerate() {
        let me = PolicyIx(i as u32);
        for related in &p.related {
            let rel = &relations.list[related.relation];
            for item in &related.items {
                let target = match &item.value.target {
                    Target::Policy(id) => {
                        let r = At {
                            span: item.span,
                            value: *id,
                        };
                        let Some(ix) = lookup(corpus, graph, &r, &rel.key, Some(p.id), diags)
                        else {
                            continue;
                        };
                        let note = item.value.note.clone();
                        graph.policies[ix.get()].related[related.relation]
                            .named_by
                            .push(Linked {
                                target: LinkTarget::Policy(me),
                                note,
                            });
                        if rel.lineage {
                            check_order(corpus, i, ix, &rel.key, item.span, diags);
                        }
                        if rel.ends_force {
                            graph.policies[ix.get()]
                                .ended_by
                                .push((me, related.relation));
                        }
                        LinkTarget::Policy(ix)
                    }
                    Target::Outside { title, url } => LinkTarget::Outside {
                        title: title.clone(),
                        url: url.clone(),
                    },
                };
                graph.policies[i].related[related.relation]
                    .names
                    .push(Linked {
                        target,
                        note: item.value.note.clone(),
                    });
            }
        }
    }
}

/// Warns when policy `newer` follows in its lineage (by `key`, written at
/// `span`) policy `older` announced after it: a lineage runs forward in
/// time, so the dates or the direction are most likely wrong.
fn check_order(
    corpus: &Corpus,
    newer: usize,
    older: PolicyIx,
    key: &str,
    span: Span,
    diags: &mut Diagnostics,
) {
    let (p, older) = (&corpus.policies[newer], &corpus.policies[older.get()]);
    if older.announced > p.announced {
        diags.push(
            Diagnostic::warning(
                Code::SupersedesLater,
                span,
                format!(
                    "policy {} (announced {}) {key} policy {} announced later, on {}",
                    p.id, p.announced, older.id, older.announced
                ),
            )
            .label("announced after this policy")
            .help(format!("check the dates, or whether the relation goes the other way (the later policy {key} this one)")),
        );
    }
}

fn resolve_all(
    corpus: &Corpus,
    graph: &Graph,
    refs: &[At<PolicyId>],
    rel: Rel,
    diags: &mut Diagnostics,
) -> Vec<PolicyIx> {
    let mut out: Vec<PolicyIx> = refs
        .iter()
        .filter_map(|r| lookup(corpus, graph, r, rel.key(), None, diags))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Resolves one policy reference, reporting why it cannot be.
pub(super) fn lookup(
    corpus: &Corpus,
    graph: &Graph,
    r: &At<PolicyId>,
    key: &str,
    from: Option<PolicyId>,
    diags: &mut Diagnostics,
) -> Option<PolicyIx> {
    if from == Some(r.value) {
        diags.push(
            Diagnostic::error(
                Code::SelfReference,
                r.span,
                format!("policy {} {key} itself", r.value),
            )
            .label("this is the policy's own id")
            .help(format!("remove {} from `{key}`", r.value)),
        );
        return None;
    }
    if let Some(ix) = graph.policy(r.value) {
        return Some(ix);
    }
    if corpus.unreadable.contains(&(Kind::Policy, r.value.0)) {
        // That file's own errors are reported; this reference may be fine.
        return None;
    }
    if corpus.drafts.contains(&(Kind::Policy, r.value.0)) {
        diags.push(
            Diagnostic::warning(
                Code::DraftReference,
                r.span,
                format!(
                    "policy {} is a draft; this link is left out until it is published",
                    r.value
                ),
            )
            .label("a draft")
            .help("build with --drafts to see it, or publish the draft"),
        );
        return None;
    }
    let help = match nearest_id(r.value.0, corpus.policies.iter().map(|p| p.id.0)) {
        Some(near) => {
            let title = graph
                .policy(PolicyId(near))
                .map(|ix| corpus.policies[ix.get()].common.title.as_str())
                .unwrap_or("");
            format!("did you mean policy {near}, \"{title}\"?")
        }
        None => "check the id on the policy's page, or add the policy first".into(),
    };
    diags.push(
        Diagnostic::error(
            Code::UnknownReference,
            r.span,
            format!("`{key}` refers to policy {}, which does not exist", r.value),
        )
        .label("no policy has this id")
        .help(help),
    );
    None
}

fn check_documents(corpus: &Corpus, documents: &[Document], diags: &mut Diagnostics) {
    for d in documents {
        let DocumentSource::File(path) = &d.source else {
            continue;
        };
        if corpus.documents.contains(path) {
            continue;
        }
        let help = match nearest(&path.0, corpus.documents.iter().map(|p| p.0.as_str())) {
            Some(near) => format!("did you mean \"{near}\"?"),
            None => "put the file in content/documents/ and give its path from there".into(),
        };
        diags.push(
            Diagnostic::error(
                Code::MissingDocument,
                d.source_span,
                format!("document file content/documents/{} does not exist", path.0),
            )
            .label("no such file")
            .help(help),
        );
    }
}

/// The span of the reference from `from` to `to` under `via`, for cycle
/// reports.
pub(super) fn reference_span(
    corpus: &Corpus,
    from: PolicyIx,
    to: PolicyId,
    via: Via,
) -> Option<Span> {
    let p = &corpus.policies[from.get()];
    let list = match via {
        Via::Supersedes => &p.supersedes,
        Via::Implements => &p.implements,
        Via::Declared(r) => {
            return p
                .related
                .iter()
                .filter(|related| related.relation == r)
                .flat_map(|related| &related.items)
                .find(|item| item.value.target == Target::Policy(to))
                .map(|item| item.span);
        }
    };
    list.iter().find(|r| r.value == to).map(|r| r.span)
}
