//! Untrusted input, run through the binary: nothing outside the site is read
//! through a symbolic link, no file of `content/` is passed over without a
//! word, a site without `content/` is not built over the last one, and
//! `docket.toml` and `--base-url` are checked before anything is published.
#![cfg(unix)]

use crate::common;

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use common::{copy_tree, repo, Run, Site};

/// What no output may hold: it is only ever written outside the site.
const SECRET: &str = "TOP-SECRET-6f1c";

const CONFIG: &str = r#"title = "Fixture"

[vocabulary]
administrations = ["Trump 2.0"]
statuses = ["Final/Actual"]
actions = ["Presidential Order"]
subjects = ["Interior Enforcement"]
agencies = ["DHS"]
filings = ["Complaint"]
"#;

const POLICY: &str = r#"+++
id = 1
title = "Executive Order 14159"
administration = "Trump 2.0"
announced = 2025-01-20
status = ["Final/Actual"]
action = "Presidential Order"
subjects = ["Interior Enforcement"]
agencies = ["DHS"]
+++
The order.
"#;

const COMMENTARY: &str = r#"+++
id = 1
title = "Practice alert"
date = 2025-03-03
source = "Example Association"
url = "https://example.org/alert"
about = [1]
+++
An alert.
"#;

/// A small site that builds without a problem, with the default theme.
fn site() -> Site {
    let site = Site::empty();
    site.write("docket.toml", CONFIG)
        .write("content/policies/1-eo.md", POLICY)
        .write("content/commentary/1-alert.md", COMMENTARY);
    copy_tree(&repo().join("themes"), &site.join("themes"));
    site
}

/// A folder outside the site holding the secret in every form a link could
/// reach: a text, an entry, a document, a theme with it in a template and
/// in a static file.
struct Outside {
    dir: tempfile::TempDir,
}

impl Outside {
    fn new() -> Outside {
        let dir = tempfile::tempdir().expect("temp dir");
        let o = Outside { dir };
        o.write("secret.txt", SECRET);
        o.write("docket.toml", &format!("title = \"{SECRET}\"\n"));
        o.write(
            "policies/2-secret.md",
            &POLICY
                .replace("id = 1", "id = 2")
                .replace("The order.", SECRET),
        );
        o.write("documents/secret.pdf", SECRET);
        copy_tree(&repo().join("themes"), &o.path("themes"));
        o.write("themes/default/static/secret.css", SECRET);
        let base = o.path("themes/default/templates/base.html");
        let text = std::fs::read_to_string(&base).expect("base.html");
        o.write(
            "themes/default/templates/base.html",
            &text.replacen("<body", &format!("<!-- {SECRET} --><body"), 1),
        );
        o
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("folder");
        std::fs::write(p, text).expect("write");
    }
}

/// Replaces `rel` in the site (file or folder) by a link to `target`.
fn link(site: &Site, rel: &str, target: &Path) {
    let at = site.join(rel);
    if at.is_dir() {
        std::fs::remove_dir_all(&at).expect("remove folder");
    } else if at.exists() {
        std::fs::remove_file(&at).expect("remove file");
    }
    std::fs::create_dir_all(at.parent().expect("parent")).expect("folder");
    symlink(target, &at).expect("symlink");
}

/// Every file of the site's output, if there is one.
fn output(site: &Site) -> BTreeMap<String, Vec<u8>> {
    if site.join("public").exists() {
        site.tree("public")
    } else {
        BTreeMap::new()
    }
}

#[track_caller]
fn assert_no_secret(site: &Site, run: &Run) {
    for (path, bytes) in output(site) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "the secret was published in public/{path}"
        );
    }
    assert!(
        !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
        "{run:#?}"
    );
}

/// Builds `site` with `rel` linked to `target` outside it: the build fails
/// with an error naming the link, and nothing of the target is published.
#[track_caller]
fn refused(rel: &str, target: &str) {
    let outside = Outside::new();
    let site = site();
    site.run(&["build"]).ok();
    let before = output(&site);
    link(&site, rel, &outside.path(target));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains(&format!("error[E-symlink]: {rel} is a symbolic link")),
        "the error names {rel}: {}",
        run.stderr
    );
    assert_no_secret(&site, &run);
    assert!(output(&site) == before, "the previous site changed");
    let check = site.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 1, "{check:#?}");
    assert!(check.stdout.contains("\"E-symlink\""), "{check:#?}");
}

#[test]
fn a_kind_folder_that_is_a_link_is_refused() {
    refused("content/policies", "policies");
}

#[test]
fn an_entry_that_is_a_link_is_refused() {
    refused("content/policies/2-secret.md", "policies/2-secret.md");
}

#[test]
fn the_documents_folder_that_is_a_link_is_refused() {
    refused("content/documents", "documents");
}

#[test]
fn a_document_that_is_a_link_is_refused() {
    refused("content/documents/secret.pdf", "secret.txt");
}

#[test]
fn the_content_folder_that_is_a_link_is_refused() {
    refused("content", "");
}

#[test]
fn the_themes_folder_that_is_a_link_is_refused() {
    refused("themes", "themes");
}

