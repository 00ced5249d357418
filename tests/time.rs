//! Time on the built site, from the outside: a git repository made by the
//! test with commits at fixed dates, the real `docket build` run on it,
//! and what a reader sees: an entry page's history, the recent changes and
//! their feed, the periods in force in the data downloads; a site outside
//! git; and builds that give the same bytes with a history as without.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

use common::git::{commit, git, init};
use common::lineage::{lineage, policy, CONFIG};
use common::{assert_schema, read, tree, Site};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const BASE: &str = "https://example.org/time/";

/// Policy 1's life: proposed, made final with an effective date, its text
/// revised, its file renamed, rescinded, and superseded by policy 2.
fn lifetime() -> Site {
    let site = Site::with_themes();
    let p = site.path();
    site.write("docket.toml", CONFIG).write(
        "content/policies/1-alpha.md",
        &policy(1, "\"Proposed\"", "", "First text."),
    );
    init(p);
    commit(p, "2025-01-02", "Policy 1, proposed");
    let final_ = "effective = 2025-02-10\n";
    site.write(
        "content/policies/1-alpha.md",
        &policy(1, "\"Final/Actual\"", final_, "First text."),
    );
    commit(p, "2025-02-03", "Policy 1 is final");
    site.write(
        "content/policies/1-alpha.md",
        &policy(1, "\"Final/Actual\"", final_, "Second text."),
    );
    commit(p, "2025-03-04", "Policy 1: text revised");
    git(
        p,
        &[
            "mv",
            "content/policies/1-alpha.md",
            "content/policies/1-alpha-rule.md",
        ],
        "2025-04-01T12:00:00+00:00",
    );
    commit(p, "2025-04-01", "Policy 1: renamed");
    site.write(
        "content/policies/1-alpha-rule.md",
        &policy(1, "\"Final/Actual\", \"Rescinded\"", final_, "Second text."),
    );
    commit(p, "2025-05-06", "Policy 1 rescinded");
    site.write(
        "content/policies/2-beta.md",
        &policy(
            2,
            "\"Final/Actual\"",
            "effective = 2025-06-10\nsupersedes = [1]\n",
            "New.",
        ),
    );
    commit(p, "2025-06-07", "Policy 2 supersedes policy 1");
    site
}

fn build(site: &Site) -> std::path::PathBuf {
    let mut cmd = site.command(&["build"]);
    cmd.env_remove("SOURCE_DATE_EPOCH");
    let run = site.finish(cmd.output().expect("run docket"));
    run.success();
    site.join("public")
}

/// The text of an HTML fragment, tags dropped (not replaced by spaces, so
/// that `<span>Created</span>: x` reads `Created: x`), white space folded.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    common::unescape(&out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The items of the first `<ol class="change-list">` after `from`, as text.
fn change_items(html: &str, from: &str) -> Vec<String> {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("no {from} in the page"));
    let rest = &html[start..];
    let list = rest
        .find("<ol class=\"change-list\">")
        .map(|i| &rest[i..])
        .expect("a list of changes");
    let list = &list[..list.find("</ol>").expect("the list's end")];
    list.split("<li")
        .skip(1)
        .map(|li| plain(&format!("<li{li}")))
        .collect()
}

#[test]
fn an_entry_page_lists_its_changes_newest_first() {
    let site = lifetime();
    let out = build(&site);
    let html = read(&out, "policies/1/index.html");
    assert_eq!(
        change_items(&html, "id=\"history-h\""),
        [
            "June 7, 2025 Superseded: Policy 2",
            "May 6, 2025 Status changed: Final/Actual → Final/Actual, Rescinded",
            "March 4, 2025 Text revised",
            "February 3, 2025 Status changed: Proposed → Final/Actual",
            "February 3, 2025 Effective date changed: not set → February 10, 2025",
            "January 2, 2025 Created",
        ]
    );
    // The rename is no change, and the file's history goes on through it.
    assert!(!html.contains("has changed since it was last committed"));
    // Each change has an anchor the recent changes link to.
    let anchors: Vec<&str> = html
        .split("<li id=\"change-")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(anchors.len(), 6);
    // The superseding policy's own page: created, nothing more.
    let two = read(&out, "policies/2/index.html");
    assert_eq!(
        change_items(&two, "id=\"history-h\""),
        ["June 7, 2025 Created"]
    );
    // The periods in force: from its effective date to the day the
    // rescission was committed, a day before its successor took force.
    let force = plain(&html[html.find("id=\"force-h\"").expect("force")..]);
    assert!(
        force.contains(
            "From February 10, 2025 to May 5, 2025: ended on May 6, 2025, status Rescinded."
        ),
        "{force}"
    );
}

