//! The history of a site's entries, read from the git repository that
//! holds the site: for each entry file, its versions and the changes a
//! reader cares about (created; status, current status or effective date
//! changed; superseded; a court action or commentary added; text revised),
//! each with the date it was committed.
//!
//! The history is read once for the whole site ([`read`]): one walk of the
//! first-parent line from `HEAD` ([`git`]), each version parsed with
//! docket's own front matter parser ([`snapshot`]), and the changes found
//! by comparing each version with the one before ([`events`]). It depends
//! on the commits alone, never on the clock or the files' times: the same
//! commit gives the same history on any machine.
//!
//! A site outside git, or in a repository without commits, has no history
//! ([`Unavailable`] says why); a shallow clone has the history of the
//! commits it holds, and its oldest files are "first seen", not
//! "created". Files not yet committed have no history; [`History::state`]
//! tells them, and files changed since their last commit, apart.

mod chains;
mod diff;
mod events;
mod git;
mod snapshot;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::config::Config;
use crate::content::{CommentaryId, CourtActionId, Kind, PolicyId, Term};
use crate::graph::force::StatusAt;

use crate::content::Id;
pub use gix::ObjectId;

/// Why a site has no history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// No git repository holds the site folder.
    NotInRepository,
    /// The repository has no work tree (a bare repository), or the site
    /// folder is not inside it.
    NoWorkTree,
    /// The repository has no commit yet.
    NoCommits,
    /// The repository could not be read; the text says what failed.
    Unreadable(String),
}

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unavailable::NotInRepository => f.write_str("the site is not in a git repository"),
            Unavailable::NoWorkTree => {
                f.write_str("the site is not in the work tree of its git repository")
            }
            Unavailable::NoCommits => f.write_str("the git repository has no commits yet"),
            Unavailable::Unreadable(why) => write!(f, "the git repository cannot be read: {why}"),
        }
    }
}

/// Position of a commit in [`History::commits`]: 0 is the oldest read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CommitIx(pub u32);

/// A commit of the first-parent line from `HEAD`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub id: ObjectId,
    /// When it was committed, in the committer's own UTC offset.
    pub time: DateTime<FixedOffset>,
}

impl Commit {
    /// The day it was committed, on the committer's calendar.
    pub fn date(&self) -> NaiveDate {
        self.time.date_naive()
    }
}

/// One version of an entry file: what a commit left at its path.
#[derive(Clone, Debug)]
pub struct Version {
    pub commit: CommitIx,
    /// Path relative to the site root, with `/`; it differs from the
    /// file's path now if the file was renamed since.
    pub path: String,
    pub blob: ObjectId,
    /// Whether this version's front matter could be read; one that could
    /// not is passed over when changes are found.
    pub parsed: bool,
}

/// A change a reader cares about, in the order a page lists one commit's
/// changes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The file's first commit.
    Created,
    /// The oldest version a shallow clone holds: the file is older.
    FirstSeen,
    /// `status` changed.
    StatusChanged { from: Vec<Term>, to: Vec<Term> },
    /// `current_status` changed, was set or was removed.
    CurrentStatusChanged {
        from: Option<Term>,
        to: Option<Term>,
    },
    /// `effective` changed, was set or was removed.
    EffectiveChanged {
        from: Option<crate::content::Date>,
        to: Option<crate::content::Date>,
    },
    /// Another policy's `supersedes` came to name this one.
    Superseded { by: PolicyId },
    /// A court action's `challenges` came to name this policy.
    CourtActionAdded(CourtActionId),
    /// A commentary's `about` came to name this policy.
    CommentaryAdded(CommentaryId),
    /// The body changed, and nothing above did in the same commit.
    TextRevised,
}

impl Change {
    /// A short, stable name of the kind of change, for filters and feeds.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Created => "created",
            Change::FirstSeen => "first-seen",
            Change::StatusChanged { .. } => "status",
            Change::CurrentStatusChanged { .. } => "current-status",
            Change::EffectiveChanged { .. } => "effective",
            Change::Superseded { .. } => "superseded",
            Change::CourtActionAdded(_) => "court-action",
            Change::CommentaryAdded(_) => "commentary",
            Change::TextRevised => "text",
        }
    }
}

/// A dated change of one entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The commit's date, or the `updated` date the commit wrote when it is
    /// later (a contributor's own word on when the entry changed).
    pub date: NaiveDate,
    /// The commit that made the change.
    pub commit: CommitIx,
    pub change: Change,
}

/// The history of one entry file present at `HEAD`.
#[derive(Clone, Debug)]
pub struct FileHistory {
    pub kind: Kind,
    /// The entry's id in its latest version that could be read.
    pub id: Option<Id>,
    /// Oldest first; the last is the version at `HEAD`.
    pub versions: Vec<Version>,
    /// Oldest first; a commit's changes in [`Change`]'s order.
    pub events: Vec<Event>,
    /// The dated status of a policy, from each version that could be read.
    statuses: Vec<StatusAt>,
}

