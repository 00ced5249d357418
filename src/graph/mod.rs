//! The relation graph: every reference resolved, every inverse derived.
//!
//! Contributors write four relations by hand (`supersedes`, `implements`,
//! `challenges`, `about`). This stage resolves them to entries, derives the
//! inverse ones (superseded by, derivative policies, a policy's court actions
//! and commentary) and the cases (court actions sharing court and docket, in
//! date order), and reports everything that cannot be resolved. Templates
//! only ever see what this stage produced, never an id to look up.

pub mod cases;
pub mod cycles;
pub mod force;
pub mod lineage;
pub mod resolve;
pub mod unlinked;

use std::collections::HashMap;

use crate::config::Relations;
use crate::content::Id;
use crate::content::{Corpus, Date, DocPath, Kind, PolicyId, Term};
use crate::diag::{Code, Diagnostic, Diagnostics};

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            pub fn get(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// Position of a policy in [`Corpus::policies`].
    PolicyIx
);
index_type!(
    /// Position of a court action in [`Corpus::court_actions`].
    CourtActionIx
);
index_type!(
    /// Position of a commentary item in [`Corpus::commentary`].
    CommentaryIx
);
index_type!(
    /// Position of a case in [`Graph::cases`].
    CaseIx
);
index_type!(
    /// Position of a lineage in [`Graph::lineages`].
    LineageIx
);

/// A policy's relations in both directions. Every list is sorted (by date,
/// then id) so that pages never depend on the order files were read.
#[derive(Debug, Default, Clone)]
pub struct PolicyLinks {
    pub supersedes: Vec<PolicyIx>,
    pub superseded_by: Vec<PolicyIx>,
    pub implements: Vec<PolicyIx>,
    pub derivatives: Vec<PolicyIx>,
    pub court_actions: Vec<CourtActionIx>,
    pub commentary: Vec<CommentaryIx>,
    /// The cases its court actions belong to.
    pub cases: Vec<CaseIx>,
    /// The relations `docket.toml` declares, by their position in its
    /// list; empty for a site that declares none.
    pub related: Vec<RelatedLinks>,
    /// The policies that end its force by a declared relation
    /// (`ends_force`), each with the relation's position.
    pub ended_by: Vec<(PolicyIx, usize)>,
    /// The policies it follows in its lineage: those it supersedes and
    /// those it names by a declared relation with `lineage = true`, by
    /// date ([`lineage`]).
    pub follows: Vec<PolicyIx>,
    /// The policies that follow it in its lineage, by date.
    pub followed_by: Vec<PolicyIx>,
}

/// One declared relation of an entry, in both directions.
#[derive(Debug, Default, Clone)]
pub struct RelatedLinks {
    /// What the entry names, in the order its file writes them.
    pub names: Vec<Linked>,
    /// The entries that name it, by date.
    pub named_by: Vec<Linked>,
}

/// An item of a declared relation, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    pub target: LinkTarget,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    Policy(PolicyIx),
    CourtAction(CourtActionIx),
    Commentary(CommentaryIx),
    /// Something that is not an entry of the site.
    Outside {
        title: String,
        url: Option<String>,
    },
}

impl LinkTarget {
    /// The kind and position of the entry it names, if it names one.
    pub fn entry_of(&self) -> Option<(Kind, usize)> {
        match self {
            LinkTarget::Policy(p) => Some((Kind::Policy, p.get())),
            LinkTarget::CourtAction(c) => Some((Kind::CourtAction, c.get())),
            LinkTarget::Commentary(c) => Some((Kind::Commentary, c.get())),
            LinkTarget::Outside { .. } => None,
        }
    }

    /// The `i`th entry of `kind`.
    pub fn entry(kind: Kind, i: usize) -> LinkTarget {
        let i = i as u32;
        match kind {
            Kind::Policy => LinkTarget::Policy(PolicyIx(i)),
            Kind::CourtAction => LinkTarget::CourtAction(CourtActionIx(i)),
            Kind::Commentary => LinkTarget::Commentary(CommentaryIx(i)),
        }
    }
}

#[derive(Debug, Clone)]
pub struct CourtActionLinks {
    pub challenges: Vec<PolicyIx>,
    pub case: CaseIx,
    /// As [`PolicyLinks::related`].
    pub related: Vec<RelatedLinks>,
}

#[derive(Debug, Default, Clone)]
pub struct CommentaryLinks {
    pub about: Vec<PolicyIx>,
    /// As [`PolicyLinks::related`].
    pub related: Vec<RelatedLinks>,
}

