//! Relations a site declares in `[relations]` (revokes, amends): written
//! with notes and with targets outside the site, shown on both policies'
//! pages, ending force where declared so, and exported.

use crate::common;

use common::Site;

fn built() -> Site {
    let site = Site::fixture("relations/orders");
    let run = site.run(&["build"]).ok();
    assert!(run.stderr.contains("(0 errors, 0 warnings)"), "{run:#?}");
    site
}

fn text_of(site: &Site, page: &str) -> String {
    common::text(&site.read(&format!("public/{page}")))
}

#[test]
fn both_pages_show_a_relation_under_its_label_and_its_inverse() {
    let site = built();
    let revoking = text_of(&site, "policies/14010/index.html");
    assert!(revoking.contains("Revokes"), "{revoking}");
    assert!(
        revoking.contains("Executive Order 13780 (sections 2 and 3)"),
        "{revoking}"
    );
    assert!(revoking.contains("Proclamation 9645"), "{revoking}");
    assert!(
        revoking.contains("Presidential Memorandum of April 29, 2019"),
        "an item outside the site needs no address: {revoking}"
    );
    let html = site.read("public/policies/14010/index.html");
    assert!(
        html.contains("href=\"https://www.federalregister.gov/d/2017-20899\""),
        "an outside item links to its address"
    );
    let revoked = text_of(&site, "policies/13780/index.html");
    assert!(revoked.contains("Revoked by"), "{revoked}");
    assert!(revoked.contains("Executive Order 14010"), "{revoked}");
    assert!(revoked.contains("Amended by"), "{revoked}");
    assert!(
        revoked.contains("Executive Order 13815 (section 6)"),
        "{revoked}"
    );
}

#[test]
fn a_relation_that_ends_force_ends_it_and_one_that_does_not_does_not() {
    let site = built();
    let first = text_of(&site, "policies/13769/index.html");
    assert!(first.contains("No longer in force"), "{first}");
    assert!(
        first.contains("Revoked by Executive Order 13780 ( March 16, 2017 )"),
        "the banner gives the day the revoking order took force: {first}"
    );
    assert!(
        first.contains("ended on March 16, 2017 , revoked by Executive Order 13780"),
        "{first}"
    );
    let amending = text_of(&site, "policies/13815/index.html");
    assert!(amending.contains("In force"), "{amending}");
    let amended = text_of(&site, "policies/13780/index.html");
    assert!(
        amended.contains("ended on February 2, 2021 , revoked by Executive Order 14010"),
        "amends does not end force; revokes does: {amended}"
    );
}

#[test]
fn relations_are_exported_in_json_and_csv() {
    let site = built();
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/docket.json")).expect("JSON");
    let p = |id: u64| {
        json["policies"]
            .as_array()
            .expect("policies")
            .iter()
            .find(|p| p["id"] == id)
            .cloned()
            .expect("the policy")
    };
    assert_eq!(
        p(14010)["relations"]["revokes"]["names"],
        serde_json::json!([
            {"id": 13780, "note": "sections 2 and 3"},
            {"title": "Proclamation 9645", "url": "https://www.federalregister.gov/d/2017-20899", "note": null},
            {"title": "Presidential Memorandum of April 29, 2019", "url": null, "note": null}
        ])
    );
    assert_eq!(
        p(13780)["relations"]["amends"]["named_by"],
        serde_json::json!([{"id": 13815, "note": "section 6"}])
    );
    assert_eq!(p(13769)["in_force"][0]["end"]["relation"], "revokes");
    common::assert_schema(&site.join("public"));
    let csv = site.read("public/data/policies.csv");
    let header = csv.lines().next().expect("a header");
    assert!(
        header.ends_with("revokes,revokes_named_by,amends,amends_named_by"),
        "{header}"
    );
    assert!(
        csv.contains("13780 (sections 2 and 3); Proclamation 9645; Presidential Memorandum of April 29, 2019"),
        "{csv}"
    );
}

