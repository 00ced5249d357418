//! Nothing a reader sees depends on a vocabulary value spelled a certain
//! way: each site names its statuses as it likes, and the facts pages show
//! ("in litigation") come from the data (court actions), not from a name.

use crate::common;

use common::{text, Site};

const CONFIG: &str = r#"title = "Orders"

[vocabulary]
administrations = ["Truman", "Eisenhower"]
statuses = ["Signed", "Revoked", "In Litigation"]
actions = ["Executive Order"]
subjects = ["Government"]
agencies = ["All"]
filings = ["Complaint", "Opinion"]
"#;

fn policy(id: u32, status: &str) -> String {
    format!(
        "+++\nid = {id}\ntitle = \"Order {id}\"\nadministration = \"Truman\"\nannounced = 1950-01-0{id}\nstatus = [\"{status}\"]\naction = \"Executive Order\"\nsubjects = [\"Government\"]\nagencies = [\"All\"]\n+++\nThe order.\n"
    )
}

fn court_action(id: u32, docket: &str, challenges: &str) -> String {
    format!(
        "+++\nid = {id}\ntitle = \"Filing {id}\"\ndate = 1951-02-0{id}\ncase = \"Doe v. United States\"\ndocket = \"{docket}\"\ncourt = \"D.D.C.\"\nfiling = \"Complaint\"\nchallenges = {challenges}\n+++\nThe filing.\n"
    )
}

/// Statuses that say nothing of courts; policy 4 is called "In Litigation"
/// but no court action challenges it, and policies 1 and 2 are challenged
/// (1 by two filings) though no status says so.
fn site() -> Site {
    let site = Site::with_themes();
    site.write("docket.toml", CONFIG)
        .write("content/policies/1-a.md", &policy(1, "Signed"))
        .write("content/policies/2-b.md", &policy(2, "Revoked"))
        .write("content/policies/3-c.md", &policy(3, "Signed"))
        .write("content/policies/4-d.md", &policy(4, "In Litigation"))
        .write(
            "content/court-actions/1-x.md",
            &court_action(1, "1:51-cv-1", "[1, 2]"),
        )
        .write(
            "content/court-actions/2-y.md",
            &court_action(2, "1:51-cv-1", "[1]"),
        );
    site
}

#[test]
fn in_litigation_counts_the_policies_court_actions_challenge() {
    let site = site();
    site.run(&["build"]).ok();
    let html = site.read("public/index.html");
    let home = text(&html);
    assert!(home.contains("In litigation 2"), "{home}");
    // The count links to the cases, which list the challenged policies.
    assert!(
        html.contains("href=\"cases/index.html\">2</a>")
            || html.contains("href=\"cases&#x2F;index.html\">2</a>"),
        "{html}"
    );
}

#[test]
fn no_policy_is_in_litigation_without_a_court_action_whatever_its_status() {
    let site = site();
    site.remove("content/court-actions/1-x.md")
        .remove("content/court-actions/2-y.md");
    site.run(&["build"]).ok();
    // A site with no court action records no litigation: policy 4, whose
    // status is "In Litigation", is not counted, and nothing is.
    let home = site.read("public/index.html");
    assert!(!home.contains("<dt>In litigation</dt>"), "{home}");
    let page = site.read("public/policies/4/index.html");
    assert!(!page.contains("<dt>Litigation</dt>"), "{page}");
}

