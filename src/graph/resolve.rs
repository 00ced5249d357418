//! Resolves hand-written references to entries, and checks that document
//! files exist. Each problem points at the id or path that causes it.

use std::collections::HashMap;

use super::cycles::Via;
use super::{
    CaseIx, CommentaryIx, CommentaryLinks, CourtActionIx, CourtActionLinks, Graph, LinkTarget,
    Linked, PolicyIx, PolicyLinks, RelatedLinks,
};
use crate::config::Relations;
use crate::content::related::Target;
use crate::content::{Corpus, Date, Document, DocumentSource, Id, Kind, PolicyId};
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

pub(super) fn resolve(
    corpus: &Corpus,
    unread: &UnreadDates,
    graph: &mut Graph,
    diags: &mut Diagnostics,
) {
    graph.policies = vec![PolicyLinks::default(); corpus.policies.len()];
    for (i, p) in corpus.policies.iter().enumerate() {
        let me = PolicyIx(i as u32);
        for (rel, list) in [
            (Rel::Supersedes, &p.supersedes),
            (Rel::Implements, &p.implements),
        ] {
            for r in list {
                let Some(target) = lookup(corpus, graph, r, rel.key(), Some(p.id), diags) else {
                    if matches!(rel, Rel::Supersedes) {
                        let older = unread.get(r.value.0);
                        check_dates((p.id.0, p.announced), older, rel.key(), r.span, diags);
                    }
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
                related: Vec::new(),
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
            CommentaryLinks {
                about,
                related: Vec::new(),
            }
        })
        .collect();
    check_documents(corpus, &corpus.unparsed_documents, diags);
    // An entry with errors is in no list, but what it refers to is checked
    // all the same, linked to nothing: one run reports every problem.
    for refs in &corpus.unparsed_references {
        let me = refs
            .from
            .as_ref()
            .filter(|(kind, _)| *kind == Kind::Policy)
            .map(|(_, id)| PolicyId(id.value));
        for (key, r) in &refs.policies {
            let target = lookup(corpus, graph, r, key, me, diags);
            if let (Some(me), Some(date), true) = (me, refs.announced, *key == "supersedes") {
                let older = unread.or_read(corpus, target.map(PolicyIx::get), r.value.0);
                check_dates((me.0, date), older, key, r.span, diags);
            }
        }
    }
}

/// The `announced` dates of the policies whose files have errors, as far
/// as they could be read: a lineage through one of them is checked for
/// its order as it would be without the other errors.
pub(super) struct UnreadDates(HashMap<Id, Date>);

impl UnreadDates {
    pub(super) fn of(corpus: &Corpus) -> UnreadDates {
        UnreadDates(
            corpus
                .unparsed_references
                .iter()
                .filter_map(|refs| match (&refs.from, refs.announced) {
                    (Some((Kind::Policy, id)), Some(date)) => Some((id.value, date)),
                    _ => None,
                })
                .collect(),
        )
    }

    /// Policy `id` with its date, if its file has errors and the date
    /// could be read.
    fn get(&self, id: Id) -> Option<(Id, Date)> {
        self.0.get(&id).map(|&d| (id, d))
    }

    /// Policy `id` with its date: the policy at `found` in the corpus's
    /// list, or else one whose file has errors.
    fn or_read(&self, corpus: &Corpus, found: Option<usize>, id: Id) -> Option<(Id, Date)> {
        match found {
            Some(i) => Some((id, corpus.policies[i].announced)),
            None => self.get(id),
        }
    }
}

/// Resolves the relations `docket.toml` declares: each item naming a
/// policy, in both directions, and the ends of force they make.
pub(super) fn declared(
    corpus: &Corpus,
    relations: &Relations,
    unread: &UnreadDates,
    graph: &mut Graph,
    diags: &mut Diagnostics,
) {
    if relations.is_empty() {
        return;
    }
    for kind in Kind::ALL {
        for i in 0..corpus.count(kind) {
            *graph.related_mut(kind, i) = vec![RelatedLinks::default(); relations.list.len()];
        }
    }
    for kind in Kind::ALL {
        for i in 0..corpus.count(kind) {
            let entry = corpus.entry(kind, i);
            for related in &entry.common.related {
                let rel = &relations.list[related.relation];
                let Some(to) = Kind::from_name(rel.to) else {
                    continue;
                };
                for item in &related.items {
                    let note = item.value.note.clone();
                    let target = match &item.value.target {
                        Target::Entry(id) => {
                            let r = At {
                                span: item.span,
                                value: *id,
                            };
                            let me = (to == kind).then_some(entry.id);
                            let Some(ix) = lookup_entry(corpus, graph, to, &r, &rel.key, me, diags)
                            else {
                                if rel.lineage && kind == Kind::Policy && to == Kind::Policy {
                                    let older = unread.get(*id);
                                    let newer = (entry.id, corpus.policies[i].announced);
                                    check_dates(newer, older, &rel.key, item.span, diags);
                                }
                                continue;
                            };
                            graph.related_mut(to, ix)[related.relation]
                                .named_by
                                .push(Linked {
                                    target: LinkTarget::entry(kind, i),
                                    note: note.clone(),
                                });
                            // `lineage` and `ends_force` join policies only
                            // (the config says so).
                            let policies = (kind == Kind::Policy && to == Kind::Policy)
                                .then_some((PolicyIx(i as u32), PolicyIx(ix as u32)));
                            if let Some((me, ix)) = policies {
                                if rel.lineage {
                                    check_order(corpus, i, ix, &rel.key, item.span, diags);
                                }
                                if rel.ends_force {
                                    graph.policies[ix.get()]
                                        .ended_by
                                        .push((me, related.relation));
                                }
                            }
                            LinkTarget::entry(to, ix)
                        }
                        Target::Outside { title, url } => LinkTarget::Outside {
                            title: title.clone(),
                            url: url.clone(),
                        },
                    };
                    graph.related_mut(kind, i)[related.relation]
                        .names
                        .push(Linked { target, note });
                }
            }
        }
    }
    // Those of entries with errors, checked and linked to nothing.
    for refs in &corpus.unparsed_references {
        for related in &refs.related {
            let rel = &relations.list[related.relation];
            let Some(to) = Kind::from_name(rel.to) else {
                continue;
            };
            let me = refs
                .from
                .as_ref()
                .filter(|(kind, _)| *kind == to)
                .map(|(_, id)| id.value);
            // A lineage from a policy whose date could be read is checked
            // for its order, as `supersedes` is.
            let dated = refs
                .announced
                .zip(me)
                .filter(|_| rel.lineage && to == Kind::Policy);
            for item in &related.items {
                if let Target::Entry(id) = &item.value.target {
                    let r = At {
                        span: item.span,
                        value: *id,
                    };
                    let target = lookup_entry(corpus, graph, to, &r, &rel.key, me, diags);
                    if let Some((date, me)) = dated {
                        let older = unread.or_read(corpus, target, *id);
                        check_dates((me, date), older, &rel.key, item.span, diags);
                    }
                }
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
    check_dates(
        (p.id.0, p.announced),
        Some((older.id.0, older.announced)),
        key,
        span,
        diags,
    );
}

/// [`check_order`] for a policy and the one it names, each given by its id
/// and date, whichever file they come from; nothing when `older` is not
/// known.
fn check_dates(
    newer: (Id, Date),
    older: Option<(Id, Date)>,
    key: &str,
    span: Span,
    diags: &mut Diagnostics,
) {
    let Some(older) = older else {
        return;
    };
    if older.1 > newer.1 {
        diags.push(
            Diagnostic::warning(
                Code::SupersedesLater,
                span,
                format!(
                    "policy {} (announced {}) {key} policy {} announced later, on {}",
                    newer.0, newer.1, older.0, older.1
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
    let r = At {
        span: r.span,
        value: r.value.0,
    };
    let ix = lookup_entry(
        corpus,
        graph,
        Kind::Policy,
        &r,
        key,
        from.map(|f| f.0),
        diags,
    )?;
    Some(PolicyIx(ix as u32))
}

/// Resolves one reference to an entry of `kind`, reporting why it cannot
/// be; gives its position in its kind's list.
pub(super) fn lookup_entry(
    corpus: &Corpus,
    graph: &Graph,
    kind: Kind,
    r: &At<Id>,
    key: &str,
    from: Option<Id>,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let what = kind.label().to_lowercase();
    if from == Some(r.value) {
        diags.push(
            Diagnostic::error(
                Code::SelfReference,
                r.span,
                format!("{what} {} {key} itself", r.value),
            )
            .label(format!("this is the {what}'s own id"))
            .help(format!("remove {} from `{key}`", r.value)),
        );
        return None;
    }
    if let Some(ix) = graph.position(kind, r.value) {
        return Some(ix);
    }
    if corpus.unreadable.contains(&(kind, r.value)) {
        // That file's own errors are reported; this reference may be fine.
        return None;
    }
    if corpus.drafts.contains(&(kind, r.value)) {
        diags.push(
            Diagnostic::warning(
                Code::DraftReference,
                r.span,
                format!(
                    "{what} {} is a draft; this link is left out until it is published",
                    r.value
                ),
            )
            .label("a draft")
            .help("build with --drafts to see it, or publish the draft"),
        );
        return None;
    }
    let ids = (0..corpus.count(kind)).map(|i| corpus.entry(kind, i).id);
    let help = match nearest_id(r.value, ids) {
        Some(near) => {
            let title = graph
                .position(kind, near)
                .map(|i| corpus.entry(kind, i).common.title.as_str())
                .unwrap_or("");
            format!("did you mean {what} {near}, \"{title}\"?")
        }
        None => format!("check the id on the {what}'s page, or add the {what} first"),
    };
    diags.push(
        Diagnostic::error(
            Code::UnknownReference,
            r.span,
            format!("`{key}` refers to {what} {}, which does not exist", r.value),
        )
        .label(format!("no {what} has this id"))
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
                .common
                .related
                .iter()
                .filter(|related| related.relation == r)
                .flat_map(|related| &related.items)
                .find(|item| item.value.target == Target::Entry(to.0))
                .map(|item| item.span);
        }
    };
    list.iter().find(|r| r.value == to).map(|r| r.span)
}
