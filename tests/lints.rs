//! Lint levels: each warning allowed, shown or denied by `[lints]` of
//! docket.toml and by `-A`, `-W`, `-D` and `--deny-warnings`, the command
//! line over docket.toml, the same in `check`, `build` and the preview.

use crate::common;

use common::{Run, Site};
use docket::diag::Severity;

const CONFIG: &str = r#"title = "Lints"

[vocabulary]
administrations = ["Biden", "Trump 2.0"]
statuses = ["Final/Actual"]
actions = ["Rule"]
subjects = ["Border"]
agencies = ["DHS"]
"#;

fn policy(id: u32, announced: &str, relations: &str, body: &str) -> String {
    format!(
        "+++\nid = {id}\ntitle = \"Policy {id}\"\nadministration = \"Biden\"\nannounced = {announced}\nstatus = [\"Final/Actual\"]\naction = \"Rule\"\nsubjects = [\"Border\"]\nagencies = [\"DHS\"]\n{relations}+++\n{body}\n"
    )
}

/// Policy 1 relates to nothing (`W-unlinked`); policy 2 supersedes policy
/// 3, announced after it (`W-supersedes-later`).
fn site(lints: &str) -> Site {
    let site = Site::with_themes();
    site.write("docket.toml", &format!("{CONFIG}{lints}"))
        .write(
            "content/policies/1-alone.md",
            &policy(1, "2025-01-20", "", "Alone."),
        )
        .write(
            "content/policies/2-earlier.md",
            &policy(2, "2020-06-01", "supersedes = [3]\n", "Earlier."),
        )
        .write(
            "content/policies/3-later.md",
            &policy(3, "2025-02-01", "", "Later."),
        );
    site
}

fn shows(run: &Run, what: &str) -> bool {
    run.stderr.contains(what)
}

#[test]
fn by_default_unlinked_policies_are_allowed_and_not_counted() {
    let site = site("");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(!shows(&run, "W-unlinked"), "{run:#?}");
    assert!(shows(&run, "warning[W-supersedes-later]"), "{run:#?}");
    assert!(shows(&run, "0 errors, 1 warning ("), "{run:#?}");
}

#[test]
fn warn_shows_a_warning_and_passes() {
    let site = site("\n[lints]\nW-unlinked = \"warn\"\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        shows(&run, "warning[W-unlinked]: policy 1 is not related"),
        "{run:#?}"
    );
    assert!(!shows(&run, "policy 2 is not related"), "{run:#?}");
    assert!(!shows(&run, "policy 3 is not related"), "{run:#?}");
    assert!(shows(&run, "0 errors, 2 warnings ("), "{run:#?}");
}

#[test]
fn deny_makes_an_error_that_says_which_setting_made_it_one() {
    let site = site("\n[lints]\nW-unlinked = \"deny\"\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        shows(&run, "error[W-unlinked]: policy 1 is not related"),
        "{run:#?}"
    );
    // The setting is shown at its line of docket.toml.
    assert!(shows(&run, "┌─ docket.toml:11:1"), "{run:#?}");
    assert!(
        shows(
            &run,
            "`W-unlinked = \"deny\"` in [lints] makes this warning an error"
        ),
        "{run:#?}"
    );
    assert!(shows(&run, "check failed"), "{run:#?}");
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1, "{build:#?}");
    assert!(!site.join("public").exists());
    // Machines see an error too.
    let json = site.run(&["check", "--format", "json"]);
    assert!(
        json.stdout
            .contains("\"severity\":\"error\",\"code\":\"W-unlinked\""),
        "{json:#?}"
    );
}

