//! Writing only what changed: the files of earlier builds, kept beside the
//! output folder, brought up to date in place.
//!
//! Creating and deleting files is most of a build's cost on a disk (the
//! kernel's work, not docket's), and an edit changes a few dozen of a
//! site's tens of thousands of files. So the folder a build stages its site
//! in is not new: it is the tree the previous build swapped out (kept as
//! `.public.docket-cache`), which this module surveys, and in which each
//! file is left alone if it already holds the bytes to write, taken over
//! from the output folder by a hard link if that holds them, or written
//! anew. What the new site no longer has is pruned before the swap.
//!
//! Whether a file holds the right bytes is read from the file itself, never
//! from a time stamp or a record of an earlier build: the cache may hold
//! anything a killed build left. Nothing in it is ever written in place,
//! because its files share their data with the site being served: a file
//! that changes is removed and made again.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;

/// What a kept tree held when the build began.
#[derive(Debug, Default)]
pub(super) struct Kept {
    /// Its regular files, `/`-separated.
    pub files: Vec<String>,
    /// Its folders, each after its parent.
    pub folders: Vec<String>,
}

/// Lists the tree at `root`, removing at once whatever docket never makes
/// there (links, names that are not UTF-8), so that no later step goes
/// through a link. `None` if a folder in it cannot be written to: such a
/// tree cannot be brought up to date.
pub(super) fn survey(root: &Path) -> io::Result<Option<Kept>> {
    let mut kept = Kept::default();
    Ok(visit(root, "", &mut kept)?.then_some(kept))
}

fn visit(root: &Path, rel: &str, kept: &mut Kept) -> io::Result<bool> {
    let dir = if rel.is_empty() {
        root.to_path_buf()
    } else {
        root.join(rel)
    };
    if !writable(&dir) {
        return Ok(false);
    }
    for entry in fs::read_dir(&dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let name = entry.file_name();
        let Some(name) = name.to_str().filter(|n| !n.contains('\\')) else {
            super::leftovers::remove(&entry.path())?;
            continue;
        };
        let child = if rel.is_empty() {
            name.to_string()
        } else {
            format!("{rel}/{name}")
        };
        if kind.is_dir() {
            kept.folders.push(child.clone());
            if !visit(root, &child, kept)? {
                return Ok(false);
            }
        } else if kind.is_file() {
            kept.files.push(child);
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(true)
}

#[cfg(unix)]
fn writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: a valid NUL-terminated path that outlives the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn writable(dir: &Path) -> bool {
    fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
}

/// Removes what the new site does not have: every kept file not `placed`,
/// every kept folder that holds none of them.
pub(super) fn prune(root: &Path, kept: &Kept, placed: &HashSet<String>) -> io::Result<()> {
    let mut needed: HashSet<&str> = HashSet::new();
    for rel in placed {
        let mut rest = rel.as_str();
        while let Some((folder, _)) = rest.rsplit_once('/') {
            if !needed.insert(folder) {
                break;
            }
            rest = folder;
        }
    }
    // What is below a folder removed, or below a path that is a file of
    // the site now, is gone already.
    let mut gone: HashSet<&str> = HashSet::new();
    let covered = |rel: &str, gone: &HashSet<&str>| {
        let mut rest = rel;
        while let Some((folder, _)) = rest.rsplit_once('/') {
            if gone.contains(folder) || placed.contains(folder) {
                return true;
            }
            rest = folder;
        }
        false
    };
    // A kept folder may be a file of the site now, and a kept file one of
    // its folders: those are what this build put there.
    for folder in &kept.folders {
        if needed.contains(folder.as_str()) || placed.contains(folder) || covered(folder, &gone) {
            continue;
        }
        ignore_missing(super::leftovers::remove(&root.join(folder)))?;
        gone.insert(folder);
    }
    for file in &kept.files {
        if !placed.contains(file) && !needed.contains(file.as_str()) && !covered(file, &gone) {
            ignore_missing(super::leftovers::remove(&root.join(file)))?;
        }
    }
    Ok(())
}

fn ignore_missing(r: io::Result<()>) -> io::Result<()> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        r => r,
    }
}

