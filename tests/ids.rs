//! Ids that are not whole numbers: executive orders such as 9973-A, written
//! in quotes, linked by relations and in bodies, sorted number by number,
//! exported as strings beside the numbers of other ids, and kept unique
//! whatever their case.

use crate::common;

use common::Site;

const CONFIG: &str = r#"title = "Executive orders"

[vocabulary]
administrations = ["Truman"]
statuses = ["Signed", "Revoked"]
actions = ["Executive Order"]
subjects = ["Government"]
agencies = ["Other"]
"#;

fn order(id: &str, announced: &str, relations: &str, body: &str) -> String {
    format!(
        "+++\nid = {id}\ntitle = \"Executive Order {}\"\nadministration = \"Truman\"\nannounced = {announced}\nstatus = [\"Signed\"]\naction = \"Executive Order\"\nsubjects = [\"Government\"]\nagencies = [\"Other\"]\n{relations}+++\n{body}\n",
        id.trim_matches('"')
    )
}

fn site() -> Site {
    let site = Site::with_themes();
    site.write("docket.toml", CONFIG)
        .write(
            "content/policies/9973-a.md",
            &order("\"9973-A\"", "1948-06-29", "supersedes = [9973]\n", "Amends the order."),
        )
        .write(
            "content/policies/9973.md",
            &order("9973", "1948-06-28", "", "The first order."),
        )
        .write(
            "content/policies/10000.md",
            &order("10000", "1948-09-16", "", "A later order."),
        )
        .write(
            "content/policies/9974.md",
            &order(
                "9974",
                "1948-06-30",
                "implements = [\"9973-A\"]\n",
                "Carries out [the amended order](policy:9973-A).",
            ),
        )
        .write(
            "content/court-actions/1.md",
            "+++\nid = 1\ntitle = \"Doe v. Truman\"\ndate = 1948-07-01\ncase = \"Doe v. Truman\"\ndocket = \"48-1\"\ncourt = \"D.D.C.\"\nfiling = \"Complaint\"\nchallenges = [\"9973-A\"]\n+++\nA complaint.\n",
        );
    site
}

#[test]
fn lettered_ids_have_pages_links_and_relations() {
    let site = site();
    let run = site.run(&["build"]).ok();
    assert!(run.stderr.contains("(0 errors, 0 warnings)"), "{run:#?}");
    let page = site.read("public/policies/9973-A/index.html");
    assert!(page.contains("ID #9973-A"), "the page names its id");
    let text = common::text(&page);
    assert!(
        text.contains("Executive Order 9973"),
        "supersedes shows the older order: {text}"
    );
    assert!(
        text.contains("Doe v. Truman"),
        "the court action is on the page"
    );
    let later = site.read("public/policies/9974/index.html");
    assert!(
        common::links(&later)
            .iter()
            .any(|l| l.contains("policies/9973-A/")),
        "the body's policy:9973-A link leads to the page"
    );
}

#[test]
fn ids_sort_number_by_number_and_export_as_written() {
    let site = site();
    site.run(&["build"]).ok();
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/docket.json")).expect("JSON");
    let ids: Vec<String> = json["policies"]
        .as_array()
        .expect("policies")
        .iter()
        .map(|p| p["id"].to_string())
        .collect();
    assert_eq!(ids, ["9973", "\"9973-A\"", "9974", "10000"]);
    let a = &json["policies"][1];
    assert_eq!(a["supersedes"], serde_json::json!([9973]));
    assert_eq!(
        json["policies"][0]["superseded_by"],
        serde_json::json!(["9973-A"])
    );
    let csv = site.read("public/data/policies.csv");
    assert!(csv.lines().any(|l| l.starts_with("9973-A,")), "{csv}");
    common::assert_schema(&site.join("public"));
}

#[test]
fn new_gives_the_next_number_after_the_highest() {
    let site = site();
    let run = site
        .run(&["new", "policy", "--title", "Executive Order 10001"])
        .ok();
    assert!(run.stderr.contains("created policy 10001"), "{run:#?}");
}

#[test]
fn new_counts_codes_in_either_kind_of_quotes_and_stops_at_the_largest_id() {
    let site = site();
    site.write(
        "content/policies/draft.md",
        &order("'12000-B'", "1948-07-02", "draft = true\n", "A draft."),
    );
    let run = site.run(&["new", "policy", "--title", "Next"]).ok();
    assert!(run.stderr.contains("created policy 12001"), "{run:#?}");
    site.write(
        "content/policies/last.md",
        &order("4294967295", "1948-07-03", "", "The last number."),
    );
    let run = site.run(&["new", "policy", "--title", "After the last"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains(
            "already use the largest id, 4294967295; give the new entry an id of your own"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_wrong_case_or_a_bad_code_is_told_with_the_nearest_id() {
    let site = site();
    site.write(
        "content/policies/9975.md",
        &order(
            "9975",
            "1948-07-02",
            "supersedes = [\"9973-a\"]\n",
            "See [the order](policy:9973-a).",
        ),
    )
    .write(
        "content/policies/9976.md",
        &order("\"EO 9976\"", "1948-07-03", "", "A code with a space."),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("refers to policy 9973-a, which does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("did you mean policy 9973-A, \"Executive Order 9973-A\"?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("link to policy 9973-a, which does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "\"EO 9976\" is not an id: an id has only letters, digits, `-` and `.`, not a space"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn ids_that_differ_only_in_case_are_one_id_twice() {
    let site = site();
    site.write(
        "content/policies/9973-a-lower.md",
        &order(
            "\"9973-a\"",
            "1948-06-29",
            "",
            "The same order, in lower case.",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("policy ids 9973-A and 9973-a differ only in case"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("like 10001"), "{}", run.stderr);
}

#[test]
fn ids_that_would_name_a_page_or_a_device_are_refused_before_any_build() {
    let site = site();
    site.run(&["build"]).success();
    let before = site.tree("public");
    site.write(
        "content/policies/index.md",
        &order(
            "\"index.html\"",
            "1948-07-01",
            "",
            "Its folder would be the list's page.",
        ),
    )
    .write(
        "content/policies/con.md",
        &order("\"CON\"", "1948-07-02", "", "Windows keeps the name."),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("an id cannot end in `.html`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`CON` cannot be an id: Windows keeps the name"),
        "{}",
        run.stderr
    );
    // The build says the same, every time, and leaves the site as it was.
    for _ in 0..3 {
        let run = site.run(&["build"]);
        assert_eq!(run.code, 1, "{run:#?}");
        assert_eq!(site.tree("public"), before);
    }
}
