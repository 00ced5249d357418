//! Links in entry bodies: by kind and id (`policy:1400`), to other entry
//! files (`../1400-eo.md`) and to documents, rewritten into relative links
//! that resolve in the built site; broken ones reported at their line.

use crate::common;

use std::path::Path;

use common::Site;

/// Every `href="…"` and `src="…"` value of an HTML page.
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                // Attribute values are HTML-escaped (Tera writes `/` as `&#x2F;`).
                out.push(
                    rest[..end]
                        .replace("&#x2F;", "/")
                        .replace("&#x27;", "'")
                        .replace("&quot;", "\"")
                        .replace("&amp;", "&"),
                );
                rest = &rest[end..];
            }
        }
    }
    out
}

/// Whether `url` is a link into the site (not to the web, mail or the page itself).
fn internal(url: &str) -> bool {
    !(url.starts_with("http://")
        || url.starts_with("https://")
        || url.starts_with("mailto:")
        || url.starts_with("tel:")
        || url.starts_with('#'))
}

/// Asserts that every internal link of every page is relative and leads to a file.
fn assert_links_resolve(public: &Path) {
    let mut pages = 0;
    for entry in walk(public) {
        if entry.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(&entry).expect("page");
        let dir = entry.parent().expect("a folder");
        for url in urls(&html).into_iter().filter(|u| internal(u)) {
            assert!(
                !url.starts_with('/'),
                "{}: absolute link {url}",
                entry.display()
            );
            let path = url.split(['#', '?']).next().unwrap_or("");
            let target = dir.join(percent_decode(path));
            assert!(
                target.is_file(),
                "{}: {url} does not lead to a file",
                entry.display()
            );
        }
    }
    assert!(pages > 0);
}

/// `%XX` decoded, as a browser does before it opens a file.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match (b[i], s.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))) {
            (b'%', Some(Ok(v))) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("UTF-8 after decoding")
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn links_by_id_and_by_file_become_relative_links() {
    let site = Site::fixture("links/site");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let page = site.read("public/policies/1491/index.html");
    for expected in [
        "href=\"../../policies/1400/index.html\"",
        "href=\"../../policies/1400/index.html#user-content-background\"",
        "href=\"../../court-actions/1/index.html\"",
        "href=\"../../commentary/1/index.html#user-content-pointers\"",
        "href=\"../../documents/memos/directive.pdf\"",
        "src=\"../../documents/chart.png\"",
        "href=\"https://www.ice.gov/\"",
        "href=\"mailto:a@example.org\"",
        "href=\"#top\"",
    ] {
        assert!(page.contains(expected), "{expected} not in {page}");
    }
    assert!(!page.contains("policy:"), "{page}");
    assert!(!page.contains(".md"), "{page}");

    let eo = site.read("public/policies/1400/index.html");
    assert!(
        eo.contains("href=\"../../policies/1491/index.html\""),
        "{eo}"
    );
    let complaint = site.read("public/court-actions/1/index.html");
    assert!(complaint.contains("href=\"../../policies/1491/index.html\""));
    assert!(complaint.contains("href=\"../../commentary/1/index.html\""));
    let alert = site.read("public/commentary/1/index.html");
    assert!(alert.contains("href=\"../../court-actions/1/index.html\""));

    assert_links_resolve(&site.join("public"));
}

