use std::process::Command;

use crate::common::{read, Fixture};
use crate::{attrs, BASE};

#[test]
fn with_a_base_url_the_404_page_links_absolutely() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let html = read(&out, "404.html");
    assert!(!html.contains("<script"), "no script is needed");
    let hrefs = attrs(&html, "href=", "href");
    let internal: Vec<&String> = hrefs.iter().filter(|h| !h.starts_with('#')).collect();
    assert!(internal.len() > 10);
    for h in internal {
        assert!(h.starts_with(BASE), "{h}");
        assert!(out.join(crate::file_of(h)).is_file(), "{h}");
    }
    assert!(
        attrs(&html, "rel=\"canonical\"", "href").is_empty(),
        "404.html has no address of its own"
    );
}

/// Runs the 404 page's script in node with `location.pathname` set and
/// returns the `<base href>` it sets.
fn base_for(script: &str, pathname: &str) -> Option<String> {
    let program = format!(
        "var location = {{ pathname: {pathname:?}, search: '' }};\n\
         var made = [];\n\
         var document = {{ createElement: function () {{ return {{}}; }},\n\
           head: {{ appendChild: function (e) {{ made.push(e); }} }},\n\
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
    // Links relative to the site root, which the <base> set by the script
    // (first thing in <head>, before any link) points at.
    let head = &html[..html.find("</head>").expect("head")];
    let script_at = head.find("<script>").expect("a script");
    assert!(
        script_at < head.find("<link").expect("links"),
        "the base comes before every link"
    );
    for h in attrs(&html, "href=", "href")
        .iter()
        .filter(|h| !h.starts_with('#'))
    {
        assert!(
            !h.starts_with("..") && !h.starts_with('/') && !h.contains("://"),
            "{h}"
        );
        assert!(out.join(h).is_file(), "{h}");
    }
    let script = &html[script_at + "<script>".len()..html.find("</script>").expect("end")];
    let cases = [
        ("/tracker/policies/9999/", "/tracker/"),
        ("/tracker/policies/9999/index.html", "/tracker/"),
        ("/policies/12/", "/"),
        ("/a/b/subjects/nothing/here/", "/a/b/"),
        ("/old/policy-100.html", "/"),
        ("/home/me/site/public/404.html", "/home/me/site/public/"),
        ("/nothing-known/at/all", "/"),
    ];
    for (path, want) in cases {
        match base_for(script, path) {
            Some(got) => assert_eq!(got, want, "{path}"),
            None => {
                eprintln!("node is not installed: the 404 script was not run");
                return;
            }
        }
    }
}
