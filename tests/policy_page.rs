//! What the top of a policy's page tells a reader, read from the built
//! HTML: where it stands (in force or not, its statuses in their tones,
//! what superseded it, its litigation), and how to cite and follow it.
//! `tests/browser.rs` checks the same in Chromium, on screen.

use crate::common;

use common::Site;

/// The status box of a built policy page, from its opening tag to its end.
fn standing(html: &str) -> &str {
    let start = html
        .find("<section class=\"standing")
        .expect("a status box");
    let end = html[start..].find("</section>").expect("its end") + start;
    &html[start..end]
}

#[test]
fn the_status_box_says_where_each_policy_stands() {
    let site = Site::example();
    site.run(&["build"]).success();
    let in_force = site.read("public/policies/1491/index.html");
    let b = standing(&in_force);
    assert!(b.contains("standing-in-force"), "{b}");
    assert!(
        b.contains(">In force <span class=\"standing-since\">since <time datetime=\"2025-01-31\">"),
        "{b}"
    );
    // Its statuses, each in the tone [tones] gives it by default.
    assert!(b.contains("tag tag-status tone-in-force\" href=\"../../statuses/final-actual/index.html\">Final/Actual"), "{b}");
    assert!(
        b.contains("tone-limited\" href=\"../../statuses/in-litigation/index.html\">In Litigation"),
        "{b}"
    );
    // Its litigation in a line: cases, filings, the latest with its date.
    assert!(
        b.contains("1 case, 2 filings</a>; latest: <a href=\"../../court-actions/"),
        "{b}"
    );
    assert!(
        b.contains(
            "(<time datetime=\"2025-11-07\">November 7, 2025</time>) in <a href=\"../../cases/"
        ),
        "{b}"
    );
    // The box comes before the body.
    assert!(
        in_force.find("class=\"standing").unwrap()
            < in_force.find("class=\"description\"").unwrap()
    );

    let ended = site.read("public/policies/1102/index.html");
    let b = standing(&ended);
    assert!(
        b.contains("standing-ended") && b.contains(">No longer in force"),
        "{b}"
    );
    assert!(
        b.contains("<p class=\"superseded-banner\">Superseded by <a href=\"../../policies/1491/index.html\">Interim Guidance"),
        "{b}"
    );
    assert!(
        b.contains("(<time datetime=\"2025-01-31\">January 31, 2025</time>)</p>"),
        "{b}"
    );
    assert!(
        b.contains(
            "tone-ended\" href=\"../../current-statuses/not-in-effect/index.html\">Not in Effect"
        ),
        "{b}"
    );
    assert!(b.contains("Litigation</dt> <dd>None recorded"), "{b}");

    // The same tones on the list's rows and its filters.
    let list = site.read("public/policies/index.html");
    for tone in ["in-force", "limited", "ended"] {
        assert!(
            list.contains(&format!("tag tag-status tone-{tone}\"")),
            "no {tone} row tag"
        );
        assert!(
            list.contains(&format!(
                "<span class=\"swatch tone-{tone}\" aria-hidden=\"true\"></span>"
            )),
            "no {tone} filter swatch"
        );
    }
}

#[test]
fn a_site_gives_its_own_values_their_tones() {
    let site = Site::example();
    let toml = site.read("docket.toml");
    site.write(
        "docket.toml",
        &format!("{toml}\n[tones]\npending = [\"In Litigation\"]\nlimited = [\"Reported\"]\n"),
    );
    site.run(&["build"]).success();
    let b = site.read("public/policies/1491/index.html");
    // Written tones take precedence over the built-in ones.
    assert!(
        b.contains("tone-pending\" href=\"../../statuses/in-litigation/index.html\""),
        "{}",
        standing(&b)
    );
    // The others keep theirs.
    assert!(b.contains("tone-in-force\" href=\"../../statuses/final-actual/index.html\""));
}