#[test]
fn a_theme_that_is_a_link_is_refused() {
    refused("themes/default", "themes/default");
}

#[test]
fn a_theme_static_folder_that_is_a_link_is_refused() {
    refused("themes/default/static", "themes/default/static");
}

#[test]
fn a_theme_templates_folder_that_is_a_link_is_refused() {
    refused("themes/default/templates", "themes/default/templates");
}

#[test]
fn a_template_that_is_a_link_is_refused() {
    refused(
        "themes/default/templates/base.html",
        "themes/default/templates/base.html",
    );
}

#[test]
fn a_static_file_that_is_a_link_is_refused() {
    refused("themes/default/static/docket.css", "secret.txt");
}

#[test]
fn the_sites_own_static_folder_that_is_a_link_is_refused() {
    refused("static", "themes/default/static");
}

#[test]
fn the_sites_own_templates_folder_that_is_a_link_is_refused() {
    refused("templates", "themes/default/templates");
}

#[test]
fn the_theme_file_that_is_a_link_is_refused() {
    refused("themes/default/theme.toml", "docket.toml");
}

#[test]
fn docket_toml_that_is_a_link_is_refused() {
    refused("docket.toml", "docket.toml");
}

#[test]
fn a_hidden_link_in_content_is_never_read_and_is_no_error() {
    // Emacs keeps `.#name.md` beside a file being edited, as a dangling link.
    let site = site();
    symlink(
        "user@host.1234:1700000000",
        site.join("content/policies/.#1-eo.md"),
    )
    .unwrap();
    let run = site.run(&["check"]).ok();
    assert!(!run.stderr.contains(".#1-eo.md"), "{}", run.stderr);
}