/// The court actions that share a court and a docket number, and the case
/// file of that court and docket ([`cases`]): either may be missing.
#[derive(Debug, Clone)]
pub struct Case {
    /// The case's folder in the site, from court and docket number.
    pub slug: String,
    /// The name its case file gives, or else its earliest filing.
    pub name: String,
    pub court: Term,
    pub docket: String,
    /// Its filings, oldest first; none for a case known by its file alone.
    pub filings: Vec<CourtActionIx>,
    /// The policies its filings or its file challenge.
    pub policies: Vec<PolicyIx>,
    /// Its case file's position in [`Corpus::cases`].
    pub file: Option<usize>,
    pub status: Option<Term>,
    /// Where to follow it elsewhere, as its file gives it.
    pub url: Option<String>,
    /// The case it is an appeal of, and the cases that appeal it.
    pub appeal_of: Option<CaseIx>,
    pub appeals: Vec<CaseIx>,
    /// The cases it is consolidated with, both ways.
    pub consolidated: Vec<CaseIx>,
    /// What its file says it challenges, in the file's order, with notes:
    /// policies of the site and things outside it.
    pub challenged: Vec<Linked>,
    /// Its earliest and latest dates: of its filings, and its file's `filed`.
    pub first: Option<Date>,
    pub latest: Option<Date>,
}

impl Case {
    /// For a case known by its file alone (no filings) and dated by it:
    /// its file's position in [`Corpus::cases`] and its date. Such a case
    /// is news of its own, as an entry is (a tracker of lawsuits has only
    /// those); a case with filings is news through them.
    pub fn by_its_file(&self) -> Option<(usize, Date)> {
        if !self.filings.is_empty() {
            return None;
        }
        Some((self.file?, self.latest?))
    }
}

#[derive(Debug, Default)]
pub struct Graph {
    pub policies: Vec<PolicyLinks>,
    pub court_actions: Vec<CourtActionLinks>,
    pub commentary: Vec<CommentaryLinks>,
    /// Sorted by slug.
    pub cases: Vec<Case>,
    /// The policies joined by `supersedes` and the declared relations
    /// with `lineage = true`, each lineage whole ([`lineage`]).
    pub lineages: Vec<lineage::Lineage>,
    /// The lineage of each policy, parallel to [`Corpus::policies`];
    /// `None` for a policy that follows none and is followed by none.
    pub lineage_of: Vec<Option<LineageIx>>,
    policy_ids: HashMap<PolicyId, PolicyIx>,
    ids: HashMap<(Kind, Id), usize>,
}

impl Graph {
    pub fn policy(&self, id: PolicyId) -> Option<PolicyIx> {
        self.policy_ids.get(&id).copied()
    }

    /// Whether an entry of `kind` with number `id` is part of this build.
    pub fn contains(&self, kind: Kind, id: Id) -> bool {
        self.ids.contains_key(&(kind, id))
    }

    /// Position of an entry in its kind's list in the corpus.
    pub fn position(&self, kind: Kind, id: Id) -> Option<usize> {
        self.ids.get(&(kind, id)).copied()
    }

    /// The declared relations of the `i`th entry of `kind`, by their
    /// position in `[relations]`; empty for a site that declares none.
    pub fn related(&self, kind: Kind, i: usize) -> &[RelatedLinks] {
        match kind {
            Kind::Policy => &self.policies[i].related,
            Kind::CourtAction => &self.court_actions[i].related,
            Kind::Commentary => &self.commentary[i].related,
        }
    }

    fn related_mut(&mut self, kind: Kind, i: usize) -> &mut Vec<RelatedLinks> {
        match kind {
            Kind::Policy => &mut self.policies[i].related,
            Kind::CourtAction => &mut self.court_actions[i].related,
            Kind::Commentary => &mut self.commentary[i].related,
        }
    }

    /// The lineage policy `ix` belongs to, if any.
    pub fn lineage(&self, ix: PolicyIx) -> Option<&lineage::Lineage> {
        let l = self.lineage_of.get(ix.get()).copied().flatten()?;
        self.lineages.get(l.get())
    }
}

/// Builds the graph of `corpus`, with the relations `relations` declares,
/// reporting every relation problem.
pub fn link(corpus: &Corpus, relations: &Relations, diags: &mut Diagnostics) -> Graph {
    let mut graph = Graph::default();
    index(corpus, &mut graph, diags);
    let unread = resolve::UnreadDates::of(corpus);
    resolve::resolve(corpus, &unread, &mut graph, diags);
    resolve::declared(corpus, relations, &unread, &mut graph, diags);
    cases::build(corpus, &mut graph, diags);
    cycles::check(corpus, relations, &graph, diags);
    sort_links(corpus, &mut graph);
    lineage::build(corpus, relations, &mut graph);
    graph
}

