//! The book keeps up with the code: every diagnostic code is explained in
//! docs/diagnostics.md, under a heading of its own.

mod common;

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
