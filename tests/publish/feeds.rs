use std::collections::BTreeSet;

use super::{attrs, file_of, resolve, BASE};
use crate::common::{read, tree, Fixture};

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children()
        .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
}

fn text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    child(node, name)
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

fn link<'a>(node: roxmltree::Node<'a, 'a>, rel: &str) -> Option<&'a str> {
    node.children()
        .filter(|c| c.tag_name().name() == "link")
        .find(|c| c.attribute("rel").unwrap_or("alternate") == rel)
        .and_then(|c| c.attribute("href"))
}

/// An RFC 3339 timestamp as docket writes them.
fn is_timestamp(s: &str) -> bool {
    s.len() == 20
        && s.ends_with("T00:00:00Z")
        && chrono::NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").is_ok()
}

/// Checks one feed against the rules of RFC 4287 that readers rely on and
/// returns its entries' ids in order.
fn check_feed(out: &std::path::Path, path: &str) -> Vec<String> {
    let xml = read(out, path);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path}: {e}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed", "{path}");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM), "{path}");
    let self_url = link(feed, "self").unwrap_or_else(|| panic!("{path}: no self link"));
    assert_eq!(self_url, format!("{BASE}{path}"), "{path}");
    assert_eq!(text(feed, "id"), self_url);
    assert!(!text(feed, "title").is_empty());
    let updated = text(feed, "updated");
    assert!(is_timestamp(updated), "{path}: {updated}");
    let page = link(feed, "alternate").expect("alternate link");
    assert!(out.join(file_of(page)).is_file(), "{path}: {page}");
    assert!(
        child(feed, "author")
            .and_then(|a| child(a, "name"))
            .is_some(),
        "{path}: no author"
    );
    let mut ids = Vec::new();
    let mut last: Option<String> = None;
    for entry in feed.children().filter(|c| c.tag_name().name() == "entry") {
        let id = text(entry, "id").to_string();
        let alt = link(entry, "alternate").expect("entry link");
        assert_eq!(alt, id, "{path}");
        assert!(
            out.join(file_of(alt)).is_file(),
            "{path}: {alt} is not a page"
        );
        assert!(!text(entry, "title").is_empty());
        let u = text(entry, "updated").to_string();
        assert!(
            is_timestamp(&u) && is_timestamp(text(entry, "published")),
            "{path}"
        );
        assert!(
            text(entry, "published") <= u.as_str(),
            "{path}: published after updated"
        );
        if let Some(prev) = &last {
            assert!(prev >= &u, "{path}: {id} is out of order");
        }
        assert!(updated >= u.as_str(), "{path}: feed older than its entry");
        last = Some(u);
        let content = child(entry, "content").expect("content");
        assert_eq!(content.attribute("type"), Some("html"));
        assert_eq!(
            content.attribute(("http://www.w3.org/XML/1998/namespace", "base")),
            Some(id.as_str())
        );
        ids.push(id);
    }
    let unique: BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{path}: an entry appears twice");
    ids
}

#[test]
fn every_feed_is_valid_atom_with_absolute_urls_newest_first() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let feeds: Vec<String> = tree(&out)
        .into_keys()
        .filter(|p| p.ends_with("feed.xml"))
        .collect();
    // The site, 4 subjects, 5 agencies in use, 4 policies, the changes.
    assert_eq!(feeds.len(), 1 + 4 + 5 + 4 + 1, "{feeds:?}");
    for path in &feeds {
        check_feed(&out, path);
    }
    // The site feed: every entry, by last change (updated, else date).
    let site = check_feed(&out, "feed.xml");
    let want: Vec<String> = [
        "court-actions/3/", // updated 2025-12-01
        "court-actions/2/", // 2025-11-07
        "court-actions/1/", // 2025-10-14, dated that day
        "policies/300/",    // updated 2025-10-14, dated earlier
        "policies/200/",    // updated 2025-06-01
        "commentary/2/",
        "policies/400/",
        "commentary/1/",
        "policies/100/",
    ]
    .iter()
    .map(|p| format!("{BASE}{p}"))
    .collect();
    assert_eq!(site, want);
}

#[test]
fn a_policy_feed_holds_its_developments_and_terms_their_policies() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let ids = check_feed(&out, "policies/300/feed.xml");
    assert_eq!(
        ids,
        ["court-actions/2/", "court-actions/1/", "commentary/1/"].map(|p| format!("{BASE}{p}"))
    );
    // A policy without developments still has a valid, empty feed.
    assert!(check_feed(&out, "policies/100/feed.xml").is_empty());
    let ids = check_feed(&out, "agencies/uscis/feed.xml");
    assert_eq!(
        ids,
        ["policies/300/", "policies/400/"].map(|p| format!("{BASE}{p}"))
    );
    let ids = check_feed(&out, "subjects/border/feed.xml");
    assert_eq!(
        ids,
        ["policies/200/", "policies/400/"].map(|p| format!("{BASE}{p}"))
    );
}

