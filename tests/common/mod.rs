//! Test harness: a site in a temporary folder, the real `docket` binary run
//! on it, and helpers to read what a reader or contributor would see.
//!
//! Outputs are redacted for snapshots: the site's folder reads `[ROOT]` and
//! timings read `[TIME]`.
#![allow(dead_code)]

pub mod git;
pub mod lineage;
pub mod shapes;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_docket");

/// The repository's own folder: the example site lives at its top.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Site {
    pub dir: tempfile::TempDir,
}

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(
            self.code, 0,
            "docket failed:\n{}{}",
            self.stdout, self.stderr
        );
        self
    }

    /// The code, file and line of each diagnostic of a report in JSON
    /// (`check --format json`), in its order.
    pub fn places(&self) -> Vec<(String, String, u64)> {
        self.stdout
            .lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
                (
                    v["code"].as_str().unwrap_or_default().to_string(),
                    v["file"].as_str().unwrap_or_default().to_string(),
                    v["line"].as_u64().unwrap_or_default(),
                )
            })
            .collect()
    }
}

impl Site {
    /// The file and line of each diagnostic of `code` that `check` reports,
    /// in its order.
    pub fn places_of(&self, code: &str) -> Vec<(String, u64)> {
        let run = self.run(&["check", "--format", "json"]);
        run.places()
            .into_iter()
            .filter(|(c, _, _)| c == code)
            .map(|(_, file, line)| (file, line))
            .collect()
    }

    /// The example site of the repository (docket.toml, content/, themes/).
    pub fn example() -> Site {
        let site = Site::empty();
        for part in ["docket.toml", "content", "themes"] {
            copy_tree(&repo().join(part), &site.path().join(part));
        }
        site
    }

    /// A fixture under tests/fixtures, with the default theme added when it
    /// brings none.
    pub fn fixture(name: &str) -> Site {
        let src = repo().join("tests/fixtures").join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        let site = Site::empty();
        copy_tree(&src, site.path());
        if !site.path().join("themes").exists() {
            copy_tree(&repo().join("themes"), &site.path().join("themes"));
        }
        site
    }

    /// An empty site with the repository's themes, for sites written by a test.
    pub fn with_themes() -> Site {
        let site = Site::empty();
        copy_tree(&repo().join("themes"), &site.path().join("themes"));
        site
    }

    pub fn empty() -> Site {
        Site {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the site.
    pub fn join(&self, rel: &str) -> PathBuf {
        self.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Site {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Site {
        std::fs::remove_file(self.path().join(rel)).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        let p = self.path().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    }

    /// Runs docket in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.command(args).output().expect("run docket");
        self.finish(out)
    }

    /// Runs docket in the site folder on the site in its subfolder `sub`.
    pub fn run_at(&self, sub: &str, args: &[&str]) -> Run {
        let mut all = vec!["--root", sub];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// The command [`Site::run`] runs, for tests that control the process.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args).current_dir(self.path()).env("NO_COLOR", "1");
        cmd
    }

    /// What a finished command gave, redacted.
    pub fn finish(&self, out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: self.redact(&String::from_utf8_lossy(&out.stdout)),
            stderr: self.redact(&String::from_utf8_lossy(&out.stderr)),
        }
    }

    /// The site's folder as `[ROOT]`, timings as `[TIME]`, the number of
    /// pages `check` rendered as `[PAGES]` (it changes with every new kind
    /// of page, which is not what diagnostics snapshots are about).
    pub fn redact(&self, s: &str) -> String {
        let mut s = s.to_string();
        // The folder as given and as the system resolves it (/tmp may be a link).
        let mut roots = vec![self.path().to_path_buf()];
        if let Ok(canon) = std::fs::canonicalize(self.path()) {
            roots.push(canon);
        }
        roots.sort_by_key(|r| std::cmp::Reverse(r.as_os_str().len()));
        for r in roots {
            s = s.replace(&r.display().to_string(), "[ROOT]");
        }
        redact_pages(&redact_seconds(&s))
    }

    /// Every file below `rel`, with its bytes, by relative path.
    pub fn tree(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        let base = self.path().join(rel);
        let mut out = BTreeMap::new();
        for e in walkdir::WalkDir::new(&base).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let name = e
                    .path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(name, std::fs::read(e.path()).unwrap());
            }
        }
        out
    }
}

/// `, 23 pages rendered` → `, [PAGES] pages rendered`.
fn redact_pages(s: &str) -> String {
    const WORDS: &str = " pages rendered";
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(WORDS) {
        let before = &rest[..i];
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        out.push_str(&before[..before.len() - digits]);
        out.push_str(if digits > 0 { "[PAGES]" } else { "" });
        out.push_str(WORDS);
        rest = &rest[i + WORDS.len()..];
    }
    out.push_str(rest);
    out
}

/// `(0.12 s)` and `in 0.12 s` → `([TIME])`, `in [TIME]`.
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
        rest = &rest[i + 2..];
        match digits {
            Some(j) if before[j..].contains('.') => {
                out.push_str(&before[..j]);
                out.push_str("[TIME]");
            }
            _ => {
                out.push_str(before);
                out.push_str(" s");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Copies a file, or a folder recursively; symbolic links stay links.
pub fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
        return;
    }
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if e.path_is_symlink() {
            let link = std::fs::read_link(e.path()).unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(link, &target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every `href` and `src` value of an HTML page, unescaped.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&").replace("&#x2F;", "/"));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// The text of an HTML fragment with tags removed and white space folded,
/// for asserting what a reader sees.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Undoes the HTML escaping of Tera and pulldown-cmark.
pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// A fixture site in a temporary folder of its own.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// Copies `tests/fixtures/<name>` into a new temporary folder. A site
    /// without a `themes/default` gets the repository's default theme.
    pub fn new(name: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        let theme = dir.path().join("themes/default");
        if !theme.exists() {
            copy_dir(&repo().join("themes/default"), &theme);
        }
        Fixture { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `docket --root <site> <args>` with `env` set.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_docket"));
        cmd.arg("--root").arg(self.root()).args(args);
        cmd.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run docket");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Builds into `<site>/public` and returns that folder.
    pub fn build(&self, args: &[&str]) -> PathBuf {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all).ok();
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
        std::fs::write(path, text).expect("write file");
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for e in std::fs::read_dir(from).expect("read fixture") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy file");
        }
    }
}

/// Every file below `dir`, by `/`-separated relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read output") {
            let e = e.expect("entry");
            if e.file_type().expect("type").is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(dir).expect("inside").to_path_buf();
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, std::fs::read(e.path()).expect("read file"));
            }
        }
    }
    out
}

/// Reads a file of the output as text.
pub fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Checks the database export of the site built in `out` against the JSON
/// Schema that docket writes beside it.
#[track_caller]
pub fn assert_schema(out: &Path) {
    let db: serde_json::Value = serde_json::from_str(&read(out, "data/docket.json")).expect("JSON");
    let schema: serde_json::Value =
        serde_json::from_str(&read(out, "data/docket.schema.json")).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&db)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