#[test]
fn broken_links_are_reported_at_their_line() {
    let site = Site::fixture("links/site");
    // A byte order mark and CRLF line endings must not shift the lines.
    let text = "\u{feff}+++\r\nid = 2\r\ntitle = \"Memo\"\r\nadministration = \"Trump 2.0\"\r\n\
        announced = 2025-01-20\r\nstatus = [\"Final/Actual\"]\r\naction = \"Rule\"\r\n\
        subjects = [\"Border\"]\r\nagencies = [\"CBP\"]\r\nimplements = [1400]\r\n+++\r\n\
        First [fine](policy:1400).\r\n\r\n\
        Then [gone](policy:1419), [no case](court-action:2)\r\n\
        and [a file](1401-eo.md).\r\n\r\n\
        | table | cell |\r\n|---|---|\r\n| x | [doc](../documents/none.pdf) |\r\n\r\n\
        [ref]: commentary:7\r\n\r\nBy [reference][ref], at last.\r\n\r\n\
        [case](../Documents/memos/directive.pdf), [picture](../images/chart.png), [config](../../docket.toml).\r\n";
    site.write("content/policies/2-memo.md", text);
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let found: Vec<(String, u64, u64)> = run
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
            assert_eq!(v["code"], "E-broken-link", "{l}");
            assert_eq!(v["file"], "content/policies/2-memo.md", "{l}");
            (
                v["message"].as_str().unwrap_or_default().to_string(),
                v["line"].as_u64().unwrap_or_default(),
                v["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    let expected = [
        ("link to policy 1419, which does not exist", 14, 6),
        ("link to court-action 2, which does not exist", 14, 27),
        (
            "link to content/policies/1401-eo.md, which is not an entry of this site",
            15,
            5,
        ),
        (
            "link to content/documents/none.pdf, which does not exist",
            19,
            7,
        ),
        ("link to commentary 7, which does not exist", 23, 4),
        (
            "link to content/Documents/memos/directive.pdf, which is not part of the published site",
            25,
            1,
        ),
        (
            "link to content/images/chart.png, which is not part of the published site",
            25,
            43,
        ),
        (
            "link to docket.toml, which is not part of the published site",
            25,
            75,
        ),
    ];
    let expected: Vec<(String, u64, u64)> = expected
        .iter()
        .map(|(m, l, c)| (m.to_string(), *l, *c))
        .collect();
    assert_eq!(found, expected);
    // `check` makes no HTML of the bodies; `build`, which does, finds the
    // same links.
    let built = site.run(&["build", "--format", "json"]);
    assert_eq!(built.code, 1, "{built:#?}");
    assert_eq!(built.stdout, run.stdout);

    let human = site.run(&["check"]);
    assert!(
        human
            .stderr
            .contains("did you mean policy:1491, \"Directive 11005.4\"?"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("did you mean 1400-eo-14159.md?"),
        "{}",
        human.stderr
    );
    assert!(
        human
            .stderr
            .contains("did you mean ../documents/memos/directive.pdf?"),
        "{}",
        human.stderr
    );
}

#[test]
fn links_to_drafts_say_so() {
    let site = Site::fixture("links/site");
    site.write(
        "content/policies/3-draft.md",
        "+++\nid = 3\ntitle = \"Draft\"\nadministration = \"Trump 2.0\"\nannounced = 2025-01-20\n\
         status = [\"Proposed\"]\naction = \"Rule\"\nsubjects = [\"Border\"]\nagencies = [\"CBP\"]\n\
         implements = [1400]\ndraft = true\n+++\nA draft.\n",
    );
    site.write(
        "content/commentary/2-note.md",
        "+++\nid = 2\ntitle = \"Note\"\ndate = 2025-03-03\nsource = \"X\"\nabout = [1400]\n+++\n\
         See [the draft](policy:3) and [its file](../policies/3-draft.md).\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stdout
            .contains("\"message\":\"policy 3 is a draft and is not part of this build\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("which is a draft or has errors"),
        "{}",
        run.stdout
    );
    let run = site.run(&["check", "--drafts"]);
    assert_eq!(run.code, 0, "{run:#?}");
}

/// Documents whose names hold `#`, `?`, a space or a letter beyond ASCII:
/// every link to them is percent-encoded and opens the file, and a body may
/// link to them percent-encoded.
#[test]
fn document_names_are_percent_encoded_in_links() {
    let site = Site::fixture("links/site");
    for name in ["a#1.pdf", "why?.pdf", "a b.pdf", "Régularisation.pdf"] {
        site.write(&format!("content/documents/{name}"), name);
    }
    site.write(
        "content/commentary/2-files.md",
        "+++\nid = 2\ntitle = \"Files\"\ndate = 2025-03-04\nsource = \"X\"\nabout = [1400]\n\n\
         [[documents]]\ntitle = \"Hash\"\nfile = \"a#1.pdf\"\n\n\
         [[documents]]\ntitle = \"Question\"\nfile = \"why?.pdf\"\n+++\n\
         [Space](../documents/a%20b.pdf), [accent](../documents/R%C3%A9gularisation.pdf#page=2),\n\
         [hash](../documents/a%231.pdf), [question](<../documents/why%3F.pdf?download=1>).\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let page = site.read("public/commentary/2/index.html");
    for expected in [
        "href=\"../../documents/a%231.pdf\"",
        "href=\"../../documents/why%3F.pdf\"",
        "href=\"../../documents/a%20b.pdf\"",
        "href=\"../../documents/R%C3%A9gularisation.pdf#page=2\"",
        "href=\"../../documents/why%3F.pdf?download=1\"",
    ] {
        assert!(page.contains(expected), "{expected} not in {page}");
    }
    assert_links_resolve(&site.join("public"));
}

/// A link the way a file name is written in a folder (`why?.pdf`, where
/// `?` starts a query) is reported, and the advice, encoded, works.
#[test]
fn the_advice_for_a_link_to_a_document_is_a_link_that_works() {
    let site = Site::fixture("links/site");
    site.write("content/documents/why?.pdf", "?");
    let entry =
        "+++\nid = 2\ntitle = \"Files\"\ndate = 2025-03-04\nsource = \"X\"\nabout = [1400]\n+++\n";
    site.write(
        "content/commentary/2-files.md",
        &format!("{entry}[question](../documents/why?.pdf)\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("did you mean ../documents/why%3F.pdf?"),
        "{}",
        run.stderr
    );
    site.write(
        "content/commentary/2-files.md",
        &format!("{entry}[question](../documents/why%3F.pdf)\n"),
    );
    site.run(&["build"]).ok();
    assert!(site
        .read("public/commentary/2/index.html")
        .contains("href=\"../../documents/why%3F.pdf\""));
}

/// A court and docket number of ~160 characters and a vocabulary value of
/// ~300: `check` accepts them, so `build` must write them, under names the
/// file system takes, with every link leading to its page.
#[test]
fn long_names_build_into_short_folders() {
    let site = Site::fixture("links/site");
    let docket = format!("1:25-cv-{}", "0123456789".repeat(15));
    let subject = "A very long subject ".repeat(15);
    let subject = subject.trim();
    site.write(
        "docket.toml",
        &site.read("docket.toml").replace(
            "subjects = [\"Border\"",
            &format!("subjects = [\"{subject}\", \"Border\""),
        ),
    );
    site.write(
        "content/court-actions/1-complaint.md",
        &site
            .read("content/court-actions/1-complaint.md")
            .replace("\"1:25-cv-00001\"", &format!("\"{docket}\"")),
    );
    site.write(
        "content/policies/1400-eo-14159.md",
        &site.read("content/policies/1400-eo-14159.md").replace(
            "subjects = [\"Interior Enforcement\"]",
            &format!("subjects = [\"{subject}\"]"),
        ),
    );
    site.run(&["check"]).ok();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    for e in walkdir::WalkDir::new(site.join("public")) {
        let e = e.expect("entry");
        assert!(
            e.file_name().len() <= 110,
            "{} is too long",
            e.path().display()
        );
    }
    let eo = site.read("public/policies/1400/index.html");
    assert!(eo.contains(subject), "the subject is shown in full");
    assert_links_resolve(&site.join("public"));
    // The same names from one build to the next.
    let before = site.tree("public");
    site.run(&["build"]).ok();
    assert_eq!(site.tree("public"), before);
}

#[test]
fn links_to_a_heading_or_note_that_is_not_there_are_warned_of() {
    let site = Site::example();
    let front = |id: u32, title: &str| {
        format!("+++\nid = {id}\ntitle = \"{title}\"\ndate = 2025-04-0{id}\nsource = \"Us\"\nabout = [1491]\n+++\n")
    };
    site.write(
        "content/commentary/2-target.md",
        &format!(
            "{}## Relief sought\n\nAn injunction.[^n]\n\n[^n]: A note.\n",
            front(2, "Target")
        ),
    );
    site.write(
        "content/commentary/4-raw.md",
        &format!("{}<p id=\"own\">Raw.</p>\n", front(4, "Raw")),
    );
    site.write(
        "content/commentary/3-links.md",
        &format!(
            "{}[a](commentary:2#relief-sought) [b](commentary:2#fn-n) [c](commentary:2#top) [c](commentary:2#Top)\n\
             [d](commentary:2#user-content-relief-sought) [e](2-target.md#relief-sought)\n\
             [f](commentary:4#own) [g](commentary:4#anything) [h](#here)\n\n\
             ## Here\n\n\
             [i](commentary:2#releif-sought) [j](#nowhere)\n",
            front(3, "Links")
        ),
    );
    let places = site.places_of("W-broken-fragment");
    assert_eq!(
        places,
        [
            ("content/commentary/3-links.md".to_string(), 14),
            ("content/commentary/3-links.md".to_string(), 14),
        ]
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{run:#?}");
    for said in [
        "link to `#releif-sought`, which the body of commentary 2 does not have",
        "help: did you mean `#relief-sought`?",
        "link to `#nowhere`, which this entry's body does not have",
        "help: did you mean `#here`?",
    ] {
        assert!(run.stderr.contains(said), "{said}: {}", run.stderr);
    }
    // The same in a build, which writes the headings' ids.
    let built = site.run(&["build"]);
    assert_eq!(built.code, 0, "{built:#?}");
    assert!(
        built
            .stderr
            .contains("which the body of commentary 2 does not have"),
        "{}",
        built.stderr
    );
    // Allowed, it is not looked for.
    let quiet = site.run(&["check", "-A", "W-broken-fragment"]);
    assert!(
        !quiet.stderr.contains("W-broken-fragment"),
        "{}",
        quiet.stderr
    );
}
