//! The git side of history: the repository holding the site, one walk
//! along the first parents from `HEAD`, the entry files each commit changed
//! ([`super::diff`]) chained into versions ([`super::chains`]), and the
//! versions' contents. No per-file `git log`, no process is started.
//!
//! Reading trees and blobs is most of the cost, and it is spread over the
//! threads: each reads its own stretch of commits, or its own share of
//! blobs, from a repository handle of its own (a handle is not shared
//! between threads). What each finds does not depend on how the work was
//! split.

use std::ops::Range;
use std::path::{Path, PathBuf};

use gix::ObjectId;
use rayon::prelude::*;

use super::chains::Chains;
use super::diff::{FileChange, Reader};
use super::Unavailable;
use crate::content::walk::CONTENT_DIR;
use crate::content::Kind;

/// The memory a handle keeps for delta bases, as git's own default
/// `core.deltaBaseCacheLimit`. Trees and blobs are stored as deltas of
/// other versions: without this cache, reading each one inflates its whole
/// chain of deltas again.
const PACK_CACHE_BYTES: usize = 96 << 20;

/// Below these, work is not split: opening a handle costs more.
const COMMITS_PER_THREAD: usize = 256;
const BLOBS_PER_THREAD: usize = 512;

/// A commit of the first-parent line, as the history uses it.
#[derive(Clone, Debug)]
pub(super) struct RawCommit {
    pub id: ObjectId,
    /// Committer time: seconds since 1970 and the committer's UTC offset.
    pub seconds: i64,
    pub offset: i32,
    tree: ObjectId,
}

/// One version of a file: the blob a commit left at a path.
#[derive(Clone, Debug)]
pub(super) struct RawVersion {
    /// Position of the commit in [`Walked::commits`].
    pub commit: u32,
    /// Path relative to the site root, with `/`.
    pub path: String,
    pub blob: ObjectId,
}

/// The versions of one entry file, oldest first, followed through renames.
#[derive(Clone, Debug)]
pub(super) struct Chain {
    pub kind: Kind,
    pub versions: Vec<RawVersion>,
}

/// What one walk found.
pub(super) struct Walked {
    /// The first-parent line from the oldest commit read to `HEAD`.
    pub commits: Vec<RawCommit>,
    /// The files present at `HEAD`, by path, each with its versions.
    pub chains: Vec<Chain>,
    /// Whether the oldest commit read is a root commit; false for a
    /// shallow clone (or a repository missing the parent objects), whose
    /// oldest commit's files were there before it, not made by it.
    pub complete: bool,
}

/// An open repository and where the site lies in its work tree.
pub(super) struct Repo {
    repo: gix::Repository,
    /// What another thread needs to read the same repository.
    place: Place,
}

#[derive(Clone)]
struct Place {
    git_dir: PathBuf,
    /// The site folder's path components inside the work tree (none when
    /// the site is the work tree's root), then `content`.
    content: Vec<String>,
}

impl Repo {
    /// Finds the repository whose work tree holds `root`. Only the
    /// repository's own configuration is read (not the user's or the
    /// system's), so that what is found does not depend on who builds.
    pub fn open(root: &Path) -> Result<Repo, Unavailable> {
        let repo = gix::discover_opts(root, Default::default(), gix::open::Options::isolated())
            .map_err(|e| match e {
                gix::discover::Error::Discover(_) => Unavailable::NotInRepository,
                other => Unavailable::Unreadable(other.to_string()),
            })?;
        let workdir = repo.workdir().ok_or(Unavailable::NoWorkTree)?;
        let mut content = inside(workdir, root).ok_or(Unavailable::NoWorkTree)?;
        content.push(CONTENT_DIR.to_string());
        let place = Place {
            git_dir: repo.git_dir().to_path_buf(),
            content,
        };
        Ok(Repo {
            repo: with_cache(repo),
            place,
        })
    }

    /// The kind of object ids the repository uses.
    pub fn hash(&self) -> gix::hash::Kind {
        self.repo.object_hash()
    }

    /// Walks the first-parent line from `HEAD` and chains every entry
    /// file's versions.
    pub fn walk(&self) -> Result<Walked, Unavailable> {
        let (commits, complete) = self.first_parents()?;
        let mut chains = Chains::default();
        for (ix, changes) in self.changes(&commits)?.into_iter().enumerate() {
            chains.apply(self, ix as u32, changes)?;
        }
        Ok(Walked {
            commits,
            chains: chains.at_head(),
            complete,
        })
    }

    /// The commits from `HEAD` back along first parents, oldest first, and
    /// whether the line reaches a root commit.
    ///
    /// First parents only: in a tracker, changes reach the main line as
    /// merged pull requests, and a merge is the moment a change was
    /// published. Its diff against the first parent is the whole change,
    /// dated when it landed; the commits of the branch are drafts. A linear
    /// history (squash or rebase merges) is the same walk.
    fn first_parents(&self) -> Result<(Vec<RawCommit>, bool), Unavailable> {
        let head = match self.repo.head() {
            Ok(h) if h.is_unborn() => return Err(Unavailable::NoCommits),
            Ok(h) => h,
            Err(e) => return Err(unreadable(e)),
        };
        let mut id = head
            .id()
            .map(|i| i.detach())
            .ok_or(Unavailable::NoCommits)?;
        let mut shallow: Vec<ObjectId> = match self.repo.shallow_commits() {
            Ok(list) => list
                .map(|l| l.iter().copied().collect())
                .unwrap_or_default(),
            Err(e) => return Err(unreadable(e)),
        };
        shallow.sort_unstable();
        let mut out = Vec::new();
        let complete = loop {
            let commit = self.repo.find_commit(id).map_err(unreadable)?;
            let time = commit.time().map_err(unreadable)?;
            out.push(RawCommit {
                id,
                seconds: time.seconds,
                offset: time.offset,
                tree: commit.tree_id().map_err(unreadable)?.detach(),
            });
            if shallow.binary_search(&id).is_ok() {
                break false;
            }
            let parent = commit.parent_ids().next().map(|p| p.detach());
            match parent {
                None => break true,
                Some(parent) if !self.repo.has_object(parent) => break false,
                Some(parent) => id = parent,
            }
        };
        out.reverse();
        Ok((out, complete))
    }

