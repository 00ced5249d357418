use std::process::Command;

use super::{attrs, BASE};
use crate::common::{read, Fixture};

/// The 404 page's script and where it lies in `<head>`: before every link,
/// after the `<base>` written for readers without script, if there is one.
fn script_of(html: &str) -> &str {
    let head = &html[..html.find("</head>").expect("head")];
    let script_at = head.find("<script>").expect("a script");
    assert!(
        script_at < head.find("<link").expect("links"),
        "the base is set before any link"
    );
    &html[script_at + "<script>".len()..html.find("</script>").expect("end")]
}

/// Every link of the 404 page (as a browser with script reads it: what
/// <noscript> holds is text to it) leads, from the site root, to a file.
fn assert_links_from_the_root(html: &str, out: &std::path::Path) {
    let mut read = String::new();
    for (i, part) in html.split("<noscript>").enumerate() {
        read.push_str(if i == 0 {
            part
        } else {
            part.split_once("</noscript>")
                .map_or("", |(_, after)| after)
        });
    }
    let hrefs = attrs(&read, "href=", "href");
    let internal: Vec<&String> = hrefs.iter().filter(|h| !h.starts_with('#')).collect();
    assert!(internal.len() > 10);
    for h in internal {
        assert!(
            !h.starts_with("..") && !h.starts_with('/') && !h.contains("://"),
            "{h}"
        );
        assert!(out.join(h).is_file(), "{h}");
    }
}

#[test]
fn with_a_base_url_the_404_page_uses_it_only_where_the_site_is_published() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let html = read(&out, "404.html");
    // No <base> in the markup: browsers would fetch the stylesheet from
    // the published host before the script could set another.
    assert!(!html.contains("<base href"), "the script makes the base");
    assert_links_from_the_root(&html, &out);
    // Readers without script: the published site's stylesheet and home.
    let noscript: Vec<&str> = html
        .split("<noscript>")
        .skip(1)
        .filter_map(|s| s.split("</noscript>").next())
        .collect();
    assert_eq!(noscript.len(), 2, "{noscript:?}");
    assert!(noscript[0].contains(&format!("href=\"{BASE}static/docket.css\"")));
    assert!(noscript[1].contains(&format!("href=\"{BASE}index.html\"")));
    assert!(
        attrs(&html, "rel=\"canonical\"", "href").is_empty(),
        "404.html has no address of its own"
    );
    let script = script_of(&html);
    let cases = [
        // Where the site is published: its address.
        ("https://example.org/tracker/policies/9999/", BASE),
        ("https://example.org/tracker//evil.example/x", BASE),
        // Anywhere else (on disk, under `docket serve`, a mirror): found
        // from the address, never the published host.
        (
            "file:///home/me/site/public/404.html",
            "file:///home/me/site/public/",
        ),
        (
            "http://127.0.0.1:1111/policies/12/",
            "http://127.0.0.1:1111/",
        ),
        (
            "https://mirror.example/copy/subjects/x/",
            "https://mirror.example/copy/",
        ),
        (
            "https://example.org/other/policies/1/",
            "https://example.org/other/",
        ),
    ];
    for (href, want) in cases {
        match base_for(script, href) {
            Some(got) => assert_eq!(got, want, "{href}"),
            None => return eprintln!("node is not installed: the 404 script was not run"),
        }
    }
}

/// Runs the 404 page's script in node with `location` at `href` and
/// returns the `<base href>` it sets.
fn base_for(script: &str, href: &str) -> Option<String> {
    let program = format!(
        "const u = new URL({href:?});\n\
         var location = {{ href: u.href, protocol: u.protocol, host: u.host,\n\
           pathname: u.pathname, search: u.search }};\n\
         var made = [];\n\
         var document = {{ createElement: function () {{ return {{}}; }},\n\
           querySelector: function () {{ return null; }},\n\
           head: {{ appendChild: function (e) {{ made.push(e); return e; }} }},\n\
           addEventListener: function () {{}} }};\n\
         {script}\n\
         process.stdout.write(made[0].href);\n"
    );
    let out = Command::new("node").arg("-e").arg(program).output().ok()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn without_a_base_url_the_404_page_finds_the_root_at_any_depth() {
    let f = Fixture::new("publish/site");
    let toml =
        read(f.root(), "docket.toml").replace("base_url = \"https://example.org/tracker/\"\n", "");
    f.write("docket.toml", &toml);
    let out = f.build(&[]);
    let html = read(&out, "404.html");
    assert!(!html.contains("<base href"), "the script makes the base");
    assert_links_from_the_root(&html, &out);
    let script = script_of(&html);
    let cases = [
        (
            "https://h.example/tracker/policies/9999/",
            "https://h.example/tracker/",
        ),
        (
            "https://h.example/tracker/policies/9999/index.html",
            "https://h.example/tracker/",
        ),
        ("https://h.example/policies/12/", "https://h.example/"),
        (
            "https://h.example/a/b/subjects/nothing/here/",
            "https://h.example/a/b/",
        ),
        (
            "https://h.example/old/policy-100.html",
            "https://h.example/",
        ),
        (
            "file:///home/me/site/public/404.html",
            "file:///home/me/site/public/",
        ),
        (
            "https://h.example/nothing-known/at/all",
            "https://h.example/",
        ),
        (
            "http://localhost:1111/policies/9/",
            "http://localhost:1111/",
        ),
        // An address whose path starts with `//` names no other host: the
        // base stays on this one.
        (
            "https://h.example//evil.example/policies/x",
            "https://h.example/evil.example/",
        ),
        (
            "https://h.example///evil.example//policies/x",
            "https://h.example/evil.example/",
        ),
        (
            "https://h.example/\\\\evil.example/policies/x",
            "https://h.example/evil.example/",
        ),
        (
            "https://h.example//evil.example/404.html",
            "https://h.example/evil.example/",
        ),
        (
            "https://h.example/https://evil.example/policies/x",
            "https://h.example/https:/evil.example/",
        ),
    ];
    for (href, want) in cases {
        match base_for(script, href) {
            Some(got) => assert_eq!(got, want, "{href}"),
            None => return eprintln!("node is not installed: the 404 script was not run"),
        }
    }
}
