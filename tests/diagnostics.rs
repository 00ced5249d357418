//! What `docket check` tells a contributor about a broken site.
//!
//! Each folder of `tests/fixtures/invalid/` is a tiny site with one kind of
//! problem. Its human and JSON reports are snapshots under
//! `tests/snapshots/`: a changed message is a reviewed change
//! (`cargo insta review`, or `INSTA_UPDATE=always` then read the diff).

use crate::common;

use common::{Run, Site};

/// Whether a case has errors, or warnings only.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    Errors,
    WarningsOnly,
}

fn check(case: &str, expect: Expect) {
    let site = Site::fixture(&format!("invalid/{case}"));
    let human = site.run(&["check"]);
    let json = site.run(&["check", "--format", "json"]);
    let code = match expect {
        Expect::Errors => 1,
        Expect::WarningsOnly => 0,
    };
    assert_eq!(human.code, code, "exit code of check: {human:#?}");
    assert_eq!(
        json.code, code,
        "exit code of check --format json: {json:#?}"
    );
    assert!(
        human.stdout.is_empty(),
        "human output goes to stderr: {human:#?}"
    );
    assert!(
        json.stderr.is_empty(),
        "json output goes to stdout: {json:#?}"
    );
    assert_json_lines(&json);
    if expect == Expect::WarningsOnly {
        let denied = site.run(&["check", "--deny-warnings"]);
        assert_eq!(denied.code, 1, "--deny-warnings: {denied:#?}");
    }
    insta::with_settings!({
        snapshot_path => "snapshots/invalid",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(format!("{case}.human"), human.stderr);
        insta::assert_snapshot!(format!("{case}.json"), json.stdout);
    });
}

/// Every line is one JSON object with the documented fields.
fn assert_json_lines(run: &Run) {
    assert!(!run.stdout.is_empty(), "no diagnostics: {run:#?}");
    for line in run.stdout.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        for key in [
            "severity", "code", "message", "file", "line", "column", "end", "help",
        ] {
            assert!(v.get(key).is_some(), "no `{key}` in {line}");
        }
    }
}

macro_rules! cases {
    ($($name:ident => $expect:ident,)*) => {
        $(
            #[test]
            fn $name() {
                check(&stringify!($name).replace('_', "-"), Expect::$expect);
            }
        )*

        const CASES: &[&str] = &[$(stringify!($name),)*];
    };
}

cases! {
    broken_fragment => WarningsOnly,
    broken_link => Errors,
    case_name_mismatch => WarningsOnly,
    cases => Errors,
    config => Errors,
    control_character => WarningsOnly,
    crlf_and_bom => Errors,
    cycle => Errors,
    document_outside => Errors,
    document_source => Errors,
    draft_reference => WarningsOnly,
    duplicate_id => Errors,
    empty_file => Errors,
    empty_list => Errors,
    empty_value => Errors,
    field_values => Errors,
    fields => Errors,
    force => Errors,
    relations => Errors,
    relation_kinds => Errors,
    invalid_date => Errors,
    invalid_id => Errors,
    invalid_url => Errors,
    lineage_cycle => Errors,
    builtin_relations => Errors,
    lints => Errors,
    many_problems => Errors,
    missing_document => Errors,
    missing_key => Errors,
    no_content => Errors,
    no_front_matter => Errors,
    reference_to_broken_entry => Errors,
    not_utf8 => Errors,
    self_reference => Errors,
    skipped_file => WarningsOnly,
    supersedes_later => WarningsOnly,
    symlink => Errors,
    template => Errors,
    tones => Errors,
    toml_syntax => Errors,
    unclosed_front_matter => Errors,
    unknown_folder => Errors,
    unknown_key => Errors,
    unknown_reference => Errors,
    unlinked => WarningsOnly,
    vocabulary => Errors,
    wrong_type => Errors,
}

#[test]
fn every_fixture_folder_is_a_case() {
    let dir = common::repo().join("tests/fixtures/invalid");
    let mut folders: Vec<String> = std::fs::read_dir(&dir)
        .expect("cannot list fixtures")
        .map(|e| {
            e.expect("entry")
                .file_name()
                .to_string_lossy()
                .replace('-', "_")
        })
        .collect();
    folders.sort();
    let mut cases: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    cases.sort();
    assert_eq!(
        folders, cases,
        "tests/fixtures/invalid/ and the cases! list differ"
    );
}

