//! What pages show of time: an entry's history (`history` on the pages of
//! policies, court actions and commentary), a policy's periods in force
//! (`force` on its page) and a change as the recent changes page lists it.
//! Part of the template contract ([`super::views`]); the book's "Themes and
//! templates" chapter documents every field.

use serde::Serialize;

use super::views::{DateValue, DateView, EntryLink, TermLink};
use crate::config::Vocab;
use crate::content::date::Precision;
use crate::content::Id;
use crate::content::{Kind, Term};
use crate::graph::force::{Period, Reason, When};
use crate::graph::PolicyIx;
use crate::history::{Change, Event, FileState};
use crate::site::time::label;
use crate::site::Model;

/// The changes an entry's page lists, newest first: the rest are counted,
/// so that a page stays the same size however long its entry's history.
pub const HISTORY_SHOWN: usize = 20;

/// An entry's history, as its page shows it.
#[derive(Serialize)]
pub struct HistoryView<'a> {
    /// The latest changes, newest first: at most [`HISTORY_SHOWN`].
    pub changes: Vec<ChangeView<'a>>,
    /// The number of older changes, not shown.
    pub earlier: usize,
    /// The entry's file as it is on disk: `committed`, `modified` (changed
    /// since its last commit) or `not-committed`.
    pub state: &'static str,
    /// The day the history is known from, when the repository is a
    /// shallow clone that does not reach back to the entry's creation.
    pub known_since: Option<DateView>,
}

/// One change of an entry.
#[derive(Serialize)]
pub struct ChangeView<'a> {
    pub date: DateView,
    /// `created`, `first-seen`, `status`, `current-status`, `effective`,
    /// `superseded`, `court-action`, `commentary` or `text`.
    pub kind: &'static str,
    /// What a reader sees: `Status changed`, `Superseded`, …
    pub label: &'static str,
    /// The value before and after, for a change of status, current status
    /// or effective date (`None`: not set).
    pub from: Option<String>,
    pub to: Option<String>,
    /// The entry that made the change: the superseding policy, the court
    /// action or commentary added.
    pub by: Option<EntryLink<'a>>,
    /// The commit that made it (its full id).
    pub commit: String,
    /// The change's `id` on its entry's page (`change-1a2b3c4d5e6f-status`),
    /// the same in every build of the same commits.
    pub anchor: String,
}

/// A change of the recent changes page: the entry, with its current
/// title, and what changed.
#[derive(Serialize)]
pub struct ChangeRow<'a> {
    pub entry: EntryLink<'a>,
    #[serde(flatten)]
    pub change: ChangeView<'a>,
}

/// What the recent changes page says of the site's history.
#[derive(Serialize)]
pub struct HistoryState {
    /// Whether the site has a history.
    pub available: bool,
    /// Why it has none.
    pub reason: Option<String>,
    /// The day it is known from, when the repository is a shallow clone.
    pub since: Option<DateView>,
}

/// A policy's periods in force, as its page shows them.
#[derive(Serialize)]
pub struct ForceView<'a> {
    /// Oldest first.
    pub periods: Vec<PeriodView<'a>>,
    /// It has not taken force: every status it has is one that comes
    /// before force (`Proposed`).
    pub pending: bool,
}

/// A span of days in force.
#[derive(Serialize)]
pub struct PeriodView<'a> {
    pub from: DateValue<'a>,
    /// Its last day in force, when its end is dated.
    pub to: Option<DateValue<'a>>,
    /// How it ended; `None` while no end is recorded.
    pub end: Option<EndView<'a>>,
}

/// How a period in force ended.
#[derive(Serialize)]
pub struct EndView<'a> {
    /// `status`, `current-status`, `superseded` or `relation`.
    pub reason: &'static str,
    /// For `relation`: what the relation's inverse says, in lower case as
    /// within a sentence ("revoked by").
    pub relation: Option<String>,
    /// The status or current status that ended it.
    pub term: Option<TermLink<'a>>,
    /// The policy that superseded it.
    pub policy: Option<EntryLink<'a>>,
    /// The first day it was no longer in force, when recorded.
    pub on: Option<DateValue<'a>>,
    /// When the day is not recorded: the day by which it had ended, if
    /// known (the day the ending status was first recorded, or the day a
    /// superseding policy took force).
    pub by: Option<DateValue<'a>>,
}

