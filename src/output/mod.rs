//! The output folder: the only module that writes to it.
//!
//! A build writes into a staging folder beside the output and swaps it in
//! only when complete, so a failed or killed build leaves the previous site
//! exactly as it was. docket only ever replaces a folder it wrote itself
//! (one carrying the [`MARKER`] file) or an empty one. The staging folder
//! starts as the tree the previous build swapped out, and only the files
//! whose bytes differ are written into it ([`reuse`]). What a build keeps
//! beside the output, and how the next build cleans up after one that was
//! killed, is in [`leftovers`].

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

pub mod archive;
pub mod assets;
mod leftovers;
mod reuse;
mod spread;

use crate::error::Error;

/// File at the top of every output folder docket writes.
pub const MARKER: &str = ".docket-build";

/// A site being written; dropped without [`Staging::commit`], it is removed.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    names: leftovers::Names,
    /// This build's name among the folders beside the output.
    id: String,
    committed: bool,
    /// Folders known to be there, `/`-separated inside the site.
    folders: Mutex<HashSet<String>>,
    /// The files of the site placed so far, `/`-separated.
    placed: Mutex<HashSet<String>>,
    /// The folders those files are in, and theirs: a file placed where
    /// one of them is, or inside a placed file, is two files of this build
    /// at one path, an error whichever comes first (never one file quietly
    /// removed to make room for the other).
    claimed: Mutex<HashSet<String>>,
    /// Of those, the ones this build wrote anew rather than kept from an
    /// earlier build; counted only where it could keep any (`reused` or
    /// `live`): into an empty folder every file is written.
    written: Mutex<HashSet<String>>,
    /// Whether the staging folder began as the cache of earlier builds;
    /// what it held then, until what is not placed again is pruned.
    reused: bool,
    kept: Mutex<Option<reuse::Kept>>,
    /// The output folder, if it holds docket's previous site.
    live: Option<reuse::Live>,
    /// What was found beside the output folder and could not be removed.
    pub warnings: Vec<String>,
    /// Held until the staging folder is gone: dropped last.
    _lock: leftovers::BuildLock,
}

/// What [`Staging::commit`] did, once the new site is in place.
#[derive(Debug, Default)]
pub struct Committed {
    /// The previous site, which could not be removed: the new one is in
    /// place all the same, and the next build removes it.
    pub left_behind: Option<String>,
    /// The files of the site, docket's marker among them.
    pub files: usize,
    /// How many of them this build wrote; the others it kept, unchanged,
    /// from the previous site or the cache of the one before.
    pub written: usize,
}

/// Checks that `target` may be (re)written and opens a staging folder beside it.
pub fn stage(site_root: &Path, target: &Path) -> Result<Staging, Error> {
    let target = absolute(target)?;
    let root = fs::canonicalize(site_root).map_err(|e| Error::io(site_root, e))?;
    let content = root.join(crate::sitefs::CONTENT_DIR);
    if root.starts_with(&target) || content.starts_with(&target) {
        return Err(Error::Output(format!(
            "refusing to write the site to {}: it is the site folder or contains it, and would be replaced",
            target.display()
        )));
    }
    if let Some(dir) = crate::sitefs::SOURCE_DIRS
        .iter()
        .find(|d| target.starts_with(root.join(d)))
    {
        return Err(Error::Output(format!(
            "refusing to write the site to {}: it is inside the site's sources ({dir}/), which the next build would read",
            target.display()
        )));
    }
    let names = leftovers::Names::new(&target)?;
    let mut warnings = leftovers::recover(&target, &names)?;
    if target.exists() {
        if !target.is_dir() {
            return Err(Error::Output(format!(
                "{} exists and is not a folder",
                target.display()
            )));
        }
        let empty = fs::read_dir(&target)
            .map_err(|e| Error::io(&target, e))?
            .next()
            .is_none();
        if !empty && !target.join(MARKER).is_file() {
            return Err(Error::Output(format!(
                "refusing to replace {}: it is not empty and was not written by docket (no {MARKER} file in it)",
                target.display()
            )));
        }
    }
    let parent = target
        .parent()
        .ok_or_else(|| Error::Output("the output cannot be a file system root".into()))?;
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let (id, lock) = leftovers::claim(&names)?;
    let dir = names.staging(&id);
    let kept = adopt(&names, &dir, &mut warnings);
    if kept.is_none() {
        fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        spread::mark_top(&dir);
    }
    let staging = Staging {
        dir,
        live: reuse::Live::new(&target),
        target,
        names,
        id,
        committed: false,
        folders: Mutex::new(kept.iter().flat_map(|k| k.folders.clone()).collect()),
        placed: Mutex::default(),
        claimed: Mutex::default(),
        written: Mutex::default(),
        reused: kept.is_some(),
        kept: Mutex::new(kept),
        warnings,
        _lock: lock,
    };
    staging.write(
        MARKER,
        concat!(
            "Written by docket ",
            env!("CARGO_PKG_VERSION"),
            "; docket replaces this folder on every build.\n"
        )
        .as_bytes(),
    )?;
    Ok(staging)
}

