use serde_json::Value;

use super::{attrs, resolve, BASE};
use crate::common::{read, Fixture};

/// Follows the redirect page at `alias`: where its refresh, its canonical
/// link and its plain link lead.
fn follow(out: &std::path::Path, alias: &str) -> (String, String, String) {
    let html = read(out, alias);
    let refresh = attrs(&html, "http-equiv=\"refresh\"", "content");
    let to = refresh[0]
        .strip_prefix("0; url=")
        .expect("an immediate refresh");
    let canonical = attrs(&html, "rel=\"canonical\"", "href").remove(0);
    let link = attrs(&html, "a href", "href").remove(0);
    (resolve(alias, to), canonical, resolve(alias, &link))
}

#[test]
fn every_alias_redirects_to_its_entry() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let db: Value = serde_json::from_str(&read(&out, "data/docket.json")).expect("json");
    let mut seen = 0;
    for list in ["policies", "court_actions", "commentary"] {
        for entry in db[list].as_array().expect("list") {
            let page = entry["page"].as_str().expect("page");
            for alias in entry["aliases"].as_array().expect("aliases") {
                let alias = alias.as_str().expect("alias");
                let (to, canonical, link) = follow(&out, alias);
                assert_eq!(to, page, "{alias}");
                assert_eq!(link, page, "{alias}");
                assert!(out.join(&to).is_file());
                assert_eq!(canonical, entry["page_url"], "{alias}");
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 4);
    // As written: a page, a folder, a folder with a leading slash.
    for alias in [
        "old/policy-100.html",
        "policies/old-300/index.html",
        "p/300/index.html",
        "court/1/index.html",
    ] {
        assert!(out.join(alias).is_file(), "{alias}");
    }
    let (to, canonical, _) = follow(&out, "p/300/index.html");
    assert_eq!(to, "policies/300/index.html");
    assert_eq!(canonical, format!("{BASE}policies/300/"));
}

/// Runs `check --format json` and returns (code, file, line) of each problem.
fn problems(f: &Fixture) -> Vec<(String, String, u64)> {
    let run = f.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    run.stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            (
                v["code"].as_str().unwrap_or_default().to_string(),
                v["file"].as_str().unwrap_or_default().to_string(),
                v["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn check_reports_aliases_that_collide_at_the_alias() {
    let f = Fixture::new("publish/site");
    // A real page, a generated file's folder, and another entry's alias.
    let c = read(f.root(), "content/commentary/1-alert.md").replace(
        "about = [300]",
        "about = [300]\naliases = [\"policies/100/\", \"feed.xml/\", \"p/300\"]",
    );
    f.write("content/commentary/1-alert.md", &c);
    let found = problems(&f);
    let file = "content/commentary/1-alert.md".to_string();
    assert_eq!(
        found,
        vec![
            ("E-alias-collision".to_string(), file.clone(), 8),
            ("E-alias-collision".to_string(), file.clone(), 8),
            ("E-alias-collision".to_string(), file, 8),
        ]
    );
    let human = f.run(&["check"]).stderr;
    assert!(human.contains("alias policies/100/index.html would replace the file policies/100/index.html of the site"), "{human}");
    assert!(
        human.contains("alias p/300/index.html is claimed by two entries"),
        "{human}"
    );
    assert!(human.contains("first claimed here"), "{human}");
}

#[test]
fn check_reports_an_alias_that_is_not_a_path() {
    let f = Fixture::new("publish/site");
    let c = read(f.root(), "content/commentary/2-analysis.md").replace(
        "about = [200, 400]",
        "about = [200, 400]\naliases = [\"../outside/\", \"https://example.org/x/\"]",
    );
    f.write("content/commentary/2-analysis.md", &c);
    let found = problems(&f);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found
        .iter()
        .all(|(code, file, line)| code == "E-invalid-alias"
            && file.ends_with("2-analysis.md")
            && *line == 7));
}