#[test]
fn allow_hides_a_warning_and_counts_it() {
    let site = site("\n[lints]\nW-supersedes-later = \"allow\"\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(!shows(&run, "W-supersedes-later"), "{run:#?}");
    assert!(
        shows(
            &run,
            "0 errors, 0 warnings, 1 warning allowed by lint levels and not shown"
        ),
        "{run:#?}"
    );
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{build:#?}");
    assert!(
        shows(&build, "1 warning allowed by lint levels"),
        "{build:#?}"
    );
}

#[test]
fn the_command_line_wins_over_docket_toml() {
    let site = site("\n[lints]\nW-unlinked = \"deny\"\nW-supersedes-later = \"allow\"\n");
    let allowed = site.run(&["check", "-A", "W-unlinked"]);
    assert_eq!(allowed.code, 0, "{allowed:#?}");
    assert!(!shows(&allowed, "W-unlinked"), "{allowed:#?}");
    let warned = site.run(&["check", "--warn", "W-unlinked", "-W", "W-supersedes-later"]);
    assert_eq!(warned.code, 0, "{warned:#?}");
    assert!(shows(&warned, "warning[W-unlinked]"), "{warned:#?}");
    assert!(shows(&warned, "warning[W-supersedes-later]"), "{warned:#?}");
    let denied = site.run(&["check", "-A", "W-unlinked", "-D", "W-supersedes-later"]);
    assert_eq!(denied.code, 1, "{denied:#?}");
    assert!(shows(&denied, "error[W-supersedes-later]"), "{denied:#?}");
    assert!(
        shows(
            &denied,
            "note: `-D W-supersedes-later` on the command line makes this warning an error"
        ),
        "{denied:#?}"
    );
    let build = site.run(&["build", "--deny", "W-supersedes-later", "-A", "W-unlinked"]);
    assert_eq!(build.code, 1, "{build:#?}");
    assert!(!site.join("public").exists());
}

#[test]
fn deny_warnings_denies_what_is_shown_and_leaves_allowed_lints_allowed() {
    let site = site("");
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(shows(&run, "error[W-supersedes-later]"), "{run:#?}");
    assert!(
        shows(&run, "note: `--deny-warnings` makes every warning an error"),
        "{run:#?}"
    );
    assert!(!shows(&run, "W-unlinked"), "{run:#?}");
    let allowed = site.run(&["check", "--deny-warnings", "-A", "W-supersedes-later"]);
    assert_eq!(allowed.code, 0, "{allowed:#?}");
    let build = site.run(&["build", "--deny-warnings"]);
    assert_eq!(build.code, 1, "{build:#?}");
}

#[test]
fn bad_lints_on_the_command_line_are_bad_usage() {
    let site = site("");
    let short = site.run(&["check", "-A", "unlinked"]);
    assert_eq!(short.code, 2, "{short:#?}");
    assert!(shows(&short, "did you mean W-unlinked?"), "{short:#?}");
    let error = site.run(&["build", "-A", "E-broken-link"]);
    assert_eq!(error.code, 2, "{error:#?}");
    assert!(
        shows(&error, "errors cannot be allowed or denied"),
        "{error:#?}"
    );
    let twice = site.run(&["check", "-A", "W-unlinked", "-D", "W-unlinked"]);
    assert_eq!(twice.code, 2, "{twice:#?}");
    assert!(
        shows(
            &twice,
            "W-unlinked is given two levels, -A W-unlinked and -D W-unlinked"
        ),
        "{twice:#?}"
    );
}

#[test]
fn links_in_bodies_relate_policies() {
    let site = site("\n[lints]\nW-unlinked = \"deny\"\n");
    // Policy 1 links to policy 3 by id: both are related, in prose.
    site.write(
        "content/policies/1-alone.md",
        &policy(1, "2025-01-20", "", "It follows [the later one](policy:3)."),
    );
    site.run(&["check"]).ok();
    // A relative link to another entry's file counts the same.
    site.write(
        "content/policies/1-alone.md",
        &policy(1, "2025-01-20", "", "See [the later one](3-later.md)."),
    );
    site.run(&["check"]).ok();
    // A link to itself relates it to nothing.
    site.write(
        "content/policies/1-alone.md",
        &policy(1, "2025-01-20", "", "See [above](policy:1)."),
    );
    assert_eq!(site.run(&["check"]).code, 1);
}

#[test]
fn the_preview_applies_the_same_levels() {
    let site = site("\n[lints]\nW-unlinked = \"deny\"\n");
    let options = docket::pipeline::LoadOptions::default();
    let (engine, report) = docket::serve::engine::Engine::new(site.path(), options);
    assert_eq!(report.errors, 1, "{:?}", engine.diags);
    let denied = engine.diags.sorted(engine.diag_sources());
    assert!(denied
        .iter()
        .any(|d| d.code.as_str() == "W-unlinked" && d.severity == Severity::Error));
    // -A on `docket serve` allows it again.
    let cli =
        docket::diag::lints::CommandLine::new(&[docket::diag::Code::Unlinked], &[], &[], false)
            .expect("one level");
    let options = docket::pipeline::LoadOptions {
        lints: cli,
        ..docket::pipeline::LoadOptions::default()
    };
    let (engine, report) = docket::serve::engine::Engine::new(site.path(), options);
    assert_eq!(report.errors, 0, "{:?}", engine.diags);
    assert_eq!(report.warnings, 1, "W-supersedes-later: {:?}", engine.diags);
}

#[test]
fn the_preview_judges_an_edit_by_the_same_levels() {
    let site = site("\n[lints]\nW-unlinked = \"deny\"\n");
    let alone = "content/policies/1-alone.md";
    // Linked by its body at first, so the first build has no error and
    // the edit below is rebuilt in place.
    site.write(
        alone,
        &policy(1, "2025-01-20", "", "See [the later one](policy:3)."),
    );
    let options = docket::pipeline::LoadOptions::default();
    let (mut engine, report) = docket::serve::engine::Engine::new(site.path(), options);
    assert_eq!(report.errors, 0, "{:?}", engine.diags);
    site.write(alone, &policy(1, "2025-01-20", "", "Alone again."));
    let report = engine.update(&[site.path().join(alone)].into());
    assert!(!report.full, "an edit of one entry is rebuilt in place");
    assert_eq!(report.errors, 1, "{:?}", engine.diags);
    let denied = engine.diags.sorted(engine.diag_sources());
    assert!(denied
        .iter()
        .any(|d| d.code.as_str() == "W-unlinked" && d.severity == Severity::Error));
}

/// A lineage through a policy whose file has another error (here a status
/// out of the vocabulary) is checked for its order in the same run, in
/// either direction, and for a declared relation that makes lineages as
/// for `supersedes`: the warning is where it is without the error.
#[test]
fn the_order_of_a_lineage_is_checked_through_a_policy_with_errors() {
    let continues = "\n[relations.continues]\ninverse = \"Continued by\"\nlineage = true\n";
    let warnings = |site: &Site| site.places_of("W-supersedes-later");
    let misspelt = |site: &Site, file: &str| {
        let text = site.read(file);
        site.write(file, &text.replace("\"Final/Actual\"", "\"Final/Actul\""));
        let run = site.run(&["check", "--format", "json"]);
        assert!(
            run.places()
                .iter()
                .any(|(code, f, _)| code == "E-vocabulary" && f == file),
            "{run:#?}"
        );
    };
    for lints in ["", continues] {
        // With `continues` declared, policy 4, announced before policy 3,
        // continues it.
        let make = || {
            let site = site(lints);
            if !lints.is_empty() {
                site.write(
                    "content/policies/4-continues.md",
                    &policy(4, "2019-01-01", "continues = [3]\n", "Continues."),
                );
            }
            site
        };
        let expected = warnings(&make());
        assert_eq!(
            expected.len(),
            1 + usize::from(!lints.is_empty()),
            "{expected:?}"
        );
        // The error in a file that names the later policy, then in the
        // later policy's own file.
        let mut files = vec![
            "content/policies/2-earlier.md",
            "content/policies/3-later.md",
        ];
        if !lints.is_empty() {
            files.push("content/policies/4-continues.md");
        }
        for file in files {
            let broken = make();
            misspelt(&broken, file);
            assert_eq!(warnings(&broken), expected, "with an error in {file}");
        }
    }
}
