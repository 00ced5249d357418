//! The history of entries, read from a git repository that each test builds
//! with the `git` command and fixed commit dates: the changes of an entry
//! whose status changed twice, that was renamed, superseded, challenged and
//! commented on, and whose text was revised; a merged branch; a shallow
//! clone; a site in a subfolder of its repository; a site outside git. And
//! the periods in force of a small lineage, from the front matter alone and
//! with the dates the history gives.

use crate::common;
#[allow(dead_code)]
use crate::gen_corpus;
#[allow(dead_code)]
use crate::gen_history;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::git::git;
use docket::content::{CommentaryId, CourtActionId, Id, PolicyId, Term};
use docket::graph::force::{self, Reason, When};
use docket::history::{self, Change, FileState, History, Unavailable};

/// A git repository in a temporary folder, with commits made at given dates
/// by a `git` that reads no configuration but the repository's own.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        git(self.path(), args, "2025-01-01T12:00:00+00:00")
    }

    fn write(&self, rel: &str, text: &str) -> &Repo {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
        self
    }

    /// Commits everything at `date` (noon, UTC unless the date says).
    fn commit(&self, date: &str, message: &str) {
        let when = if date.contains('T') {
            date.to_string()
        } else {
            format!("{date}T12:00:00+00:00")
        };
        git(self.path(), &["add", "-A"], &when);
        git(
            self.path(),
            &["commit", "-q", "--allow-empty", "-m", message],
            &when,
        );
    }
}

const CONFIG: &str = "title = \"History\"\nlanguage = \"en\"\ntheme = \"default\"\n";

fn policy(id: u32, status: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\nid = {id}\ntitle = \"Policy {id}\"\nadministration = \"Biden\"\n\
         announced = 2024-01-10\nstatus = [{status}]\naction = \"Rule\"\n\
         subjects = [\"Border\"]\nagencies = [\"DHS\"]\n{extra}+++\n{body}\n"
    )
}

fn court_action(id: u32, challenges: u32) -> String {
    format!(
        "+++\nid = {id}\ntitle = \"Complaint {id}\"\ndate = 2025-06-20\ncase = \"A v. B\"\n\
         docket = \"1:25-cv-1\"\ncourt = \"D.D.C.\"\nfiling = \"Complaint\"\n\
         challenges = [{challenges}]\n+++\nFiled.\n"
    )
}

fn commentary(id: u32, about: u32) -> String {
    format!(
        "+++\nid = {id}\ntitle = \"Note {id}\"\ndate = 2025-06-25\nsource = \"A journal\"\n\
         about = [{about}]\n+++\nA note.\n"
    )
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
}

fn terms(v: &[&str]) -> Vec<Term> {
    v.iter().map(|s| Term(s.to_string())).collect()
}

/// The site's configuration, as a build reads it.
fn config(root: &Path) -> docket::config::Config {
    let mut diags = docket::diag::Diagnostics::default();
    let mut sources = docket::source::Sources::default();
    docket::config::load(root, &mut sources, &mut diags).expect("docket.toml reads")
}

fn read(root: &Path) -> History {
    history::read(root, &config(root)).expect("a history")
}

/// The dated changes of the file at `path`.
fn changes(h: &History, path: &str) -> Vec<(NaiveDate, Change)> {
    h.file(path)
        .unwrap_or_else(|| panic!("no history of {path}"))
        .events
        .iter()
        .map(|e| (e.date, e.change.clone()))
        .collect()
}

