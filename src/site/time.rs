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
use crate::content::Kind;
use crate::graph::force::{self, Force, Rules};
use crate::graph::PolicyIx;
use crate::history::{Change, CommitIx, Event, FileHistory, FileState, History, Unavailable};

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

impl Site {
    /// Keeps the history read for this site, or why there is none.
    pub fn set_history(&mut self, history: Result<History, Unavailable>) {
        match history {
            Ok(h) => {
                self.history = Some(std::sync::Arc::new(h));
                self.no_history = None;
            }
            Err(why) => {
                self.history = None;
                self.no_history = Some(why);
            }
        }
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

    /// The events of an entry's history that its page lists: those of
    /// [`Site::file_history`] whose relation the site still holds. Oldest
    /// first.
    pub fn events(&self, kind: Kind, i: usize) -> Vec<&Event> {
        self.file_history(kind, i)
            .map(|f| {
                f.events
                    .iter()
                    .filter(|e| self.holds(kind, i, &e.change))
                    .collect()
            })
            .unwrap_or_default()
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