#[test]
fn an_empty_title_or_value_in_docket_toml_is_an_error_and_never_offered() {
    let site = Site::with_themes();
    site.write(
        "docket.toml",
        &CONFIG
            .replace("title = \"Orders\"", "title = \" \"")
            .replace("statuses = [\"Signed\",", "statuses = [\"\", \"Signed\",")
            .replace("agencies = [\"All\"]", "agencies = []"),
    )
    .write("content/policies/1.md", &policy(1, "Signd"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    for said in [
        "the site's `title` is empty",
        "vocabulary `statuses` lists an empty value",
        "help: did you mean \"Signed\"?",
        "[vocabulary] agencies in docket.toml is an empty list, which allows no value",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
}

fn filed_in(id: u32, court: &str) -> String {
    court_action(id, &format!("1:51-cv-{id}"), "[1]").replace("court = \"D.D.C.\"", court)
}

#[test]
fn a_value_written_another_way_is_told_and_leaves_the_page_to_the_value_most_files_write() {
    let site = site();
    site.write(
        "content/court-actions/3-z.md",
        &filed_in(3, "court = \"D.D.C\""),
    )
    .write(
        "content/court-actions/4-w.md",
        &filed_in(4, "court = \" D.D.C. \""),
    );
    let run = site.run(&["build"]).ok();
    // The file with the slip is told where it is and what is meant.
    for said in [
        "warning[W-similar-value]: `court` value \"D.D.C\" differs from \"D.D.C.\" only in case, accents, spaces or punctuation",
        "content/court-actions/3-z.md:7:9",
        "written so in 1 file; \"D.D.C.\" in 3 files",
        "help: if they mean the same, write \"D.D.C.\"",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches("warning[").count(), 1, "{}", run.stderr);
    // The court of three filings keeps its address, though "D.D.C" sorts
    // before it; spaces around a value are not part of it.
    let court = text(&site.read("public/courts/d-d-c/index.html"));
    assert!(
        court.contains("D.D.C. Courts: 2 cases and 3 court actions"),
        "{court}"
    );
    let slip = text(&site.read("public/courts/d-d-c-2/index.html"));
    assert!(
        slip.contains("D.D.C Courts: 1 case and 1 court action"),
        "{slip}"
    );
    // A site that means both allows the lint.
    let run = site.run(&["check", "-A", "W-similar-value"]).ok();
    assert!(!run.stderr.contains("warning["), "{}", run.stderr);
}

#[test]
fn a_value_written_another_way_is_told_in_fields_without_pages_and_case_statuses() {
    let site = site();
    site.write(
        "docket.toml",
        &format!("{CONFIG}\n[fields.policy]\nsigned_by = {{ type = \"terms\", pages = false }}\n"),
    );
    for (id, signer) in [
        (1, "[\"Dean Acheson\"]"),
        (2, "[\"Dean Acheson\"]"),
        (3, "[\"dean acheson\", \"George Marshall\"]"),
    ] {
        let file = ["1-a", "2-b", "3-c"][id - 1];
        let text = policy(id as u32, "Signed")
            .replace("+++\nThe", &format!("signed_by = {signer}\n+++\nThe"));
        site.write(&format!("content/policies/{file}.md"), &text);
    }
    let case = |docket: &str, status: &str| {
        format!("+++\nname = \"Doe v. United States\"\ncourt = \"D.D.C.\"\ndocket = \"{docket}\"\nstatus = \"{status}\"\n+++\n")
    };
    site.write("content/cases/doe.md", &case("1:51-cv-1", "Pending"))
        .write("content/cases/roe.md", &case("1:51-cv-2", "Pending"))
        .write("content/cases/poe.md", &case("1:51-cv-3", "pending"));
    let run = site.run(&["check"]).ok();
    for said in [
        "warning[W-similar-value]: `signed_by` value \"dean acheson\" differs from \"Dean Acheson\"",
        "content/policies/3-c.md:10:14",
        "written so in 1 file; \"Dean Acheson\" in 2 files",
        "warning[W-similar-value]: `status` value \"pending\" differs from \"Pending\"",
        "content/cases/poe.md:5:10",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches("warning[").count(), 2, "{}", run.stderr);
}

#[test]
fn a_filing_that_writes_its_court_another_way_does_not_take_the_address_of_its_case() {
    let site = site();
    // Filings 1 and 2 are the case 1:51-cv-1 of D.D.C.; filing 3 writes
    // the court without its last dot, and so is a case of its own.
    site.write(
        "content/court-actions/3-z.md",
        &court_action(3, "1:51-cv-1", "[1]").replace("court = \"D.D.C.\"", "court = \"D.D.C\""),
    );
    site.run(&["build"]).ok();
    let case = text(&site.read("public/cases/d-d-c-1-51-cv-1/index.html"));
    assert!(
        case.contains("Filing 1") && case.contains("Filing 2"),
        "{case}"
    );
    let slip = text(&site.read("public/cases/d-d-c-1-51-cv-1-2/index.html"));
    assert!(
        slip.contains("Filing 3") && !slip.contains("Filing 1"),
        "{slip}"
    );
}

#[test]
fn values_no_list_orders_are_listed_as_a_reader_reads_them() {
    let site = site();
    for (id, court) in [(3, "Zeta Court"), (4, "de Beta Court"), (5, "Ålpha Court")] {
        site.write(
            &format!("content/court-actions/{id}.md"),
            &filed_in(id, &format!("court = \"{court}\"")),
        );
    }
    site.run(&["build"]).ok();
    let courts = text(&site.read("public/courts/index.html"));
    let at = |name: &str| {
        courts
            .find(name)
            .unwrap_or_else(|| panic!("{name}: {courts}"))
    };
    assert!(at("Ålpha Court") < at("D.D.C."), "{courts}");
    assert!(at("D.D.C.") < at("de Beta Court"), "{courts}");
    assert!(at("de Beta Court") < at("Zeta Court"), "{courts}");
}

#[test]
fn values_in_any_script_have_addresses_of_their_own() {
    let site = Site::with_themes();
    let config = CONFIG
        .replace(
            "title = \"Orders\"",
            "title = \"Διατάγματα\"\nlanguage = \"el\"",
        )
        .replace(
            "subjects = [\"Government\"]",
            "subjects = [\"Άσυλο\", \"Σύνορα\", \"Bjørn\"]",
        );
    site.write("docket.toml", &config);
    for (id, subject) in [(1, "Άσυλο"), (2, "Σύνορα"), (3, "Bjørn")] {
        site.write(
            &format!("content/policies/{id}.md"),
            &policy(id, "Signed").replace("[\"Government\"]", &format!("[\"{subject}\"]")),
        );
    }
    site.run(&["build"]).ok();
    // Each value its own page, named in Latin letters, not `x`, `x-2`.
    for (slug, name) in [("asulo", "Άσυλο"), ("sunora", "Σύνορα"), ("bjorn", "Bjørn")] {
        let page = text(&site.read(&format!("public/subjects/{slug}/index.html")));
        assert!(
            page.contains(&format!("{name} {name} Subject matter: 1 entry")),
            "{slug}: {page}"
        );
    }
}
