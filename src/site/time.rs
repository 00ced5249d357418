//! Time on the site's pages, derived once per build: each entry's history
//! from git ([`crate::history`]) joined to the entry by its file's path,
//! the site's changes newest first, and each policy's periods in force
//! ([`crate::graph::force`]).
//!
//! The history is that of the commits, the site that of the files on
//! disk: a change is listed only for an entry that is built (drafts left
//! out stay out), and a change another entry makes (superseded, a court
//! action or commentary added) only while the site still holds that
//! relation and the other entry is built too, so that no change names an
//! entry the site does not have.

use std::borrow::Cow;
use std::cmp::Reverse;

use chrono::NaiveDate;

use super::Site;
use crate::content::Id;
use crate::content::Kind;
use crate::graph::force::{self, Force, Rules};
use crate::graph::PolicyIx;
use crate::history::{Change, CommitIx, Event, FileHistory, FileState, History, Unavailable};

/// Every kind of change ([`Change::kind`]) with what a reader sees of it,
/// in the order a page lists one commit's changes.
pub const KINDS: [(&str, &str); 9] = [
    ("created", "Created"),
    ("first-seen", "First seen"),
    ("status", "Status changed"),
    ("current-status", "Current status changed"),
    ("effective", "Effective date changed"),
    ("superseded", "Superseded"),
    ("court-action", "Court action added"),
    ("commentary", "Commentary added"),
    ("text", "Text revised"),
];

/// What a reader sees of a change: `Status changed`, `Superseded`, …
pub fn label(change: &Change) -> &'static str {
    let kind = change.kind();
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(kind, |(_, label)| label)
}

/// The entry a change names, when another entry made it: the superseding
/// policy, the court action or commentary added.
pub fn made_by(change: &Change) -> Option<(Kind, Id)> {
    match change {
        Change::Superseded { by } => Some((Kind::Policy, by.0)),
        Change::CourtActionAdded(id) => Some((Kind::CourtAction, id.0)),
        Change::CommentaryAdded(id) => Some((Kind::Commentary, id.0)),
        _ => None,
    }
}

/// What changed, in words, after its [`label`]: `Proposed → Final/Actual`,
/// or the title of the entry that made the change; `None` for a change
/// that its label says whole (created, text revised).
pub fn detail(site: &Site, change: &Change) -> Option<String> {
    let or_not_set = |v: Option<String>| v.unwrap_or_else(|| "not set".to_string());
    let day = |d: Option<crate::content::Date>| d.map(|d| super::dates::DateView::new(d).display);
    let terms =
        |t: &[crate::content::Term]| t.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ");
    let (from, to) = match change {
        Change::StatusChanged { from, to } => (Some(terms(from)), Some(terms(to))),
        Change::CurrentStatusChanged { from, to } => (
            from.as_ref().map(|t| t.0.clone()),
            to.as_ref().map(|t| t.0.clone()),
        ),
        Change::EffectiveChanged { from, to } => (day(*from), day(*to)),
        other => {
            let (kind, id) = made_by(other)?;
            let i = site.graph.position(kind, id)?;
            return Some(site.corpus.entry(kind, i).common.title.clone());
        }
    };
    Some(format!("{} → {}", or_not_set(from), or_not_set(to)))
}

/// One change of the site-wide list: an event of an entry's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChangeRef {
    pub kind: Kind,
    /// The entry's position among those of its kind.
    pub entry: u32,
    /// The event's position in its file's [`FileHistory::events`].
    pub event: u32,
}

/// What the pages show of time, made once per build.
#[derive(Debug, Default)]
pub struct Time {
    /// Every change of the built entries, newest first: by date, then
    /// commit, then the entry file's path, then the order of one commit's
    /// changes (the order of [`History::recent`]).
    pub changes: Vec<ChangeRef>,
    /// Each policy's periods in force, parallel to the corpus's policies.
    pub force: Vec<Force>,
}

impl Time {
    pub fn build(site: &Site) -> Time {
        let rules = Rules::of(&site.config.force);
        let force = force::all(&site.corpus, &site.graph, &rules, |ix: PolicyIx| {
            site.file_history(Kind::Policy, ix.get())
                .map_or(&[][..], FileHistory::status_timeline)
        });
        Time {
            changes: changes(site),
            force,
        }
    }
}