/// The repository of the main test: policy 1 is proposed, made final with
/// an effective date, revised, renamed, briefly broken and mended,
/// rescinded, superseded by policy 2, challenged and commented on.
fn lifetime() -> Repo {
    let r = Repo::new();
    let p1 = "content/policies/1-alpha.md";
    r.write("docket.toml", CONFIG)
        .write(p1, &policy(1, "\"Proposed\"", "", "First text."));
    r.commit("2025-01-02", "Policy 1, proposed");
    r.write(
        p1,
        &policy(
            1,
            "\"Final/Actual\"",
            "effective = 2025-02-10\n",
            "First text, final.",
        ),
    );
    r.commit("2025-02-03", "Policy 1 is final");
    r.write(
        p1,
        &policy(
            1,
            "\"Final/Actual\"",
            "effective = 2025-02-10\nupdated = 2025-03-20\n",
            "Second text.",
        ),
    );
    r.commit("2025-03-04", "Policy 1: text revised");
    r.git(&["mv", p1, "content/policies/1-alpha-rule.md"]);
    r.commit("2025-04-01", "Policy 1: renamed");
    r.write("content/policies/1-alpha-rule.md", "id = 1\nno fences\n");
    r.commit("2025-04-15", "Policy 1: broken");
    r.write(
        "content/policies/1-alpha-rule.md",
        &policy(
            1,
            "\"Final/Actual\"",
            "effective = 2025-02-10\nupdated = 2025-03-20\n",
            "Second text.",
        ),
    );
    r.commit("2025-04-16", "Policy 1: mended");
    r.write(
        "content/policies/1-alpha-rule.md",
        &policy(
            1,
            "\"Final/Actual\", \"Rescinded\"",
            "effective = 2025-02-10\ncurrent_status = \"Not in Effect\"\n",
            "Second text.",
        ),
    );
    r.commit("2025-05-06", "Policy 1 rescinded");
    r.write(
        "content/policies/2-beta.md",
        &policy(
            2,
            "\"Final/Actual\"",
            "effective = 2025-06-10\nsupersedes = [1]\n",
            "New.",
        ),
    );
    r.commit("2025-06-07", "Policy 2 supersedes policy 1");
    r.write("content/court-actions/1-complaint.md", &court_action(1, 1))
        .write("content/commentary/1-note.md", &commentary(1, 1));
    r.commit("2025-06-30", "A complaint and a note about policy 1");
    r
}

#[test]
fn an_entry_s_changes_through_its_commits() {
    let r = lifetime();
    let h = read(r.path());
    assert!(h.is_complete());
    assert_eq!(h.commits().len(), 9);
    assert_eq!(
        changes(&h, "content/policies/1-alpha-rule.md"),
        vec![
            (d("2025-01-02"), Change::Created),
            (
                d("2025-02-03"),
                Change::StatusChanged {
                    from: terms(&["Proposed"]),
                    to: terms(&["Final/Actual"])
                }
            ),
            (
                d("2025-02-03"),
                Change::EffectiveChanged {
                    from: None,
                    to: Some(d("2025-02-10").into())
                }
            ),
            // The contributor's `updated` is later than the commit: it dates the change.
            (d("2025-03-20"), Change::TextRevised),
            (
                d("2025-05-06"),
                Change::StatusChanged {
                    from: terms(&["Final/Actual"]),
                    to: terms(&["Final/Actual", "Rescinded"])
                }
            ),
            (
                d("2025-05-06"),
                Change::CurrentStatusChanged {
                    from: None,
                    to: Some(Term("Not in Effect".into()))
                }
            ),
            (
                d("2025-06-07"),
                Change::Superseded {
                    by: PolicyId(id(2))
                }
            ),
            (
                d("2025-06-30"),
                Change::CourtActionAdded(CourtActionId(id(1)))
            ),
            (
                d("2025-06-30"),
                Change::CommentaryAdded(CommentaryId(id(1)))
            ),
        ]
    );
}

#[test]
fn a_renamed_file_keeps_its_versions_and_a_broken_one_is_passed_over() {
    let r = lifetime();
    let h = read(r.path());
    assert!(h.file("content/policies/1-alpha.md").is_none());
    let f = h.file("content/policies/1-alpha-rule.md").expect("history");
    assert_eq!(f.id, Some(id(1)));
    let paths: Vec<&str> = f.versions.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "content/policies/1-alpha.md",
            "content/policies/1-alpha.md",
            "content/policies/1-alpha.md",
            "content/policies/1-alpha-rule.md",
            "content/policies/1-alpha-rule.md",
            "content/policies/1-alpha-rule.md",
            "content/policies/1-alpha-rule.md",
        ]
    );
    let parsed: Vec<bool> = f.versions.iter().map(|v| v.parsed).collect();
    assert_eq!(parsed, [true, true, true, true, false, true, true]);
    // The other entries: created, nothing more.
    for path in [
        "content/policies/2-beta.md",
        "content/court-actions/1-complaint.md",
        "content/commentary/1-note.md",
    ] {
        let c = changes(&h, path);
        assert_eq!(c.len(), 1, "{path}: {c:?}");
        assert_eq!(c[0].1, Change::Created);
    }
}