/// The text between `open` and the next `close` in `html`.
fn between<'h>(html: &'h str, open: &str, close: &str) -> &'h str {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let end = html[start..].find(close).expect("its end") + start;
    &html[start..end]
}

#[test]
fn an_entry_says_how_to_cite_and_follow_it() {
    let site = Site::example();
    site.run(&["build"]).success();
    let html = site.read("public/policies/1491/index.html");
    // Highwire tags, for reference managers.
    for tag in [
        "<meta name=\"citation_title\" content=\"Interim Guidance on Civil Immigration Enforcement Actions",
        "<meta name=\"citation_publisher\" content=\"Immigration Policy Tracker\">",
        "<meta name=\"citation_publication_date\" content=\"2025/01/31\">",
        "<meta name=\"citation_public_url\" content=\"https://example.org/tracker/policies/1491/\">",
    ] {
        assert!(html.contains(tag), "no {tag}");
    }
    // schema.org JSON-LD in the head.
    let head = between(&html, "<head>", "</head>");
    let ld: serde_json::Value = serde_json::from_str(between(
        head,
        "<script type=\"application/ld+json\">",
        "</script>",
    ))
    .expect("the JSON-LD parses");
    assert_eq!(ld["@type"], "Legislation");
    assert_eq!(ld["identifier"], "1491");
    assert_eq!(ld["url"], "https://example.org/tracker/policies/1491/");
    assert_eq!(ld["datePublished"], "2025-01-31");
    assert_eq!(ld["legislationLegalForce"], "https://schema.org/InForce");
    // The block: facts, then the citation as text, BibTeX and CSL-JSON.
    let block = between(
        &html,
        "<section aria-labelledby=\"cite-h\" class=\"cite\">",
        "</section>",
    );
    assert!(block.contains("<dt>Permanent address</dt> <dd><a href=\"https://example.org/tracker/policies/1491/\">"), "{block}");
    assert!(
        block.contains("<dt>Data as of</dt> <dd><time datetime=\"2025-11-07\">"),
        "{block}"
    );
    assert!(
        block.contains("Immigration Policy Tracker. “Interim Guidance"),
        "{block}"
    );
    assert!(block.contains("@misc{policy-1491,"), "{block}");
    let csl = common::unescape(between(
        block,
        "<summary>CSL-JSON</summary><pre><code>",
        "</code>",
    ));
    let csl: serde_json::Value = serde_json::from_str(&csl).expect("the CSL-JSON parses");
    assert_eq!(csl[0]["type"], "legislation");
    assert_eq!(csl[0]["issued"]["date-parts"][0][0], 2025);
    // A visible link to its own feed, and the address and date in print.
    assert!(html.contains("<a class=\"follow\" href=\"../../policies/1491/feed.xml\" type=\"application/atom+xml\">Follow this policy</a>"));
    assert!(site.path().join("public/policies/1491/feed.xml").is_file());
    assert!(html.contains("<p class=\"print-footer\">https://example.org/tracker/policies/1491/ · Data as of November 7, 2025</p>"));
    let css = site.read("public/static/docket.css");
    assert!(between(&css, "@media print {", "\n}").contains(".print-footer { display: block;"));
}

#[test]
fn a_title_cannot_break_out_of_the_json_ld() {
    let site = Site::example();
    let file = "content/policies/1491-victim-benefits-enforcement.md";
    let text = site.read(file);
    let title = text
        .lines()
        .find(|l| l.starts_with("title = "))
        .expect("a title");
    let evil = r#"Guidance </script><script>alert(1)</script> <!-- & "quoted" \u2028"#;
    site.write(
        file,
        &text.replace(title, &format!("title = {}", toml_string(evil))),
    );
    site.run(&["build"]).success();
    let html = site.read("public/policies/1491/index.html");
    assert!(!html.contains("<script>alert(1)"), "the title broke out");
    let ld = between(&html, "<script type=\"application/ld+json\">", "</script>");
    let ld: serde_json::Value = serde_json::from_str(ld).expect("the JSON-LD parses");
    assert_eq!(ld["name"], evil.replace("\\u2028", "\u{2028}"));
    // The tags and the block have it escaped as text.
    assert!(
        html.contains("content=\"Guidance &lt;&#x2F;script&gt;")
            || html.contains("content=\"Guidance &lt;/script&gt;")
    );
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")).replace("\\\\u2028", "\\u2028")
}