#[test]
fn a_file_edited_since_its_commit_says_so() {
    let site = lifetime();
    site.write(
        "content/policies/2-beta.md",
        &policy(
            2,
            "\"Final/Actual\"",
            "effective = 2025-06-10\nsupersedes = [1]\n",
            "New, edited.",
        ),
    )
    .write(
        "content/policies/3-gamma.md",
        &policy(3, "\"Proposed\"", "", "Not committed."),
    );
    let out = build(&site);
    assert!(read(&out, "policies/2/index.html").contains("has changed since it was last committed"));
    let three = read(&out, "policies/3/index.html");
    assert!(three.contains("not committed yet"), "{three}");
}

#[test]
fn the_recent_changes_page_and_its_feed() {
    let site = lifetime();
    let out = build(&site);
    let html = read(&out, "changes/index.html");
    let items = change_items(&html, "<h1>Recent changes</h1>");
    assert_eq!(
        items,
        [
            // One commit's changes, by the entries' files.
            "June 7, 2025 Policy Policy 1: Superseded: Policy 2",
            "June 7, 2025 Policy Policy 2: Created",
            "May 6, 2025 Policy Policy 1: Status changed: Final/Actual → Final/Actual, Rescinded",
            "March 4, 2025 Policy Policy 1: Text revised",
            "February 3, 2025 Policy Policy 1: Status changed: Proposed → Final/Actual",
            "February 3, 2025 Policy Policy 1: Effective date changed: not set → February 10, 2025",
            "January 2, 2025 Policy Policy 1: Created",
        ]
    );
    // Every row links to its change on the entry's page.
    let entry = read(&out, "policies/1/index.html");
    for href in common::links(&html)
        .into_iter()
        .filter(|h| h.contains("#change-"))
    {
        let (page, anchor) = href.split_once('#').expect("an anchor");
        assert!(page.starts_with("../policies/"), "{href}");
        if page.contains("/1/") {
            assert!(entry.contains(&format!("id=\"{anchor}\"")), "{href}");
        }
    }
    assert!(
        html.contains("href=\"../changes/feed.xml\""),
        "the feed is linked"
    );

    let xml = read(&out, "changes/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the feed is XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    let field = |e: &roxmltree::Node<'_, '_>, name: &str| -> String {
        e.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    let titles: Vec<String> = entries.iter().map(|e| field(e, "title")).collect();
    assert_eq!(
        titles,
        [
            "Policy 1: Superseded: Policy 2",
            "Policy 2: Created",
            "Policy 1: Status changed: Final/Actual → Final/Actual, Rescinded",
            "Policy 1: Text revised",
            "Policy 1: Status changed: Proposed → Final/Actual",
            "Policy 1: Effective date changed: not set → February 10, 2025",
            "Policy 1: Created",
        ]
    );
    // Commit times, in UTC, newest first; ids are the change's address.
    let updated: Vec<String> = entries.iter().map(|e| field(e, "updated")).collect();
    assert_eq!(updated[0], "2025-06-07T12:00:00Z");
    assert_eq!(updated[6], "2025-01-02T12:00:00Z");
    let mut ids: Vec<String> = entries.iter().map(|e| field(e, "id")).collect();
    assert!(
        ids[0].starts_with(&format!("{BASE}policies/1/#change-")),
        "{}",
        ids[0]
    );
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 7, "ids are unique");
    // The policy's own feed carries its changes.
    let own = read(&out, "policies/1/feed.xml");
    assert!(
        own.contains("Policy 1: Status changed: Proposed → Final/Actual"),
        "{own}"
    );
}