#[test]
fn a_site_without_content_is_an_error_and_the_last_site_stays() {
    let site = site();
    site.run(&["build"]).ok();
    let before = output(&site);
    assert!(before.contains_key("policies/1/index.html"));
    std::fs::remove_dir_all(site.join("content")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("error[E-no-content]: the site's content/ folder does not exist"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: "), "{}", run.stderr);
    assert!(output(&site) == before, "the previous site changed");
}

#[test]
fn a_misspelt_kind_folder_is_an_error_with_the_nearest_folder() {
    let site = site();
    site.write("content/court-action/1-complaint.md", "+++\nid = 1\n+++\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains(
            "error[E-unknown-folder]: content/court-action/ is not a folder docket reads: did you mean court-actions?"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.join("public").exists());
}

#[test]
fn files_docket_does_not_read_are_warned_of_and_the_site_still_builds() {
    let site = site();
    site.write(
        "content/policies/2-rule.MD",
        &POLICY.replace("id = 1", "id = 2"),
    )
    .write(
        "content/policies/.3-hidden.md",
        &POLICY.replace("id = 1", "id = 3"),
    )
    .write("content/4-loose.md", &POLICY.replace("id = 1", "id = 4"))
    .write("content/policies/scan.pdf", "%PDF");
    let run = site.run(&["build"]).ok();
    for (file, why) in [
        (
            "content/policies/2-rule.MD",
            "entry files end in `.md`, in lower case",
        ),
        ("content/policies/.3-hidden.md", "its name starts with `.`"),
        ("content/4-loose.md", "it is directly in content/"),
        (
            "content/policies/scan.pdf",
            "content/policies/ holds entries, which are `.md` files",
        ),
    ] {
        let line = format!("warning[W-skipped-file]: {file} is not read: {why}");
        assert!(run.stderr.contains(&line), "no {line:?} in\n{}", run.stderr);
    }
    assert!(site.join("public/policies/1/index.html").exists());
    assert!(!site.join("public/policies/2").exists());
}

/// Writes `docket.toml` with `line` added after the title.
fn configured(line: &str) -> Site {
    let site = site();
    site.write(
        "docket.toml",
        &CONFIG.replacen('\n', &format!("\n{line}\n"), 1),
    );
    site
}

#[test]
fn a_theme_that_is_a_path_is_refused_at_its_place() {
    for theme in ["/etc", "../../x", "..", "a/b"] {
        let site = configured(&format!("theme = \"{theme}\""));
        let run = site.run(&["build"]);
        assert_eq!(run.code, 1, "{theme}: {run:#?}");
        assert!(
            run.stderr
                .contains(&format!("error[E-config]: theme \"{theme}\" "))
                && run.stderr.contains("┌─ docket.toml:2:9"),
            "{theme}: {}",
            run.stderr
        );
        assert!(!site.join("public").exists());
    }
}

#[test]
fn a_theme_not_found_is_located_with_the_nearest_theme() {
    let site = configured("theme = \"defualt\"");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("┌─ docket.toml:2:9"), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean theme = \"default\"?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_language_must_be_a_language_tag() {
    let site = configured(r#"language = "en\"><script>alert(1)</script>""#);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("is not a language tag"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("┌─ docket.toml:2:12"), "{}", run.stderr);
    assert!(!site.join("public").exists());

    let site = configured(r#"language = "es_MX""#);
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("did you mean language = \"es-MX\"?"),
        "{}",
        run.stderr
    );

    let site = configured(r#"language = "es-MX""#);
    site.run(&["build"]).ok();
    assert!(site
        .read("public/index.html")
        .contains("<html lang=\"es-MX\">"));
}

#[test]
fn a_bad_base_url_on_the_command_line_is_bad_usage() {
    let site = site();
    for url in [
        "javascript:alert(1)",
        "data:text/html,x",
        "example.org",
        "https://example.org/?q",
    ] {
        let run = site.run(&["build", "--base-url", url]);
        assert_eq!(run.code, 2, "{url}: {run:#?}");
        assert!(run.stderr.contains("--base-url"), "{url}: {}", run.stderr);
        assert!(
            !site.join("public").exists(),
            "{url}: something was written"
        );
    }
    // The same value in docket.toml is an error of the site, at its place.
    let site = configured(r#"base_url = "javascript:alert(1)""#);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("┌─ docket.toml:2:12"), "{}", run.stderr);
    assert!(!site.join("public").exists());
}

#[test]
fn a_good_base_url_on_the_command_line_replaces_docket_toml() {
    let site = configured(r#"base_url = "https://old.example.org/""#);
    site.run(&["build", "--base-url", "https://example.org/tracker"])
        .ok();
    let page = site.read("public/policies/1/index.html");
    assert!(
        page.contains("https://example.org/tracker/policies/1/"),
        "no canonical link under the new address"
    );
    assert!(!page.contains("old.example.org"));
}

#[test]
fn control_characters_never_reach_the_pages() {
    let site = Site::fixture("invalid/control-character");
    let run = site.run(&["build"]).ok();
    assert!(run.stderr.contains("W-control-character"), "{}", run.stderr);
    for (path, bytes) in output(&site) {
        let stray = bytes
            .iter()
            .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'));
        assert_eq!(stray, None, "a control character in public/{path}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("\\u000") && !text.contains("\\u001"),
            "an escaped control character in public/{path}"
        );
    }
    let page = site.read("public/policies/1/index.html");
    assert!(
        page.contains("It was signed\u{fffd} on a Monday\u{fffd}[0m"),
        "{page}"
    );
    assert!(
        page.contains("Executive Order\u{fffd} 14159\u{fffd}"),
        "{page}"
    );
}

#[test]
fn the_preview_refuses_an_entry_replaced_by_a_link() {
    let outside = Outside::new();
    let site = site();
    let root = std::fs::canonicalize(site.path()).unwrap();
    let (mut engine, report) =
        docket::serve::engine::Engine::new(&root, docket::LoadOptions::default());
    assert_eq!(report.errors, 0);
    link(
        &site,
        "content/policies/1-eo.md",
        &outside.path("policies/2-secret.md"),
    );
    let changed = [root.join("content/policies/1-eo.md")].into();
    let report = engine.update(&changed);
    assert!(report.errors > 0, "the link was read");
    for (path, bytes) in engine.snapshot() {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "the preview serves the secret at {path}"
        );
    }
}

#[test]
fn control_characters_of_docket_toml_never_reach_the_pages() {
    let site = site();
    site.write(
        "docket.toml",
        &CONFIG.replace("title = \"Fixture\"", "title = \"Fix\u{1b}[31mture\""),
    );
    let run = site.run(&["build"]).ok();
    assert!(
        run.stderr.contains("W-control-character") && run.stderr.contains("docket.toml:1:13"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains('\u{1b}'),
        "the excerpt carries it to the terminal"
    );
    let page = site.read("public/index.html");
    assert!(!page.contains('\u{1b}') && page.contains("Fix\u{fffd}[31mture"));
}

#[test]
fn aliases_that_are_one_file_on_macos_and_windows_collide() {
    let site = common::Site::example();
    let alias = |entry: &str, aliases: &str| {
        let text = site.read(entry);
        site.write(
            entry,
            &text.replacen("+++\n", &format!("+++\naliases = [{aliases}]\n"), 1),
        );
    };
    alias(
        "content/policies/1491-victim-benefits-enforcement.md",
        "\"INDEX.html\", \"Policies/1491/\", \"old/Caf\u{e9}/\", \"old/cafe\u{301}/\"",
    );
    alias(
        "content/policies/1455-alien-registration-rule.md",
        "\"OLD/café/\"",
    );
    alias(
        "content/policies/312-ice-directive-10076-1.md",
        "\"CON/\", \"a:b/\"",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    for said in [
        "alias INDEX.html would replace the file index.html of the site (names that differ only in case",
        "alias Policies/1491/index.html would replace the file policies/1491/index.html",
        "alias old/Café/index.html is claimed by two entries: policies/1455/index.html and policies/1491/index.html (as OLD/café/index.html: names that differ only in case",
        "alias \"CON/\" has a part Windows keeps for a device",
        "alias \"a:b/\" has a character that cannot be part of a file path",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    // Each of 1491's spellings is claimed by 1455 too; the two of them,
    // claimed by the same entry, are one redirect and no error.
    assert_eq!(
        run.stderr.matches("claimed by two entries").count(),
        2,
        "{}",
        run.stderr
    );
}