/// Makes the folder `rel` inside `root`, removing any file that stands
/// where one of its folders must be (a path that was a page and is now a
/// folder of pages).
pub(super) fn make_folders(root: &Path, rel: &str) -> io::Result<()> {
    let mut path = root.to_path_buf();
    for part in rel.split('/') {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => continue,
            Ok(_) => fs::remove_file(&path)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        match fs::create_dir(&path) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Removes whatever is at `path`, if anything: the file about to be
/// replaced, or a folder where a file is now.
pub(super) fn clear(path: &Path) -> io::Result<()> {
    ignore_missing(super::leftovers::remove(path))
}

/// Which file a file is: the same for every name of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct FileId(u64, u64);

impl FileId {
    #[cfg(unix)]
    pub(super) fn of(m: &fs::Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId(m.dev(), m.ino())
    }

    /// Without inode numbers a file cannot be told from another of the
    /// same bytes; no two are ever the same, so nothing is linked.
    #[cfg(not(unix))]
    pub(super) fn of(_: &fs::Metadata) -> FileId {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        FileId(
            u64::MAX,
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        )
    }
}

const CHUNK: u64 = 64 * 1024;

/// The file at `path`, if it is a regular file (not a link to one) of `len`
/// bytes that are those `other` reads.
pub(super) fn holds(path: &Path, len: u64, other: &mut dyn Read) -> Option<FileId> {
    let mut file = crate::sitefs::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() != len {
        return None;
    }
    let size = len.clamp(1, CHUNK) as usize;
    let (mut a, mut b) = (vec![0u8; size], vec![0u8; size]);
    let mut left = len;
    while left > 0 {
        let n = left.min(CHUNK) as usize;
        file.read_exact(&mut a[..n]).ok()?;
        other.read_exact(&mut b[..n]).ok()?;
        if a[..n] != b[..n] {
            return None;
        }
        left -= n as u64;
    }
    // One byte more, and the file grew since it was measured.
    matches!(file.read(&mut a[..1]), Ok(0)).then(|| FileId::of(&meta))
}

/// What a file of the site is made from.
pub(super) enum Source<'a> {
    Bytes(&'a [u8]),
    /// A file of the site's own (a document, a theme's static file),
    /// opened without following a link.
    Copy(&'a Path),
    /// A file made in the staging folder outside the site, moved in.
    Move(&'a Path),
}

impl Source<'_> {
    /// The file at `path`, if it holds these bytes.
    pub(super) fn held_by(&self, path: &Path) -> Option<FileId> {
        match self {
            Source::Bytes(b) => holds(path, b.len() as u64, &mut &b[..]),
            Source::Copy(from) | Source::Move(from) => {
                let mut f = crate::sitefs::open(from).ok()?;
                let len = f.metadata().ok()?.len();
                holds(path, len, &mut f)
            }
        }
    }

    /// Makes a new file at `path` (a new one: the file there may be a name
    /// of a file of the site being served).
    pub(super) fn write_new(&self, path: &Path) -> Result<(), Error> {
        let at = |e| Error::io(path, e);
        match self {
            Source::Bytes(b) => create(path).and_then(|mut f| f.write_all(b)).map_err(at),
            Source::Copy(from) => {
                let mut source = crate::sitefs::open(from).map_err(|e| Error::io(from, e))?;
                let mut target = create(path).map_err(at)?;
                io::copy(&mut source, &mut target)
                    .map(|_| ())
                    .map_err(|e| Error::io(from, e))
            }
            Source::Move(from) => fs::rename(from, path).map_err(at),
        }
    }
}

/// Creates a file that was not there. Two paths of a site can name one
/// file where names are compared without case; the later one wins, as it
/// always has, by taking the earlier one's place.
fn create(path: &Path) -> io::Result<fs::File> {
    let new = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    match new() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            clear(path)?;
            new()
        }
        r => r,
    }
}

/// The output folder, when it holds a site docket wrote: a file that did
/// not change since is linked from it rather than written again.
pub(super) struct Live {
    dir: PathBuf,
    /// Its folders found to be folders (not links), `/`-separated.
    folders: Mutex<HashSet<String>>,
}

impl Live {
    pub(super) fn new(target: &Path) -> Option<Live> {
        let folder = fs::symlink_metadata(target).is_ok_and(|m| m.is_dir());
        let docket = fs::symlink_metadata(target.join(super::MARKER)).is_ok_and(|m| m.is_file());
        (folder && docket).then(|| Live {
            dir: target.to_path_buf(),
            folders: Mutex::default(),
        })
    }

    /// Links the output folder's `rel` at `staged` if it holds the bytes
    /// of `source`; `false` if it does not, or cannot be linked.
    pub(super) fn link(&self, rel: &str, source: &Source<'_>, staged: &Path) -> bool {
        if !self.real_folders(rel) {
            return false;
        }
        let from = self.dir.join(rel);
        let Some(id) = source.held_by(&from) else {
            return false;
        };
        if fs::hard_link(&from, staged).is_err() {
            return false;
        }
        // Another build may have swapped the output folder since the file
        // was read: only the file that was compared will do.
        if fs::symlink_metadata(staged).is_ok_and(|m| FileId::of(&m) == id) {
            return true;
        }
        let _ = clear(staged);
        false
    }

    /// Whether every folder on the way to `rel` is a folder of the output
    /// folder, not a link that would lead out of it.
    fn real_folders(&self, rel: &str) -> bool {
        let Some((folder, _)) = rel.rsplit_once('/') else {
            return true;
        };
        let known = |f: &str| {
            self.folders
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(f)
        };
        if known(folder) {
            return true;
        }
        let mut end = 0;
        for part in folder.split('/') {
            end += part.len();
            let prefix = &folder[..end];
            end += 1;
            if known(prefix) {
                continue;
            }
            if !fs::symlink_metadata(self.dir.join(prefix)).is_ok_and(|m| m.is_dir()) {
                return false;
            }
            self.folders
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(prefix.to_string());
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_holds_exactly_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &big).unwrap();
        let holds_bytes = |b: &[u8]| holds(&path, b.len() as u64, &mut &b[..]).is_some();
        assert!(holds_bytes(&big));
        let mut other = big.clone();
        *other.last_mut().unwrap() ^= 1;
        assert!(!holds_bytes(&other), "last byte differs");
        assert!(!holds_bytes(&big[..big.len() - 1]), "shorter");
        fs::write(&path, b"").unwrap();
        assert!(holds_bytes(b""));
        assert!(holds(&dir.path().join("missing"), 0, &mut &b""[..]).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_holds_nothing_and_a_survey_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), "x").unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b")).unwrap();
        fs::write(root.join("a/b/index.html"), "page").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), root.join("a/link")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("dir-link")).unwrap();
        assert!(holds(&root.join("a/link"), 1, &mut &b"x"[..]).is_none());
        let kept = survey(root).unwrap().unwrap();
        assert_eq!(kept.files, ["a/b/index.html"]);
        assert_eq!(kept.folders, ["a", "a/b"]);
        assert!(fs::symlink_metadata(root.join("a/link")).is_err());
        assert!(fs::symlink_metadata(root.join("dir-link")).is_err());
        assert!(
            outside.path().join("secret").is_file(),
            "what a link pointed to stays"
        );
    }

    #[test]
    fn pruning_keeps_what_was_placed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in ["keep/a.html", "keep/old.html", "gone/x/y.html", "top.html"] {
            fs::create_dir_all(root.join(f).parent().unwrap()).unwrap();
            fs::write(root.join(f), f).unwrap();
        }
        let kept = survey(root).unwrap().unwrap();
        let placed: HashSet<String> = ["keep/a.html".to_string()].into();
        prune(root, &kept, &placed).unwrap();
        let after = survey(root).unwrap().unwrap();
        assert_eq!(after.files, ["keep/a.html"]);
        assert_eq!(after.folders, ["keep"]);
    }

    #[test]
    fn pruning_keeps_a_file_that_was_a_folder_and_a_folder_that_was_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("was-folder/x")).unwrap();
        fs::write(root.join("was-file"), "").unwrap();
        let kept = survey(root).unwrap().unwrap();
        fs::remove_dir_all(root.join("was-folder")).unwrap();
        fs::write(root.join("was-folder"), "now a file").unwrap();
        make_folders(root, "was-file").unwrap();
        fs::write(root.join("was-file/index.html"), "now a folder").unwrap();
        let placed: HashSet<String> =
            ["was-folder".to_string(), "was-file/index.html".to_string()].into();
        prune(root, &kept, &placed).unwrap();
        assert!(root.join("was-folder").is_file());
        assert!(root.join("was-file/index.html").is_file());
    }

    #[test]
    fn a_file_in_the_way_of_a_folder_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("old"), "was a page").unwrap();
        make_folders(root, "old/path").unwrap();
        assert!(root.join("old/path").is_dir());
    }
}
