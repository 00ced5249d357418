//! Each entry file's versions, chained commit by commit and followed
//! through renames.
//!
//! A file that disappears and one that appears in the same commit and the
//! same kind folder are the same entry if their contents are the same, or
//! else if they give the same `id`. Git's similarity score is not needed:
//! an entry's id is its identity.

use std::collections::HashMap;

use gix::ObjectId;

use super::diff::FileChange;
use super::git::{Chain, RawVersion, Repo};
use super::Unavailable;
use crate::content::Id;
use crate::content::Kind;

/// The chains being built, and which one each path present now belongs to.
#[derive(Default)]
pub(super) struct Chains {
    chains: Vec<Chain>,
    alive: HashMap<String, usize>,
}

impl Chains {
    /// Adds what commit `commit` changed; commits come oldest first.
    pub fn apply(
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

    /// The chains of the files present at the last commit, by path.
    pub fn at_head(self) -> Vec<Chain> {
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
    let mut by_id: HashMap<(Kind, Id), usize> = HashMap::new();
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

fn written_id(repo: &Repo, blob: ObjectId) -> Result<Option<Id>, Unavailable> {
    let data = repo.blob(blob)?;
    let text = String::from_utf8_lossy(&data);
    Ok(crate::content::meta::id_written(&text))
}