#[test]
fn the_data_export_carries_each_entry_s_changes() {
    let site = lifetime();
    let out = build(&site);
    let db: Value = serde_json::from_str(&read(&out, "data/docket.json")).expect("JSON");
    let history = &db["site"]["history"];
    assert_eq!(history["available"], true);
    assert_eq!(history["complete"], true);
    assert_eq!(history["since"], "2025-01-02");
    let head = git(
        site.path(),
        &["rev-parse", "HEAD"],
        "2025-01-01T12:00:00+00:00",
    );
    assert_eq!(history["commit"], head.trim());
    let one = &db["policies"][0];
    assert_eq!(one["id"], 1);
    let kinds: Vec<(&str, &str)> = one["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| (c["date"].as_str().unwrap(), c["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("2025-01-02", "created"),
            ("2025-02-03", "status"),
            ("2025-02-03", "effective"),
            ("2025-03-04", "text"),
            ("2025-05-06", "status"),
            ("2025-06-07", "superseded"),
        ]
    );
    let changes = one["changes"].as_array().expect("changes");
    assert_eq!(changes[1]["from"], json!(["Proposed"]));
    assert_eq!(changes[1]["to"], json!(["Final/Actual"]));
    assert_eq!(changes[2]["to"], "2025-02-10");
    assert_eq!(changes[5]["by"], json!({"kind": "policy", "id": 2}));
    assert_schema(&out);
}

#[test]
fn a_site_outside_git_builds_and_says_it_has_no_history() {
    let site = Site::with_themes();
    site.write("docket.toml", CONFIG).write(
        "content/policies/1-alpha.md",
        &policy(
            1,
            "\"Final/Actual\", \"Rescinded\"",
            "effective = 2025-02-10\n",
            "Text.",
        ),
    );
    let mut cmd = site.command(&["build"]);
    cmd.env_remove("SOURCE_DATE_EPOCH");
    let run = site.finish(cmd.output().expect("run docket"));
    run.success();
    assert!(
        run.stderr
            .contains("no history: the site is not in a git repository"),
        "{}",
        run.stderr
    );
    let out = site.join("public");
    let changes = plain(&read(&out, "changes/index.html"));
    assert!(
        changes.contains("This site has no history: the site is not in a git repository."),
        "{changes}"
    );
    let page = read(&out, "policies/1/index.html");
    assert!(!page.contains("id=\"history-h\""));
    // Its periods come from the front matter: an end not dated.
    assert!(
        plain(&page).contains("From February 10, 2025: ended on a date not recorded"),
        "{}",
        plain(&page)
    );
    let xml = read(&out, "changes/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the feed is XML");
    assert_eq!(
        doc.root_element()
            .children()
            .filter(|c| c.tag_name().name() == "entry")
            .count(),
        0
    );
    let db: Value = serde_json::from_str(&read(&out, "data/docket.json")).expect("JSON");
    assert_eq!(db["site"]["history"]["available"], false);
    assert_eq!(
        db["site"]["history"]["reason"],
        "the site is not in a git repository"
    );
    assert_eq!(db["policies"][0]["changes"], json!([]));
    assert_schema(&out);
}

/// Each policy's periods in the JSON export, by id, as `from/end` (the
/// CSV's cells), and the CSV's own cells.
fn periods(out: &Path) -> (BTreeMap<u64, Vec<String>>, BTreeMap<u64, String>) {
    let db: Value = serde_json::from_str(&read(out, "data/docket.json")).expect("JSON");
    let json = db["policies"]
        .as_array()
        .expect("policies")
        .iter()
        .map(|p| {
            let cells = p["in_force"]
                .as_array()
                .expect("periods")
                .iter()
                .map(|x| {
                    let end = match &x["end"] {
                        Value::Null => String::new(),
                        e => format!(
                            "{} ({} {})",
                            e["on"].as_str().unwrap_or("?"),
                            e["reason"].as_str().unwrap_or_default(),
                            e["status"]
                                .as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| e["policy"].to_string())
                        ),
                    };
                    format!("{}/{end}", x["from"].as_str().unwrap_or_default())
                })
                .collect();
            (p["id"].as_u64().expect("id"), cells)
        })
        .collect();
    let csv = read(out, "data/policies.csv");
    let mut rows = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = rows.next().expect("header").split(',').collect();
    let id = header.iter().position(|h| *h == "id").expect("id column");
    let col = header
        .iter()
        .position(|h| *h == "in_force")
        .expect("in_force column");
    let cells = rows
        .map(|r| {
            let cells: Vec<&str> = r.split(',').collect();
            (cells[id].parse().expect("id"), cells[col].to_string())
        })
        .collect();
    (json, cells)
}

