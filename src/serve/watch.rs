//! Watching the site's files, and keeping the watches when folders are
//! replaced.
//!
//! The site root is watched alone (for `docket.toml`), and each of its
//! source folders (`content/`, `themes/`, `templates/`, `static/`) with all
//! it holds. A watch follows a folder, not its name: when `content/` is
//! moved away and another folder takes its name (`mv content old; mv new
//! content`, `rm -rf content; cp -r backup content`, a branch switch),
//! the watch is gone and the new folder would never be watched. So a
//! source folder that appears at the root is watched again as soon as it
//! is seen, and a rebuild after it reads every file under it again.
//! Folders that appear inside a watched folder (a kind folder, a theme)
//! are watched by notify itself. When the system drops events (its queue
//! overflowed) or cannot watch more folders, docket says so, and
//! rebuilds everything.
//!
//! When the site is in a git repository, where it keeps `HEAD` and its
//! branches is watched too, so that a commit or a checkout (which may touch
//! no file of the site) brings the history up to date: a change there is
//! passed on only when `HEAD` names another commit than before. A
//! repository made at the root after the start (`git init`) is watched
//! from then on.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// The folders of the root watched with all they hold.
pub use crate::sitefs::SOURCE_DIRS;

/// How long the files must be quiet before a rebuild starts: an editor's
/// save is often several writes and renames, and they make one rebuild.
/// They come within a millisecond or two of each other; a change that
/// comes later makes a rebuild of its own, which is only slower, not wrong.
pub const SETTLE: Duration = Duration::from_millis(10);

/// The site's files, watched.
pub struct Watch {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// The repository's `HEAD` as last seen, and where it is kept.
    head: Option<crate::history::Head>,
}

impl Watch {
    pub fn new(root: &Path) -> Result<Watch, String> {
        let (tx, events) = channel();
        let mut watcher =
            notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let mut watch = Watch {
            root: root.to_path_buf(),
            watcher,
            events,
            head: None,
        };
        for dir in SOURCE_DIRS {
            watch.watch_dir(&root.join(dir));
        }
        watch.watch_git();
        Ok(watch)
    }

    /// Watches where the site's repository keeps `HEAD` (its own folder)
    /// and the branches (`refs/` and `packed-refs` of the folder its work
    /// trees share), if the site has a repository.
    fn watch_git(&mut self) {
        self.head = crate::history::head(&self.root);
        let Some(head) = &self.head else { return };
        let mut dirs = vec![
            (head.git_dir.clone(), RecursiveMode::NonRecursive),
            (head.common_dir.clone(), RecursiveMode::NonRecursive),
            (head.common_dir.join("refs"), RecursiveMode::Recursive),
        ];
        dirs.dedup();
        for (dir, mode) in dirs {
            if let Err(e) = self.watcher.watch(&dir, mode) {
                warn(&format!(
                    "cannot watch {}: {e}; new commits are not seen until docket serve restarts",
                    dir.display()
                ));
            }
        }
    }

    /// A repository being made at the root (`git init`): its folder is
    /// watched as soon as it appears, and it is watched as a repository
    /// once git has written enough of it to be one.
    fn new_repository(&mut self, path: &Path, top: bool) {
        if top {
            // Already watched if it was seen before; a second watch is no error.
            let _ = self.watcher.watch(path, RecursiveMode::NonRecursive);
        }
        self.watch_git();
    }

    /// Whether `path` is where the repository keeps `HEAD` or a branch.
    fn is_git(&self, path: &Path) -> bool {
        let Some(head) = &self.head else { return false };
        is_ref(path, &head.git_dir, &head.common_dir)
    }

    /// Whether `HEAD` names another commit than when last seen.
    fn head_moved(&mut self) -> bool {
        let now = crate::history::head(&self.root);
        let moved = now.as_ref().map(|h| h.commit) != self.head.as_ref().map(|h| h.commit);
        if moved {
            self.head = now;
        }
        moved
    }

    /// Watches a source folder with all it holds, if it is there.
    fn watch_dir(&mut self, dir: &Path) {
        if dir.is_dir() {
            if let Err(e) = self.watcher.watch(dir, RecursiveMode::Recursive) {
                warn(&format!(
                    "cannot watch {}: {e}; changes to it are not seen until docket serve restarts",
                    super::shown_path(&self.root, dir)
                ));
            }
        }
    }