#[test]
fn a_rename_with_an_edit_is_followed_by_the_entry_s_id() {
    let r = Repo::new();
    r.write("docket.toml", CONFIG).write(
        "content/policies/7-old-name.md",
        &policy(7, "\"Final/Actual\"", "", "Text."),
    );
    r.commit("2025-01-02", "Policy 7");
    std::fs::remove_file(r.path().join("content/policies/7-old-name.md")).expect("rm");
    r.write(
        "content/policies/sub/7-new-name.md",
        &policy(7, "\"Final/Actual\", \"Expired\"", "", "Text, renamed."),
    );
    r.commit("2025-03-01", "Policy 7 renamed and expired");
    let h = read(r.path());
    assert_eq!(
        changes(&h, "content/policies/sub/7-new-name.md"),
        vec![
            (d("2025-01-02"), Change::Created),
            (
                d("2025-03-01"),
                Change::StatusChanged {
                    from: terms(&["Final/Actual"]),
                    to: terms(&["Final/Actual", "Expired"])
                }
            ),
        ]
    );
}

/// Site-wide, newest first, with the file each change belongs to.
#[test]
fn recent_changes_are_newest_first() {
    let r = lifetime();
    let h = read(r.path());
    let recent: Vec<(NaiveDate, &str, &'static str)> = h
        .recent()
        .iter()
        .map(|c| (c.event.date, c.path, c.event.change.kind()))
        .collect();
    assert_eq!(
        &recent[..5],
        &[
            (d("2025-06-30"), "content/commentary/1-note.md", "created"),
            (
                d("2025-06-30"),
                "content/court-actions/1-complaint.md",
                "created"
            ),
            (
                d("2025-06-30"),
                "content/policies/1-alpha-rule.md",
                "court-action"
            ),
            (
                d("2025-06-30"),
                "content/policies/1-alpha-rule.md",
                "commentary"
            ),
            (
                d("2025-06-07"),
                "content/policies/1-alpha-rule.md",
                "superseded"
            ),
        ]
    );
    assert_eq!(
        recent.len(),
        12,
        "nine of policy 1, one of each other entry"
    );
    assert_eq!(recent.last().map(|c| c.2), Some("created"));
}

/// A merged pull request is one change, dated when it was merged: the
/// commits of its branch are not walked.
#[test]
fn a_merge_is_one_change_on_the_day_it_landed() {
    let r = Repo::new();
    let p = "content/policies/3-gamma.md";
    r.write("docket.toml", CONFIG)
        .write(p, &policy(3, "\"Final/Actual\"", "", "Text."));
    r.commit("2025-01-02", "Policy 3");
    r.git(&["checkout", "-q", "-b", "litigation"]);
    r.write(
        p,
        &policy(3, "\"Final/Actual\", \"In Litigation\"", "", "Text."),
    );
    r.commit("2025-01-10", "Policy 3 in litigation");
    r.write(
        p,
        &policy(3, "\"Final/Actual\", \"Enjoined/Vacated\"", "", "Text."),
    );
    r.commit("2025-01-12", "Policy 3 enjoined");
    r.git(&["checkout", "-q", "main"]);
    git(
        r.path(),
        &[
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Merge litigation",
            "litigation",
        ],
        "2025-01-15T09:30:00+00:00",
    );
    let h = read(r.path());
    assert_eq!(h.commits().len(), 2, "the merge and the first commit");
    assert_eq!(
        changes(&h, p),
        vec![
            (d("2025-01-02"), Change::Created),
            (
                d("2025-01-15"),
                Change::StatusChanged {
                    from: terms(&["Final/Actual"]),
                    to: terms(&["Final/Actual", "Enjoined/Vacated"])
                }
            ),
        ]
    );
}

/// The day of a commit is the committer's: 23:30 in New York on 1 March
/// is 2 March in UTC, and the history says 1 March.
#[test]
fn a_commit_s_day_is_on_the_committer_s_calendar() {
    let r = Repo::new();
    r.write("docket.toml", CONFIG).write(
        "content/policies/4-delta.md",
        &policy(4, "\"Final/Actual\"", "", "Text."),
    );
    r.commit("2025-03-01T23:30:00-05:00", "Policy 4, late");
    let h = read(r.path());
    assert_eq!(
        changes(&h, "content/policies/4-delta.md"),
        vec![(d("2025-03-01"), Change::Created)]
    );
    assert_eq!(
        h.head().map(|c| c.time.to_rfc3339()).as_deref(),
        Some("2025-03-01T23:30:00-05:00")
    );
}

#[test]
fn files_not_committed_and_files_changed_since_are_told_apart() {
    let r = lifetime();
    let committed = "content/policies/2-beta.md";
    let changed = "content/policies/1-alpha-rule.md";
    let new = "content/policies/5-new.md";
    r.write(
        changed,
        &policy(1, "\"Final/Actual\"", "", "Edited, not committed."),
    )
    .write(new, &policy(5, "\"Final/Actual\"", "", "New."));
    let h = read(r.path());
    let state = |p: &str| {
        let bytes = std::fs::read(r.path().join(p)).expect("read");
        h.state(p, &bytes)
    };
    assert_eq!(state(committed), FileState::Committed);
    assert_eq!(state(changed), FileState::Modified);
    assert_eq!(state(new), FileState::NotCommitted);
    assert!(h.file(new).is_none());
    // The history is that of the commits: the edit on disk changes nothing.
    assert_eq!(changes(&h, changed).len(), 9);
}

#[test]
fn a_shallow_clone_says_first_seen_not_created() {
    let r = lifetime();
    let clone = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", r.path().display());
    let to: PathBuf = clone.path().join("site");
    git(
        clone.path(),
        &["clone", "-q", "--depth", "3", &url, "site"],
        "2025-07-01T00:00:00+00:00",
    );
    let h = read(&to);
    assert!(!h.is_complete());
    assert_eq!(h.commits().len(), 3);
    assert_eq!(h.oldest().map(|c| c.date()), Some(d("2025-05-06")));
    // Policy 1 was there before the oldest commit the clone holds.
    assert_eq!(
        changes(&h, "content/policies/1-alpha-rule.md"),
        vec![
            (d("2025-05-06"), Change::FirstSeen),
            (
                d("2025-06-07"),
                Change::Superseded {
                    by: PolicyId(id(2))
                }
            ),
            (
                d("2025-06-30"),
                Change::CourtActionAdded(CourtActionId(id(1)))
            ),
            (
                d("2025-06-30"),
                Change::CommentaryAdded(CommentaryId(id(1)))
            ),
        ]
    );
    // Policy 2 was made by a commit the clone holds.
    assert_eq!(
        changes(&h, "content/policies/2-beta.md"),
        vec![(d("2025-06-07"), Change::Created)]
    );
}

/// The site is `tracker/` inside a larger repository: only its own
/// content is read, and paths are the site's.
#[test]
fn a_site_in_a_subfolder_of_its_repository() {
    let r = Repo::new();
    r.write("README.md", "A repository with a site in it.\n")
        .write(
            "content/policies/9-not-the-site.md",
            &policy(9, "\"Final/Actual\"", "", "No."),
        )
        .write("tracker/docket.toml", CONFIG)
        .write(
            "tracker/content/policies/1-a.md",
            &policy(1, "\"Final/Actual\"", "", "Text."),
        );
    r.commit("2025-01-02", "Repository and site");
    r.write(
        "tracker/content/policies/1-a.md",
        &policy(1, "\"Final/Actual\"", "", "Text, revised."),
    );
    r.commit("2025-01-05", "Revised");
    let h = read(&r.path().join("tracker"));
    let files: Vec<&str> = h.files().map(|(p, _)| p).collect();
    assert_eq!(files, ["content/policies/1-a.md"]);
    assert_eq!(
        changes(&h, "content/policies/1-a.md"),
        vec![
            (d("2025-01-02"), Change::Created),
            (d("2025-01-05"), Change::TextRevised)
        ]
    );
}

#[test]
fn a_site_outside_git_has_no_history_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("docket.toml"), CONFIG).expect("write");
    let why = history::read(dir.path(), &config(dir.path())).expect_err("no history");
    assert_eq!(why, Unavailable::NotInRepository);
    assert_eq!(why.to_string(), "the site is not in a git repository");
}