#[test]
fn a_court_action_and_its_case_link_the_case_in_words() {
    let site = Site::example();
    site.run(&["build"]).success();
    let label = ">courtlistener.com: docketNumber:&quot;2:25-cv-09848&quot;</a>";
    let action = site.read("public/court-actions/1/index.html");
    assert!(
        action.contains(&format!("<dt>Follow the case</dt> <dd><a href=\"https://www.courtlistener.com/?type=r&amp;q=docketNumber%3A%222%3A25-cv-09848%22\" rel=\"noopener\"{label}")),
        "{action}"
    );
    let case = site.read("public/cases/c-d-cal-2-25-cv-09848/index.html");
    assert!(case.contains(&format!("<p class=\"case-follow\">Follow the case: <a href=\"https://www.courtlistener.com/?type=r&amp;q=docketNumber%3A%222%3A25-cv-09848%22\" rel=\"noopener\"{label}")), "{case}");
}

/// A page's text as `textContent` reads it: tags removed, nothing added.
fn text_content(html: &str) -> String {
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
    common::unescape(&out)
}

#[test]
fn pages_read_well_as_text_and_type() {
    let site = Site::example();
    let file = "content/policies/1491-victim-benefits-enforcement.md";
    site.write(
        file,
        &format!(
            "{}\nIt's \"new\"[^why].\n\n[^why]: The agency's reasons.\n",
            site.read(file)
        ),
    );
    site.run(&["build"]).success();
    let html = site.read("public/policies/1491/index.html");
    // Curly quotes and apostrophes in bodies.
    assert!(
        html.contains("It\u{2019}s \u{201c}new\u{201d}"),
        "no curly quotes"
    );
    assert!(html.contains("agency\u{2019}s"));
    // A footnote and its way back.
    assert!(html.contains(
        "<sup class=\"footnote-reference\" id=\"user-content-fnref-why\"><a href=\"#user-content-fn-why\">2</a></sup>"
    ));
    assert!(html.contains("<a class=\"footnote-backref\" href=\"#user-content-fnref-why\">"));
    assert!(html.contains("<div class=\"footnote-definition\" id=\"user-content-fn-why\">"));
    // A label and its value read apart as plain text.
    let text = text_content(&html);
    assert!(text.contains("Administration Trump 2.0"), "{text}");
    assert!(text.contains("Effective date January 31, 2025"), "{text}");
    // The kicker does not repeat the breadcrumb's id.
    assert!(html.contains("<p class=\"kicker\">Trump 2.0 · Agency Directive</p>"));
    // In list rows, the date and the id stand apart.
    let list = text_content(&site.read("public/policies/index.html"));
    assert!(list.contains("January 31, 2025 ·  ID #1491"), "{list}");
}

#[test]
fn the_home_page_shows_the_newest_of_each_kind() {
    let site = Site::example();
    // Twenty new commentary items, newer than everything else.
    for i in 0..20 {
        site.write(
            &format!("content/commentary/{}-note.md", 100 + i),
            &format!(
                "+++\nid = {}\ntitle = \"Note {i}\"\ndate = 2026-01-{:02}\nsource = \"A source\"\nabout = [1491]\n+++\nA note.\n",
                100 + i,
                i + 1
            ),
        );
    }
    site.run(&["build"]).success();
    let home = site.read("public/index.html");
    let recent = &home[home.find("id=\"recent-h\"").expect("most recent")..];
    let recent = &recent[..recent.find("</ul>").expect("its end")];
    for kind in ["kind-policy", "kind-court-action", "kind-commentary"] {
        assert!(recent.contains(kind), "no {kind} in {recent}");
    }
    assert_eq!(recent.matches("<li>").count(), 12, "{recent}");
}

