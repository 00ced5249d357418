//! `[fields]` of docket.toml, seen from outside: a tracker of executive
//! orders that records no subjects or agencies and has fields of its own
//! (tests/fixtures/fields/orders). Its pages show each field with its
//! label, in the order docket.toml declares them; its list offers the
//! fields that take vocabulary values as filters; its exports and their
//! schema carry them.

use crate::common;

use std::path::PathBuf;

use common::{text, Fixture};
use serde_json::Value;

fn built() -> (Fixture, PathBuf) {
    let site = Fixture::new("fields/orders");
    let out = site.build(&[]);
    (site, out)
}

fn read(out: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The terms of the facts lists of a page, in order.
fn terms(html: &str) -> Vec<String> {
    html.split("<dt>")
        .skip(1)
        .filter_map(|s| s.split("</dt>").next())
        .map(text)
        .collect()
}

#[test]
fn an_entry_page_shows_each_declared_field_with_its_label_in_order() {
    let (_site, out) = built();
    let page = read(&out, "policies/1/index.html");
    let dts = terms(&page);
    let own = [
        "Signed by",
        "Disposition",
        "Federal Register",
        "Pages",
        "Signed",
        "Notes",
        "Topics",
        "Keywords",
    ];
    let at: Vec<usize> = own
        .iter()
        .map(|l| {
            dts.iter()
                .position(|d| d == l)
                .unwrap_or_else(|| panic!("no {l} in {dts:?}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{dts:?}");
    // After the standard facts of the same list.
    let action = dts.iter().rposition(|d| d == "Type of action");
    assert!(action.is_some_and(|a| a < at[0]), "{dts:?}");
    // Declared absent or not given: no fact, no placeholder.
    for gone in [
        "Subject matter",
        "Agencies affected",
        "Administration",
        "Current status",
    ] {
        assert!(!dts.iter().any(|d| d == gone), "{gone} in {dts:?}");
    }
    assert!(
        !page.contains("Not yet assessed"),
        "a placeholder for an absent key"
    );
    assert!(page.contains("<dd>Dwight D. Eisenhower</dd>"), "{page}");
    assert!(page.contains(
        "<a href=\"https://www.federalregister.gov/d/53-3758?a=1&amp;b=2\" rel=\"noopener\">federalregister.gov/d/53-3758?a=1&amp;b=2</a>"
    ), "{page}");
    assert!(page.contains("<dd><time datetime=\"1953-04-27\">April 27, 1953</time></dd>"));
    assert!(page.contains("<li>Revokes EO 9835</li><li>Amended by EO 10491</li>"));
    assert!(page.contains("<dd>4</dd>"));
    // Nor the relations declared absent: no heading says "none recorded".
    for gone in [
        "<h3>Supersedes</h3>",
        "<h3>Superseded by</h3>",
        "<h3>Implements</h3>",
        "Derivative policies",
    ] {
        assert!(!page.contains(gone), "{gone}");
    }
    // The navigation's "Topics" is the subjects' index; this site records
    // none, so it leads to the first vocabulary it has, under its title.
    assert!(page.contains("aria-label=\"Site\">"), "{page}");
    assert!(
        page.contains("<a href=\"../../statuses/index.html\">Statuses</a></li>"),
        "{page}"
    );
    let nav = page
        .split("aria-label=\"Site\">")
        .nth(1)
        .and_then(|s| s.split("</nav>").next())
        .unwrap_or_default();
    assert!(!nav.contains(">Topics</a>"), "{nav}");
    // The menu leaves out the vocabularies declared absent.
    assert!(!page.contains(">Subject matter</a>"), "menu links subjects");
    assert!(
        !page.contains(">Agencies affected</a>"),
        "menu links agencies"
    );

    // An entry with few fields shows those it has, and nothing of the rest.
    let other = terms(&read(&out, "policies/2/index.html"));
    assert!(other.contains(&"Administration".to_string()), "{other:?}");
    assert!(other.contains(&"Pages".to_string()), "{other:?}");
    for gone in ["Signed by", "Federal Register", "Notes", "Keywords"] {
        assert!(!other.iter().any(|d| d == gone), "{gone} in {other:?}");
    }
}

#[test]
fn keys_declared_optional_may_be_missing_from_court_actions_and_commentary() {
    let (_site, out) = built();
    let action = read(&out, "court-actions/1/index.html");
    assert!(terms(&action).contains(&"Judge".to_string()));
    assert!(action.contains("<dd>Judge Holtzoff</dd>"));
    let note = read(&out, "commentary/1/index.html");
    assert!(!terms(&note).contains(&"Source".to_string()));
    assert!(
        note.contains("<p class=\"kicker\">Commentary</p>"),
        "{note}"
    );
}

#[test]
fn the_list_offers_the_fields_that_take_vocabulary_values_as_filters() {
    let (_site, out) = built();
    let list = read(&out, "policies/index.html");
    for facet in ["field-disposition", "field-topics", "field-keywords"] {
        assert!(
            list.contains(&format!("<fieldset data-facet=\"{facet}\">")),
            "no {facet}"
        );
    }
    // A facet of a key declared absent has no values, and is not shown;
    // nor is sorting by a date declared absent.
    assert!(!list.contains("data-facet=\"subjects\""));
    assert!(!list.contains("<option value=\"effective\">"), "{list}");
    assert!(list.contains("<option value=\"updated\">"), "{list}");
    let home = read(&out, "index.html");
    assert!(!home.contains("Policies by current status"), "{home}");
    assert!(!list.contains("Not yet assessed"));
    assert!(list.contains("name=\"field-topics\" value=\"civil-service\""));
    let data = read(&out, "filters/policies.js");
    assert!(data.contains("\"field-disposition\",\"field-topics\",\"field-keywords\""));
    assert!(data.contains("[\"In force\",\"Revoked\"]"), "{data}");
}

#[test]
fn exports_and_their_schema_carry_the_fields() {
    let (_site, out) = built();
    let db: Value = serde_json::from_str(&read(&out, "data/docket.json")).expect("JSON");
    let first = &db["policies"][0];
    assert_eq!(first["signed_by"], "Dwight D. Eisenhower");
    assert_eq!(first["disposition"], "Revoked");
    assert_eq!(first["pages"], 4);
    assert_eq!(first["signed"], "1953-04-27");
    assert_eq!(
        first["topics"],
        serde_json::json!(["Civil service", "Defense"])
    );
    assert_eq!(first["administration"], Value::Null);
    let second = &db["policies"][1];
    assert_eq!(second["pages"], 1.5);
    assert_eq!(second["signed_by"], Value::Null);
    assert_eq!(db["court_actions"][0]["judge"], "Judge Holtzoff");
    assert_eq!(db["court_actions"][0]["filing"], Value::Null);
    // The site's own lists are in the header, as the standard ones are.
    assert_eq!(
        db["vocabularies"]["dispositions"],
        serde_json::json!(["In force", "Revoked", "Superseded"])
    );
    assert_eq!(
        db["vocabularies"]["topics"],
        serde_json::json!(["Civil service", "Defense", "Labor"])
    );

    let schema: Value = serde_json::from_str(&read(&out, "data/docket.schema.json")).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(&db)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let disposition = &schema["$defs"]["policy"]["properties"]["disposition"];
    assert_eq!(
        disposition["oneOf"][0]["enum"],
        serde_json::json!(["In force", "Revoked", "Superseded"])
    );
    // A value outside the vocabulary does not pass.
    let mut wrong = db.clone();
    wrong["policies"][0]["disposition"] = Value::from("Revokd");
    assert!(!validator.is_valid(&wrong));

    let csv = read(&out, "data/policies.csv");
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.ends_with(",signed_by,disposition,citation,pages,signed,notes,topics,keywords"),
        "{header}"
    );
    let row = lines.next().unwrap_or_default();
    assert!(
        row.ends_with(
            ",Dwight D. Eisenhower,Revoked,https://www.federalregister.gov/d/53-3758?a=1&b=2,4,1953-04-27,Revokes EO 9835; Amended by EO 10491,Civil service; Defense,loyalty; security"
        ),
        "{row}"
    );
}

#[test]
fn a_new_entry_has_the_declared_keys_and_no_absent_one() {
    let site = Fixture::new("fields/orders");
    let run = site.run(&["new", "policy", "--title", "Another order"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = std::fs::read_to_string(site.root().join("content/policies/3-another-order.md"))
        .expect("the new file");
    assert!(!text.contains("subjects"), "{text}");
    assert!(text.contains("# administration = \"\""), "{text}");
    assert!(
        text.contains(
            "# Disposition, one of: \"In force\", \"Revoked\", \"Superseded\"\ndisposition = \"\""
        ),
        "{text}"
    );
    assert!(text.contains("# Signed by\n# signed_by = \"…\""), "{text}");
    // Until filled in, check asks for its values.
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.contains("`disposition` is empty"),
        "{}",
        check.stderr
    );
}

#[test]
fn every_link_of_a_site_without_subjects_leads_to_a_file() {
    let (_site, out) = built();
    let mut checked = 0;
    for (name, bytes) in common::tree(&out) {
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("UTF-8");
        let dir = out.join(&name).parent().expect("a folder").to_path_buf();
        for link in common::links(&html) {
            if link.starts_with("http") || link.starts_with('#') {
                continue;
            }
            let path = link.split(['#', '?']).next().unwrap_or_default();
            assert!(dir.join(path).is_file(), "{name}: {link} leads nowhere");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn an_old_version_without_a_field_declared_since_is_still_in_the_history() {
    let site = Fixture::new("fields/orders");
    let root = site.root();
    let path = "content/policies/2-equality.md";
    let now = std::fs::read_to_string(root.join(path)).expect("the entry");
    let before = now
        .replace("disposition = \"In force\"\n", "")
        .replace("status = [\"Signed\"]", "status = [\"Proposed\"]");
    site.write(path, &before);
    common::git::init(root);
    common::git::commit(root, "2025-01-01", "Orders, before dispositions");
    site.write(path, &now);
    common::git::commit(root, "2025-02-01", "Dispositions");
    let out = site.build(&[]);
    let db: Value = serde_json::from_str(&read(&out, "data/docket.json")).expect("JSON");
    let changes: Vec<(String, String)> = db["policies"][1]["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["date"].as_str().unwrap_or_default().to_string(),
                c["kind"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("2025-01-01".to_string(), "created".to_string()),
            ("2025-02-01".to_string(), "status".to_string())
        ],
        "{changes:?}"
    );
}

#[test]
fn the_home_page_counts_policies_without_an_administration() {
    let (_site, out) = built();
    let home = read(&out, "index.html");
    assert!(
        home.contains("<th scope=\"col\">Truman</th><th scope=\"col\">No administration recorded</th><th scope=\"col\">Total</th>"),
        "{home}"
    );
    // One policy in July 1948, one in April 1953, each in its series.
    assert!(home.contains("<th scope=\"row\">July 1948</th><td>1</td><td>0</td><td>1</td>"));
    assert!(home.contains("<th scope=\"row\">April 1953</th><td>0</td><td>1</td><td>1</td>"));
}

#[test]
fn a_field_naming_a_list_by_a_near_miss_is_told_the_list_it_means() {
    let site = Fixture::new("fields/orders");
    let path = site.root().join("docket.toml");
    let config = std::fs::read_to_string(&path).expect("docket.toml");
    site.write(
        "docket.toml",
        &config.replace(
            "vocabulary = \"dispositions\"",
            "vocabulary = \"disposition\"",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("there is no list `disposition` in [vocabulary]")
            && run.stderr.contains("help: did you mean \"dispositions\"?"),
        "{}",
        run.stderr
    );
    // The list itself is not reported as an unknown key as well.
    assert!(
        !run.stderr.contains("vocabulary.dispositions"),
        "{}",
        run.stderr
    );
}

#[test]
fn tones_of_a_site_without_current_statuses_are_checked_against_its_statuses() {
    let site = Fixture::new("fields/orders");
    let config = std::fs::read_to_string(site.root().join("docket.toml")).expect("docket.toml");
    site.write(
        "docket.toml",
        &format!("{config}\n[tones]\nended = [\"revoked\", \"Lost\"]\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("\"revoked\""), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean \"Revoked\"?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\"Lost\""), "{}", run.stderr);
}

#[test]
fn each_value_of_a_term_field_has_a_page_of_its_entries_of_every_kind() {
    let site = Fixture::new("fields/orders");
    // Commentary takes the policies' `topics` too: one set of pages.
    let config = std::fs::read_to_string(site.root().join("docket.toml")).expect("docket.toml");
    site.write(
        "docket.toml",
        &config.replace(
            "[fields.commentary]\n",
            "[fields.commentary]\ntopics = { type = \"terms\", vocabulary = \"topics\" }\n",
        ),
    );
    site.write(
        "content/commentary/1-note.md",
        "+++\nid = 1\ntitle = \"A note on the loyalty program\"\ndate = 1953-05-01\nabout = [1]\ntopics = [\"Defense\"]\n+++\nA note.\n",
    );
    let out = site.build(&[]);

    // The entry's page links each value to its page.
    let page = read(&out, "policies/1/index.html");
    assert!(
        page.contains("<dt>Disposition</dt> <dd><a href=\"../../disposition/revoked/index.html\">Revoked</a></dd>"),
        "{page}"
    );
    assert!(
        page.contains("<li><a href=\"../../topics/civil-service/index.html\">Civil service</a></li><li><a href=\"../../topics/defense/index.html\">Defense</a></li>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"../../keywords/loyalty/index.html\">loyalty</a>"),
        "{page}"
    );

    // A policy's row in lists shows the values as tags, labelled.
    let list = read(&out, "policies/index.html");
    assert!(
        list.contains("<li><a class=\"tag tag-field\" href=\"../disposition/revoked/index.html\"><span class=\"visually-hidden\">Disposition: </span>Revoked</a></li>"),
        "{list}"
    );
    assert!(
        list.contains("<span class=\"visually-hidden\">Keywords: </span>security</a>"),
        "{list}"
    );

    // A value's page lists the entries that have it, of every kind.
    let defense = read(&out, "topics/defense/index.html");
    let words = text(&defense);
    assert!(
        words.contains("Topics: 3 entries, newest first."),
        "{words}"
    );
    assert!(
        defense.contains("href=\"../../policies/1/index.html\""),
        "{defense}"
    );
    assert!(
        defense.contains("<h2 id=\"m-h\">Commentary</h2>"),
        "{defense}"
    );
    assert!(
        defense
            .contains("href=\"../../commentary/1/index.html\">A note on the loyalty program</a>"),
        "{defense}"
    );
    assert!(defense.contains("<title>Topics: Defense"), "{defense}");
    let revoked = read(&out, "disposition/revoked/index.html");
    assert!(
        revoked.contains("href=\"../../policies/1/index.html\""),
        "{revoked}"
    );
    assert!(!revoked.contains("policies/2/index.html"), "{revoked}");

    // The field's page counts its values in the vocabulary's order; a
    // value no entry has yet has no page and no link.
    let index = read(&out, "disposition/index.html");
    let counts = text(&index);
    let (inf, rev) = (counts.find("In force"), counts.find("Revoked 1"));
    assert!(inf.is_some() && rev.is_some() && inf < rev, "{counts}");
    assert!(
        index.contains("<li><a href=\"../disposition/revoked/index.html\">Revoked</a>"),
        "{index}"
    );
    assert!(!out.join("disposition/superseded").exists());
    assert!(
        index.contains("aria-current=\"page\">Disposition</a>"),
        "{index}"
    );

    // The sitemap lists the pages; the other vocabularies' menus the field.
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/orders/disposition/revoked/</loc><lastmod>1953-04-27</lastmod>"), "{sitemap}");
    assert!(
        sitemap.contains("<loc>https://example.org/orders/topics/</loc>"),
        "{sitemap}"
    );
    let statuses = read(&out, "statuses/index.html");
    assert!(statuses.contains(">Keywords</a>"), "{statuses}");
}

#[test]
fn a_term_field_whose_pages_would_take_a_folder_of_docket_is_told_how_to_keep_it() {
    let site = Fixture::new("fields/orders");
    let config = std::fs::read_to_string(site.root().join("docket.toml")).expect("docket.toml");
    // A docket.toml written before fields had pages: `courts` and
    // `search` were good names, and stay good, without pages.
    let declared = config.replace(
        "[fields.court-action]\n",
        "courts = { type = \"terms\" }\nsearch = { type = \"term\", pages = false }\n\n[fields.court-action]\n",
    );
    site.write("docket.toml", &declared);
    let policy = std::fs::read_to_string(site.root().join("content/policies/1-security.md"))
        .expect("the policy");
    site.write(
        "content/policies/1-security.md",
        &policy.replace("keywords =", "courts = [\"Supreme Court\"]\nkeywords ="),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let err = &run.stderr;
    assert!(
        err.contains("warning[W-field-pages]: the values of `fields.policy.courts` have no pages: `courts/` is docket's own folder"),
        "{err}"
    );
    assert!(err.contains("docket.toml:28:1"), "{err}");
    assert!(
        err.contains("help: give the field another name, like `courts_terms`, for pages, or write `pages = false` to say it has none"),
        "{err}"
    );
    assert!(!err.contains("fields.policy.search"), "{err}");
    assert!(err.contains("0 errors, 1 warning"), "{err}");
    let out = site.build(&[]);
    let page = read(&out, "policies/1/index.html");
    assert!(
        page.contains("<dt>Courts</dt> <dd><ul class=\"field-list\"><li>Supreme Court</li></ul>"),
        "{page}"
    );

    // Asked for there, pages are an error; `pages` on a field of text is
    // one too, and neither makes the entries' keys unknown.
    site.write(
        "docket.toml",
        &declared
            .replace(
                "courts = { type = \"terms\" }",
                "courts = { type = \"terms\", pages = true }",
            )
            .replace(
                "signed_by = { type = \"text\", label = \"Signed by\" }",
                "signed_by = { type = \"text\", label = \"Signed by\", pages = true }",
            ),
    );
    let err = site.run(&["check"]).stderr;
    assert!(
        err.contains("error[E-config]: the pages of `fields.policy.courts` would be in `courts/`, where docket puts its own"),
        "{err}"
    );
    assert!(
        err.contains("help: give the field another name, like `courts_terms`\n"),
        "{err}"
    );
    assert!(
        err.contains("`fields.policy.signed_by` is of type \"text\", whose values have no pages"),
        "{err}"
    );
    assert!(!err.contains("E-unknown-key"), "{err}");
    assert_eq!(err.matches("error[").count(), 2, "{err}");

    // Without pages, the values are text, and nothing is written in the folder.
    site.write("content/policies/1-security.md", &policy);
    site.write(
        "docket.toml",
        &config.replace(
            "keywords = { type = \"terms\" }",
            "keywords = { type = \"terms\", pages = false }",
        ),
    );
    let out = site.build(&[]);
    let page = read(&out, "policies/1/index.html");
    assert!(
        page.contains("<ul class=\"field-list\"><li>loyalty</li><li>security</li></ul>"),
        "{page}"
    );
    assert!(!out.join("keywords").exists());
    assert!(!read(&out, "statuses/index.html").contains(">Keywords</a>"));
}

#[test]
fn values_that_slug_alike_are_each_a_page_and_a_filter_of_their_own() {
    let site = Fixture::new("fields/orders");
    let policy = std::fs::read_to_string(site.root().join("content/policies/1-security.md"))
        .expect("policy");
    site.write(
        "content/policies/1-security.md",
        &policy.replace(
            "keywords = [\"loyalty\", \"security\"]",
            "keywords = [\"Cafe\", \"Café\", \"Cafe 2\"]",
        ),
    );
    let out = site.build(&[]);
    for (slug, name) in [("cafe", "Cafe"), ("cafe-2", "Cafe 2"), ("cafe-3", "Café")] {
        let page = read(&out, &format!("keywords/{slug}/index.html"));
        assert!(page.contains(&format!("<h1>{name}</h1>")), "{slug}: {page}");
    }
    // The list's filter has the same three values under the pages' slugs,
    // and tells the rows it draws where the pages are.
    let data = read(&out, "filters/policies.js");
    assert!(data.contains("[\"cafe\",\"cafe-3\",\"cafe-2\"]"), "{data}");
    assert!(data.contains("[\"Cafe\",\"Café\",\"Cafe 2\"]"), "{data}");
    assert!(
        data.contains("\"pages\":[null,null,null,null,null,null,[\"disposition\",\"Disposition\"],[\"topics\",\"Topics\"],[\"keywords\",\"Keywords\"]]"),
        "{data}"
    );
}

#[test]
fn a_key_of_two_kinds_has_pages_for_both_or_neither() {
    let site = Fixture::new("fields/orders");
    let config = std::fs::read_to_string(site.root().join("docket.toml")).expect("docket.toml");
    site.write(
        "docket.toml",
        &config.replace(
            "[fields.commentary]\n",
            "[fields.commentary]\ntopics = { type = \"terms\", vocabulary = \"topics\", pages = false }\n",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("error[E-config]: `fields.policy.topics` has pages and `fields.commentary.topics` has none: a key has one set of pages for every kind"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: write `pages` alike in both, or give one of the fields another name"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

#[test]
fn a_court_actions_row_shows_its_term_fields_as_a_policys_row_does() {
    let site = Fixture::new("fields/orders");
    let config = std::fs::read_to_string(site.root().join("docket.toml")).expect("docket.toml");
    site.write(
        "docket.toml",
        &config.replace(
            "judge = { type = \"text\" }",
            "judge = { type = \"text\" }\noutcome = { type = \"term\" }",
        ),
    );
    let filing = std::fs::read_to_string(site.root().join("content/court-actions/1-complaint.md"))
        .expect("court action");
    site.write(
        "content/court-actions/1-complaint.md",
        &filing.replace(
            "judge = \"Judge Holtzoff\"",
            "judge = \"Judge Holtzoff\"\noutcome = \"Dismissed\"",
        ),
    );
    let out = site.build(&[]);
    let list = read(&out, "court-actions/index.html");
    assert!(
        list.contains("Complaint</a><ul class=\"tags\" aria-label=\"Tags\"><li><a class=\"tag tag-field\" href=\"../outcome/dismissed/index.html\"><span class=\"visually-hidden\">Outcome: </span>Dismissed</a></li></ul></td>"),
        "{list}"
    );
    // The filtered list draws the same tags: its data says where the
    // values' pages are.
    let data = read(&out, "filters/court-actions.js");
    assert!(
        data.contains("\"pages\":[null,null,[\"outcome\",\"Outcome\"]]"),
        "{data}"
    );
}