/// The changes of every built entry, newest first.
fn changes(site: &Site) -> Vec<ChangeRef> {
    let Some(history) = site.history() else {
        return Vec::new();
    };
    let mut all: Vec<(NaiveDate, CommitIx, &str, &Change, ChangeRef)> = Vec::new();
    let entries = Kind::ALL
        .into_iter()
        .flat_map(|kind| (0..site.corpus.count(kind)).map(move |i| (kind, i)));
    for (kind, i) in entries {
        let path = site
            .sources
            .get(site.corpus.entry(kind, i).common.file)
            .name
            .as_str();
        let Some(file) = history.file(path) else {
            continue;
        };
        for (j, event) in file.events.iter().enumerate() {
            if site.holds(kind, i, &event.change) {
                let at = ChangeRef {
                    kind,
                    entry: i as u32,
                    event: j as u32,
                };
                all.push((event.date, event.commit, path, &event.change, at));
            }
        }
    }
    all.sort_by(|a, b| {
        (Reverse(a.0), Reverse(a.1), a.2, a.3).cmp(&(Reverse(b.0), Reverse(b.1), b.2, b.3))
    });
    all.into_iter().map(|(.., at)| at).collect()
}

impl<'s> super::Model<'s> {
    /// The event a change of the site-wide list is.
    pub fn change_event(&self, c: ChangeRef) -> Option<&'s Event> {
        self.site.event(c)
    }
}

impl Site {
    /// Keeps the history read for this site, or why there is none.
    pub fn set_history(&mut self, history: Result<History, Unavailable>) {
        self.keep_history(history.map(std::sync::Arc::new));
    }

    /// The site's history, when it has one.
    pub fn history(&self) -> Option<&History> {
        self.history.as_deref()
    }

    /// The history of the `i`th entry of `kind`, when the site has one and
    /// the entry's file is committed.
    pub fn file_history(&self, kind: Kind, i: usize) -> Option<&FileHistory> {
        let common = self.corpus.entry(kind, i).common;
        self.history()?.file(&self.sources.get(common.file).name)
    }

    /// The changes of an entry's history that its page lists, oldest
    /// first: those of [`Site::file_history`] whose relation the site
    /// still holds.
    pub fn entry_changes(&self, kind: Kind, i: usize) -> Vec<ChangeRef> {
        let Some(file) = self.file_history(kind, i) else {
            return Vec::new();
        };
        (0..file.events.len())
            .filter(|&j| self.holds(kind, i, &file.events[j].change))
            .map(|j| ChangeRef {
                kind,
                entry: i as u32,
                event: j as u32,
            })
            .collect()
    }

    /// The event a change is.
    pub fn event(&self, c: ChangeRef) -> Option<&Event> {
        self.file_history(c.kind, c.entry as usize)?
            .events
            .get(c.event as usize)
    }

    /// A change's `id` on its entry's page (`change-1a2b3c4d5e6f-status`,
    /// with the other entry's number for a change another entry made):
    /// the same in every build of the same commits, and unique on the page.
    pub fn anchor(&self, event: &Event) -> String {
        let commit = self
            .history()
            .map(|h| h.commit(event.commit).id.to_hex_with_len(12).to_string())
            .unwrap_or_default();
        let kind = event.change.kind();
        match made_by(&event.change) {
            Some((_, id)) => format!("change-{commit}-{kind}-{id}"),
            None => format!("change-{commit}-{kind}"),
        }
    }

    /// Whether the entry's file on disk is the one committed at `HEAD`;
    /// `None` without a history.
    pub fn file_state(&self, kind: Kind, i: usize) -> Option<FileState> {
        let history = self.history()?;
        let file = self.sources.get(self.corpus.entry(kind, i).common.file);
        // The text as read has its byte order mark dropped and control
        // characters replaced; a file that had either is read again as it
        // is, to compare it with the commit's.
        let bytes: Cow<'_, [u8]> = if file.bom || file.text.contains('\u{fffd}') {
            match crate::sitefs::read_site_file(&self.root, &file.path) {
                Ok(Some(raw)) => Cow::Owned(raw.into_bytes()),
                _ => Cow::Borrowed(file.text.as_bytes()),
            }
        } else {
            Cow::Borrowed(file.text.as_bytes())
        };
        Some(history.state(&file.name, &bytes))
    }

    /// Whether a change of the `i`th entry of `kind` names only what the
    /// site holds: its own changes always do; a relation added must still
    /// hold between built entries.
    fn holds(&self, kind: Kind, i: usize, change: &Change) -> bool {
        let g = &self.graph;
        let policy = || (kind == Kind::Policy).then(|| &g.policies[i]);
        match change {
            Change::Superseded { by } => g
                .position(Kind::Policy, by.0)
                .zip(policy())
                .is_some_and(|(b, l)| l.superseded_by.iter().any(|x| x.get() == b)),
            Change::CourtActionAdded(id) => g
                .position(Kind::CourtAction, id.0)
                .zip(policy())
                .is_some_and(|(c, l)| l.court_actions.iter().any(|x| x.get() == c)),
            Change::CommentaryAdded(id) => g
                .position(Kind::Commentary, id.0)
                .zip(policy())
                .is_some_and(|(c, l)| l.commentary.iter().any(|x| x.get() == c)),
            _ => true,
        }
    }
}
