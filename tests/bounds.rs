//! The output of a build grows linearly with its content, whatever the
//! shape of the relations: a chain of supersession 2,000 long, a policy
//! superseding 2,000 others, an order 2,000 policies implement and a case
//! of 2,000 filings each cost about as much per entry as their tenth, and
//! under a fixed bound. (A chain once cost every page of it a picture of
//! the whole chain: 394 MB for a chain of 1,000.)
//!
//! Sites of minimal entries, built by the real binary.

mod common;

use std::path::Path;

use common::Site;

/// Bytes per entry no shape may exceed (minimal entries cost about 20 KB:
/// the page, its JSON and feed, its share of lists, search and sitemap).
const BOUND: u64 = 32 * 1024;

const CONFIG: &str = r#"title = "Shapes"
base_url = "https://example.org/"
[vocabulary]
administrations = ["A"]
statuses = ["S"]
actions = ["R"]
current_statuses = ["C"]
subjects = ["X"]
agencies = ["G"]
filings = ["Complaint", "Ruling"]
"#;

/// A date for entry `i`: one a day from 2000 on, so that lists and
/// supersessions run in date order.
fn date(i: usize) -> String {
    let d = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(i as u64);
    d.format("%Y-%m-%d").to_string()
}

fn policy(i: usize, relations: &str) -> String {
    format!(
        "+++\nid = {i}\ntitle = \"Policy {i}\"\nadministration = \"A\"\nannounced = {}\nstatus = [\"S\"]\naction = \"R\"\nsubjects = [\"X\"]\nagencies = [\"G\"]\n{relations}+++\nPolicy {i}.\n",
        date(i)
    )
}

fn filing(i: usize) -> String {
    format!(
        "+++\nid = {i}\ntitle = \"Filing {i}\"\ndate = {}\ncase = \"A v. B\"\ndocket = \"1:00-cv-00001\"\ncourt = \"D.D.C.\"\nfiling = \"{}\"\nchallenges = [1]\n+++\nFiling {i}.\n",
        date(i),
        if i == 1 { "Complaint" } else { "Ruling" }
    )
}

/// A site of `n` policies whose relations `relations(i)` gives, and
/// `filings` court actions in one case.
fn site(n: usize, filings: usize, relations: impl Fn(usize) -> String) -> Site {
    let site = Site::empty();
    site.write("docket.toml", CONFIG);
    common::copy_tree(&common::repo().join("themes"), &site.join("themes"));
    for i in 1..=n {
        site.write(
            &format!("content/policies/{i}.md"),
            &policy(i, &relations(i)),
        );
    }
    for i in 1..=filings {
        site.write(&format!("content/court-actions/{i}.md"), &filing(i));
    }
    site
}

fn size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                size(&e.path())
            } else {
                meta.len()
            }
        })
        .sum()
}

/// Bytes of the built site per entry.
fn per_entry(site: &Site, entries: usize) -> u64 {
    let run = site.run(&["build", "--output", "public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    size(&site.join("public")) / entries as u64
}

/// Builds the shape at a tenth of its size and whole, and holds the cost
/// per entry of the whole to 1.5 times the tenth's and to [`BOUND`].
#[track_caller]
fn flat(name: &str, build: impl Fn(usize) -> (Site, usize)) {
    let (small, n) = build(200);
    let small = per_entry(&small, n);
    let (large, n) = build(2000);
    let large = per_entry(&large, n);
    eprintln!("{name}: {small} bytes per entry at 200, {large} at 2,000");
    assert!(
        large * 2 <= small * 3,
        "{name}: {large} bytes per entry at 2,000, {small} at 200"
    );
    assert!(large <= BOUND, "{name}: {large} bytes per entry");
}

#[test]
fn a_long_chain_of_supersession_costs_the_same_per_policy() {
    flat("chain", |n| {
        let s = site(n, 0, |i| {
            if i > 1 {
                format!("supersedes = [{}]\n", i - 1)
            } else {
                String::new()
            }
        });
        (s, n)
    });
}

#[test]
fn a_policy_superseding_thousands_costs_the_same_per_policy() {
    flat("supersedes star", |n| {
        let all: Vec<String> = (1..n).map(|i| i.to_string()).collect();
        let s = site(n, 0, |i| {
            if i == n {
                format!("supersedes = [{}]\n", all.join(", "))
            } else {
                String::new()
            }
        });
        (s, n)
    });
}

#[test]
fn an_order_implemented_by_thousands_costs_the_same_per_policy() {
    flat("implements star", |n| {
        let s = site(n, 0, |i| {
            if i > 1 {
                "implements = [1]\n".to_string()
            } else {
                String::new()
            }
        });
        (s, n)
    });
}

#[test]
fn a_case_of_thousands_of_filings_costs_the_same_per_filing() {
    flat("case", |n| (site(1, n, |_| String::new()), n + 1));
}