impl<'s> Model<'s> {
    /// The history of the `i`th entry of `kind`; `None` when the site has
    /// no history.
    pub fn history_view(&self, kind: Kind, i: usize) -> Option<HistoryView<'s>> {
        let site = self.site;
        let history = site.history()?;
        let state = match site.file_state(kind, i)? {
            FileState::Committed => "committed",
            FileState::Modified => "modified",
            FileState::NotCommitted => "not-committed",
        };
        let mut events: Vec<&Event> = site
            .entry_changes(kind, i)
            .into_iter()
            .filter_map(|c| site.event(c))
            .collect();
        let first_seen = events
            .first()
            .is_some_and(|e| e.change == Change::FirstSeen);
        // Newest first, as the site's list orders them; one commit's
        // changes keep their order.
        events.sort_by_key(|e| std::cmp::Reverse((e.date, e.commit)));
        Some(HistoryView {
            changes: events
                .iter()
                .take(HISTORY_SHOWN)
                .map(|e| self.change_view(e))
                .collect(),
            earlier: events.len().saturating_sub(HISTORY_SHOWN),
            state,
            known_since: history
                .oldest()
                .filter(|_| first_seen)
                .map(|c| DateView::new(c.date())),
        })
    }

    /// One change, as a page lists it.
    pub fn change_view(&self, event: &Event) -> ChangeView<'s> {
        let history = self.site.history();
        let (from, to, by) = match &event.change {
            Change::StatusChanged { from, to } => (Some(list(from)), Some(list(to)), None),
            Change::CurrentStatusChanged { from, to } => (
                from.as_ref().map(|t| t.0.clone()),
                to.as_ref().map(|t| t.0.clone()),
                None,
            ),
            Change::EffectiveChanged { from, to } => (
                from.map(|d| DateView::new(d).display),
                to.map(|d| DateView::new(d).display),
                None,
            ),
            Change::Superseded { by } => (None, None, Some((Kind::Policy, by.0))),
            Change::CourtActionAdded(id) => (None, None, Some((Kind::CourtAction, id.0))),
            Change::CommentaryAdded(id) => (None, None, Some((Kind::Commentary, id.0))),
            Change::Created | Change::FirstSeen | Change::TextRevised => (None, None, None),
        };
        let commit = history
            .map(|h| h.commit(event.commit).id.to_string())
            .unwrap_or_default();
        ChangeView {
            date: DateView::new(event.date),
            kind: event.change.kind(),
            label: label(&event.change),
            from,
            to,
            by: by.and_then(|(k, id)| self.linked(k, id)),
            anchor: self.site.anchor(event),
            commit,
        }
    }

    /// The changes of page `n` of the recent changes list, newest first.
    pub fn change_rows(&self, range: std::ops::Range<usize>) -> Vec<ChangeRow<'s>> {
        self.time.changes[range]
            .iter()
            .filter_map(|&c| {
                let event = self.change_event(c)?;
                Some(ChangeRow {
                    entry: self.entry_link(c.kind, c.entry as usize),
                    change: self.change_view(event),
                })
            })
            .collect()
    }

    /// What the recent changes page says of the history.
    pub fn history_state(&self) -> HistoryState {
        let site = self.site;
        let since = site
            .history()
            .filter(|h| !h.is_complete())
            .and_then(|h| h.oldest())
            .map(|c| DateView::new(c.date()));
        HistoryState {
            available: site.history().is_some(),
            reason: site.no_history.as_ref().map(ToString::to_string),
            since,
        }
    }

    /// A link to the built entry of `kind` numbered `id`.
    fn linked(&self, kind: Kind, id: Id) -> Option<EntryLink<'s>> {
        let i = self.site.graph.position(kind, id)?;
        Some(self.entry_link(kind, i))
    }

    /// The periods in force of policy `ix`.
    pub fn force_view(&self, ix: PolicyIx) -> ForceView<'s> {
        let policy = &self.site.corpus.policies[ix.get()];
        let rules = crate::graph::force::Rules::of(&self.site.config.force);
        let periods = self
            .time
            .force
            .get(ix.get())
            .map(|f| f.periods.iter().map(|p| self.period_view(p)).collect())
            .unwrap_or_default();
        ForceView {
            periods,
            pending: crate::graph::force::start(policy, &rules).is_none(),
        }
    }

    fn period_view(&self, p: &'s Period) -> PeriodView<'s> {
        let end = p.end.as_ref().map(|e| {
            let mut relation = None;
            let (reason, term, policy) = match &e.reason {
                Reason::Status(t) => ("status", Some(self.term_of(Vocab::Statuses, t)), None),
                Reason::CurrentStatus(t) => (
                    "current-status",
                    Some(self.term_of(Vocab::CurrentStatuses, t)),
                    None,
                ),
                Reason::SupersededBy(id) => ("superseded", None, self.linked(Kind::Policy, id.0)),
                Reason::Related { by, relation: r } => {
                    relation = self
                        .site
                        .config
                        .relations
                        .list
                        .get(*r)
                        .map(|r| in_sentence(&r.inverse));
                    ("relation", None, self.linked(Kind::Policy, by.0))
                }
            };
            let (on, by) = match e.when {
                When::On(day) => (Some(self.date(day)), None),
                When::NotRecorded { by } => (None, by.map(|d| self.date(d))),
            };
            EndView {
                reason,
                relation,
                term,
                policy,
                on,
                by,
            }
        });
        // The last day in force is the day before the end; an end known
        // only by its month or year has no such day to show.
        let to = match p.end.as_ref().map(|e| e.when) {
            Some(When::On(day)) if day.precision() == Precision::Day => {
                day.start().pred_opt().map(|d| self.date(d))
            }
            _ => None,
        };
        PeriodView {
            from: self.date(p.from),
            to,
            end,
        }
    }

    /// A link to a term's page; to its vocabulary's page for a term no
    /// built entry carries now (a status a history recorded), which has
    /// no page of its own.
    fn term_of(&self, vocab: Vocab, term: &'s Term) -> TermLink<'s> {
        let url = match self
            .terms
            .vocabs
            .get(&vocab)
            .and_then(|v| v.get(term.as_str()))
        {
            Some(e) if e.count() > 0 => e.url.as_str().into(),
            _ => crate::site::paths::vocabulary(vocab).into(),
        };
        TermLink::new(term.as_str(), url, self.tone(vocab, term.as_str()))
    }
}

/// A list of terms as one value: `Final/Actual, Rescinded`.
fn list(terms: &[Term]) -> String {
    terms
        .iter()
        .map(Term::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A label as it reads within a sentence: "Revoked by" → "revoked by".
/// A label that starts with a name or an acronym ("EO of") keeps its case.
pub fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => first
            .to_lowercase()
            .chain(label[first.len_utf8()..].chars())
            .collect(),
        _ => label.to_string(),
    }
}
