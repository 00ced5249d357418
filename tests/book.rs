//! The book keeps up with the code: every diagnostic code is explained in
//! docs/diagnostics.md, under a heading of its own.

use crate::common;

use docket::diag::Code;

#[test]
fn every_diagnostic_code_is_explained_in_the_book() {
    let path = common::repo().join("docs/diagnostics.md");
    let book = std::fs::read_to_string(&path).expect("docs/diagnostics.md");
    let headings: Vec<&str> = book.lines().filter(|l| l.starts_with('#')).collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|code| {
            !headings
                .iter()
                .any(|h| h.trim_start_matches('#').trim() == format!("`{code}`"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "docs/diagnostics.md has no `### `CODE`` heading for: {missing:?}"
    );
}

#[test]
fn the_book_lists_no_code_that_does_not_exist() {
    let path = common::repo().join("docs/diagnostics.md");
    let book = std::fs::read_to_string(&path).expect("docs/diagnostics.md");
    for line in book.lines().filter(|l| l.starts_with("### `")) {
        let code = line.trim_start_matches('#').trim().trim_matches('`');
        assert!(
            Code::ALL.iter().any(|c| c.as_str() == code),
            "docs/diagnostics.md explains {code}, which docket does not have"
        );
    }
}

/// The reliability chapter names the tests that hold docket to each
/// promise: each file and each test it names must exist.
#[test]
fn the_reliability_chapter_names_tests_that_exist() {
    let repo = common::repo();
    let chapter = std::fs::read_to_string(repo.join("docs/reliability.md")).expect("chapter");
    let mut sources = String::new();
    // Integration tests, and the unit tests beside the code.
    let mut stack = vec![repo.join("tests"), repo.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("tests folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() && !path.ends_with("node_modules") {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs" || e == "mjs") {
                sources.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    // Test names are the quoted words of three or more parts
    // (`a_failed_build_leaves_…`), settings have fewer (`base_url`).
    let quoted = chapter.split('`').skip(1).step_by(2);
    let mut named = 0;
    for q in quoted {
        let file = q.split_whitespace().next().unwrap_or("");
        if file.starts_with("tests/") {
            assert!(
                repo.join(file).exists(),
                "docs/reliability.md names {file}, which does not exist"
            );
            named += 1;
        } else if q.matches('_').count() >= 2
            && q.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        {
            assert!(
                sources.contains(&format!("fn {q}(")),
                "docs/reliability.md names the test {q}, which does not exist"
            );
            named += 1;
        }
    }
    assert!(named > 20, "only {named} tests named");
}