impl FileHistory {
    /// A policy's status and current status as each commit left them,
    /// oldest first, one item a change: what [`crate::graph::force`] needs
    /// to date an end of force and a return to it. Empty for other kinds.
    pub fn status_timeline(&self) -> &[StatusAt] {
        &self.statuses
    }
}

/// Whether a file as it is on disk is the one committed at `HEAD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileState {
    /// `HEAD` has no file at this path.
    NotCommitted,
    /// The file differs from its version at `HEAD`.
    Modified,
    Committed,
}

/// A site's history.
#[derive(Clone, Debug)]
pub struct History {
    commits: Vec<Commit>,
    files: BTreeMap<String, FileHistory>,
    complete: bool,
    hash: gix::hash::Kind,
}

impl History {
    /// The day of the newest commit that changed an entry file present at
    /// `HEAD`: when the data last changed. In a shallow clone the oldest
    /// commit read is where files are first seen, not where they changed,
    /// and does not count.
    pub fn newest_change(&self) -> Option<NaiveDate> {
        self.files
            .values()
            .filter_map(|f| f.versions.last())
            .filter(|v| self.complete || v.commit.0 != 0)
            .map(|v| self.commits[v.commit.0 as usize].date())
            .max()
    }
}

/// One change of the site-wide list, with the file it belongs to.
#[derive(Clone, Copy, Debug)]
pub struct Recent<'a> {
    /// The file's path now, relative to the site root.
    pub path: &'a str,
    pub file: &'a FileHistory,
    pub event: &'a Event,
}

/// Where the repository holding a site keeps `HEAD` and its branches, and
/// the commit `HEAD` names now: what the live preview watches, to read the
/// history again when `HEAD` moves (a commit, a checkout, a pull).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// The commit `HEAD` names; `None` before the first commit.
    pub commit: Option<ObjectId>,
    /// The repository's own folder, which holds `HEAD` (a linked work
    /// tree's own, under the main repository's).
    pub git_dir: std::path::PathBuf,
    /// The folder shared by all work trees, which holds the branches
    /// (`refs/heads/`) and `packed-refs`.
    pub common_dir: std::path::PathBuf,
}

/// The repository of the site at `root` and its `HEAD`, read as [`read`]
/// reads them; `None` when the site has no repository.
pub fn head(root: &Path) -> Option<Head> {
    let repo = gix::discover_opts(root, Default::default(), gix::open::Options::isolated()).ok()?;
    Some(Head {
        commit: repo.head_id().ok().map(|id| id.detach()),
        git_dir: repo.git_dir().to_path_buf(),
        common_dir: repo.common_dir().to_path_buf(),
    })
}

/// Reads the history of every entry under `root/content/`. `config` is the
/// site's; its vocabularies are not applied to old versions.
pub fn read(root: &Path, config: &Config) -> Result<History, Unavailable> {
    let repo = git::Repo::open(root)?;
    let walked = repo.walk()?;
    events::build(&repo, walked, config)
}

impl History {
    /// Whether the history goes back to the repository's first commit;
    /// false for a shallow clone.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The first-parent line from the oldest commit read to `HEAD`.
    pub fn commits(&self) -> &[Commit] {
        &self.commits
    }

    pub fn commit(&self, ix: CommitIx) -> &Commit {
        &self.commits[ix.0 as usize]
    }

    /// The commit `HEAD` names.
    pub fn head(&self) -> Option<&Commit> {
        self.commits.last()
    }

    /// The oldest commit read: the history is known from its date on.
    pub fn oldest(&self) -> Option<&Commit> {
        self.commits.first()
    }

    /// The history of the file at `path` (relative to the site root, with
    /// `/`, as diagnostics name files), if `HEAD` has it.
    pub fn file(&self, path: &str) -> Option<&FileHistory> {
        self.files.get(path)
    }

    /// Every file `HEAD` has, by path.
    pub fn files(&self) -> impl Iterator<Item = (&str, &FileHistory)> {
        self.files.iter().map(|(p, f)| (p.as_str(), f))
    }

    /// Every change of the site, newest first: by date, then commit, then
    /// path, then the order of one commit's changes.
    pub fn recent(&self) -> Vec<Recent<'_>> {
        let mut all: Vec<Recent<'_>> = self
            .files
            .iter()
            .flat_map(|(path, file)| {
                file.events.iter().map(move |event| Recent {
                    path: path.as_str(),
                    file,
                    event,
                })
            })
            .collect();
        all.sort_by(|a, b| {
            (b.event.date, b.event.commit)
                .cmp(&(a.event.date, a.event.commit))
                .then_with(|| a.path.cmp(b.path))
                .then_with(|| a.event.change.cmp(&b.event.change))
        });
        all
    }

    /// Whether `bytes`, the file at `path` as it is on disk, is what
    /// `HEAD` holds there.
    pub fn state(&self, path: &str, bytes: &[u8]) -> FileState {
        let Some(last) = self.files.get(path).and_then(|f| f.versions.last()) else {
            return FileState::NotCommitted;
        };
        match gix::objs::compute_hash(self.hash, gix::objs::Kind::Blob, bytes) {
            Ok(id) if id == last.blob => FileState::Committed,
            _ => FileState::Modified,
        }
    }
}