#[test]
fn periods_in_force_of_a_lineage_in_the_data_export() {
    let site = lineage();
    let out = build(&site);
    let (json, csv) = periods(&out);
    let want: BTreeMap<u64, Vec<String>> = [
        (1, vec!["2024-02-01/2024-09-01 (superseded 2)".to_string()]),
        (2, vec!["2024-09-01/".to_string()]),
        (
            3,
            vec!["2024-03-01/2024-10-01 (status Rescinded)".to_string()],
        ),
        (
            4,
            vec![
                "2024-04-01/2024-11-01 (status Stayed)".to_string(),
                "2025-01-15/".to_string(),
            ],
        ),
    ]
    .into();
    assert_eq!(json, want);
    let want_csv: BTreeMap<u64, String> = [
        (1, "2024-02-01/2024-09-01"),
        (2, "2024-09-01/"),
        (3, "2024-03-01/2024-10-01"),
        (4, "2024-04-01/2024-11-01; 2025-01-15/"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect();
    assert_eq!(csv, want_csv);
    assert_schema(&out);

    // Without a history, the front matter alone: C and D's ends are not dated,
    // and D, whose status no longer ends force, has never left it.
    std::fs::remove_dir_all(site.join(".git")).expect("remove .git");
    let out = build(&site);
    let (json, _) = periods(&out);
    assert_eq!(json[&3], ["2024-03-01/? (status Rescinded)"]);
    assert_eq!(json[&4], ["2024-04-01/"]);
    assert_eq!(json[&1], ["2024-02-01/2024-09-01 (superseded 2)"]);
}

#[test]
fn builds_with_a_history_give_the_same_bytes() {
    let site = lifetime();
    let first = tree(&build(&site));
    // Another clone of the same commits, elsewhere, at other times: the
    // files' times and the clock are not the history.
    let other = tempfile::tempdir().expect("temp dir");
    let clone = other.path().join("clone");
    git(
        other.path(),
        &["clone", "-q", &site.path().display().to_string(), "clone"],
        "2030-01-01T00:00:00+00:00",
    );
    common::copy_tree(&site.join("themes"), &clone.join("themes"));
    let run = std::process::Command::new(common::BIN)
        .arg("--root")
        .arg(&clone)
        .arg("build")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run docket");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let second = tree(&clone.join("public"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between the builds");
    }
    // The same site built again in place.
    let again = tree(&build(&site));
    assert!(first == again, "a second build differs");
}

#[test]
fn source_date_epoch_dates_the_data_and_commits_date_it_without() {
    let site = lifetime();
    let plain_build = tree(&build(&site));
    let mut cmd = site.command(&["build"]);
    cmd.env("SOURCE_DATE_EPOCH", "1767225600"); // 2026-01-01
    site.finish(cmd.output().expect("run docket")).success();
    let out = site.join("public");
    let db: Value = serde_json::from_str(&read(&out, "data/docket.json")).expect("JSON");
    assert_eq!(db["site"]["date"], "2026-01-01");
    // Without it, the date of the data is the newest of the entries' dates
    // and of the commits that changed them: the last, 2025-06-07, when
    // policy 2 came to supersede policy 1 (the entries' newest is 2024-01-10).
    let before: Value =
        serde_json::from_str(std::str::from_utf8(&plain_build["data/docket.json"]).unwrap())
            .expect("JSON");
    assert_eq!(before["site"]["date"], "2025-06-07");
    let home = String::from_utf8_lossy(&plain_build["index.html"]).into_owned();
    assert!(
        home.contains("Data as of <time datetime=\"2025-06-07\">June 7, 2025</time>"),
        "{home}"
    );
    // The history is the same either way.
    assert_eq!(
        db["policies"][0]["changes"],
        before["policies"][0]["changes"]
    );
    assert_eq!(
        change_items(&read(&out, "policies/1/index.html"), "id=\"history-h\""),
        change_items(
            std::str::from_utf8(&plain_build["policies/1/index.html"]).unwrap(),
            "id=\"history-h\""
        )
    );
}