/// Maps ids to positions; a second entry with the same id is an error that
/// points at both files.
fn index(corpus: &Corpus, graph: &mut Graph, diags: &mut Diagnostics) {
    // The highest id of each kind known, to name a free one in the help.
    let next_free = |kind: Kind| -> u64 {
        let ids: Vec<Id> = match kind {
            Kind::Policy => corpus.policies.iter().map(|p| p.id.0).collect(),
            Kind::CourtAction => corpus.court_actions.iter().map(|c| c.id.0).collect(),
            Kind::Commentary => corpus.commentary.iter().map(|c| c.id.0).collect(),
        };
        let others = corpus.drafts.iter().chain(&corpus.unreadable);
        ids.into_iter()
            .chain(others.filter(|(k, _)| *k == kind).map(|(_, id)| *id))
            .map(|id| id.leading_number())
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    };
    // Keyed without case: `9973-A` and `9973-a` would be one folder on the
    // file systems of Windows and macOS, so one page would overwrite the other.
    let mut first: HashMap<(Kind, String), (Id, crate::source::Span)> =
        HashMap::with_capacity(corpus.len());
    graph.ids.reserve(corpus.len());
    graph.policy_ids.reserve(corpus.policies.len());
    // `pos` is None for an entry in no list (a draft left out, a file with
    // errors): its id is taken all the same, so that a second use of it
    // is reported in the run that reports its other errors.
    let mut add = |kind: Kind,
                   id: Id,
                   pos: Option<usize>,
                   span: crate::source::Span,
                   graph: &mut Graph| {
        let key = (kind, id.as_str().to_ascii_lowercase());
        if let Some((prev_id, prev)) = first.get(&key) {
            let kinds = kind.plural_label().to_lowercase();
            let same = *prev_id == id;
            let case = if same {
                ""
            } else {
                ", whatever their case (on Windows and macOS their pages would be one file)"
            };
            let d = if same {
                Diagnostic::error(
                    Code::DuplicateId,
                    span,
                    format!("{} id {id} is used twice", kind.label().to_lowercase()),
                )
                .label("second use")
            } else {
                Diagnostic::error(
                    Code::DuplicateId,
                    span,
                    format!(
                        "{} ids {prev_id} and {id} differ only in case",
                        kind.label().to_lowercase()
                    ),
                )
                .label("differs from the first only in case")
            };
            diags.push(d.note(*prev, "first used here").help(format!(
                "ids are permanent and unique among {kinds}{}: keep the id of the entry already published, and give the other an unused one, like {}",
                case,
                next_free(kind)
            )));
        } else {
            first.insert(key, (id, span));
            if let Some(pos) = pos {
                graph.ids.insert((kind, id), pos);
            }
        }
    };
    for (i, p) in corpus.policies.iter().enumerate() {
        add(Kind::Policy, p.id.0, Some(i), p.common.id_span, graph);
        graph.policy_ids.entry(p.id).or_insert(PolicyIx(i as u32));
    }
    for (i, c) in corpus.court_actions.iter().enumerate() {
        add(Kind::CourtAction, c.id.0, Some(i), c.common.id_span, graph);
    }
    for (i, c) in corpus.commentary.iter().enumerate() {
        add(Kind::Commentary, c.id.0, Some(i), c.common.id_span, graph);
    }
    for (kind, id) in &corpus.left_out_ids {
        add(*kind, id.value, None, id.span, graph);
    }
}

/// Sorts every derived list by date, then id.
fn sort_links(corpus: &Corpus, graph: &mut Graph) {
    let policy_key = |p: &PolicyIx| {
        let p = &corpus.policies[p.get()];
        (p.announced, p.id)
    };
    for links in &mut graph.policies {
        for list in [
            &mut links.supersedes,
            &mut links.superseded_by,
            &mut links.implements,
            &mut links.derivatives,
        ] {
            list.sort_by_key(policy_key);
            list.dedup();
        }
        links.court_actions.sort_by_key(|c| {
            let c = &corpus.court_actions[c.get()];
            (c.date, c.id)
        });
        links.court_actions.dedup();
        links.commentary.sort_by_key(|c| {
            let c = &corpus.commentary[c.get()];
            (c.date, c.id)
        });
        links.commentary.dedup();
        links.cases.sort();
        links.cases.dedup();
        links.ended_by.sort_by_key(|(p, r)| (policy_key(p), *r));
        links.ended_by.dedup();
    }
    let related = graph
        .policies
        .iter_mut()
        .map(|l| &mut l.related)
        .chain(graph.court_actions.iter_mut().map(|l| &mut l.related))
        .chain(graph.commentary.iter_mut().map(|l| &mut l.related));
    for list in related {
        for r in list {
            r.named_by.sort_by_key(|l| {
                l.target
                    .entry_of()
                    .map(|(k, i)| corpus.entry(k, i))
                    .map(|e| (e.kind, e.date, e.id))
            });
        }
    }
}

/// Every document file some entry refers to, with nothing else copied.
pub fn documents_in_use(corpus: &Corpus) -> Vec<&DocPath> {
    let mut used: Vec<&DocPath> = corpus
        .policies
        .iter()
        .flat_map(|p| &p.documents)
        .chain(corpus.court_actions.iter().flat_map(|c| &c.documents))
        .chain(corpus.commentary.iter().flat_map(|c| &c.documents))
        .filter_map(|d| match &d.source {
            crate::content::DocumentSource::File(p) => Some(p),
            crate::content::DocumentSource::Url(_) => None,
        })
        .collect();
    used.sort();
    used.dedup();
    used
}
