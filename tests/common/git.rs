//! Git repositories made by tests: the `git` command with no configuration
//! but the repository's own, and commits at fixed dates, so that a
//! history is the same on every machine and every run.

use std::path::Path;
use std::process::Command;

/// Runs `git args` in `dir`, its commits dated `date` (RFC 3339); returns
/// what it printed.
pub fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "A. Contributor")
        .env("GIT_AUTHOR_EMAIL", "a@example.org")
        .env("GIT_COMMITTER_NAME", "A. Contributor")
        .env("GIT_COMMITTER_EMAIL", "a@example.org")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Makes `dir` a repository with a `main` branch.
pub fn init(dir: &Path) {
    git(
        dir,
        &["init", "-q", "-b", "main"],
        "2025-01-01T12:00:00+00:00",
    );
}

/// Commits everything in `dir` at noon UTC of `day` (`2025-01-31`).
pub fn commit(dir: &Path, day: &str, message: &str) {
    let when = format!("{day}T12:00:00+00:00");
    git(dir, &["add", "-A"], &when);
    git(
        dir,
        &["commit", "-q", "--allow-empty", "-m", message],
        &when,
    );
}