/// Takes the cache as the staging folder `dir`, if there is one this build
/// can bring up to date, and says what it holds.
fn adopt(names: &leftovers::Names, dir: &Path, warnings: &mut Vec<String>) -> Option<reuse::Kept> {
    let cache = names.cache();
    match fs::symlink_metadata(&cache) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            let _ = fs::remove_file(&cache);
            return None;
        }
        Err(_) => return None,
    }
    // A rename: of two builds that start at once, one gets the cache.
    fs::rename(&cache, dir).ok()?;
    let why = match reuse::survey(dir) {
        Ok(Some(kept)) => return Some(kept),
        Ok(None) => io::Error::new(
            io::ErrorKind::PermissionDenied,
            "a folder in it cannot be written to",
        ),
        Err(e) => e,
    };
    let _ = fs::rename(dir, &cache);
    if let Err(e) = leftovers::remove(&cache) {
        warnings.push(format!(
            "{} cannot be brought up to date ({why}) nor removed ({e}): every build writes the whole site until it is removed",
            cache.display()
        ));
    }
    None
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Staging {
    /// Writes one file, `rel` being a `/`-separated path inside the site.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.place(rel, reuse::Source::Bytes(bytes))
    }

    /// Copies a file into the site. It is opened without following a link:
    /// the copy plan lists regular files of the site, and one replaced by a
    /// link since must not bring what it points to into the output.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<(), Error> {
        self.place(rel, reuse::Source::Copy(from))
    }

    /// Puts the file `rel` in the staging folder: left as it is if it holds
    /// the bytes already, else linked from the output folder if the file
    /// there does (it did not change), else made anew. Only a file this
    /// build made or a cache's may already be there, so a fresh build
    /// writes each file with one `open` as before.
    fn place(&self, rel: &str, source: reuse::Source<'_>) -> Result<(), Error> {
        let path = self.path(rel)?;
        let again = self.claim(rel)?;
        self.folder_of(rel, &path)?;
        let wrote = self.put(rel, &path, &source, again)?;
        // Counted where a build could keep files; a file placed twice (the
        // download page, again with the archive) counts as placed last.
        if self.reused || self.live.is_some() {
            let mut written = lock(&self.written);
            if wrote {
                written.insert(rel.to_string());
            } else if again {
                written.remove(rel);
            }
        }
        Ok(())
    }

    /// Records that this build places the file `rel`; returns whether it
    /// placed it before. Both sets are held at once, so that of two files
    /// at one path, whichever thread comes second is told.
    fn claim(&self, rel: &str) -> Result<bool, Error> {
        let mut placed = lock(&self.placed);
        let mut claimed = lock(&self.claimed);
        let conflict = |other: &str| {
            Err(Error::Output(format!(
                "two files of this build at one path: {other} and {rel}; report this as a bug of docket"
            )))
        };
        if claimed.contains(rel) {
            return conflict(&format!("{rel}/…"));
        }
        // A folder claimed before had its own folders checked and claimed
        // then, and a file placed at any of them since was refused: the walk
        // up stops at the first, which for most files is their own folder.
        let mut folder = rel;
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if claimed.contains(parent) {
                break;
            }
            if placed.contains(parent) {
                return conflict(parent);
            }
            claimed.insert(parent.to_string());
            folder = parent;
        }
        Ok(!placed.insert(rel.to_string()))
    }

    /// [`Staging::place`]'s choice: keep the staged file, link the live
    /// one, or write anew. Returns whether it wrote.
    fn put(
        &self,
        rel: &str,
        path: &Path,
        source: &reuse::Source<'_>,
        again: bool,
    ) -> Result<bool, Error> {
        if self.reused || again {
            if source.held_by(path).is_some() {
                return Ok(false);
            }
            reuse::clear(path).map_err(|e| Error::io(path, e))?;
        }
        if let Some(live) = &self.live {
            if live.link(rel, source, path) {
                return Ok(false);
            }
        }
        source.write_new(path)?;
        Ok(true)
    }

    /// Writes the file `rel` as `write` makes it, through a buffer, for a
    /// file too large to hold in memory whole (the database export is
    /// hundreds of megabytes at 100,000 entries). Returns its length. One
    /// stream at a time: its scratch file has one name.
    pub fn stream(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> Result<(), Error>,
    ) -> Result<u64, Error> {
        let (scratch, file) = self.scratch()?;
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        write(&mut out)?;
        let file = out
            .into_inner()
            .map_err(|e| Error::io(&scratch, e.into_error()))?;
        let len = file.metadata().map_err(|e| Error::io(&scratch, e))?.len();
        drop(file);
        self.settle(&scratch, rel)?;
        Ok(len)
    }

    /// A new file in the staging folder, outside the site, to be written
    /// and then [`Staging::settle`]d at a path of the site.
    fn scratch(&self) -> Result<(PathBuf, fs::File), Error> {
        // Not a name of the site: no path of the site starts with a dot.
        let path = self.dir.join(format!("{MARKER}.part"));
        reuse::clear(&path).map_err(|e| Error::io(&path, e))?;
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        Ok((path, file))
    }

    /// Puts the finished [`Staging::scratch`] file at `rel`.
    fn settle(&self, scratch: &Path, rel: &str) -> Result<(), Error> {
        self.place(rel, reuse::Source::Move(scratch))?;
        reuse::clear(scratch).map_err(|e| Error::io(scratch, e))
    }

    /// Removes from a reused staging folder the files of earlier builds
    /// that this one did not place: done before the site is zipped (which
    /// takes what is staged) and before the swap.
    fn prune(&self) -> Result<(), Error> {
        let Some(kept) = lock(&self.kept).take() else {
            return Ok(());
        };
        reuse::prune(&self.dir, &kept, &lock(&self.placed)).map_err(|e| Error::io(&self.dir, e))
    }

    /// Makes the folder of the file `rel` (at `path`) unless it is known to
    /// be there: most files share their folder with others, and asking the
    /// file system again costs two system calls a file.
    fn folder_of(&self, rel: &str, path: &Path) -> Result<(), Error> {
        let (Some((folder, _)), Some(parent)) = (rel.rsplit_once('/'), path.parent()) else {
            return Ok(());
        };
        if lock(&self.folders).contains(folder) {
            return Ok(());
        }
        let top = folder.split_once('/').map_or(folder, |(top, _)| top);
        {
            // Held while the folder is made, so that two threads do not
            // both make it under their own names.
            let mut folders = lock(&self.folders);
            if !folders.contains(top) && spread::make_top_folder(&self.dir, top, &self.id).is_ok() {
                folders.insert(top.to_string());
            }
        }
        if fs::create_dir_all(parent).is_err() {
            // A file of an earlier build where a folder is now.
            reuse::make_folders(&self.dir, folder).map_err(|e| Error::io(parent, e))?;
        }
        let mut folders = lock(&self.folders);
        folders.insert(folder.to_string());
        folders.insert(top.to_string());
        Ok(())
    }

    fn path(&self, rel: &str) -> Result<PathBuf, Error> {
        if rel
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
            || rel.contains('\\')
        {
            return Err(Error::Output(format!(
                "refusing to write outside the output folder: {rel}"
            )));
        }
        Ok(self.dir.join(rel))
    }

    /// Swaps the finished site in for the old one, which becomes the cache
    /// the next build starts from. Once the new site is in place the build
    /// has succeeded, whatever becomes of the previous one: a previous site
    /// that can be neither kept nor removed is said in
    /// [`Committed::left_behind`] and left to the next build.
    pub fn commit(self) -> Result<Committed, Error> {
        self.commit_with(&leftovers::retire)
    }

    /// [`Staging::commit`], keeping or removing the previous site with
    /// `retire` (which tests make fail).
    fn commit_with(
        mut self,
        retire: &dyn Fn(&Path, &leftovers::Names) -> io::Result<()>,
    ) -> Result<Committed, Error> {
        self.prune()?;
        let files = lock(&self.placed).len();
        let written = if self.reused || self.live.is_some() {
            lock(&self.written).len()
        } else {
            files
        };
        let previous = self.swap()?;
        self.committed = true;
        let left_behind = previous.and_then(|old| {
            retire(&old, &self.names)
                .err()
                .map(|e| leftovers::left_behind(&old, &e))
        });
        Ok(Committed {
            left_behind,
            files,
            written,
        })
    }

    /// Replaces the output folder by the staged one, and returns where the
    /// previous site now is. On Linux the two folders are exchanged in one
    /// atomic step; elsewhere the previous site is moved aside first, and
    /// put back at once if the second rename fails, or by the next build
    /// ([`leftovers::recover`]) if this one dies in between.
    fn swap(&self) -> Result<Option<PathBuf>, Error> {
        let (staged, target) = (&self.dir, &self.target);
        if !target.exists() {
            fs::rename(staged, target).map_err(|e| Error::io(target, e))?;
            return Ok(None);
        }
        if exchange(staged, target).is_ok() {
            return Ok(Some(staged.clone()));
        }
        let old = self.names.old(&self.id);
        fs::rename(target, &old).map_err(|e| Error::io(target, e))?;
        if let Err(e) = fs::rename(staged, target) {
            let _ = fs::rename(&old, target);
            return Err(Error::io(target, e));
        }
        Ok(Some(old))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Beside a site, what is staged is worth keeping for the next
            // build; otherwise nothing is left. What cannot be kept or
            // removed now is by the next build, once the lock (dropped
            // after this) is free.
            if self.reused || self.live.is_some() {
                let _ = leftovers::retire(&self.dir, &self.names);
            } else {
                let _ = fs::remove_dir_all(&self.dir);
            }
        }
    }
}

