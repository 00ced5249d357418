//! `docket new`: new entries get the next free id and fail `check` until
//! their empty values are filled in; `docket new site` writes a site that
//! builds.

use crate::common;

use common::{Run, Site};

/// The codes of a JSON report, with the line of each.
fn codes(run: &Run) -> Vec<(String, u64)> {
    run.stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            (
                v["code"].as_str().unwrap_or_default().to_string(),
                v["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn owned(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected.iter().map(|(c, l)| (c.to_string(), *l)).collect()
}

/// Runs `docket new <kind>`, checks the path it prints and returns the text.
fn new_entry(site: &Site, kind: &str, title: &str, expected_path: &str) -> String {
    let run = site.run(&["new", kind, "--title", title, "--date", "2025-02-03"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout, format!("{expected_path}\n"));
    site.read(expected_path)
}

fn fill(site: &Site, path: &str, replacements: &[(&str, &str)]) {
    let mut text = site.read(path);
    for (from, to) in replacements {
        assert!(text.contains(from), "{from} not in {text}");
        text = text.replacen(from, to, 1);
    }
    site.write(path, &text);
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({
        snapshot_path => "snapshots/new",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn a_new_policy_fails_check_until_filled_in() {
    let site = Site::fixture("new/site");
    let path = "content/policies/8-interim-guidance-on-victim-benefits.md";
    let text = new_entry(&site, "policy", "Interim Guidance on Victim Benefits", path);
    snapshot("policy", &text);

    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        codes(&run),
        owned(&[
            ("E-empty-value", 6),
            ("E-empty-list", 12),
            ("E-empty-value", 14),
            ("E-empty-list", 16),
            ("E-empty-list", 18),
        ])
    );
    let human = site.run(&["check"]);
    assert!(
        human
            .stderr
            .contains("= help: choose one of \"Obama\", \"Trump 1.0\", \"Biden\", \"Trump 2.0\""),
        "{}",
        human.stderr
    );

    fill(
        &site,
        path,
        &[
            ("administration = \"\"", "administration = \"Trump 2.0\""),
            ("status = []", "status = [\"Final/Actual\"]"),
            ("action = \"\"", "action = \"Agency Directive\""),
            ("subjects = []", "subjects = [\"Interior Enforcement\"]"),
            ("agencies = []", "agencies = [\"ICE\"]"),
            ("# implements = [1400]", "implements = [1]"),
        ],
    );
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{run:#?}");
}

#[test]
fn a_new_court_action_fails_check_until_filled_in() {
    let site = Site::fixture("new/site");
    let path = "content/court-actions/2-ruling-doe-v-noem.md";
    let text = new_entry(&site, "court-action", "Ruling - Doe v. Noem", path);
    snapshot("court-action", &text);

    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        codes(&run),
        owned(&[
            ("E-empty-value", 7),
            ("E-empty-value", 9),
            ("E-empty-value", 11),
            ("E-empty-value", 13),
            ("E-empty-list", 15),
        ])
    );

    fill(
        &site,
        path,
        &[
            ("case = \"\"", "case = \"Doe v. Noem\""),
            ("docket = \"\"", "docket = \"1:25-cv-00001\""),
            ("court = \"\"", "court = \"D.D.C.\""),
            ("filing = \"\"", "filing = \"Ruling\""),
            ("challenges = []", "challenges = [1]"),
        ],
    );
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{run:#?}");
}

#[test]
fn a_new_commentary_item_fails_check_until_filled_in() {
    let site = Site::fixture("new/site");
    let path = "content/commentary/1-aila-practice-alert.md";
    let text = new_entry(&site, "commentary", "AILA Practice Alert", path);
    snapshot("commentary", &text);

    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        codes(&run),
        owned(&[("E-empty-value", 7), ("E-empty-list", 11)])
    );

    fill(
        &site,
        path,
        &[
            ("source = \"\"", "source = \"AILA\""),
            ("# url = \"https://…\"", "url = \"https://www.aila.org/\""),
            ("about = []", "about = [1]"),
        ],
    );
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{run:#?}");
}

#[test]
fn the_next_id_counts_drafts_broken_files_and_file_names() {
    let site = Site::fixture("new/site");
    // A file whose front matter does not parse still holds its id.
    site.write(
        "content/policies/sub/x.md",
        "+++\nid = 40\ntitle = unquoted\n+++\n",
    );
    // A file with no front matter at all still has a number in its name.
    site.write("content/policies/52-notes.md", "");
    site.write("content/commentary/3-alert.md", "+++\nid = \"9\"\n");
    let run = site.run(&["new", "policy", "--title", "Next"]);
    assert_eq!(run.stdout, "content/policies/53-next.md\n", "{run:#?}");
    let run = site.run(&["new", "commentary", "--title", "Next"]);
    assert_eq!(run.stdout, "content/commentary/10-next.md\n", "{run:#?}");
    let run = site.run(&["new", "court-action", "--title", "Next"]);
    assert_eq!(run.stdout, "content/court-actions/2-next.md\n", "{run:#?}");
}

#[test]
fn the_date_is_today_unless_given() {
    let site = Site::fixture("new/site");
    let run = site.run(&["new", "commentary", "--title", "Today"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let text = site.read("content/commentary/1-today.md");
    let date_line = text
        .lines()
        .find(|l| l.starts_with("date = "))
        .expect("a date line");
    let date = &date_line["date = ".len()..];
    assert_eq!(date.len(), 10, "{date_line}");
    assert!(date.starts_with("20"), "{date_line}");

    let run = site.run(&["new", "policy", "--title", "X", "--date", "2025-02-30"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("is not a date"), "{}", run.stderr);
}

#[test]
fn titles_with_quotes_stay_valid_toml() {
    let site = Site::fixture("new/site");
    let title = r#"The "Blind Removal" Policy \ Part 2"#;
    let run = site.run(&["new", "policy", "--title", title]);
    assert_eq!(run.code, 0, "{run:#?}");
    let path = run.stdout.trim().to_string();
    assert_eq!(
        path,
        "content/policies/8-the-blind-removal-policy-part-2.md"
    );
    let run = site.run(&["check", "--format", "json"]);
    assert!(
        !run.stdout.contains("E-toml-syntax"),
        "the title broke the front matter: {}",
        run.stdout
    );
}

#[test]
fn never_overwrites_a_file() {
    let site = Site::fixture("new/site");
    site.write("outside.md", "precious\n");
    // A link is not read by docket, so its name does not count for the next
    // id; writing through it must still be refused.
    std::os::unix::fs::symlink(
        site.join("outside.md"),
        site.join("content/policies/8-precious.md"),
    )
    .expect("symlink");
    let run = site.run(&["new", "policy", "--title", "Precious"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .contains("already exists; docket never overwrites a file"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("outside.md"), "precious\n");
}

#[test]
fn needs_a_site_and_a_title() {
    let empty = Site::empty();
    let run = empty.run(&["new", "policy", "--title", "X"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);

    let site = Site::fixture("new/site");
    let run = site.run(&["new", "policy", "--title", "  "]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("give the new policy a title"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_new_site_builds_as_it_is() {
    let tmp = Site::empty();
    let run = tmp.run(&["new", "site", "tracker", "--title", "Tracker"]);
    assert_eq!(run.code, 0, "{run:#?}");
    // The default theme is built in: the new site holds no copy of it.
    assert!(!tmp.join("tracker/themes").exists());
    let run = tmp.run_at("tracker", &["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let run = tmp.run_at("tracker", &["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(tmp.join("tracker/public/policies/1/index.html").is_file());

    let run = tmp.run_at("tracker", &["new", "policy", "--title", "Second"]);
    assert_eq!(run.stdout, "content/policies/2-second.md\n", "{run:#?}");

    // Never into a folder that holds something.
    let run = tmp.run(&["new", "site", "tracker"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
}

/// A title with a line break could put a `+++` line into the front matter:
/// refused, and nothing written. Quotes, backslashes and a `+++` inside
/// the line, and vocabulary values with line breaks in the comments, are
/// escaped: the file reads back, with only the values to fill in reported.
#[test]
fn titles_and_values_are_written_as_toml_that_reads_back() {
    let site = Site::fixture("new/site");
    let run = site.run(&["new", "policy", "--title", "a\n+++\nb"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("a line break"), "{}", run.stderr);
    let run = site.run(&["new", "policy", "--title", "red \u{1b}[31m"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("U+001B"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    assert!(
        !site.join("content/policies/8-a-b.md").exists()
            && !site.join("content/policies/8-red-31m.md").exists(),
        "nothing written"
    );

    site.write(
        "docket.toml",
        &site.read("docket.toml").replace(
            "subjects = [\"Border\"",
            "subjects = [\"Two\\nlines\\n+++\", \"Border\"",
        ),
    );
    let title = "He said \"no\" \\ 'then' +++ \"\"\" '''";
    let run = site.run(&["new", "policy", "--title", title]);
    assert_eq!(run.code, 0, "{run:#?}");
    let path = run.stdout.trim().to_string();
    let text = site.read(&path);
    let front = text
        .strip_prefix("+++\n")
        .and_then(|t| t.split_once("\n+++\n"))
        .map(|(front, _)| front)
        .expect("a closed front matter");
    let table: toml::Table = toml::from_str(front).expect("TOML");
    assert_eq!(table["title"].as_str(), Some(title));
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert!(
        codes(&run)
            .iter()
            .all(|(code, _)| code == "E-empty-value" || code == "E-empty-list"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_new_case_file_joins_the_filings_of_its_case_and_asks_for_what_it_was_not_given() {
    let site = Site::fixture("new/site");
    let toml = site.read("docket.toml");
    site.write(
        "docket.toml",
        &format!("{toml}case_statuses = [\"Pending\", \"Decided\"]\n"),
    );
    let path = "content/cases/doe-v-noem-1-25-cv-00001.md";
    let run = site.run(&[
        "new",
        "case",
        "--name",
        "Doe v. Noem",
        "--court",
        "D.D.C.",
        "--docket",
        "1:25-cv-00001",
    ]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout, format!("{path}\n"));
    let text = site.read(path);
    snapshot("case", &text);
    assert!(
        text.contains("# Where the case stands, one of: \"Pending\", \"Decided\""),
        "{text}"
    );
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(
        run.code, 0,
        "a case file with its filings' court and docket: {run:#?}"
    );

    fill(&site, path, &[("# status = \"\"", "status = \"Pending\"")]);
    site.run(&["build"]).ok();
    let page = common::text(&site.read("public/cases/d-d-c-1-25-cv-00001/index.html"));
    assert!(
        page.contains("Pending"),
        "the case's page shows its status: {page}"
    );

    let again = site.run(&[
        "new",
        "case",
        "--name",
        "Doe v. Noem",
        "--docket",
        "1:25-cv-00001",
    ]);
    assert_eq!(again.code, 2, "{again:#?}");
    assert!(again.stderr.contains("already exists"), "{again:#?}");
    assert!(
        site.read(path).contains("status = \"Pending\""),
        "never overwritten"
    );

    let bare = "content/cases/roe-v-noem.md";
    let run = site.run(&["new", "case", "--name", "Roe v. Noem"]);
    assert_eq!(run.stdout, format!("{bare}\n"), "{run:#?}");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        codes(&run),
        owned(&[("E-empty-value", 4), ("E-empty-value", 6)])
    );
}

#[test]
fn a_new_case_file_offers_the_fields_of_fields_case() {
    let site = Site::fixture("new/site");
    let toml = site.read("docket.toml");
    site.write(
        "docket.toml",
        &format!("{toml}\n[fields.case]\nstatus = \"required\"\njudge = {{ type = \"text\" }}\n"),
    );
    let path = "content/cases/doe-v-noem-1-25-cv-00001.md";
    let run = site.run(&[
        "new",
        "case",
        "--name",
        "Doe v. Noem",
        "--court",
        "D.D.C.",
        "--docket",
        "1:25-cv-00001",
    ]);
    assert_eq!(run.code, 0, "{run:#?}");
    let text = site.read(path);
    assert!(
        text.contains("\nstatus = \"\"\n"),
        "a required status to fill in: {text}"
    );
    assert!(text.contains("# Judge\n# judge = \"…\"\n+++"), "{text}");
    fill(
        &site,
        path,
        &[
            ("status = \"\"", "status = \"Pending\""),
            ("# judge = \"…\"", "judge = \"Judge Robart\""),
        ],
    );
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{run:#?}");
}

#[test]
fn a_new_case_file_is_one_per_case_and_named_for_any_system() {
    let site = Site::fixture("new/site");
    let new = |args: &[&str]| {
        let mut all = vec!["new", "case"];
        all.extend_from_slice(args);
        site.run(&all)
    };
    let run = new(&[
        "--name",
        "Doe v. Noem",
        "--court",
        "D.D.C.",
        "--docket",
        "25-1",
    ]);
    assert_eq!(run.stdout, "content/cases/doe-v-noem-25-1.md\n", "{run:#?}");
    // The same case again, under another name: refused, naming its file.
    let again = new(&[
        "--name",
        "Doe et al. v. Noem",
        "--court",
        "D.D.C.",
        "--docket",
        "25-1",
    ]);
    assert_eq!(again.code, 2, "{again:#?}");
    assert!(
        again.stderr.contains(
            "content/cases/doe-v-noem-25-1.md is the file of the case of D.D.C., No. 25-1 already"
        ),
        "{again:#?}"
    );
    // The same name and docket number in another court: its court in the name.
    let other = new(&[
        "--name",
        "Doe v. Noem",
        "--court",
        "D. Md.",
        "--docket",
        "25-1",
    ]);
    assert_eq!(
        other.stdout, "content/cases/doe-v-noem-d-md-25-1.md\n",
        "{other:#?}"
    );
    // A name Windows keeps for a device is never a file's.
    let con = new(&["--name", "CON", "--court", "D.D.C."]);
    assert_eq!(con.stdout, "content/cases/con-case.md\n", "{con:#?}");
    // A month will do for when it was filed, as in the file.
    new(&[
        "--name",
        "Roe v. Noem",
        "--court",
        "D.D.C.",
        "--docket",
        "25-2",
        "--filed",
        "2025-02",
    ]);
    assert!(site
        .read("content/cases/roe-v-noem-25-2.md")
        .contains("\nfiled = \"2025-02\"\n"));
    let bad = new(&["--name", "Poe v. Noem", "--filed", "Feb 2025"]);
    assert_eq!(bad.code, 2, "{bad:#?}");
    assert!(
        bad.stderr
            .contains("or year-month or year when the day is not known"),
        "{bad:#?}"
    );
}
