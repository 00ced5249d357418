use std::collections::BTreeSet;

use super::{file_of, BASE};
use crate::common::{read, tree, Fixture};

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

#[test]
fn the_sitemap_lists_every_page_once_with_its_last_change() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let xml = read(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is XML");
    let urlset = doc.root_element();
    assert_eq!(urlset.tag_name().name(), "urlset");
    assert_eq!(urlset.tag_name().namespace(), Some(NS));
    let mut listed = BTreeSet::new();
    let mut lastmods = std::collections::BTreeMap::new();
    for url in urlset.children().filter(roxmltree::Node::is_element) {
        assert_eq!(url.tag_name().name(), "url");
        assert_eq!(url.tag_name().namespace(), Some(NS));
        let loc = url
            .children()
            .find(|c| c.tag_name().name() == "loc")
            .and_then(|c| c.text())
            .expect("every <url> has a <loc>");
        assert!(loc.starts_with(BASE), "{loc}");
        assert!(loc.len() < 2048);
        let file = file_of(loc);
        assert!(out.join(&file).is_file(), "{loc} is not a page");
        assert!(listed.insert(file.clone()), "{loc} is listed twice");
        if let Some(m) = url.children().find(|c| c.tag_name().name() == "lastmod") {
            let m = m.text().unwrap_or_default();
            assert!(
                chrono::NaiveDate::parse_from_str(m, "%Y-%m-%d").is_ok(),
                "{m}"
            );
            lastmods.insert(file, m.to_string());
        }
    }
    // Every HTML page but 404.html and the redirects of aliases.
    let pages: BTreeSet<String> = tree(&out)
        .into_iter()
        .filter(|(p, bytes)| {
            p.ends_with(".html")
                && p != "404.html"
                && !String::from_utf8_lossy(bytes).contains("http-equiv=\"refresh\"")
        })
        .map(|(p, _)| p)
        .collect();
    assert_eq!(listed, pages);
    // lastmod: `updated`, else the entry's date; lists: their newest entry.
    for (file, want) in [
        ("policies/300/index.html", "2025-10-14"),
        ("policies/400/index.html", "2025-03-12"),
        ("court-actions/3/index.html", "2025-12-01"),
        ("commentary/1/index.html", "2025-03-03"),
        ("policies/index.html", "2025-10-14"),
        ("index.html", "2025-12-01"),
        ("subjects/border/index.html", "2025-06-01"),
    ] {
        assert_eq!(lastmods.get(file).map(String::as_str), Some(want), "{file}");
    }
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let robots = read(&out, "robots.txt");
    assert!(robots.starts_with("User-agent: *\n"), "{robots}");
    assert!(
        robots.contains(&format!("\nSitemap: {BASE}sitemap.xml\n")),
        "{robots}"
    );
}
