//! Gives a generated site a git history, and measures how long docket takes
//! to read it.
//!
//! ```text
//! cargo run --release --example gen_history -- DIR COMMITS [--seed S]
//! cargo run --release --example gen_history -- --read DIR
//! ```
//!
//! The first form turns DIR, a site written by `gen_corpus`, into a git
//! repository of COMMITS commits on `main` whose last commit is the site as
//! it is. Half the entries are in the first commit; the rest are added
//! over the following ones, and every commit also takes one or two entries
//! a step towards their final text (a body revised, a status that was
//! "Proposed", a `supersedes` not yet written, a file renamed from a draft
//! name). Every other commit is the merge of a branch, as pull requests
//! land. Commit dates are fixed (eight hours apart from 2020-01-01), so the
//! same site, COMMITS and seed give the same commits. It needs the `git`
//! command (the commits are written with `git fast-import`, then packed as
//! a clone is).
//!
//! The second form reads the history of DIR as a build does and prints
//! what it found and how long the read took.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--read") if args.len() == 2 => read(Path::new(&args[1])),
        Some(_) => parse(&args).and_then(|(dir, commits, seed)| make(&dir, commits, seed)),
        None => Err("expected DIR and COMMITS".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "gen_history: {e}\nusage: gen_history DIR COMMITS [--seed S] | gen_history --read DIR"
            );
            ExitCode::FAILURE
        }
    }
}

fn parse(args: &[String]) -> Result<(PathBuf, usize, u64), String> {
    let mut positional = Vec::new();
    let mut seed = 1;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seed" {
            let s = it.next().ok_or("--seed needs a number")?;
            seed = s.parse().map_err(|_| format!("bad seed {s:?}"))?;
        } else {
            positional.push(a.clone());
        }
    }
    let [dir, commits] =
        <[String; 2]>::try_from(positional).map_err(|_| "expected DIR and COMMITS")?;
    let commits: usize = commits
        .replace('_', "")
        .parse()
        .map_err(|_| format!("COMMITS must be a whole number, not {commits:?}"))?;
    if commits < 2 {
        return Err("COMMITS must be at least 2".into());
    }
    Ok((PathBuf::from(dir), commits, seed))
}

/// Reads the history as a build would, and says how long it took.
fn read(dir: &Path) -> Result<(), String> {
    let mut diags = docket::diag::Diagnostics::default();
    let mut sources = docket::source::Sources::default();
    let config = docket::config::load(dir, &mut sources, &mut diags)
        .ok_or_else(|| format!("cannot read {}/docket.toml", dir.display()))?;
    let start = Instant::now();
    let history = docket::history::read(dir, &config).map_err(|e| e.to_string())?;
    let took = start.elapsed();
    let files = history.files().count();
    let versions: usize = history.files().map(|(_, f)| f.versions.len()).sum();
    let events: usize = history.files().map(|(_, f)| f.events.len()).sum();
    println!(
        "history read: {:.3} s ({} commits, {files} files, {versions} versions, {events} changes)",
        took.as_secs_f64(),
        history.commits().len()
    );
    Ok(())
}

// ---------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// An entry file and the steps it takes to its final text.
struct Entry {
    /// Path relative to the site, as it is at the end.
    path: String,
    /// Steps still to take: the committed text is `variant(steps)`.
    steps: usize,
    /// Created under a draft name, renamed at its last step.
    renamed: bool,
}

impl Entry {
    fn draft_path(&self) -> String {
        format!("{}-draft.md", self.path.trim_end_matches(".md"))
    }

    /// The path the entry is at while it has `steps` steps to go.
    fn path_at(&self, steps: usize) -> String {
        if self.renamed && steps > 0 {
            self.draft_path()
        } else {
            self.path.clone()
        }
    }
}