    /// The entry files each commit changed, by commit, the commits split
    /// into one stretch a thread.
    fn changes(&self, commits: &[RawCommit]) -> Result<Vec<Vec<FileChange>>, Unavailable> {
        let ranges = split(commits.len(), COMMITS_PER_THREAD);
        let parts: Vec<Vec<Vec<FileChange>>> = if ranges.len() <= 1 {
            vec![changes_in(
                &self.repo,
                &self.place.content,
                commits,
                0..commits.len(),
            )?]
        } else {
            let place = &self.place;
            ranges
                .into_par_iter()
                .map(|r| changes_in(&place.reopen()?, &place.content, commits, r))
                .collect::<Result<_, _>>()?
        };
        Ok(parts.into_iter().flatten().collect())
    }

    /// The text of one blob.
    pub fn blob(&self, id: ObjectId) -> Result<Vec<u8>, Unavailable> {
        let blob = self.repo.find_blob(id).map_err(unreadable)?;
        Ok(blob.detach().data)
    }

    /// `f(i, text)` of each blob `ids[i]`, in the order of `ids`, the
    /// blobs split into one share a thread. Give `ids` newest first (see
    /// [`changes_in`]).
    pub fn map_blobs<T, F>(&self, ids: &[ObjectId], f: F) -> Result<Vec<T>, Unavailable>
    where
        T: Send,
        F: Fn(usize, &[u8]) -> T + Sync,
    {
        let read = |repo: &gix::Repository, r: Range<usize>| -> Result<Vec<T>, Unavailable> {
            r.map(|i| {
                let blob = repo.find_blob(ids[i]).map_err(unreadable)?;
                Ok(f(i, &blob.data))
            })
            .collect()
        };
        let ranges = split(ids.len(), BLOBS_PER_THREAD);
        if ranges.len() <= 1 {
            return read(&self.repo, 0..ids.len());
        }
        let place = &self.place;
        let parts: Vec<Vec<T>> = ranges
            .into_par_iter()
            .map(|r| read(&place.reopen()?, r))
            .collect::<Result<_, _>>()?;
        Ok(parts.into_iter().flatten().collect())
    }
}

impl Place {
    /// A handle of its own on the same repository, for another thread.
    fn reopen(&self) -> Result<gix::Repository, Unavailable> {
        let repo =
            gix::open_opts(&self.git_dir, gix::open::Options::isolated()).map_err(unreadable)?;
        Ok(with_cache(repo))
    }
}

fn with_cache(mut repo: gix::Repository) -> gix::Repository {
    repo.objects.set_pack_cache(|| {
        Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
            PACK_CACHE_BYTES,
        ))
    });
    repo
}

/// The changes of the commits in `range` (the first compared with the
/// commit before the range), one list a commit of the range.
///
/// Read from the newest commit back, as `git log` does: a packed
/// repository stores the newest version of a tree whole and older ones as
/// deltas of newer ones, so in this order each tree is one delta away from
/// a tree just read.
fn changes_in(
    repo: &gix::Repository,
    content: &[String],
    commits: &[RawCommit],
    range: Range<usize>,
) -> Result<Vec<Vec<FileChange>>, Unavailable> {
    let mut reader = Reader::new(repo);
    let mut out: Vec<Vec<FileChange>> = range.clone().map(|_| Vec::new()).collect();
    let Some(last) = range.clone().last() else {
        return Ok(out);
    };
    let mut after = reader.subtree(commits[last].tree, content)?;
    for ix in range.clone().rev() {
        let before = match ix.checked_sub(1) {
            Some(p) => reader.subtree(commits[p].tree, content)?,
            None => None,
        };
        if before != after {
            out[ix - range.start] = reader.diff(before, after)?;
        }
        reader.next_commit();
        after = before;
    }
    Ok(out)
}

/// `0..n` in contiguous ranges, one a thread, each at least `min` long.
fn split(n: usize, min: usize) -> Vec<Range<usize>> {
    let parts = (n / min.max(1)).clamp(1, rayon::current_num_threads().max(1));
    let size = n.div_ceil(parts).max(1);
    (0..n).step_by(size).map(|s| s..(s + size).min(n)).collect()
}

/// The site folder's components below the work tree, if it is inside it.
fn inside(workdir: &Path, root: &Path) -> Option<Vec<String>> {
    let canon = |p: &Path| -> Option<PathBuf> { std::fs::canonicalize(p).ok() };
    let (workdir, root) = (canon(workdir)?, canon(root)?);
    let rel = root.strip_prefix(&workdir).ok()?;
    rel.components()
        .map(|c| c.as_os_str().to_str().map(str::to_string))
        .collect()
}

pub(super) fn unreadable(e: impl std::fmt::Display) -> Unavailable {
    Unavailable::Unreadable(e.to_string())
}