#[test]
fn a_policy_not_in_force_yet_says_so() {
    let site = Site::example();
    let policy = |id: u32, effective: &str, status: &str| {
        format!(
            "+++\nid = {id}\ntitle = \"Later rule {id}\"\nadministration = \"Trump 2.0\"\nannounced = 2025-03-01\n{effective}status = [\"{status}\"]\naction = \"Rule\"\nsubjects = [\"Interior Enforcement\"]\nagencies = [\"DHS\"]\nimplements = [1400]\n+++\nA rule.\n"
        )
    };
    site.write(
        "content/policies/2001-later.md",
        &policy(2001, "effective = 2031-01-01\n", "Final/Actual"),
    );
    site.write(
        "content/policies/2002-proposed.md",
        &policy(2002, "", "Proposed"),
    );
    site.run(&["build"]).success();
    let later = site.read("public/policies/2001/index.html");
    let b = standing(&later);
    assert!(b.contains("standing-pending"), "{b}");
    assert!(b.contains(">Not in force yet: <span class=\"standing-since\">takes force on <time datetime=\"2031-01-01\">January 1, 2031</time>"), "{b}");
    let proposed = site.read("public/policies/2002/index.html");
    let b = standing(&proposed);
    assert!(
        b.contains("standing-pending") && b.contains(">Not in force yet</h2>"),
        "{b}"
    );
    assert!(
        b.contains("tone-pending\" href=\"../../statuses/proposed/index.html\">Proposed"),
        "{b}"
    );
}

#[test]
fn a_site_that_records_no_litigation_or_commentary_says_nothing_of_them() {
    let site = Site::example();
    let complaint = "content/court-actions/1-complaint-icwc-v-noem.md";
    let filing = site.read(complaint);
    site.remove(complaint)
        .remove("content/court-actions/2-preliminary-injunction-icwc-v-noem.md")
        .remove("content/commentary/1-aila-practice-alert.md");
    site.run(&["build"]).success();
    let page = site.read("public/policies/1491/index.html");
    let home = site.read("public/index.html");
    // Not "None recorded" on every page: nothing at all, nor a link to an
    // empty list, nor the courts and filings to browse by.
    for html in [&page, &home] {
        for never in [
            "<dt>Litigation</dt>",
            "id=\"court-h\"",
            "id=\"comm-h\"",
            ">Court actions</a>",
            ">Cases</a>",
            ">Commentary</a>",
            "<dt>In litigation</dt>",
            "courts/index.html",
            "filings/index.html",
        ] {
            assert!(!html.contains(never), "{never}: {html}");
        }
    }
    assert!(!site.join("public/courts").exists());
    assert!(!site.join("public/filings").exists());
    // Nor does the sitemap send search engines to the empty lists, nor the
    // download page offer their empty tables.
    let sitemap = site.read("public/sitemap.xml");
    for list in ["court-actions/", "cases/", "commentary/"] {
        assert!(!sitemap.contains(list), "{list}: {sitemap}");
    }
    let download = site.read("public/download/index.html");
    for table in ["court-actions.csv", "cases.csv", "commentary.csv"] {
        assert!(!download.contains(table), "{table}: {download}");
    }
    assert!(download.contains("policies.csv"), "{download}");
    // One court action, and the site speaks of litigation on every policy.
    site.write(complaint, &filing);
    site.run(&["build"]).success();
    let page = site.read("public/policies/1491/index.html");
    assert!(page.contains("<dt>Litigation</dt>"), "{page}");
    assert!(page.contains("id=\"court-h\""), "{page}");
    assert!(page.contains(">Court actions</a>"), "{page}");
    assert!(!page.contains(">Commentary</a>"), "{page}");
    let other = site.read("public/policies/312/index.html");
    assert!(other.contains("No court action recorded."), "{other}");
    assert!(site.join("public/courts/c-d-cal/index.html").exists());
}
