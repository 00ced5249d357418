//! The output of a build grows linearly with its content, whatever the
//! shape of the relations: a chain of supersession 2,000 long, a policy
//! superseding 2,000 others, an order 2,000 policies implement and a case
//! of 2,000 filings each cost about as much per entry as their tenth, and
//! under a fixed bound; so do a chain and a star of a relation declared
//! with `lineage = true`, which make lineages as supersession does. (A chain once cost every page of it a picture of
//! the whole chain: 394 MB for a chain of 1,000.)
//!
//! Sites of minimal entries, built by the real binary.

use crate::common;

use std::path::Path;

use common::shapes::site;
use common::Site;

/// Bytes per entry no shape may exceed (minimal entries cost about 20 KB:
/// the page, its JSON and feed, its share of lists, search and sitemap).
const BOUND: u64 = 32 * 1024;

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

/// `shape` of a relation declared with `lineage = true`.
fn declared(n: usize, relations: impl Fn(usize) -> String) -> Site {
    let s = site(n, 0, relations);
    s.write(
        "docket.toml",
        &format!(
            "{}\n[relations.continues]\ninverse = \"Continued by\"\nlineage = true\n",
            common::shapes::CONFIG
        ),
    );
    s
}

#[test]
fn a_long_chain_of_a_lineage_relation_costs_the_same_per_policy() {
    flat("continues chain", |n| {
        let s = declared(n, |i| {
            if i > 1 {
                format!("continues = [{}]\n", i - 1)
            } else {
                String::new()
            }
        });
        (s, n)
    });
}

#[test]
fn a_policy_continuing_thousands_costs_the_same_per_policy() {
    flat("continues star", |n| {
        let all: Vec<String> = (1..n).map(|i| i.to_string()).collect();
        let s = declared(n, |i| {
            if i == n {
                format!("continues = [{}]\n", all.join(", "))
            } else {
                String::new()
            }
        });
        (s, n)
    });
}