#[test]
fn every_problem_of_a_site_is_reported_in_one_run() {
    let site = Site::fixture("diagnostics/many-problems");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let expected = [
        ("E-empty-file", "content/commentary/1-alert.md", 1),
        ("E-no-front-matter", "content/commentary/2-note.md", 1),
        (
            "E-unknown-reference",
            "content/court-actions/1-complaint.md",
            9,
        ),
        (
            "W-case-name-mismatch",
            "content/court-actions/2-ruling.md",
            5,
        ),
        ("E-invalid-date", "content/policies/2-rule.md", 5),
        ("E-toml-syntax", "content/policies/2-rule.md", 7),
        ("E-unknown-key", "content/policies/2-rule.md", 8),
        ("E-vocabulary", "content/policies/2-rule.md", 9),
        ("E-broken-link", "content/policies/2-rule.md", 11),
        ("E-missing-key", "content/policies/3-directive.md", 1),
        ("E-wrong-type", "content/policies/3-directive.md", 9),
        ("W-supersedes-later", "content/policies/4-memo.md", 10),
        ("E-unknown-reference", "content/policies/4-memo.md", 11),
        ("E-broken-link", "content/policies/4-memo.md", 15),
        ("E-cycle", "content/policies/6-b.md", 10),
        ("E-duplicate-id", "content/policies/7-copy.md", 2),
        ("E-missing-document", "content/policies/8-guidance.md", 14),
    ];
    let expected: Vec<(String, String, u64)> = expected
        .iter()
        .map(|(c, f, l)| (c.to_string(), f.to_string(), *l))
        .collect();
    assert_eq!(run.places(), expected);

    let human = site.run(&["check"]);
    assert_eq!(human.code, 1);
    assert!(
        human.stderr.ends_with(
            "check failed: 8 entries, [PAGES] pages rendered: 15 errors, 2 warnings ([TIME])\n"
        ),
        "{}",
        human.stderr
    );
}

#[test]
fn github_format_annotates_each_line() {
    let site = Site::fixture("diagnostics/many-problems");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.is_empty(), "{run:#?}");
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("::error file=content/")
                || line.starts_with("::warning file=content/"),
            "not a workflow command with a file: {line}"
        );
        assert!(
            line.contains(",line=") && line.contains(",col=") && line.contains(",title="),
            "{line}"
        );
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
    assert_eq!(run.stdout.lines().count(), 17);
    insta::with_settings!({
        snapshot_path => "snapshots/invalid",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("many-problems.github", run.stdout);
    });
}

#[test]
fn warnings_pass_unless_denied() {
    let site = Site::fixture("invalid/unlinked");
    for (args, code) in [
        (&["check"][..], 0),
        (&["check", "--deny-warnings"][..], 1),
        (&["check", "--deny-warnings", "--format", "github"][..], 1),
        (&["build"][..], 0),
    ] {
        let run = site.run(args);
        assert_eq!(run.code, code, "{args:?}: {run:#?}");
    }
}

#[test]
fn github_paths_are_relative_to_the_repository() {
    // A site in a subfolder of the repository, checked from the repository root.
    let repo = Site::empty();
    let fixtures = common::repo().join("tests/fixtures/invalid/unknown-key");
    common::copy_tree(&fixtures, &repo.join("tracker"));
    common::copy_tree(
        &common::repo().join("themes/default"),
        &repo.join("tracker/themes/default"),
    );
    let out = std::process::Command::new(common::BIN)
        .args(["--root", "tracker", "check", "--format", "github"])
        .current_dir(repo.path())
        .output()
        .expect("run docket");
    let run = repo.finish(out);
    assert_eq!(run.code, 1, "{run:#?}");
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("::error file=tracker/content/policies/1-eo.md,"),
            "{line}"
        );
    }
}

#[test]
fn no_colour_when_not_on_a_terminal() {
    let site = Site::fixture("invalid/vocabulary");
    // Without NO_COLOR: stderr is a pipe here, so there must be no colour.
    let out = site
        .command(&["check"])
        .env_remove("NO_COLOR")
        .output()
        .expect("run docket");
    let run = site.finish(out);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[E-vocabulary]"), "{}", run.stderr);
    assert!(
        !run.stderr.contains('\u{1b}'),
        "colour codes in {}",
        run.stderr
    );
}

