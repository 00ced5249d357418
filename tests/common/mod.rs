//! Test helpers: a [`Fixture`] is a copy of a small site in a temporary
//! folder, on which the real `docket` binary is run.
//!
//! A fixture folder under `tests/fixtures/` holds `docket.toml` and
//! `content/`; unless it brings its own `themes/`, the repository's default
//! theme is copied in beside it, so fixtures stay small.

#![allow(dead_code)] // each test crate uses its own part of the helpers

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_docket");

/// The repository root (where `Cargo.toml` is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder, removed when dropped.
pub struct Fixture {
    dir: tempfile::TempDir,
}

/// What one run of the binary gave. Paths of the fixture are shown as
/// `[ROOT]`, timings as `[TIME]`, so that outputs can be snapshots.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Fixture {
    /// Copies `tests/fixtures/<rel>` and adds the default theme if it has none.
    pub fn new(rel: &str) -> Fixture {
        let src = repo().join("tests/fixtures").join(rel);
        assert!(src.is_dir(), "no fixture {}", src.display());
        let f = Fixture::empty();
        copy_tree(&src, f.root());
        if !f.root().join("themes").exists() {
            copy_tree(
                &repo().join("themes/default"),
                &f.root().join("themes/default"),
            );
        }
        f
    }

    /// An empty folder, for tests that make their site themselves.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::Builder::new()
                .prefix("docket-test-")
                .tempdir()
                .expect("cannot make a temporary folder"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file of the site, making its folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("cannot make folder");
        }
        fs::write(&path, contents).expect("cannot write fixture file");
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Runs `docket --root <site> <args>` in the site folder, without colour.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.command(args).output().expect("cannot run docket");
        self.finish(out)
    }

    /// Runs `docket --root <site>/<sub> <args>`, for a site made inside the fixture.
    pub fn run_at(&self, sub: &str, args: &[&str]) -> Run {
        let out = self
            .command_at(&self.path(sub), args)
            .output()
            .expect("cannot run docket");
        self.finish(out)
    }

    /// The command [`Fixture::run`] would run, for tests that need to
    /// control the process themselves.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_at(self.root(), args)
    }

    fn command_at(&self, root: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.arg("--root")
            .arg(root)
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE");
        cmd
    }

    pub fn finish(&self, out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: self.redact(&String::from_utf8_lossy(&out.stdout)),
            stderr: self.redact(&String::from_utf8_lossy(&out.stderr)),
        }
    }

    /// Replaces the fixture's path by `[ROOT]` and timings by `[TIME]`.
    pub fn redact(&self, s: &str) -> String {
        let mut s = s.to_string();
        // Both the path as given and as the system resolves it (/tmp may be a link).
        let mut roots = vec![self.root().to_path_buf()];
        if let Ok(canon) = fs::canonicalize(self.root()) {
            roots.push(canon);
        }
        roots.sort_by_key(|r| std::cmp::Reverse(r.as_os_str().len()));
        for r in roots {
            s = s.replace(&r.display().to_string(), "[ROOT]");
        }
        redact_seconds(&s)
    }
}

/// `(0.12 s)` and `in 0.12 s` → `[TIME]`.
fn redact_seconds(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(" s") {
        let before = &rest[..i];
        let digits = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
            .last()
            .map(|(j, _)| j);
        match digits {
            Some(j) if before[j..].contains('.') => {
                out.push_str(&before[..j]);
                out.push_str("[TIME]");
            }
            _ => out.push_str(before),
        }
        rest = &rest[i + 2..];
        if out.ends_with("[TIME]") {
            continue;
        }
        out.push_str(" s");
    }
    out.push_str(rest);
    out
}

/// Copies a folder recursively; symbolic links are copied as links.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("cannot make folder");
    let mut entries: Vec<_> = fs::read_dir(from)
        .expect("cannot list fixture")
        .map(|e| e.expect("cannot read fixture entry"))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let src = e.path();
        let dst = to.join(e.file_name());
        let ty = e.file_type().expect("cannot stat fixture entry");
        if ty.is_symlink() {
            let target = fs::read_link(&src).expect("cannot read link");
            #[cfg(unix)]
            std::os::unix::fs::symlink(target, &dst).expect("cannot make link");
        } else if ty.is_dir() {
            copy_tree(&src, &dst);
        } else {
            fs::copy(&src, &dst).expect("cannot copy fixture file");
        }
    }
}

/// A stable digest of every file under `dir` (paths and contents), for
/// checking that a folder was left exactly as it was.
pub fn tree_hash(dir: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (rel, bytes) in files {
        rel.hash(&mut h);
        bytes.hash(&mut h);
    }
    h.finish()
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for e in fs::read_dir(dir).expect("cannot list folder") {
        let path = e.expect("cannot read folder entry").path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            out.push((rel, fs::read(&path).expect("cannot read file")));
        }
    }
}