#[test]
fn a_repository_without_commits_has_no_history() {
    let r = Repo::new();
    r.write("docket.toml", CONFIG);
    let why = history::read(r.path(), &config(r.path())).expect_err("no history");
    assert_eq!(why, Unavailable::NoCommits);
}

/// The same commits give the same history, whatever the files' times.
#[test]
fn the_history_depends_on_the_commits_alone() {
    let r = lifetime();
    let first = format!("{:?}", read(r.path()).recent());
    let file = r.path().join("content/policies/2-beta.md");
    let f = std::fs::File::options()
        .write(true)
        .open(&file)
        .expect("open");
    f.set_modified(std::time::SystemTime::UNIX_EPOCH)
        .expect("set mtime");
    assert_eq!(format!("{:?}", read(r.path()).recent()), first);
}

/// A lineage: A superseded by B, C rescinded, D enjoined then reinstated.
/// The front matter alone gives when each took force, A's end and that C
/// ended; the history dates C's end and D's gap.
fn lineage() -> Repo {
    let r = Repo::new();
    let final_ = "\"Final/Actual\"";
    r.write("docket.toml", CONFIG)
        .write(
            "content/policies/1-a.md",
            &policy(1, final_, "effective = 2024-02-01\n", "A."),
        )
        .write(
            "content/policies/3-c.md",
            &policy(3, final_, "effective = 2024-03-01\n", "C."),
        )
        .write(
            "content/policies/4-d.md",
            &policy(4, final_, "effective = 2024-04-01\n", "D."),
        );
    r.commit("2024-04-02", "A, C and D");
    r.write(
        "content/policies/2-b.md",
        &policy(
            2,
            final_,
            "effective = 2024-09-01\nsupersedes = [1]\n",
            "B.",
        ),
    );
    r.commit("2024-08-15", "B supersedes A");
    r.write(
        "content/policies/3-c.md",
        &policy(
            3,
            "\"Final/Actual\", \"Rescinded\"",
            "effective = 2024-03-01\n",
            "C.",
        ),
    );
    r.commit("2024-10-01", "C rescinded");
    r.write(
        "content/policies/4-d.md",
        &policy(
            4,
            "\"Final/Actual\", \"Enjoined/Vacated\"",
            "effective = 2024-04-01\n",
            "D.",
        ),
    );
    r.commit("2024-11-01", "D enjoined");
    r.write(
        "content/policies/4-d.md",
        &policy(
            4,
            "\"Final/Actual\", \"In Litigation\"",
            "effective = 2024-04-01\ncurrent_status = \"Fully in Effect\"\n",
            "D.",
        ),
    );
    r.commit("2025-01-15", "D reinstated on appeal");
    r
}

