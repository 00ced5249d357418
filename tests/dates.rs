//! Dates known only to the month or the year: written in quotes, shown as
//! far as they are known ("June 1948", "1948"), exported so, sorted before
//! the days they start with, and never given an invented day.

use crate::common;

use common::Site;

const CONFIG: &str = r#"title = "Old orders"

[vocabulary]
administrations = ["Truman"]
statuses = ["Signed"]
actions = ["Executive Order"]
subjects = ["Government"]
agencies = ["Other"]

[fields.policy]
signed = { type = "date", label = "Signed" }
"#;

fn order(id: u32, announced: &str, more: &str) -> String {
    format!(
        "+++\nid = {id}\ntitle = \"Order {id}\"\nadministration = \"Truman\"\nannounced = {announced}\nstatus = [\"Signed\"]\naction = \"Executive Order\"\nsubjects = [\"Government\"]\nagencies = [\"Other\"]\n{more}+++\nThe order.\n"
    )
}

fn site() -> Site {
    let site = Site::with_themes();
    site.write("docket.toml", CONFIG)
        .write(
            "content/policies/1.md",
            &order(1, "\"1948-06\"", "signed = \"1948-05\"\n"),
        )
        .write("content/policies/2.md", &order(2, "\"1948\"", ""))
        .write(
            "content/policies/3.md",
            &order(
                3,
                "1948-06-28",
                "supersedes = [1]\n\n[[documents]]\ntitle = \"The order as signed\"\nurl = \"https://example.org/eo\"\ndate = \"1948\"\n",
            ),
        )
        .write(
            "content/court-actions/1.md",
            "+++\nid = 1\ntitle = \"Doe v. Truman\"\ndate = \"1950-03\"\ncase = \"Doe v. Truman\"\ndocket = \"50-1\"\ncourt = \"D.D.C.\"\nfiling = \"Complaint\"\nchallenges = [2]\n+++\nA complaint.\n",
        );
    site
}

#[test]
fn a_month_or_a_year_is_shown_as_far_as_it_is_known() {
    let site = site();
    site.run(&["build"]).ok();
    let one = site.read("public/policies/1/index.html");
    assert!(
        one.contains("<time datetime=\"1948-06\">June 1948</time>"),
        "{one}"
    );
    assert!(!one.contains("June 1, 1948"), "no day is invented");
    assert!(
        one.contains("<time datetime=\"1948-05\">May 1948</time>"),
        "a declared date field takes a month too: {one}"
    );
    let two = site.read("public/policies/2/index.html");
    assert!(two.contains("<time datetime=\"1948\">1948</time>"), "{two}");
    let three = site.read("public/policies/3/index.html");
    assert!(common::text(&three).contains("1948"), "the document's year");
    let case = site.read("public/court-actions/1/index.html");
    assert!(case.contains("March 1950"), "{case}");
}

#[test]
fn partial_dates_export_as_written_and_sort_before_their_days() {
    let site = site();
    site.run(&["build"]).ok();
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/docket.json")).expect("JSON");
    let announced: Vec<&str> = json["policies"]
        .as_array()
        .expect("policies")
        .iter()
        .map(|p| p["announced"].as_str().expect("a date"))
        .collect();
    assert_eq!(announced, ["1948-06", "1948", "1948-06-28"]);
    assert_eq!(json["court_actions"][0]["date"], "1950-03");
    // The newest date is a month: the data are dated by the month, with no
    // day made up for it.
    assert_eq!(json["site"]["date"], "1950-03");
    let home = site.read("public/index.html");
    assert!(
        home.contains("Data as of <time datetime=\"1950-03\">March 1950</time>"),
        "{home}"
    );
    assert_eq!(json["policies"][0]["signed"], "1948-05");
    common::assert_schema(&site.join("public"));
    let list = common::text(&site.read("public/policies/index.html"));
    let at = |s: &str| list.find(s).unwrap_or_else(|| panic!("{s} in {list}"));
    assert!(
        at("Order 3") < at("Order 1") && at("Order 1") < at("Order 2"),
        "{list}"
    );
}

#[test]
fn a_bad_partial_date_or_a_partial_updated_date_is_told() {
    let site = site();
    site.write("content/policies/4.md", &order(4, "\"1948-13\"", ""))
        .write(
            "content/policies/5.md",
            &order(5, "1948-06-01", "updated = \"1949\"\n"),
        );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("found the text \"1948-13\": a day is written without quotes, like 2025-01-31, and a month or a year whose day is not known in quotes"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("found the text \"1949\": write the date without quotes"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_date_written_another_way_gets_the_one_it_most_likely_means() {
    let site = site();
    site.write("content/policies/4.md", &order(4, "\"Sept. 1948\"", ""))
        .write(
            "content/policies/5.md",
            &order(5, "\"June 28, 1948\"", "signed = \"1948-5\"\n"),
        )
        .write(
            "content/policies/6.md",
            &order(6, "1948-06-01", "updated = \"June 1949\"\n"),
        );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    for help in [
        "help: write it like announced = \"1948-09\"",
        "help: write it like announced = 1948-06-28",
        "help: write it like signed = \"1948-05\"",
    ] {
        assert!(run.stderr.contains(help), "{help}\n{}", run.stderr);
    }
    // `updated` is a day: a month is not offered for it.
    assert!(
        !run.stderr.contains("updated = \"1949-06\""),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[E-invalid-date]").count(), 4);
}

#[test]
fn a_successor_known_to_the_same_month_does_not_make_a_policy_never_in_force() {
    let site = site();
    site.write(
        "content/policies/7.md",
        &order(7, "\"1948-06\"", "supersedes = [1]\n"),
    );
    site.run(&["build"]).ok();
    let page = common::text(&site.read("public/policies/1/index.html"));
    assert!(!page.contains("Never in force"), "{page}");
    assert!(page.contains("No longer in force"), "{page}");
}
