//! The entry files one commit changed: its `content/` tree compared with
//! its first parent's, opening only the trees that differ.
//!
//! Trees are compared in one pass each, both sorted in git's order. What
//! docket does not read as an entry (hidden names, other extensions,
//! symbolic links, submodules, names that are not UTF-8) is passed over.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use gix::bstr::ByteSlice;
use gix::objs::tree::EntryRef;
use gix::objs::TreeRefIter;
use gix::ObjectId;

use super::Unavailable;
use crate::content::walk::CONTENT_DIR;
use crate::content::Kind;

/// An entry file that differs: its blob before and after the commit.
#[derive(Debug)]
pub(super) struct FileChange {
    /// Path relative to the site root, with `/`.
    pub path: String,
    pub kind: Kind,
    pub old: Option<ObjectId>,
    pub new: Option<ObjectId>,
}

/// Reads trees from one repository, keeping those of the commit being
/// compared and of the one compared before it: walking along a line of
/// commits, the tree one commit starts from is the tree the next leaves.
pub(super) struct Reader<'r> {
    repo: &'r gix::Repository,
    current: HashMap<ObjectId, Arc<Vec<u8>>>,
    previous: HashMap<ObjectId, Arc<Vec<u8>>>,
}

impl<'r> Reader<'r> {
    pub fn new(repo: &'r gix::Repository) -> Reader<'r> {
        Reader {
            repo,
            current: HashMap::new(),
            previous: HashMap::new(),
        }
    }

    /// Forgets the trees of the commit before the one just compared.
    pub fn next_commit(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    /// The tree at `names` below `tree`, if there is one.
    pub fn subtree(
        &mut self,
        tree: ObjectId,
        names: &[String],
    ) -> Result<Option<ObjectId>, Unavailable> {
        let mut at = Some(tree);
        for name in names {
            at = self.child_tree(at, name)?;
        }
        Ok(at)
    }

    /// The entry files that differ between two `content/` trees, by path.
    pub fn diff(
        &mut self,
        before: Option<ObjectId>,
        after: Option<ObjectId>,
    ) -> Result<Vec<FileChange>, Unavailable> {
        let mut stack = Vec::new();
        for kind in Kind::ALL {
            let old = self.child_tree(before, kind.dir())?;
            let new = self.child_tree(after, kind.dir())?;
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
            self.diff_one(p, &mut stack, &mut out)?;
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    fn tree(&mut self, id: ObjectId) -> Result<Arc<Vec<u8>>, Unavailable> {
        if let Some(d) = self.current.get(&id) {
            return Ok(d.clone());
        }
        let data = match self.previous.get(&id) {
            Some(d) => d.clone(),
            None => {
                let tree = self.repo.find_tree(id).map_err(super::git::unreadable)?;
                Arc::new(tree.detach().data)
            }
        };
        self.current.insert(id, data.clone());
        Ok(data)
    }

    /// The tree named `name` directly in `tree`.
    fn child_tree(
        &mut self,
        tree: Option<ObjectId>,
        name: &str,
    ) -> Result<Option<ObjectId>, Unavailable> {
        let Some(tree) = tree else { return Ok(None) };
        let data = self.tree(tree)?;
        let found = self
            .entries(&data)
            .find(|e| e.mode.is_tree() && e.filename == name.as_bytes())
            .map(|e| e.oid.to_owned());
        Ok(found)
    }

    fn entries<'a>(&self, data: &'a [u8]) -> impl Iterator<Item = EntryRef<'a>> {
        TreeRefIter::from_bytes(data, self.repo.object_hash()).map_while(Result::ok)
    }

    /// Compares one pair of trees in one pass.
    fn diff_one(
        &mut self,
        p: Pending,
        stack: &mut Vec<Pending>,
        out: &mut Vec<FileChange>,
    ) -> Result<(), Unavailable> {
        let old_data = p.old.map(|id| self.tree(id)).transpose()?;
        let new_data = p.new.map(|id| self.tree(id)).transpose()?;
        let mut old = self
            .entries(old_data.as_ref().map_or(&[][..], |d| d))
            .peekable();
        let mut new = self
            .entries(new_data.as_ref().map_or(&[][..], |d| d))
            .peekable();
        loop {
            let order = match (old.peek(), new.peek()) {
                (Some(a), Some(b)) => a.cmp(b),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => break,
            };
            match order {
                Ordering::Less => {
                    if let Some(a) = old.next() {
                        visit(&p, &a, Some(a.oid.to_owned()), None, stack, out);
                    }
                }
                Ordering::Greater => {
                    if let Some(b) = new.next() {
                        visit(&p, &b, None, Some(b.oid.to_owned()), stack, out);
                    }
                }
                Ordering::Equal => {
                    if let (Some(a), Some(b)) = (old.next(), new.next()) {
                        if a.oid != b.oid || a.mode != b.mode {
                            changed(&p, &a, &b, stack, out);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// A pair of trees still to compare.
struct Pending {
    /// Path of the folder, relative to the site root.
    path: String,
    kind: Kind,
    old: Option<ObjectId>,
    new: Option<ObjectId>,
}

/// One tree entry that differs: a folder to open, or an entry file.
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
