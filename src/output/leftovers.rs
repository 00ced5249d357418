//! The folders a build keeps beside the output folder, and telling whether
//! the build that made them still runs.
//!
//! Beside `public/`, the build `ID` (its process id, `-N` added when that
//! name is taken) makes:
//!
//! - `.public.docket-ID.lock`, locked for as long as the build runs;
//! - `.public.docket-staging-ID`, the new site while it is written, and,
//!   once the two are exchanged, the previous site on its way out;
//! - `.public.docket-old-ID`, where the atomic exchange is missing, the
//!   previous site moved aside for the moment between two renames.
//!
//! and, from one build to the next, `.public.docket-cache`: the tree the
//! last build swapped out, which the next one brings up to date in place
//! of writing a new one ([`super::reuse`]).
//!
//! The lock says whether a build runs: the system releases it when the
//! process ends, however it ends, and unlike a process id it cannot be
//! taken over by an unrelated process. The folders of a build that no
//! longer runs become the cache if there is none (whatever they hold: the
//! next build compares every byte), or are removed; an `old-` folder, when
//! the output folder is missing, is put back in its place.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The names of what builds leave beside one output folder.
pub(super) struct Names {
    parent: PathBuf,
    /// `.public.docket-`, as the bytes of the file system (no lossy text).
    prefix: OsString,
}

/// One thing found beside the output folder.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Staging,
    Old,
    Lock,
    Cache,
}

impl Names {
    pub(super) fn new(target: &Path) -> Result<Names, Error> {
        let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
            return Err(Error::Output(
                "the output cannot be a file system root".into(),
            ));
        };
        let mut prefix = OsString::from(".");
        prefix.push(name);
        prefix.push(".docket-");
        Ok(Names {
            parent: parent.to_path_buf(),
            prefix,
        })
    }

    fn path(&self, tail: &str) -> PathBuf {
        let mut name = self.prefix.clone();
        name.push(tail);
        self.parent.join(name)
    }

    pub(super) fn staging(&self, id: &str) -> PathBuf {
        self.path(&format!("staging-{id}"))
    }

    pub(super) fn old(&self, id: &str) -> PathBuf {
        self.path(&format!("old-{id}"))
    }

    /// The tree the next build starts from.
    pub(super) fn cache(&self) -> PathBuf {
        self.path("cache")
    }

    fn lock(&self, id: &str) -> PathBuf {
        self.path(&format!("{id}.lock"))
    }

    /// What a name beside the output folder is, and the build it belongs
    /// to; `None` for anything docket did not make. Names are compared as
    /// bytes: one that is not UTF-8 is simply not docket's.
    fn parse(&self, name: &std::ffi::OsStr) -> Option<(Kind, String)> {
        let rest = name
            .as_encoded_bytes()
            .strip_prefix(self.prefix.as_encoded_bytes())?;
        let rest = std::str::from_utf8(rest).ok()?;
        let (kind, id) = if let Some(id) = rest.strip_prefix("staging-") {
            (Kind::Staging, id)
        } else if let Some(id) = rest.strip_prefix("old-") {
            (Kind::Old, id)
        } else if rest == "old" {
            // Left by docket 0.1 where the exchange is missing.
            (Kind::Old, "")
        } else if rest == "cache" {
            (Kind::Cache, "")
        } else {
            (Kind::Lock, rest.strip_suffix(".lock")?)
        };
        let valid = id.is_empty() && matches!(kind, Kind::Old | Kind::Cache)
            || (!id.is_empty()
                && !id.starts_with('-')
                && id.bytes().all(|b| b.is_ascii_digit() || b == b'-'));
        valid.then(|| (kind, id.to_string()))
    }
}

/// The lock of a running build; dropping it removes the lock file and lets
/// the lock go.
pub(super) struct BuildLock {
    path: PathBuf,
    file: fs::File,
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        // Removed while still held, so that no other build can take the
        // lock of a file that is about to disappear.
        let _ = fs::remove_file(&self.path);
    }
}

/// Takes the lock at `path` unless a running build holds it.
fn try_lock(path: &Path) -> Result<Option<BuildLock>, Error> {
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    match lock_file(&file) {
        Ok(true) => Ok(Some(BuildLock {
            path: path.to_path_buf(),
            file,
        })),
        Ok(false) => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// An exclusive `flock`, without waiting: `false` if another process holds it.
#[cfg(unix)]
fn lock_file(file: &fs::File) -> io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: the descriptor is open for as long as `file` lives.
    let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if r == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(code) if code == libc::EWOULDBLOCK || code == libc::EAGAIN => Ok(false),
        _ => Err(e),
    }
}

/// Without `flock`, a lock file is taken to be held for as long as it is
/// there: folders of a killed build then stay until removed by hand, which
/// costs disk space, never a running build's files.
#[cfg(not(unix))]
fn lock_file(file: &fs::File) -> io::Result<bool> {
    Ok(file.metadata()?.len() == 0)
}

