use super::{attrs, BASE};
use crate::common::{tree, Fixture};

/// Every page of the site (redirects and 404.html aside) says where it
/// lives and how it previews: canonical URL, Open Graph and Twitter card.
#[test]
fn every_page_has_canonical_open_graph_and_card_meta() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let mut pages = 0;
    for (path, bytes) in tree(&out) {
        let html = String::from_utf8_lossy(&bytes);
        if !path.ends_with(".html") || path == "404.html" || html.contains("http-equiv=\"refresh\"")
        {
            continue;
        }
        pages += 1;
        let want = format!("{BASE}{}", path.strip_suffix("index.html").unwrap_or(&path));
        assert_eq!(
            attrs(&html, "rel=\"canonical\"", "href"),
            std::slice::from_ref(&want),
            "{path}"
        );
        assert_eq!(
            attrs(&html, "property=\"og:url\"", "content"),
            [want],
            "{path}"
        );
        for prop in ["og:title", "og:type", "og:site_name"] {
            let v = attrs(&html, &format!("property=\"{prop}\""), "content");
            assert!(v.len() == 1 && !v[0].is_empty(), "{path}: {prop}");
        }
        assert_eq!(
            attrs(&html, "name=\"twitter:card\"", "content"),
            ["summary"],
            "{path}"
        );
        let kind = if ["policies/", "court-actions/", "commentary/"]
            .iter()
            .any(|k| path.starts_with(k) && path.matches('/').count() == 2)
        {
            "article"
        } else {
            "website"
        };
        assert_eq!(
            attrs(&html, "property=\"og:type\"", "content"),
            [kind],
            "{path}"
        );
    }
    assert!(pages > 30, "{pages}");
}

#[test]
fn theme_settings_fill_the_preview_image_and_card() {
    let f = Fixture::new("publish/site");
    let toml = crate::common::read(f.root(), "docket.toml")
        + "\n[theme_settings]\nog_image = \"static/preview.png\"\ntwitter_site = \"@tracker\"\n";
    f.write("docket.toml", &toml);
    let out = f.build(&[]);
    let html = crate::common::read(&out, "policies/300/index.html");
    assert_eq!(
        attrs(&html, "og:image", "content"),
        [format!("{BASE}static/preview.png")]
    );
    assert_eq!(
        attrs(&html, "twitter:card", "content"),
        ["summary_large_image"]
    );
    assert_eq!(attrs(&html, "twitter:site", "content"), ["@tracker"]);
}

/// Every link and source in every page, redirects included, is relative and
/// leads to a file of the site (404.html links absolutely, by design).
#[test]
fn every_internal_link_resolves_to_a_file() {
    let f = Fixture::new("publish/site");
    let out = f.build(&["--archive"]);
    let mut checked = 0;
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        let mut links = attrs(&html, "href=", "href");
        links.extend(attrs(&html, "src=", "src"));
        links.extend(
            attrs(&html, "http-equiv=\"refresh\"", "content")
                .iter()
                .filter_map(|c| c.strip_prefix("0; url=").map(str::to_string)),
        );
        for link in links {
            if link.starts_with("https://") || link.starts_with("http://") || link.starts_with('#')
            {
                continue;
            }
            assert!(!link.starts_with('/'), "{path}: {link} is not relative");
            let target = super::resolve(&path, &link);
            assert!(
                out.join(&target).is_file(),
                "{path}: {link} leads to nothing"
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked}");
}