#[test]
fn a_syntax_error_does_not_hide_a_missing_key() {
    // The text opened on line 3 is never closed, so TOML reads nothing
    // after it: `administration` and the rest are written but unread, and
    // not reported; `action` is written nowhere, and reported in the same
    // run as the syntax error, which shows where the text starts.
    let site = Site::fixture("invalid/toml-syntax");
    site.write(
        "content/policies/2-directive.md",
        "+++\nid = 2\ntitle = \"\"\"Directive 11005.4\nadministration = \"Trump 2.0\"\n\
         announced = 2025-01-20\nstatus = [\"Final/Actual\"]\n\
         subjects = [\"Interior Enforcement\"]\nagencies = [\"DHS\"]\n+++\nThe order.\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let file = "content/policies/2-directive.md";
    let found: Vec<(String, String, u64)> = run
        .places()
        .into_iter()
        .filter(|(_, f, _)| f == file)
        .collect();
    let expected = [("E-missing-key", file, 1), ("E-toml-syntax", file, 9)]
        .map(|(c, f, l)| (c.to_string(), f.to_string(), l));
    assert_eq!(found, expected, "{}", run.stdout);
    assert!(
        run.stdout.contains("missing required key `action`"),
        "{}",
        run.stdout
    );
    let human = site.run(&["check"]);
    assert!(
        human
            .stderr
            .contains("3 │ title = \"\"\"Directive 11005.4\n  │         --- the text starts here"),
        "{}",
        human.stderr
    );
}

#[test]
fn a_cycle_through_a_file_with_errors_is_reported_in_the_same_run() {
    // A policy whose file has an error is left out of the graph; the
    // cycles through it are reported all the same, word for word as when
    // it has none, beside its own error.
    let cycles = |run: &Run| -> Vec<String> {
        run.stderr
            .split("\n\n")
            .filter(|block| block.starts_with("error[E-cycle]"))
            .map(str::to_string)
            .collect()
    };
    for (fixture, broken) in [
        ("invalid/cycle", &["content/policies/2-directive.md"][..]),
        (
            "invalid/lineage-cycle",
            &["content/policies/3-third.md", "content/policies/5-fifth.md"][..],
        ),
    ] {
        let site = Site::fixture(fixture);
        let whole = cycles(&site.run(&["check"]));
        assert!(!whole.is_empty(), "{fixture}: no cycle to compare");
        for file in broken {
            let text = site.read(file);
            site.write(file, &text.replace("\"Final/Actual\"", "\"Final/Actua\""));
        }
        let run = site.run(&["check"]);
        assert_eq!(run.code, 1, "{run:#?}");
        assert_eq!(cycles(&run), whole, "{fixture}:\n{}", run.stderr);
        let vocabulary = run.stderr.matches("error[E-vocabulary]").count();
        assert_eq!(vocabulary, broken.len(), "{}", run.stderr);
    }
}

#[test]
fn an_id_used_twice_is_reported_whatever_else_is_wrong_with_the_file() {
    // A copy of an entry keeps its id: reported in the same run as the
    // copy's other errors, and when the copy is a draft left out.
    let site = Site::fixture("invalid/duplicate-id");
    site.remove("content/policies/1-rule.md");
    let original = site.read("content/policies/1-eo.md");
    site.write(
        "content/policies/2-copy.md",
        &original.replace("\"Final/Actual\"", "\"Final/Actua\""),
    );
    site.write(
        "content/policies/3-draft.md",
        &original.replace("id = 1\n", "id = 1\ndraft = true\n"),
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let expected = [
        ("E-duplicate-id", "content/policies/2-copy.md", 2),
        ("E-vocabulary", "content/policies/2-copy.md", 6),
        ("E-duplicate-id", "content/policies/3-draft.md", 2),
    ]
    .map(|(c, f, l)| (c.to_string(), f.to_string(), l));
    let policies: Vec<_> = run
        .places()
        .into_iter()
        .filter(|(_, f, _)| f.starts_with("content/policies/"))
        .collect();
    assert_eq!(policies, expected, "{}", run.stdout);
    assert!(
        run.stdout.contains("policy id 1 is used twice"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_long_line_is_shown_around_the_problem_with_the_file_s_column() {
    // A paragraph on one line of 2,000 characters, a broken link in its
    // middle: the report shows a window of the line, not all of it.
    let site = Site::fixture("invalid/toml-syntax");
    site.write(
        "content/policies/2-directive.md",
        "+++\nid = 2\ntitle = \"Directive 11005.4\"\nadministration = \"Trump 2.0\"\n\
         announced = 2025-01-20\nstatus = [\"Final/Actual\"]\naction = \"Presidential Order\"\n\
         subjects = [\"Interior Enforcement\"]\nagencies = [\"DHS\"]\n+++\n",
    );
    let paragraph = format!(
        "{}See [the order](policy:77).{}\n",
        "The directive says. ".repeat(50),
        " And more.".repeat(100)
    );
    let text = site.read("content/policies/2-directive.md") + &paragraph;
    site.write("content/policies/2-directive.md", &text);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("┌─ content/policies/2-directive.md:11:1005"),
        "{}",
        run.stderr
    );
    let shown = run
        .stderr
        .lines()
        .find(|l| l.contains("See [the order](policy:77)"))
        .expect("the line of the link");
    assert!(shown.contains('…'), "{shown}");
    assert!(shown.chars().count() < 200, "{shown}");
}