/// Each policy's periods in force, by id, with the history or without.
fn forces(root: &Path, with_history: bool) -> Vec<(u32, force::Force)> {
    let mut diags = docket::diag::Diagnostics::default();
    let site = docket::load(root, &docket::LoadOptions::default(), &mut diags)
        .unwrap_or_else(|_| panic!("the site loads"));
    assert!(!diags.has_errors(), "{diags:?}");
    let h = with_history.then(|| history::read(root, &site.config).expect("history"));
    let timeline = |ix: docket::graph::PolicyIx| {
        let p = &site.corpus.policies[ix.get()];
        let name = &site.sources.get(p.common.file).name;
        h.as_ref()
            .and_then(|h| h.file(name))
            .map_or(&[][..], |f| f.status_timeline())
    };
    let all = force::all(
        &site.corpus,
        &site.graph,
        &force::Rules::default(),
        timeline,
    );
    site.corpus
        .policies
        .iter()
        .map(|p| p.id.0.leading_number() as u32)
        .zip(all)
        .collect()
}

fn on(forces: &[(u32, force::Force)], day: &str) -> Vec<(u32, Option<bool>)> {
    forces.iter().map(|(id, f)| (*id, f.on(d(day)))).collect()
}

#[test]
fn in_force_on_a_date_from_the_front_matter_alone() {
    let r = lineage();
    let f = forces(r.path(), false);
    assert_eq!(
        on(&f, "2024-08-31"),
        [
            (1, Some(true)),
            (2, Some(false)),
            (3, None),
            (4, Some(true))
        ]
    );
    assert_eq!(
        on(&f, "2024-12-01"),
        [
            (1, Some(false)),
            (2, Some(true)),
            (3, None),
            (4, Some(true))
        ]
    );
    let a = &f[0].1.periods;
    assert_eq!(a.len(), 1);
    assert_eq!(
        a[0].end.as_ref().map(|e| (e.when, e.reason.clone())),
        Some((
            When::On(d("2024-09-01").into()),
            Reason::SupersededBy(PolicyId(id(2)))
        ))
    );
}