#[test]
fn an_unknown_id_in_a_relation_is_told_with_the_nearest() {
    let site = Site::fixture("relations/orders");
    site.write(
        "content/policies/14011.md",
        "+++\nid = 14011\ntitle = \"Executive Order 14011\"\nadministration = \"Biden\"\nannounced = 2021-02-02\nstatus = [\"Signed\"]\naction = \"Executive Order\"\nrevokes = [13870]\n+++\nText.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("`revokes` refers to policy 13870, which does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean policy 13780"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_spreadsheet_column_named_after_a_relation_imports_its_ids() {
    let site = Site::fixture("relations/orders");
    site.write(
        "orders.csv",
        "id,title,administration,announced,status,action,revokes,amends\n14159,Executive Order 14159,Trump 2.0,2025-01-20,Signed,Executive Order,14010,\n14160,Executive Order 14160,Trump 2.0,2025-01-20,Signed,Executive Order,,13815; 13780\n",
    );
    let run = site.run(&["import", "orders.csv", "--kind", "policy"]).ok();
    assert!(run.stderr.contains("0 errors"), "{run:#?}");
    let text = site.read("content/policies/14159-executive-order-14159.md");
    assert!(text.contains("\nrevokes = [14010]\n"), "{text}");
    let text = site.read("content/policies/14160-executive-order-14160.md");
    assert!(text.contains("\namends = [13815, 13780]\n"), "{text}");
    site.run(&["build"]).ok();
    let revoked = text_of(&site, "policies/14010/index.html");
    assert!(revoked.contains("Executive Order 14159"), "{revoked}");
}

#[test]
fn a_new_policy_offers_each_declared_relation() {
    let site = Site::fixture("relations/orders");
    let run = site
        .run(&["new", "policy", "--title", "Executive Order 14161"])
        .ok();
    let path = run.stdout.trim();
    let text = site.read(path);
    assert!(
        text.contains("# Revokes: policies by id, with a note, or what is not an entry by its name\n# revokes = [1400, { id = 1102, note = \"sections 2 and 3\" }, { title = \"Proclamation 9645\", url = \"https://…\" }]\n"),
        "{text}"
    );
    assert!(
        text.contains("# Amends: policies by id, with a note\n# amends = [1400, { id = 1102, note = \"sections 2 and 3\" }]\n"),
        "{text}"
    );
    // The new file's empty values are for its author to fill; the
    // relations, commented out, are no problem of it.
    let check = site.run(&["check"]);
    assert!(!check.stderr.contains("revokes"), "{}", check.stderr);
}

/// Orders 1 to 5: 2 `continues` 1 (a relation declared with `lineage =
/// true`), 3 supersedes 2, 4 `amends` 3 (declared without it), and 5
/// continues an order the site does not hold.
fn lineage_site() -> Site {
    let site = Site::fixture("relations/lineage");
    let run = site.run(&["build"]).ok();
    assert!(run.stderr.contains("(0 errors, 0 warnings)"), "{run:#?}");
    site
}

/// The first lineage picture of a page.
fn picture(page: &str) -> &str {
    let start = page
        .find("<svg class=\"chart chart-lineage")
        .unwrap_or_else(|| panic!("no lineage picture in {page}"));
    let end = start + page[start..].find("</svg>").expect("the picture ends");
    &page[start..end]
}

/// The policies a picture links to, by id, sorted.
fn drawn(svg: &str) -> Vec<u32> {
    let mut ids: Vec<u32> = common::links(svg)
        .iter()
        .filter_map(|l| l.strip_prefix("../../policies/"))
        .filter_map(|l| l.strip_suffix("/index.html"))
        .filter_map(|id| id.parse().ok())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_relation_declared_with_lineage_joins_its_policies_in_one_lineage() {
    let site = lineage_site();
    let page = site.read("public/lineages/1/index.html");
    let text = common::text(&page);
    assert!(
        text.contains("3 policies linked by supersession and by “Continues”"),
        "{text}"
    );
    assert!(text.contains("Order 2 [ID #2] continues ID #1"), "{text}");
    assert!(text.contains("Order 3 [ID #3] supersedes ID #2"), "{text}");
    let svg = picture(&page);
    assert_eq!(drawn(svg), [1, 2, 3], "{svg}");
    // The arrow of `continues` is told from supersession by its line and
    // its title, and the picture's description says how.
    assert_eq!(
        svg.matches("class=\"edge edge-declared\"").count(),
        1,
        "{svg}"
    );
    assert_eq!(svg.matches("class=\"edge\"").count(), 1, "{svg}");
    assert!(
        svg.contains("><title>ID #1: Continued by ID #2</title></path>"),
        "{svg}"
    );
    assert!(
        svg.contains("each solid arrow goes from a policy to one that supersedes it, each dotted one from a policy to one that names it by Continues"),
        "{svg}"
    );

    // On the page of order 2, both its neighbours are drawn, under the
    // relations that join them, and its whole lineage is linked.
    let p2 = site.read("public/policies/2/index.html");
    let svg = picture(&p2);
    assert_eq!(drawn(svg), [1, 3], "{svg}");
    let drawn_text = common::text(svg);
    assert!(drawn_text.contains("Continues"), "{drawn_text}");
    assert!(drawn_text.contains("Superseded by"), "{drawn_text}");
    assert!(
        drawn_text.contains("Continues: 1 policy; Continued by: 0 policies."),
        "{drawn_text}"
    );
    assert!(common::links(&p2).contains(&"../../lineages/1/index.html".to_string()));
    // And the lists of the relation stay on both pages.
    let text = text_of(&site, "policies/2/index.html");
    assert!(
        text.contains("Continues January 10, 2019 Order 1"),
        "{text}"
    );
    let text = text_of(&site, "policies/1/index.html");
    assert!(
        text.contains("Continued by March 1, 2020 Order 2"),
        "{text}"
    );
}

#[test]
fn a_relation_without_lineage_and_an_item_outside_the_site_join_no_lineage() {
    let site = lineage_site();
    let lineages: Vec<_> = std::fs::read_dir(site.join("public/lineages"))
        .expect("the lineages' folder")
        .collect();
    assert_eq!(lineages.len(), 1, "one lineage, of orders 1 to 3");
    let lineage = text_of(&site, "lineages/1/index.html");
    assert!(!lineage.contains("Order 4") && !lineage.contains("Order 5"));
    for id in [4, 5] {
        let page = site.read(&format!("public/policies/{id}/index.html"));
        assert!(!page.contains("chart-lineage"), "policy {id}: {page}");
        assert!(
            !common::links(&page).iter().any(|l| l.contains("lineages/")),
            "policy {id} has no lineage"
        );
    }
    let amending = text_of(&site, "policies/4/index.html");
    assert!(
        amending.contains("Amends May 1, 2021 Order 3"),
        "{amending}"
    );
    let outside = text_of(&site, "policies/5/index.html");
    assert!(
        outside.contains("Continues An order of an earlier government"),
        "{outside}"
    );
}

#[test]
fn the_schema_says_which_relations_join_lineages() {
    let site = lineage_site();
    common::assert_schema(&site.join("public"));
    let schema = site.read("public/data/docket.schema.json");
    assert!(
        schema.contains("Continues / Continued by; it joins policies into lineages, as supersedes does (lineage = true)."),
        "{schema}"
    );
    assert!(
        schema.contains("\"description\": \"Amends / Amended by\""),
        "{schema}"
    );
}

/// A relation may join other kinds than policies (`from`, `to`): commentary
/// answering commentary, a filing citing commentary.
#[test]
fn a_relation_between_other_kinds_shows_on_both_entries_and_in_the_exports() {
    let site = Site::fixture("relations/kinds");
    let run = site.run(&["build"]).ok();
    assert!(run.stderr.contains("(0 errors, 0 warnings)"), "{run:#?}");
    let first = text_of(&site, "commentary/1/index.html");
    assert!(
        first.contains("Responses February 1, 2025 A reply to the analysis (part II)"),
        "{first}"
    );
    let reply = text_of(&site, "commentary/2/index.html");
    assert!(
        reply.contains("Responds to January 25, 2025 An analysis of the order (part II)"),
        "{reply}"
    );
    assert!(
        reply.contains("Cited in February 10, 2025 Complaint - Doe v. Noem"),
        "{reply}"
    );
    let complaint = text_of(&site, "court-actions/1/index.html");
    assert!(
        complaint.contains(
            "Cites February 1, 2025 A reply to the analysis A report of the inspector general"
        ),
        "{complaint}"
    );
    let html = site.read("public/court-actions/1/index.html");
    assert!(html.contains("href=\"../../commentary/2/index.html\""));

    let data: serde_json::Value =
        serde_json::from_str(&site.read("public/data/docket.json")).unwrap();
    assert_eq!(
        data["commentary"][0]["relations"]["responds_to"]["named_by"],
        serde_json::json!([{ "id": 2, "note": "part II" }])
    );
    assert_eq!(
        data["court_actions"][0]["relations"]["cites"]["names"][0],
        serde_json::json!({ "id": 2, "note": null })
    );
    assert!(
        data["policies"][0].get("relations").is_none(),
        "no relation joins policies, so their records are as before"
    );
    let schema: serde_json::Value =
        serde_json::from_str(&site.read("public/data/docket.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let csv = site.read("public/data/commentary.csv");
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with("responds_to,responds_to_named_by,cites,cites_named_by"),
        "{header}"
    );
    assert!(csv.contains(",2 (part II),,"), "{csv}");
}

#[test]
fn the_built_in_relations_renamed_are_said_by_their_names_on_every_page() {
    let site = Site::fixture("relations/renamed");
    let run = site.run(&["build"]).ok();
    assert!(run.stderr.contains("(0 errors, 0 warnings)"), "{run:#?}");
    let second = text_of(&site, "policies/2/index.html");
    for heading in [
        "Replaces",
        "Replaced by",
        "Carries out",
        "Carried out by",
        "Lawsuits",
        "Analysis",
    ] {
        assert!(second.contains(heading), "{heading}: {second}");
    }
    assert!(
        second.contains("Replaces: 1 policy; Replaced by: 0 policies. Carries out: 0 policies; Carried out by: 1 policy."),
        "the picture's text alternative says the relations by their names: {second}"
    );
    let first = text_of(&site, "policies/1/index.html");
    assert!(
        first.contains("Replaced by The second order ( March 1, 2021 )"),
        "the standing box: {first}"
    );
    assert!(
        first.contains("ended on March 1, 2021 , replaced by The second order"),
        "the periods in force: {first}"
    );
    let alone = text_of(&site, "policies/4/index.html");
    assert!(
        alone.contains("Replaced by None recorded."),
        "a sentence in the default's own words would contradict the heading: {alone}"
    );
    assert!(
        text_of(&site, "court-actions/1/index.html").contains("Orders challenged"),
        "the court action's heading"
    );
    assert!(
        text_of(&site, "commentary/1/index.html").contains("Orders discussed"),
        "the commentary's heading"
    );
    assert!(
        text_of(&site, "lineages/1/index.html").contains("2 policies linked by “Replaces”"),
        "the lineage page"
    );
    // Nothing a reader sees still speaks the default words.
    for (path, bytes) in site.tree("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let text = common::text(&String::from_utf8_lossy(&bytes)).to_lowercase();
        for word in [
            "supersed",
            "derivative",
            "implements",
            "policies challenged",
            "about these",
            "no court action recorded",
            "no commentary recorded",
            "no parent policy",
            "no earlier policy",
        ] {
            assert!(!text.contains(word), "{path} says {word}: {text}");
        }
    }
}

#[test]
fn names_given_to_built_in_relations_are_escaped_on_every_page_and_picture() {
    let site = Site::fixture("relations/renamed");
    let toml = site
        .read("docket.toml")
        .replace(
            "label = \"Replaces\"",
            "label = \"<script>alert(1)</script>R\"",
        )
        .replace(
            "inverse = \"Lawsuits\"",
            "inverse = \"<img src=x onerror=alert(2)>\"",
        );
    site.write("docket.toml", &toml);
    site.run(&["build"]).ok();
    let mut seen = 0;
    for (path, bytes) in site.tree("public") {
        let html = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("<img src=x"), "{path}");
        seen += usize::from(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;r"));
    }
    assert!(
        seen >= 3,
        "the names are shown, escaped, on the pages that say them"
    );
}

#[test]
fn a_spreadsheet_of_court_actions_imports_a_relation_they_write_with_items_outside_the_site() {
    let site = Site::fixture("relations/kinds");
    site.write(
        "court-actions.csv",
        "title,date,case,docket,court,filing,challenges,cites\nRuling - Doe v. Noem,2025-03-01,Doe v. Noem,1:25-cv-00100,D.D.C.,Complaint,1,2; A report of the inspector general\n",
    );
    let run = site.run(&["import", "court-actions.csv"]).ok();
    assert!(run.stderr.contains("0 errors"), "{run:#?}");
    let text = site.read("content/court-actions/2-ruling-doe-v-noem.md");
    assert!(
        text.contains("\ncites = [2, { title = \"A report of the inspector general\" }]\n"),
        "`cites` allows items outside the site: {text}"
    );
    site.run(&["build"]).ok();
    let cited = text_of(&site, "commentary/2/index.html");
    assert!(
        cited.contains("Cited in") && cited.contains("Ruling - Doe v. Noem"),
        "{cited}"
    );
}

#[test]
fn a_relation_that_reads_the_same_both_ways_is_one_list() {
    let site = Site::fixture("relations/orders");
    let config = site.read("docket.toml");
    site.write(
        "docket.toml",
        &format!("{config}\n[relations.see_also]\nlabel = \"See also\"\ninverse = \"See also\"\n"),
    );
    let add = |file: &str, ids: &str| {
        let text = site.read(file);
        site.write(
            file,
            &text.replacen("+++\n", &format!("+++\nsee_also = [{ids}]\n"), 1),
        );
    };
    add("content/policies/13769.md", "13780");
    add("content/policies/13780.md", "13769");
    add("content/policies/13815.md", "13769");
    site.run(&["build"]).ok();
    let page = site.read("public/policies/13769/index.html");
    assert_eq!(page.matches("<h3>See also</h3>").count(), 1, "{page}");
    let list = page
        .split("<h3>See also</h3>")
        .nth(1)
        .and_then(|s| s.split("</ul>").next())
        .unwrap_or_default();
    let listed = common::text(list);
    assert_eq!(listed.matches("13780").count(), 1, "{listed}");
    assert!(listed.contains("13815"), "{listed}");
}