fn absolute(p: &Path) -> Result<PathBuf, Error> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(p, e))?
            .join(p)
    };
    // Canonicalise the longest existing ancestor, so that links and `..`
    // cannot hide that the output is the site folder.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(existing).map_err(|e| Error::io(existing, e))?;
    for name in rest.into_iter().rev() {
        if name == ".." {
            out.pop();
        } else if name != "." {
            out.push(name);
        }
    }
    Ok(out)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folders docket keeps beside `public/` in `root`.
    fn beside(root: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public.docket-"))
            .collect();
        v.sort();
        v
    }

    fn build(root: &Path, page: &str) -> Staging {
        let staging = stage(root, &root.join("public")).unwrap();
        staging.write("index.html", page.as_bytes()).unwrap();
        staging
    }

    #[test]
    fn a_file_and_a_folder_of_one_build_at_one_path_is_an_error_either_way() {
        for (first, second) in [
            ("policies/index.html", "policies/index.html/index.html"),
            ("policies/index.html/index.html", "policies/index.html"),
            ("a/b/c/index.html", "a/b"),
            ("a", "a/b/x.html"),
            ("a/b/one.html", "a"),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path();
            // Into a folder docket built before, where files are kept.
            build(root, "one").commit().unwrap();
            let staging = stage(root, &root.join("public")).unwrap();
            staging.write(first, b"first").unwrap();
            let err = staging.write(second, b"second").unwrap_err();
            assert!(
                err.to_string()
                    .contains("two files of this build at one path"),
                "{err}"
            );
            assert_eq!(fs::read(staging.dir.join(first)).unwrap(), b"first");
        }
    }

    #[test]
    fn a_previous_site_that_cannot_be_kept_does_not_fail_the_build() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        build(root, "one").commit().unwrap();
        let refuse =
            |_: &Path, _: &leftovers::Names| -> io::Result<()> { Err(io::Error::other("refused")) };
        let done = build(root, "two").commit_with(&refuse).unwrap();
        // The new site is in place, and the build says what is left.
        assert_eq!(
            fs::read_to_string(root.join("public/index.html")).unwrap(),
            "two"
        );
        let left = done.left_behind.expect("a warning");
        assert!(left.contains("refused"), "{left}");
        let kept = beside(root);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(left.contains(&kept[0]), "{left} names {kept:?}");
        // Half removed, as when removal stops part way: marker gone too.
        let kept = root.join(&kept[0]);
        fs::remove_file(kept.join(MARKER)).unwrap();
        assert_eq!(fs::read_to_string(kept.join("index.html")).unwrap(), "one");
        // The next build takes it as its cache and stages in it (this
        // process's id names its staging folder again).
        let staging = build(root, "three");
        assert!(staging.reused);
        assert_eq!(
            fs::read_to_string(kept.join("index.html")).ok().as_deref(),
            Some("three"),
            "the leftover is reused: {:?}",
            beside(root)
        );
        assert!(staging.warnings.is_empty(), "{:?}", staging.warnings);
        staging.commit().unwrap();
        // Only the cache is left: the site of "two".
        assert_eq!(beside(root), [".public.docket-cache"]);
        assert_eq!(
            fs::read_to_string(root.join(".public.docket-cache/index.html")).unwrap(),
            "two"
        );
        assert_eq!(
            fs::read_to_string(root.join("public/index.html")).unwrap(),
            "three"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_folders_of_a_running_build_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let running = build(root, "running");
        let other = build(root, "other");
        assert!(running.dir.exists(), "a running build's folder is kept");
        assert_ne!(running.dir, other.dir);
        drop(other);
        // A build killed without clean-up: its folder stays, its lock goes.
        let killed = running.dir.clone();
        std::mem::forget(running);
        let lock = root.join(format!(
            ".public.docket-{}.lock",
            killed
                .file_name()
                .unwrap()
                .to_string_lossy()
                .rsplit_once("staging-")
                .unwrap()
                .1
        ));
        assert!(lock.exists());
        // The lock of a forgotten build is still held by this process's
        // open file; a lock file alone (process gone) is free.
        let _ = fs::remove_file(&lock);
        fs::write(killed.join("killed"), "").unwrap();
        // Its folder becomes the next build's, and what the site does not
        // have is gone from it.
        let next = build(root, "next");
        assert!(next.reused, "a dead build's folder is reused");
        next.commit().unwrap();
        assert!(!root.join("public/killed").exists());
        assert_eq!(
            fs::read_to_string(root.join("public/index.html")).unwrap(),
            "next"
        );
        assert_eq!(beside(root), Vec::<String>::new());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_did_not_change_keeps_its_inode_and_is_never_written_in_place() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let ino = |rel: &str| fs::metadata(root.join("public").join(rel)).unwrap().ino();
        let site = |pages: &[(&str, &str)]| {
            let staging = stage(root, &root.join("public")).unwrap();
            for (rel, text) in pages {
                staging.write(rel, text.as_bytes()).unwrap();
            }
            staging.commit().unwrap();
        };
        site(&[
            ("a/index.html", "a"),
            ("b/index.html", "b"),
            ("gone.html", "x"),
        ]);
        let (a, b) = (ino("a/index.html"), ino("b/index.html"));
        // The second build links from the output folder, the third reuses
        // the cache: in both, what did not change is the same file.
        site(&[
            ("a/index.html", "a"),
            ("b/index.html", "b2"),
            ("gone.html", "x"),
        ]);
        assert_eq!(ino("a/index.html"), a);
        assert_ne!(ino("b/index.html"), b);
        let b2 = ino("b/index.html");
        site(&[
            ("a/index.html", "a"),
            ("b/index.html", "b2"),
            ("new/index.html", "n"),
        ]);
        assert_eq!((ino("a/index.html"), ino("b/index.html")), (a, b2));
        assert!(!root.join("public/gone.html").exists());
        // A build that changes a file while the site is served leaves the
        // served file as it was, whatever its names in the cache.
        let staging = stage(root, &root.join("public")).unwrap();
        staging.write("a/index.html", b"changed").unwrap();
        staging.write("b/index.html", b"changed").unwrap();
        assert_eq!(
            fs::read_to_string(root.join("public/a/index.html")).unwrap(),
            "a"
        );
        assert_eq!(
            fs::read_to_string(root.join("public/b/index.html")).unwrap(),
            "b2"
        );
        drop(staging);
        assert_eq!(
            fs::read_to_string(root.join("public/a/index.html")).unwrap(),
            "a"
        );
        assert_eq!(beside(root), [".public.docket-cache"]);
    }

    #[test]
    fn names_beside_the_output_that_are_not_docket_s_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // A name that slicing at the length of the prefix would cut inside "é".
        fs::write(root.join("aaaaaaaaaaaaaaaaaaaaaaé-notes"), "notes").unwrap();
        fs::create_dir(root.join(".public.docket-staging-mine")).unwrap();
        build(root, "x").commit().unwrap();
        assert!(root.join("aaaaaaaaaaaaaaaaaaaaaaé-notes").is_file());
        assert!(root.join(".public.docket-staging-mine").is_dir());
    }
}
