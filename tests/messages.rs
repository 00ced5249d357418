//! What docket prints, through the real binary: text from the site never
//! reaches the terminal as escape sequences, an OS error is said once, and
//! the exit code is the book's (2 for an I/O failure, 1 for content errors).

use crate::common;

use common::Site;

const ESC: char = '\u{1b}';

#[test]
fn escape_sequences_in_names_and_values_are_shown_not_sent() {
    let site = Site::fixture("links/site");
    // A file name that would turn the terminal red and retitle its window,
    // and a source line that would clear the screen.
    let name = format!("content/policies/5-{ESC}[31mred{ESC}]0;pwned\u{7}.md");
    site.write(
        &name,
        &format!("+++\nid = 5\ntitle = \"clear{ESC}[2J\"\n+++\n"),
    );
    for format in ["human", "github"] {
        let run = site.run(&["check", "--format", format]);
        assert_eq!(run.code, 1, "{run:#?}");
        let out = format!("{}{}", run.stdout, run.stderr);
        assert!(!out.contains(ESC), "{format}: raw escape in {out:?}");
        assert!(!out.contains('\u{7}'), "{format}: raw bell in {out:?}");
        assert!(
            out.contains("5-\\u{1b}[31mred\\u{1b}]0;pwned\\u{7}.md"),
            "{format}: {out}"
        );
    }
    // The file's control characters are replaced as it is read, so its
    // source line shows the replacement character.
    let human = site.run(&["check"]);
    assert!(
        human.stderr.contains("clear\u{fffd}[2J"),
        "the source line: {}",
        human.stderr
    );
    // JSON escapes control characters itself.
    let json = site.run(&["check", "--format", "json"]);
    assert!(!json.stdout.contains(ESC), "{}", json.stdout);
    assert!(json.stdout.contains("\\u001b[31mred"), "{}", json.stdout);
}

#[test]
fn an_os_error_is_said_once() {
    let site = Site::fixture("links/site");
    site.write("occupied", "a file, where the output's folder should be");
    let run = site.run(&["build", "--output", "occupied/public"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(run.stderr.matches("(os error").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("occupied"), "{}", run.stderr);
}

#[test]
fn files_that_cannot_be_read_exit_with_2() {
    // docket.toml missing, or not a file: the site cannot be read at all.
    let site = Site::empty();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 2, "{run:#?}");
    site.write("docket.toml/x", "");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("error[E-io]"), "{}", run.stderr);

    // An entry that cannot be read, where permissions bind (not for root),
    // next to one with an error of its content: 2, and both reported.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let site = Site::fixture("links/site");
        site.write("content/policies/6-broken.md", "+++\nid = 6\n+++\n");
        let locked = site.join("content/policies/1400-eo-14159.md");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        if std::fs::read(&locked).is_ok() {
            eprintln!("permissions do not bind here (root): the unreadable entry is not tried");
            return;
        }
        for cmd in ["check", "build"] {
            let run = site.run(&[cmd]);
            assert_eq!(run.code, 2, "{cmd}: {run:#?}");
            assert!(run.stderr.contains("error[E-io]"), "{}", run.stderr);
            assert!(run.stderr.contains("6-broken.md"), "{}", run.stderr);
        }
    }
}
