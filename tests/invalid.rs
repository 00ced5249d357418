//! A site with one of every kind of problem: each is reported, with its
//! file and line, in one run.

use crate::common;

use common::Site;

#[test]
fn every_problem_is_reported_in_one_run_with_file_and_line() {
    let site = Site::fixture("invalid/many-problems");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = run.places();
    let expected = [
        ("E-invalid-url", "content/commentary/1-self.md", 7),
        ("E-empty-list", "content/court-actions/1.md", 9),
        ("E-invalid-url", "content/court-actions/1.md", 10),
        ("E-vocabulary", "content/policies/1-a.md", 4),
        ("E-invalid-date", "content/policies/1-a.md", 5),
        ("E-vocabulary", "content/policies/1-a.md", 6),
        ("E-unknown-key", "content/policies/1-a.md", 8),
        ("E-cycle", "content/policies/11-cycle-b.md", 10),
        ("E-broken-link", "content/policies/11-cycle-b.md", 12),
        ("E-self-reference", "content/policies/12-self.md", 10),
        ("E-unknown-reference", "content/policies/12-self.md", 10),
        ("E-invalid-date", "content/policies/2-b.md", 5),
        ("E-document-outside", "content/policies/2-b.md", 13),
        ("E-missing-document", "content/policies/3-c.md", 13),
        ("E-duplicate-id", "content/policies/4-dup.md", 2),
        ("E-invalid-id", "content/policies/5-syntax.md", 2),
        ("E-toml-syntax", "content/policies/5-syntax.md", 3),
        ("E-empty-file", "content/policies/6-empty.md", 1),
        ("E-no-front-matter", "content/policies/7-yaml.md", 1),
        ("E-not-utf8", "content/policies/8-latin1.md", 3),
    ];
    for (code, file, line) in expected {
        assert!(
            found
                .iter()
                .any(|(c, f, l)| c == code && f == file && *l == line),
            "missing {code} at {file}:{line}; found:\n{found:#?}"
        );
    }
    // The human form names the same places, with the source line and a help.
    let human = site.run(&["check"]);
    assert_eq!(human.code, 1);
    assert!(
        human.stderr.contains("┌─ content/policies/1-a.md:8:1"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("did you mean `subjects`?"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("did you mean \"Final/Actual\"?"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("implements cycle: 10 → 11 → 10"),
        "{}",
        human.stderr
    );
    // And a build of it writes nothing.
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(!site.path().join("public").exists());
}
