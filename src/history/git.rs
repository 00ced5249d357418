//! The git side of history: one walk along the first parents from `HEAD`,
//! and, for each commit, the entry files it changed under the site's
//! `content/`, chained into one list of versions per file.
//!
//! Only trees that differ are opened: a commit that leaves `content/`
//! alone costs one look at its root tree, and one that changes a policy
//! costs the `policies/` trees before and after it, each read once (the
//! tree a commit leaves is the one the next commit starts from, so it is
//! kept for it). No per-file `git log`, no process is started.
//!
//! Renames are followed within a commit: a file that disappears and one
//! that appears in the same kind folder are the same entry if their
//! contents are the same, or else if they give the same `id`. Git's own
//! similarity score is not needed: an entry's id is its identity.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gix::bstr::ByteSlice;
use gix::objs::tree::EntryRef;
use gix::objs::TreeRefIter;
use gix::ObjectId;

use super::Unavailable;
use crate::content::walk::CONTENT_DIR;
use crate::content::Kind;

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
    /// The files present at `HEAD`, each with its versions.
    pub chains: Vec<Chain>,
    /// Whether the oldest commit read is a root commit; false for a
    /// shallow clone (or a repository missing the parent objects), whose
    /// oldest commit's files were there before it, not made by it.
    pub complete: bool,
    /// The blobs' contents, for every version of `chains`.
    pub blobs: HashMap<ObjectId, Vec<u8>>,
}