/// Finds a free id for a new build and takes its lock: the process id,
/// or with `-1`, `-2`… when folders of that name are still there (a
/// previous process with the same id left some that could not be removed).
pub(super) fn claim(names: &Names) -> Result<(String, BuildLock), Error> {
    let pid = std::process::id();
    for n in 0..1000u32 {
        let id = if n == 0 {
            pid.to_string()
        } else {
            format!("{pid}-{n}")
        };
        let taken = |id: &str| names.staging(id).exists() || names.old(id).exists();
        if taken(&id) {
            continue;
        }
        let Some(lock) = try_lock(&names.lock(&id))? else {
            continue;
        };
        mark(&lock)?;
        if !taken(&id) {
            return Ok((id, lock));
        }
    }
    Err(Error::Output(format!(
        "no free name for a staging folder in {}: remove the .docket- folders there",
        names.parent.display()
    )))
}

/// Marks a lock file as a running build's, for systems without `flock`
/// ([`lock_file`]); elsewhere harmless.
fn mark(lock: &BuildLock) -> Result<(), Error> {
    use std::io::Write as _;
    let mut f = &lock.file;
    writeln!(f, "{}", std::process::id()).map_err(|e| Error::io(&lock.path, e))
}

/// Cleans up after builds that no longer run: puts the previous site back
/// if one was killed between the two renames of a swap while the output
/// folder was missing, and makes every other folder they left the cache,
/// or removes it if there is one. What cannot be removed is said in the
/// returned warnings and tried again by the next build; only a previous
/// site that cannot be put back stops the build.
pub(super) fn recover(target: &Path, names: &Names) -> Result<Vec<String>, Error> {
    let mut found: Vec<(Kind, String, PathBuf)> = match fs::read_dir(&names.parent) {
        Ok(rd) => rd
            .flatten()
            .filter_map(|e| {
                let (kind, id) = names.parse(&e.file_name())?;
                Some((kind, id, e.path()))
            })
            .collect(),
        Err(_) => return Ok(Vec::new()),
    };
    // Folders before lock files, a previous site (to put back) first.
    found.sort_by_key(|(kind, id, _)| {
        (
            match kind {
                Kind::Old => 0,
                Kind::Staging => 1,
                Kind::Lock | Kind::Cache => 2,
            },
            id.clone(),
        )
    });
    let mut warnings = Vec::new();
    for (kind, id, path) in found {
        if kind == Kind::Cache {
            continue;
        }
        // Held while its folders go, so that no new build takes its name.
        let _lock = if id.is_empty() {
            None
        } else {
            match try_lock(&names.lock(&id)) {
                Ok(Some(lock)) => Some(lock),
                Ok(None) => continue, // a build that runs
                Err(e) => {
                    warnings.push(e.to_string());
                    continue;
                }
            }
        };
        match kind {
            Kind::Old if !target.exists() => {
                fs::rename(&path, target).map_err(|e| Error::io(&path, e))?;
            }
            Kind::Old | Kind::Staging => {
                if let Err(e) = retire(&path, names) {
                    warnings.push(left_behind(&path, &e));
                }
            }
            // Removed with the lock itself; the cache is no build's.
            Kind::Lock | Kind::Cache => {}
        }
    }
    Ok(warnings)
}

/// Makes the folder at `path`, a tree no build uses any more, the cache,
/// or removes it when there is one already.
pub(super) fn retire(path: &Path, names: &Names) -> io::Result<()> {
    let cache = names.cache();
    let folder = fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
    if folder && fs::symlink_metadata(&cache).is_err() && fs::rename(path, &cache).is_ok() {
        return Ok(());
    }
    remove(path)
}

/// Removes a folder, or a file where one is.
pub(super) fn remove(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// The warning for a folder that could not be removed.
pub(super) fn left_behind(path: &Path, e: &io::Error) -> String {
    format!(
        "{} could not be removed ({e}); the next build tries again, or remove it yourself",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_told_apart_by_their_bytes() {
        let names = Names::new(Path::new("/site/public")).unwrap();
        let parse = |s: &str| names.parse(std::ffi::OsStr::new(s));
        assert_eq!(
            parse(".public.docket-staging-42"),
            Some((Kind::Staging, "42".into()))
        );
        assert_eq!(
            parse(".public.docket-old-42-3"),
            Some((Kind::Old, "42-3".into()))
        );
        assert_eq!(
            parse(".public.docket-old"),
            Some((Kind::Old, String::new()))
        );
        assert_eq!(
            parse(".public.docket-cache"),
            Some((Kind::Cache, String::new()))
        );
        assert_eq!(
            parse(".public.docket-42.lock"),
            Some((Kind::Lock, "42".into()))
        );
        // Not docket's, however close.
        for other in [
            "public",
            ".public.docket-staging-",
            ".public.docket-staging-x",
            ".public.docket-staging--1",
            ".public.docket-build",
            ".public.docket-42",
            ".other.docket-staging-42",
            "aaaaaaaaaaaaaaaaaaaaaaé-notes",
            ".public.docket-staging-é",
            ".public.docket-cache-1",
        ] {
            assert_eq!(parse(other), None, "{other}");
        }
        assert_eq!(
            names.staging("7"),
            Path::new("/site/.public.docket-staging-7")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_held_lock_is_not_taken_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let held = try_lock(&path).unwrap().expect("free at first");
        assert!(try_lock(&path).unwrap().is_none(), "held");
        drop(held);
        assert!(!path.exists(), "the lock file goes with the lock");
        assert!(try_lock(&path).unwrap().is_some(), "free again");
    }
}