/// The entry's text `steps` steps before its final text: a revision note
/// in the body (1 and more), a "Proposed" status (2 and more, policies), no
/// `supersedes` yet (3, policies).
fn variant(text: &str, policy: bool, steps: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut in_front = 0;
    for line in text.lines() {
        if line.trim_end() == "+++" {
            in_front += 1;
        }
        let front = in_front == 1;
        if front && policy && steps >= 2 && line.starts_with("status = ") {
            out.push_str("status = [\"Proposed\"]\n");
        } else if front && policy && steps >= 3 && line.starts_with("supersedes = ") {
            continue;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if steps >= 1 {
        let _ = writeln!(out, "\nThis entry is being revised ({steps} steps to go).");
    }
    out
}

/// One commit's file operations.
#[derive(Default)]
struct Ops {
    /// Path → contents, in path order.
    put: BTreeMap<String, Vec<u8>>,
    delete: BTreeSet<String>,
}

pub fn make(dir: &Path, commits: usize, seed: u64) -> Result<(), String> {
    if !dir.join("docket.toml").is_file() || !dir.join(".docket-corpus").is_file() {
        return Err(format!(
            "{} is not a site written by gen_corpus",
            dir.display()
        ));
    }
    if dir.join(".git").exists() {
        std::fs::remove_dir_all(dir.join(".git")).map_err(|e| e.to_string())?;
    }
    let files = list(dir)?;
    let mut rng = Rng(seed ^ 0x5eed_f415_7041);
    let (first, plan) = schedule(&files, commits, &mut rng);
    let ops = plan_ops(dir, &files, first, plan, commits, &mut rng)?;
    git(dir, &["init", "-q", "-b", "main"], None)?;
    let stream = fast_import_stream(&ops);
    git(dir, &["fast-import", "--quiet"], Some(&stream))?;
    // fast-import stores each version as a delta of the one before; a
    // clone, or a repository git has packed, stores the newest whole and
    // older ones as deltas of newer ones. Read like a clone.
    git(
        dir,
        &[
            "repack",
            "-a",
            "-d",
            "-f",
            "-q",
            "--depth=50",
            "--window=10",
        ],
        None,
    )?;
    git(dir, &["read-tree", "main"], None)?;
    std::fs::write(
        dir.join(".git/info/exclude"),
        ".docket-corpus\n.bench-stamp\n",
    )
    .map_err(|e| e.to_string())?;
    let status = git(
        dir,
        &["status", "--porcelain", "--untracked-files=all"],
        None,
    )?;
    if !status.trim().is_empty() {
        return Err(format!("the last commit is not the site:\n{status}"));
    }
    eprintln!("wrote {commits} commits to {}", dir.display());
    Ok(())
}

/// Every file of the site but the generator's marker, by path.
fn list(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.map_err(|e| e.to_string())?;
        let rel = e
            .path()
            .strip_prefix(dir)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        if e.file_type().is_file()
            && !rel.starts_with(".git/")
            && !rel.starts_with(".docket")
            && !rel.starts_with(".bench")
        {
            out.push(rel);
        }
    }
    Ok(out)
}

fn is_entry(path: &str) -> bool {
    [
        "content/policies/",
        "content/court-actions/",
        "content/commentary/",
    ]
    .iter()
    .any(|k| path.starts_with(k))
        && path.ends_with(".md")
}

/// Which entries are in the first commit (indices into `files` of the
/// non-entry files too), and the commit each later entry is added in.
fn schedule(files: &[String], commits: usize, rng: &mut Rng) -> (Vec<usize>, Vec<Vec<usize>>) {
    let mut first = Vec::new();
    let mut plan = vec![Vec::new(); commits];
    for (i, f) in files.iter().enumerate() {
        if !is_entry(f) || rng.chance(50) {
            first.push(i);
        } else {
            plan[1 + rng.below(commits - 1)].push(i);
        }
    }
    (first, plan)
}

fn plan_ops(
    dir: &Path,
    files: &[String],
    first: Vec<usize>,
    plan: Vec<Vec<usize>>,
    commits: usize,
    rng: &mut Rng,
) -> Result<Vec<Ops>, String> {
    let read = |rel: &str| std::fs::read(dir.join(rel)).map_err(|e| format!("{rel}: {e}"));
    let text = |rel: &str| -> Result<String, String> {
        String::from_utf8(read(rel)?).map_err(|e| e.to_string())
    };
    // About two steps a commit over the whole history: an edited policy
    // takes two steps on average, another entry one, and 60% are policies.
    let entries_total = files.iter().filter(|f| is_entry(f)).count().max(1);
    let edited_share = (commits * 2 * 1000 / (entries_total * 16)).min(100) as u64;
    let mut entries: BTreeMap<usize, Entry> = BTreeMap::new();
    let mut ops: Vec<Ops> = (0..commits).map(|_| Ops::default()).collect();
    let mut pool: Vec<usize> = Vec::new();
    let add = |i: usize,
               ops: &mut Ops,
               rng: &mut Rng,
               entries: &mut BTreeMap<usize, Entry>|
     -> Result<bool, String> {
        let path = &files[i];
        if !is_entry(path) {
            ops.put.insert(path.clone(), read(path)?);
            return Ok(false);
        }
        let policy = path.starts_with("content/policies/");
        let steps = if rng.chance(edited_share) {
            1 + rng.below(if policy { 3 } else { 1 })
        } else {
            0
        };
        let e = Entry {
            path: path.clone(),
            steps,
            renamed: steps > 0 && rng.chance(10),
        };
        ops.put.insert(
            e.path_at(steps),
            variant(&text(path)?, policy, steps).into_bytes(),
        );
        entries.insert(i, e);
        Ok(steps > 0)
    };
    for &i in &first {
        if add(i, &mut ops[0], rng, &mut entries)? {
            pool.push(i);
        }
    }
    for c in 1..commits {
        for _ in 0..2 {
            if pool.is_empty() {
                break;
            }
            let k = rng.below(pool.len());
            let i = pool[k];
            step(&mut entries, i, &files[i], &mut ops[c], &text)?;
            if entries[&i].steps == 0 {
                pool.swap_remove(k);
            }
        }
        for &i in &plan[c] {
            if add(i, &mut ops[c], rng, &mut entries)? {
                pool.push(i);
            }
        }
    }
    // What is left reaches its final text in the last commit.
    pool.sort_unstable();
    for i in pool {
        while entries[&i].steps > 0 {
            step(&mut entries, i, &files[i], &mut ops[commits - 1], &text)?;
        }
    }
    Ok(ops)
}

/// Takes entry `i` one step towards its final text.
fn step(
    entries: &mut BTreeMap<usize, Entry>,
    i: usize,
    path: &str,
    ops: &mut Ops,
    text: &dyn Fn(&str) -> Result<String, String>,
) -> Result<(), String> {
    let e = entries.get_mut(&i).ok_or("no such entry")?;
    let before = e.path_at(e.steps);
    e.steps -= 1;
    let after = e.path_at(e.steps);
    if before != after {
        ops.put.remove(&before);
        ops.delete.insert(before);
    }
    let policy = path.starts_with("content/policies/");
    ops.put
        .insert(after, variant(&text(path)?, policy, e.steps).into_bytes());
    Ok(())
}

/// The commands of `git fast-import`: one commit a step on `main`, every
/// other one the merge of a one-commit branch made an hour before.
fn fast_import_stream(ops: &[Ops]) -> Vec<u8> {
    let start = 1_577_836_800i64; // 2020-01-01T00:00:00Z
    let mut out = Vec::new();
    let mut mark = 0usize;
    let mut main: Option<usize> = None;
    for (c, o) in ops.iter().enumerate() {
        let time = start + c as i64 * 8 * 3600;
        let merge = c > 0 && c % 2 == 1;
        let branch = if merge {
            mark += 1;
            commit(
                &mut out,
                "refs/heads/pr",
                mark,
                time - 3600,
                main,
                None,
                &format!("Change {c}"),
                o,
            );
            Some(mark)
        } else {
            None
        };
        mark += 1;
        let message = if merge {
            format!("Merge change {c}")
        } else {
            format!("Change {c}")
        };
        commit(
            &mut out,
            "refs/heads/main",
            mark,
            time,
            main,
            branch,
            &message,
            o,
        );
        main = Some(mark);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn commit(
    out: &mut Vec<u8>,
    branch: &str,
    mark: usize,
    time: i64,
    from: Option<usize>,
    merge: Option<usize>,
    message: &str,
    ops: &Ops,
) {
    let _ = write!(out, "commit {branch}\nmark :{mark}\n");
    let _ = writeln!(out, "committer Bench <bench@example.org> {time} +0000");
    let _ = write!(out, "data {}\n{message}\n", message.len() + 1);
    if let Some(from) = from {
        let _ = writeln!(out, "from :{from}");
    }
    if let Some(m) = merge {
        let _ = writeln!(out, "merge :{m}");
    }
    for path in &ops.delete {
        let _ = writeln!(out, "D {path}");
    }
    for (path, data) in &ops.put {
        let _ = write!(out, "M 100644 inline {path}\ndata {}\n", data.len());
        out.extend_from_slice(data);
        out.push(b'\n');
    }
    out.push(b'\n');
}

/// Runs `git` in `dir` with no configuration but the repository's, feeding
/// it `input`; its output, or an error with what it printed.
fn git(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<String, String> {
    let mut child = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if let (Some(data), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin.write_all(data).map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