/// An open repository and where the site lies in its work tree.
pub(super) struct Repo {
    repo: gix::Repository,
    /// The site folder's path components inside the work tree (empty when
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
        let prefix = inside(workdir, root).ok_or(Unavailable::NoWorkTree)?;
        let mut content = prefix;
        content.push(CONTENT_DIR.to_string());
        Ok(Repo { repo, content })
    }

    /// The kind of object ids the repository uses.
    pub fn hash(&self) -> gix::hash::Kind {
        self.repo.object_hash()
    }

    /// Walks the first-parent line from `HEAD` and chains every entry
    /// file's versions.
    pub fn walk(&self) -> Result<Walked, Unavailable> {
        let (commits, complete) = self.first_parents()?;
        let mut trees = Trees::default();
        let mut chains = Chains::default();
        let mut before: Option<ObjectId> = None;
        for (ix, commit) in commits.iter().enumerate() {
            let content = self.subtree(commit.tree, &self.content)?;
            if content != before {
                let changes = self.diff(&mut trees, before, content)?;
                chains.apply(self, ix as u32, changes)?;
                before = content;
            }
            trees.next_commit();
        }
        let chains = chains.at_head();
        let blobs = self.read_blobs(&chains)?;
        Ok(Walked {
            commits,
            chains,
            complete,
            blobs,
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
            Err(e) => return Err(Unavailable::Unreadable(e.to_string())),
        };
        let mut id = head
            .id()
            .map(|i| i.detach())
            .ok_or(Unavailable::NoCommits)?;
        let shallow: Vec<ObjectId> = match self.repo.shallow_commits() {
            Ok(Some(list)) => list.iter().copied().collect(),
            Ok(None) => Vec::new(),
            Err(e) => return Err(Unavailable::Unreadable(e.to_string())),
        };
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
            if shallow.contains(&id) {
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

    /// The tree at `names` below `tree`, if there is one.
    fn subtree(&self, tree: ObjectId, names: &[String]) -> Result<Option<ObjectId>, Unavailable> {
        let mut at = tree;
        for name in names {
            let tree = self.repo.find_tree(at).map_err(unreadable)?;
            let found = TreeRefIter::from_bytes(&tree.data, self.repo.object_hash())
                .filter_map(Result::ok)
                .find(|e| e.mode.is_tree() && e.filename == name.as_bytes())
                .map(|e| e.oid.to_owned());
            match found {
                Some(id) => at = id,
                None => return Ok(None),
            }
        }
        Ok(Some(at))
    }

    fn tree_data(&self, trees: &mut Trees, id: ObjectId) -> Result<Arc<[u8]>, Unavailable> {
        if let Some(data) = trees.get(&id) {
            return Ok(data);
        }
        let tree = self.repo.find_tree(id).map_err(unreadable)?;
        let data: Arc<[u8]> = Arc::from(tree.detach().data);
        trees.keep(id, data.clone());
        Ok(data)
    }

    /// The entry files that differ between two `content/` trees, by path.
    fn diff(
        &self,
        trees: &mut Trees,
        before: Option<ObjectId>,
        after: Option<ObjectId>,
    ) -> Result<Vec<FileChange>, Unavailable> {
        let mut stack = Vec::new();
        for kind in Kind::ALL {
            let old = self.child_tree(trees, before, kind.dir())?;
            let new = self.child_tree(trees, after, kind.dir())?;
            if old != new {
                stack.push(Pending {
                    path: format!("{CONTENT_DIR}/{}", kind.dir()),
                    kind,
                    old,
                    new,
                });
            }
        }
        let mut out = Vec::new();
        // A stack, not recursion: a tree may be nested as deep as its
        // author made it.
        while let Some(p) = stack.pop() {
            self.diff_one(trees, p, &mut stack, &mut out)?;
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// The tree named `name` directly in `tree`.
    fn child_tree(
        &self,
        trees: &mut Trees,
        tree: Option<ObjectId>,
        name: &str,
    ) -> Result<Option<ObjectId>, Unavailable> {
        let Some(tree) = tree else { return Ok(None) };
        let data = self.tree_data(trees, tree)?;
        Ok(self
            .entries(&data)
            .into_iter()
            .find(|e| e.mode.is_tree() && e.filename == name.as_bytes())
            .map(|e| e.oid.to_owned()))
    }

    fn entries<'a>(&self, data: &'a [u8]) -> Vec<EntryRef<'a>> {
        TreeRefIter::from_bytes(data, self.repo.object_hash())
            .filter_map(Result::ok)
            .collect()
    }

    /// Compares one pair of trees, both sorted in git's order, in one pass.
    fn diff_one(
        &self,
        trees: &mut Trees,
        p: Pending,
        stack: &mut Vec<Pending>,
        out: &mut Vec<FileChange>,
    ) -> Result<(), Unavailable> {
        let old_data = p.old.map(|id| self.tree_data(trees, id)).transpose()?;
        let new_data = p.new.map(|id| self.tree_data(trees, id)).transpose()?;
        let old = old_data
            .as_deref()
            .map_or_else(Vec::new, |d| self.entries(d));
        let new = new_data
            .as_deref()
            .map_or_else(Vec::new, |d| self.entries(d));
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < new.len() {
            let order = match (old.get(i), new.get(j)) {
                (Some(a), Some(b)) => a.cmp(b),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            match order {
                std::cmp::Ordering::Less => {
                    let a = &old[i];
                    visit(&p, a, Some(a.oid.to_owned()), None, stack, out);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    let b = &new[j];
                    visit(&p, b, None, Some(b.oid.to_owned()), stack, out);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    let (a, b) = (&old[i], &new[j]);
                    if a.oid != b.oid || a.mode != b.mode {
                        changed(&p, a, b, stack, out);
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        Ok(())
    }

    /// The text of a blob.
    fn blob(&self, id: ObjectId) -> Result<Vec<u8>, Unavailable> {
        let blob = self.repo.find_blob(id).map_err(unreadable)?;
        Ok(blob.detach().data)
    }

    /// Every blob of the chains, each read once.
    fn read_blobs(&self, chains: &[Chain]) -> Result<HashMap<ObjectId, Vec<u8>>, Unavailable> {
        let mut blobs = HashMap::new();
        for v in chains.iter().flat_map(|c| &c.versions) {
            if !blobs.contains_key(&v.blob) {
                blobs.insert(v.blob, self.blob(v.blob)?);
            }
        }
        Ok(blobs)
    }
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

fn unreadable(e: impl std::fmt::Display) -> Unavailable {
    Unavailable::Unreadable(e.to_string())
}

/// A pair of trees still to compare.
struct Pending {
    /// Path of the folder, relative to the site root.
    path: String,
    kind: Kind,
    old: Option<ObjectId>,
    new: Option<ObjectId>,
}

/// An entry file that differs: its blob before and after the commit.
#[derive(Debug)]
struct FileChange {
    path: String,
    kind: Kind,
    old: Option<ObjectId>,
    new: Option<ObjectId>,
}

/// One tree entry that differs: a folder to open, or an entry file. What
/// docket does not read as an entry (hidden names, other extensions,
/// symbolic links, submodules, names that are not UTF-8) is passed over.
fn visit(
    p: &Pending,
    e: &EntryRef<'_>,
    old: Option<ObjectId>,
    new: Option<ObjectId>,
    stack: &mut Vec<Pending>,
    out: &mut Vec<FileChange>,
) {
    let Ok(name) = e.filename.to_str() else {
        return;
    };
    if name.starts_with('.') {
        return;
    }
    let path = format!("{}/{name}", p.path);
    if e.mode.is_tree() {
        stack.push(Pending {
            path,
            kind: p.kind,
            old,
            new,
        });
    } else if e.mode.is_blob() && name.ends_with(".md") {
        out.push(FileChange {
            path,
            kind: p.kind,
            old,
            new,
        });
    }
}

/// An entry of the same name in both trees, whose contents differ. A
/// folder that became a file (or the reverse) is one removed and one added.
fn changed(
    p: &Pending,
    a: &EntryRef<'_>,
    b: &EntryRef<'_>,
    stack: &mut Vec<Pending>,
    out: &mut Vec<FileChange>,
) {
    let (old, new) = (a.oid.to_owned(), b.oid.to_owned());
    if a.mode.is_tree() == b.mode.is_tree() && a.mode.is_blob() == b.mode.is_blob() {
        visit(p, b, Some(old), Some(new), stack, out);
    } else {
        visit(p, a, Some(old), None, stack, out);
        visit(p, b, None, Some(new), stack, out);
    }
}

/// The trees read for the commit being compared and for the one before:
/// the tree a commit leaves is the tree the next one starts from.
#[derive(Default)]
struct Trees {
    current: HashMap<ObjectId, Arc<[u8]>>,
    previous: HashMap<ObjectId, Arc<[u8]>>,
}

impl Trees {
    fn get(&mut self, id: &ObjectId) -> Option<Arc<[u8]>> {
        if let Some(d) = self.current.get(id) {
            return Some(d.clone());
        }
        let d = self.previous.get(id)?.clone();
        self.current.insert(*id, d.clone());
        Some(d)
    }

    fn keep(&mut self, id: ObjectId, data: Arc<[u8]>) {
        self.current.insert(id, data);
    }

    fn next_commit(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }
}

/// The chains being built, and which one each path present now belongs to.
#[derive(Default)]
struct Chains {
    chains: Vec<Chain>,
    alive: HashMap<String, usize>,
}

impl Chains {
    fn apply(
        &mut self,
        repo: &Repo,
        commit: u32,
        changes: Vec<FileChange>,
    ) -> Result<(), Unavailable> {
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for c in changes {
            match (c.old, c.new) {
                (Some(_), Some(blob)) => self.push(c.kind, commit, c.path, blob),
                (Some(blob), None) => {
                    if let Some(chain) = self.alive.remove(&c.path) {
                        removed.push((chain, c.kind, blob));
                    }
                }
                (None, Some(blob)) => added.push((c.kind, c.path, blob)),
                (None, None) => {}
            }
        }
        let pairs = renames(repo, &removed, &added)?;
        for (a, (kind, path, blob)) in added.into_iter().enumerate() {
            match pairs.get(&a) {
                Some(&r) => {
                    let chain = removed[r].0;
                    self.chains[chain].versions.push(RawVersion {
                        commit,
                        path: path.clone(),
                        blob,
                    });
                    self.alive.insert(path, chain);
                }
                None => self.push(kind, commit, path, blob),
            }
        }
        Ok(())
    }

    /// A new version of the file at `path`, or its first.
    fn push(&mut self, kind: Kind, commit: u32, path: String, blob: ObjectId) {
        let version = RawVersion {
            commit,
            path: path.clone(),
            blob,
        };
        match self.alive.get(&path) {
            Some(&chain) => self.chains[chain].versions.push(version),
            None => {
                self.alive.insert(path, self.chains.len());
                self.chains.push(Chain {
                    kind,
                    versions: vec![version],
                });
            }
        }
    }

    /// The chains of the files present at `HEAD`, by path.
    fn at_head(self) -> Vec<Chain> {
        let mut alive: Vec<(String, usize)> = self.alive.into_iter().collect();
        alive.sort();
        let mut chains: Vec<Option<Chain>> = self.chains.into_iter().map(Some).collect();
        alive
            .into_iter()
            .filter_map(|(_, c)| chains[c].take())
            .collect()
    }
}

/// Pairs the files a commit added with those it removed (indices into
/// `added` → indices into `removed`): same kind and same contents first,
/// then same kind and same `id`.
fn renames(
    repo: &Repo,
    removed: &[(usize, Kind, ObjectId)],
    added: &[(Kind, String, ObjectId)],
) -> Result<HashMap<usize, usize>, Unavailable> {
    let mut pairs = HashMap::new();
    if removed.is_empty() || added.is_empty() {
        return Ok(pairs);
    }
    let mut by_blob: HashMap<(Kind, ObjectId), Vec<usize>> = HashMap::new();
    for (r, (_, kind, blob)) in removed.iter().enumerate().rev() {
        by_blob.entry((*kind, *blob)).or_default().push(r);
    }
    let mut used = vec![false; removed.len()];
    for (a, (kind, _, blob)) in added.iter().enumerate() {
        if let Some(r) = by_blob.get_mut(&(*kind, *blob)).and_then(Vec::pop) {
            used[r] = true;
            pairs.insert(a, r);
        }
    }
    let mut by_id: HashMap<(Kind, u32), usize> = HashMap::new();
    for (r, (_, kind, blob)) in removed.iter().enumerate() {
        if !used[r] {
            if let Some(id) = written_id(repo, *blob)? {
                by_id.entry((*kind, id)).or_insert(r);
            }
        }
    }
    for (a, (kind, _, blob)) in added.iter().enumerate() {
        if pairs.contains_key(&a) || by_id.is_empty() {
            continue;
        }
        if let Some(id) = written_id(repo, *blob)? {
            if let Some(r) = by_id.remove(&(*kind, id)) {
                pairs.insert(a, r);
            }
        }
    }
    Ok(pairs)
}

fn written_id(repo: &Repo, blob: ObjectId) -> Result<Option<u32>, Unavailable> {
    let data = repo.blob(blob)?;
    let text = String::from_utf8_lossy(&data);
    Ok(crate::content::meta::id_written(
        text.trim_start_matches('\u{feff}'),
    ))
}