    /// Waits for changes, and returns the changed paths once the files
    /// have been quiet for [`SETTLE`]; `None` when watching has stopped.
    /// The root itself in the set means that anything may have changed.
    pub fn next(&mut self) -> Option<BTreeSet<PathBuf>> {
        let mut changed = BTreeSet::new();
        while changed.is_empty() {
            let event = self.events.recv().ok()?;
            changed.extend(self.changes(event));
        }
        // Only changes keep the files from being quiet.
        let mut quiet_from = Instant::now();
        while let Ok(more) = self
            .events
            .recv_timeout(SETTLE.saturating_sub(quiet_from.elapsed()))
        {
            let more = self.changes(more);
            if !more.is_empty() {
                changed.extend(more);
                quiet_from = Instant::now();
            }
        }
        Some(changed)
    }

    /// The paths of an event that matter to the site; folders that took
    /// a source folder's name are watched again at once, so that the files
    /// written into them next are seen.
    fn changes(&mut self, event: notify::Result<notify::Event>) -> Vec<PathBuf> {
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                warn(&format!(
                    "watching files: {e}; rebuilding everything, and changes may be missed"
                ));
                return vec![self.root.clone()];
            }
        };
        if event.need_rescan() {
            warn("the system dropped file events; rebuilding everything");
            for dir in SOURCE_DIRS {
                let dir = self.root.join(dir);
                self.watch_dir(&dir);
            }
            return vec![self.root.clone()];
        }
        // Reading files (as every rebuild does) is not a change.
        if matches!(event.kind, EventKind::Access(_)) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut git = false;
        for path in event.paths {
            if self.is_git(&path) {
                git = true;
                continue;
            }
            let rel = path.strip_prefix(&self.root).unwrap_or(&path);
            let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
            let first = parts.next();
            let top = parts.next().is_none();
            let Some(first) = first else { continue };
            if top && SOURCE_DIRS.contains(&first.as_ref()) && !event.kind.is_remove() {
                self.watch_dir(&path);
            }
            if first == ".git" && self.head.is_none() && !event.kind.is_remove() {
                self.new_repository(&path, top);
                if self.head.is_some() {
                    out.push(path.clone());
                }
            }
            if SOURCE_DIRS.contains(&first.as_ref()) || first == crate::config::FILE_NAME {
                out.push(path);
            }
        }
        if git {
            // Named before the move: a repository removed has no HEAD after.
            let head = self.head.as_ref().map(|h| h.git_dir.join("HEAD"));
            if self.head_moved() {
                out.extend(head);
            }
        }
        out
    }
}

/// Whether `path` is `HEAD` (in `git_dir`), `packed-refs` or a branch or
/// tag under `refs/` (in `common_dir`): git writes each through a `.lock`
/// file renamed into place, and the lock itself is not a change.
fn is_ref(path: &Path, git_dir: &Path, common_dir: &Path) -> bool {
    if path.extension().is_some_and(|e| e == "lock") {
        return false;
    }
    path == git_dir.join("HEAD")
        || path == common_dir.join("packed-refs")
        || path.starts_with(common_dir.join("refs"))
}

fn warn(message: &str) {
    eprintln!("warning: {}", crate::terminal::visible(message));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_head_and_the_branches_are_changes_of_the_repository() {
        let git = Path::new("/site/.git");
        for (path, is) in [
            ("/site/.git/HEAD", true),
            ("/site/.git/refs/heads/main", true),
            ("/site/.git/refs/heads/main.lock", false),
            ("/site/.git/packed-refs", true),
            ("/site/.git/index", false),
            ("/site/.git/objects/ab/cdef", false),
            ("/site/.git/logs/HEAD", false),
            ("/site/content/policies/1.md", false),
        ] {
            assert_eq!(is_ref(Path::new(path), git, git), is, "{path}");
        }
        // A linked work tree: its own HEAD, the shared branches.
        let own = Path::new("/repo/.git/worktrees/wt");
        let common = Path::new("/repo/.git");
        assert!(is_ref(
            Path::new("/repo/.git/worktrees/wt/HEAD"),
            own,
            common
        ));
        assert!(!is_ref(Path::new("/repo/.git/HEAD"), own, common));
        assert!(is_ref(Path::new("/repo/.git/refs/heads/wt"), own, common));
    }
}
