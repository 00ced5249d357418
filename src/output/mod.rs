//! The output folder: the only module that writes to it.
//!
//! A build writes into a staging folder beside the output and swaps it in
//! only when complete, so a failed or killed build leaves the previous site
//! exactly as it was. docket only ever replaces a folder it wrote itself
//! (one carrying the [`MARKER`] file) or an empty one.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub mod archive;
pub mod assets;
pub mod export;
pub mod feed;
pub mod redirect;
pub mod sitemap;
pub mod xml;

use crate::error::Error;

/// File at the top of every output folder docket writes.
pub const MARKER: &str = ".docket-build";

/// A site being written; dropped without [`Staging::commit`], it is removed.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
    /// Folders made so far, `/`-separated inside the site.
    folders: Mutex<HashSet<String>>,
}

/// Checks that `target` may be (re)written and opens a staging folder beside it.
pub fn stage(site_root: &Path, target: &Path) -> Result<Staging, Error> {
    let target = absolute(target)?;
    let root = fs::canonicalize(site_root).map_err(|e| Error::io(site_root, e))?;
    let content = root.join(crate::content::walk::CONTENT_DIR);
    let themes = root.join(crate::render::theme::THEMES_DIR);
    if root.starts_with(&target) || content.starts_with(&target) {
        return Err(Error::Output(format!(
            "refusing to write the site to {}: it is the site folder or contains it, and would be replaced",
            target.display()
        )));
    }
    if target.starts_with(&content) || target.starts_with(&themes) {
        return Err(Error::Output(format!(
            "refusing to write the site to {}: it is inside the site's sources",
            target.display()
        )));
    }
    recover(&target)?;
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
    let dir = sibling(&target, &format!("staging-{}", std::process::id()));
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    }
    fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    fs::write(
        dir.join(MARKER),
        concat!(
            "Written by docket ",
            env!("CARGO_PKG_VERSION"),
            "; docket replaces this folder on every build.\n"
        ),
    )
    .map_err(|e| Error::io(&dir, e))?;
    Ok(Staging {
        dir,
        target,
        committed: false,
        folders: Mutex::default(),
    })
}

impl Staging {
    /// Writes one file, `rel` being a `/`-separated path inside the site.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.path(rel)?;
        self.folder_of(rel, &path)?;
        fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    /// Copies a file into the site.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<(), Error> {
        let path = self.path(rel)?;
        self.folder_of(rel, &path)?;
        fs::copy(from, &path)
            .map(|_| ())
            .map_err(|e| Error::io(from, e))
    }

    /// Makes the folder of the file `rel` (at `path`) unless this build
    /// made it already: most files share their folder with others, and
    /// asking the file system again costs two system calls a file.
    fn folder_of(&self, rel: &str, path: &Path) -> Result<(), Error> {
        let (Some((folder, _)), Some(parent)) = (rel.rsplit_once('/'), path.parent()) else {
            return Ok(());
        };
        let known = |f: &str| {
            self.folders
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(f)
        };
        if known(folder) {
            return Ok(());
        }
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        self.folders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(folder.to_string());
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

    /// Swaps the finished site in for the old one.
    pub fn commit(mut self) -> Result<(), Error> {
        swap(&self.dir, &self.target)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.docket-{suffix}"))
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

/// Puts the previous site back if a build was killed between the two
/// renames of a swap (only possible where the atomic exchange is missing),
/// and removes what killed builds left behind.
fn recover(target: &Path) -> Result<(), Error> {
    let old = sibling(target, "old");
    if old.exists() {
        if target.exists() {
            fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        } else {
            fs::rename(&old, target).map_err(|e| Error::io(&old, e))?;
        }
    }
    if let (Some(parent), Some(name)) = (target.parent(), target.file_name()) {
        let prefix = format!(".{}.docket-staging-", name.to_string_lossy());
        if let Ok(rd) = fs::read_dir(parent) {
            for e in rd.flatten() {
                let stale = e.file_name().to_string_lossy().starts_with(&prefix)
                    && e.path().join(MARKER).is_file();
                let pid = e.file_name().to_string_lossy()[prefix.len().min(e.file_name().len())..]
                    .to_string();
                if stale && pid != std::process::id().to_string() && !process_alive(&pid) {
                    let _ = fs::remove_dir_all(e.path());
                }
            }
        }
    }
    Ok(())
}

fn process_alive(pid: &str) -> bool {
    !pid.is_empty() && Path::new("/proc").join(pid).exists()
}

/// Replaces `target` by `staged`. On Linux the two folders are exchanged in
/// one atomic step; elsewhere the old site is moved aside first and put back
/// by [`recover`] if the build dies in between.
fn swap(staged: &Path, target: &Path) -> Result<(), Error> {
    if !target.exists() {
        return fs::rename(staged, target).map_err(|e| Error::io(target, e));
    }
    if exchange(staged, target).is_ok() {
        // `staged` now holds the previous site.
        return fs::remove_dir_all(staged).map_err(|e| Error::io(staged, e));
    }
    let old = sibling(target, "old");
    fs::rename(target, &old).map_err(|e| Error::io(target, e))?;
    fs::rename(staged, target).map_err(|e| Error::io(target, e))?;
    fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))
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