#[test]
fn in_force_on_a_date_with_the_history() {
    let r = lineage();
    let f = forces(r.path(), true);
    assert_eq!(
        on(&f, "2024-08-31"),
        [
            (1, Some(true)),
            (2, Some(false)),
            (3, Some(true)),
            (4, Some(true))
        ]
    );
    assert_eq!(
        on(&f, "2024-12-01"),
        [
            (1, Some(false)),
            (2, Some(true)),
            (3, Some(false)),
            (4, Some(false))
        ]
    );
    assert_eq!(
        on(&f, "2025-02-01"),
        [
            (1, Some(false)),
            (2, Some(true)),
            (3, Some(false)),
            (4, Some(true))
        ]
    );
    let d_periods: Vec<(NaiveDate, Option<When>)> = f[3]
        .1
        .periods
        .iter()
        .map(|p| (p.from.start(), p.end.as_ref().map(|e| e.when)))
        .collect();
    assert_eq!(
        d_periods,
        [
            (d("2024-04-01"), Some(When::On(d("2024-11-01").into()))),
            (d("2025-01-15"), None)
        ]
    );
}

/// The history generator of the benchmark makes a repository whose last
/// commit is the generated site, with every kind of change; the history
/// has one file an entry, each committed as it is on disk, and is the same
/// read on one thread or split over two.
#[test]
fn a_generated_history_reads_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    gen_corpus::generate(500, &site, 3).expect("a generated site");
    gen_history::make(&site, 600, 3).expect("a generated history");
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| read(&site))
    };
    let h = on(2);
    let one = on(1);
    assert_eq!(format!("{:?}", h.recent()), format!("{:?}", one.recent()));
    let versions: usize = h.files().map(|(_, f)| f.versions.len()).sum();
    assert!(versions >= 1024, "{versions} versions: too few to be split");
    assert!(h.is_complete());
    assert_eq!(h.commits().len(), 600);
    let on_disk = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| !e.path().components().any(|c| c.as_os_str() == "documents"))
        .count();
    assert_eq!(h.files().count(), on_disk);
    for (path, _) in h.files() {
        let bytes = std::fs::read(site.join(path)).expect("read");
        assert_eq!(h.state(path, &bytes), FileState::Committed, "{path}");
    }
    let kinds: std::collections::BTreeSet<&str> =
        h.recent().iter().map(|c| c.event.change.kind()).collect();
    for kind in [
        "created",
        "status",
        "superseded",
        "court-action",
        "commentary",
        "text",
    ] {
        assert!(kinds.contains(kind), "no {kind} change among {kinds:?}");
    }
}

/// A commit may say any time: one out of range, with an offset of 99
/// hours, reads without a panic.
#[test]
fn a_commit_with_an_impossible_time_reads() {
    let r = Repo::new();
    r.write("docket.toml", CONFIG).write(
        "content/policies/6-f.md",
        &policy(6, "\"Final/Actual\"", "", "Text."),
    );
    r.commit("2025-01-02", "Policy 6");
    let tree = r.git(&["rev-parse", "HEAD^{tree}"]);
    let commit = format!(
        "tree {}\nauthor A <a@example.org> 99999999999999999 +9959\n\
         committer A <a@example.org> 99999999999999999 +9959\n\nOdd time\n",
        tree.trim()
    );
    let path = r.path().join("odd-commit");
    std::fs::write(&path, commit).expect("write");
    let id = r.git(&[
        "hash-object",
        "-t",
        "commit",
        "-w",
        "--literally",
        "odd-commit",
    ]);
    std::fs::remove_file(&path).expect("rm");
    r.git(&["update-ref", "refs/heads/main", id.trim()]);
    // Out of range, the time reads as 1970-01-01 in UTC.
    let h = read(r.path());
    assert_eq!(h.commits().len(), 1);
    assert_eq!(
        changes(&h, "content/policies/6-f.md"),
        vec![(d("1970-01-01"), Change::Created)]
    );
}

fn id(n: u64) -> Id {
    Id::number(n).expect("a number from 1")
}