#[test]
fn pages_link_the_feeds_they_belong_to() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    for (page, want) in [
        ("index.html", vec!["feed.xml"]),
        // The policy's own feed twice: in the head and as the visible
        // "Follow this policy" link.
        (
            "policies/300/index.html",
            vec!["feed.xml", "policies/300/feed.xml", "policies/300/feed.xml"],
        ),
        (
            "subjects/border/index.html",
            vec!["feed.xml", "subjects/border/feed.xml"],
        ),
        (
            "agencies/ice/index.html",
            vec!["feed.xml", "agencies/ice/feed.xml"],
        ),
        ("statuses/proposed/index.html", vec!["feed.xml"]),
        ("court-actions/1/index.html", vec!["feed.xml"]),
    ] {
        let html = read(&out, page);
        let hrefs: Vec<String> = attrs(&html, "application/atom+xml", "href")
            .iter()
            .map(|h| resolve(page, h))
            .collect();
        assert_eq!(hrefs, want, "{page}");
        for h in hrefs {
            assert!(out.join(&h).is_file(), "{page} links {h}");
        }
    }
}

#[test]
fn without_base_url_no_feed_or_sitemap_is_written_and_build_says_so() {
    let f = Fixture::new("publish/site");
    let toml =
        read(f.root(), "docket.toml").replace("base_url = \"https://example.org/tracker/\"\n", "");
    f.write("docket.toml", &toml);
    let run = f.run(&["build"]).ok();
    assert!(run.stderr.contains("no base_url"), "{}", run.stderr);
    let out = f.root().join("public");
    let files = tree(&out);
    assert!(!files
        .keys()
        .any(|p| p.ends_with("feed.xml") || p.starts_with("sitemap")));
    assert!(!read(&out, "index.html").contains("application/atom+xml"));
    assert!(!read(&out, "index.html").contains("rel=\"canonical\""));
    let robots = read(&out, "robots.txt");
    assert!(!robots.contains("Sitemap:"), "{robots}");
    // --base-url gives them back.
    f.run(&["build", "--base-url", "https://mirror.example.net/t"])
        .ok();
    let feed = read(&out, "feed.xml");
    assert!(
        feed.contains("<id>https://mirror.example.net/t/feed.xml</id>"),
        "{feed}"
    );
}

#[test]
fn policy_feeds_false_writes_no_policy_feed_and_links_none() {
    let f = Fixture::new("publish/site");
    let toml = read(f.root(), "docket.toml");
    f.write("docket.toml", &format!("policy_feeds = false\n{toml}"));
    let out = f.build(&[]);
    let files = tree(&out);
    let feeds: Vec<&String> = files.keys().filter(|p| p.ends_with("feed.xml")).collect();
    assert!(
        !feeds.iter().any(|p| p.starts_with("policies/")),
        "{feeds:?}"
    );
    // The site's feed and the terms' are still written and linked.
    assert!(feeds.iter().any(|p| *p == "feed.xml"), "{feeds:?}");
    assert!(
        feeds.iter().any(|p| *p == "subjects/border/feed.xml"),
        "{feeds:?}"
    );
    // No page links a feed that is not there.
    for page in files
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
    {
        let html = read(&out, page);
        for href in attrs(&html, "application/atom+xml", "href") {
            let target = resolve(page, &href);
            assert!(files.contains_key(&target), "{page} links {target}");
        }
    }
    let page = "policies/300/index.html";
    let html = read(&out, page);
    let hrefs: Vec<String> = attrs(&html, "application/atom+xml", "href")
        .iter()
        .map(|h| resolve(page, h))
        .collect();
    assert_eq!(hrefs, ["feed.xml"], "{page}");
    assert!(!html.contains("Follow this policy"), "{html}");
    let download = read(&out, "download/index.html");
    assert!(
        download.contains("Each subject and agency has a feed of its own"),
        "{download}"
    );
    // On by default: the same site without the setting has them.
    f.write("docket.toml", &toml);
    let out = f.build(&[]);
    assert!(out.join("policies/300/feed.xml").is_file());
    assert!(read(&out, page).contains("Follow this policy"));
    assert!(read(&out, "download/index.html")
        .contains("Each policy, subject and agency has a feed of its own"));
}

/// Python's feedparser, what many feed readers are built on, reads every
/// feed without an error (run only where it is installed).
#[test]
fn feedparser_reads_every_feed_without_error() {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import feedparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("python3 with feedparser is not installed: skipped");
        return;
    }
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let script = "import feedparser, sys\n\
        bad = [(p, str(d.bozo_exception)) for p in sys.argv[1:] for d in [feedparser.parse(p)] if d.bozo]\n\
        print(bad)\nsys.exit(1 if bad else 0)\n";
    let feeds: Vec<std::path::PathBuf> = tree(&out)
        .into_keys()
        .filter(|p| p.ends_with("feed.xml"))
        .map(|p| out.join(p))
        .collect();
    let run = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(&feeds)
        .output()
        .expect("python3 runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
}
