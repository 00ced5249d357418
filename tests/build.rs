//! `docket build` on the example site and small variations of it, checked
//! as a reader sees the result.

use crate::common;

use common::{links, text, Site};

fn built_example() -> Site {
    let site = Site::example();
    site.run(&["build"]).success();
    site
}

#[test]
fn the_seed_policy_page_shows_every_field() {
    let site = built_example();
    let page = text(&site.read("public/policies/1491/index.html"));
    for expected in [
        "Interim Guidance on Civil Immigration Enforcement Actions Involving Current or Potential Beneficiaries of Victim-Based Immigration Benefits",
        "ID #1491",
        "Administration Trump 2.0",
        "Original date announced January 31, 2025",
        "Effective date January 31, 2025",
        "Directive 11005.4",
        "Source documents",
        "ICE Directive 11005.4 (placeholder summary for the example site)",
        "Current status Not yet assessed",
        "Final/Actual",
        "In Litigation",
        "Type of action Agency Directive",
        "Subject matter Interior Enforcement",
        "Agencies affected ICE",
        "ICE Directive 11005.4",
        "Supersedes June 11, 2011 Prosecutorial Discretion: Certain Victims, Witnesses, and Plaintiffs August 10, 2021 Using a Victim-Centered Approach with Noncitizen Crime Victims",
        "Implements January 20, 2025 Protecting the American People Against Invasion",
        "Immigration Center for Women and Children v. Noem",
        "No. 2:25-cv-09848 ( C.D. Cal. )",
        "October 14, 2025 Complaint Complaint - ICWC v. Noem",
        "March 3, 2025 AILA Practice Alert: New ICE Guidance on Current or Potential Victim-Based Benefits (American Immigration Lawyers Association (AILA)) · Go to article",
    ] {
        assert!(page.contains(expected), "policy page lacks {expected:?}:\n{page}");
    }
    // The source document is copied and linked relatively.
    let html = site.read("public/policies/1491/index.html");
    assert!(html.contains("href=\"../../documents/2025-01-31-ice-directive-11005.4.pdf\""));
    assert!(site
        .path()
        .join("public/documents/2025-01-31-ice-directive-11005.4.pdf")
        .is_file());
}

#[test]
fn relations_show_in_both_directions() {
    let site = built_example();
    let older = text(&site.read("public/policies/312/index.html"));
    assert!(
        older.contains(
            "Superseded by January 31, 2025 Interim Guidance on Civil Immigration Enforcement"
        ),
        "{older}"
    );
    let order = text(&site.read("public/policies/1400/index.html"));
    assert!(order.contains("Derivative policies February 25, 2025 Alien Registration Form and Evidence of Registration January 31, 2025 Interim Guidance")
        || order.contains("Derivative policies January 31, 2025 Interim Guidance"), "{order}");
    assert!(
        order.contains("Alien Registration Form") && order.contains("Interim Guidance on Civil"),
        "{order}"
    );
    let complaint = text(&site.read("public/court-actions/1/index.html"));
    assert!(
        complaint.contains("Policies challenged January 31, 2025 Interim Guidance"),
        "{complaint}"
    );
    let alert = text(&site.read("public/commentary/1/index.html"));
    assert!(
        alert.contains("About these policies January 31, 2025 Interim Guidance"),
        "{alert}"
    );
}

#[test]
fn court_actions_sharing_court_and_docket_form_one_case_in_date_order() {
    let site = built_example();
    let case = text(&site.read("public/cases/c-d-cal-2-25-cv-09848/index.html"));
    let first = case.find("October 14, 2025 Complaint").expect(&case);
    let second = case
        .find("November 7, 2025 Preliminary Injunction")
        .expect(&case);
    assert!(first < second, "{case}");
    assert!(
        case.contains("Policies challenged January 31, 2025 Interim Guidance"),
        "{case}"
    );
    let cases = text(&site.read("public/cases/index.html"));
    assert!(
        cases.contains("1 cases")
            || cases.contains(
                "Immigration Center for Women and Children v. Noem 2:25-cv-09848 C.D. Cal. 2"
            ),
        "{cases}"
    );
}

#[test]
fn term_pages_list_their_entries_and_indexes_count_them() {
    let site = built_example();
    let subjects = text(&site.read("public/subjects/index.html"));
    assert!(subjects.contains("Interior Enforcement 5"), "{subjects}");
    assert!(
        subjects.contains("Border 0"),
        "allowed but unused values are listed: {subjects}"
    );
    let term = text(&site.read("public/subjects/interior-enforcement/index.html"));
    assert!(
        term.contains("Interim Guidance on Civil Immigration"),
        "{term}"
    );
    let court = text(&site.read("public/courts/c-d-cal/index.html"));
    assert!(court.contains("Complaint - ICWC v. Noem"), "{court}");
    let home = text(&site.read("public/index.html"));
    for expected in [
        "Policies 5",
        "In litigation 1",
        "Court actions 2",
        "Cases 1",
        "Commentary 1",
    ] {
        assert!(home.contains(expected), "home lacks {expected:?}: {home}");
    }
    let list = text(&site.read("public/policies/index.html"));
    let jan = list.find("January 2025").expect(&list);
    let jun = list.find("June 2011").expect(&list);
    assert!(jan < jun, "newest first: {list}");
}

#[test]
fn every_internal_link_resolves_to_a_file() {
    let site = built_example();
    let public = site.path().join("public");
    let mut checked = 0;
    for (name, bytes) in site.tree("public") {
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let dir = public.join(&name).parent().unwrap().to_path_buf();
        for link in links(&html) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with('#')
                || link.starts_with("mailto:")
            {
                continue;
            }
            assert!(!link.starts_with('/'), "{name}: root-relative link {link}");
            let path = link.split(['#', '?']).next().unwrap();
            let target = dir.join(path);
            assert!(
                target.is_file(),
                "{name}: link {link} does not lead to a file"
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} links checked");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let a = built_example();
    let b = built_example();
    assert_eq!(a.tree("public"), b.tree("public"));
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = built_example();
    let before = site.tree("public");
    // A content error: nothing is written.
    site.write("content/policies/9-broken.md", "+++\nid = 9\n+++\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("the previous site was left as it was")
            || run.stderr.contains("nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(site.tree("public"), before);
    // A template error, met while pages are being written: still untouched.
    site.remove("content/policies/9-broken.md");
    site.write("themes/default/templates/case.html", "{% extends \"base.html\" %}{% block content %}{{ case.no_such_field.x }}{% endblock content %}");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("case.html"), "{}", run.stderr);
    assert_eq!(site.tree("public"), before);
    // What the failed build staged is kept as the next build's cache;
    // nothing else is left.
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("docket-") && n != ".public.docket-cache")
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

/// Runs `check` and `build` on `site`: both exit with `code`, and when
/// they fail, both name `naming` (the template, the page).
fn check_and_build_alike(site: &Site, code: i32, naming: &str) {
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, code, "{command}: {}", run.stderr);
        assert!(
            code == 0 || run.stderr.contains(naming),
            "{command}, not naming {naming}: {}",
            run.stderr
        );
    }
}

/// A page template that fails when `test` holds.
fn failing_if(test: &str) -> String {
    format!(
        "{{% extends \"base.html\" %}}{{% block content %}}{{% if {test} %}}{{{{ nope.nope }}}}{{% endif %}}{{% endblock content %}}"
    )
}

#[test]
fn check_fails_where_build_fails_in_a_branch_on_a_body() {
    // `check` makes no HTML of the bodies, yet a template's branch on a
    // body is taken as in a build: an error there fails both.
    let site = Site::example();
    let template = "themes/default/templates/commentary.html";
    site.write(template, &failing_if("commentary.body"));
    check_and_build_alike(&site, 1, "commentary.html");
    // And an entry without a body takes the other branch in both.
    site.write(template, &failing_if("not commentary.body"));
    check_and_build_alike(&site, 0, "");
    site.write(
        "content/commentary/2-no-body.md",
        "+++\nid = 2\ntitle = \"A note\"\ndate = 2025-03-04\nsource = \"AILA\"\nabout = [1491]\n+++\n\n",
    );
    check_and_build_alike(&site, 1, "commentary/2/");
}

#[test]
fn check_fails_where_build_fails_in_a_branch_on_a_lineage_or_a_citation() {
    // `check` draws no lineage and writes no citation either, yet takes
    // the branches on them.
    let site = Site::example();
    for test in ["policy.lineage", "cite.bibtex", "cite.json_ld"] {
        site.write("themes/default/templates/policy.html", &failing_if(test));
        check_and_build_alike(&site, 1, "policy.html");
    }
}

#[test]
fn content_never_runs_script_in_the_reader_s_browser() {
    let site = Site::example();
    site.write(
        "content/commentary/2-xss.md",
        "+++\nid = 2\ntitle = \"<script>alert('title')</script>\"\ndate = 2025-04-01\nsource = \"<img src=x onerror=alert(1)>\"\nabout = [1491]\n+++\n\
         <script>alert('body')</script>\n\n<img src=\"x\" onerror=\"alert(2)\">\n\n[click](javascript:alert(3)) <a href=\"javascript:alert(4)\">raw</a>\n\n<iframe src=\"https://evil.example\"></iframe>\n",
    );
    site.run(&["build"]).success();
    for page in [
        "public/commentary/2/index.html",
        "public/policies/1491/index.html",
        "public/commentary/index.html",
        "public/index.html",
    ] {
        let html = site.read(page).to_lowercase();
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(!html.contains("<img src=x onerror"), "{page}");
        assert!(!html.contains(" onerror=\""), "{page}");
        assert!(!html.contains("href=\"javascript:"), "{page}");
        assert!(!html.contains("<iframe"), "{page}");
    }
    assert!(site
        .read("public/commentary/2/index.html")
        .contains("&lt;script&gt;alert"));
    // With raw HTML allowed by the site, the body's HTML is kept as written.
    let toml = site.read("docket.toml");
    site.write("docket.toml", &format!("unsafe_html = true\n{toml}"));
    site.run(&["build"]).success();
    assert!(site
        .read("public/commentary/2/index.html")
        .contains("<script>alert('body')</script>"));
    assert!(
        !site
            .read("public/commentary/2/index.html")
            .contains("<script>alert('title')"),
        "titles stay escaped"
    );
}

/// A contributor's ids cannot take the theme's: the skip link still goes to
/// the page's main content, the search field keeps its label, and no
/// element of a body becomes a global the theme's scripts read.
#[test]
fn ids_in_a_body_cannot_take_the_theme_s() {
    let site = Site::example();
    site.write(
        "content/commentary/2-ids.md",
        "+++\nid = 2\ntitle = \"Ids\"\ndate = 2025-04-01\nsource = \"Us\"\nabout = [1491]\n+++\n\
         <p id=\"main\">Not the main content.</p>\n\n<a id=\"docketSearch\" href=\"#main\">top</a> \
         <span id=\"site-search-q\">x</span>[^main] [a note of the policy](policy:1491#fn-why)\n\n\
         [^main]: A note named like the theme's main.\n",
    );
    site.run(&["build"]).success();
    let html = site.read("public/commentary/2/index.html");
    for id in ["main", "site-search-q"] {
        assert_eq!(
            html.matches(&format!("id=\"{id}\"")).count(),
            1,
            "{id}: {html}"
        );
    }
    assert!(!html.contains("id=\"docketSearch\""), "{html}");
    // The body's own link still reaches its element, and the note its
    // reference.
    assert!(html.contains("<p id=\"user-content-main\">"), "{html}");
    assert!(html.contains("href=\"#user-content-main\""), "{html}");
    assert!(html.contains("id=\"user-content-fn-main\""), "{html}");
    assert!(html.contains("href=\"#user-content-fn-main\""), "{html}");
    // A link to an id of another entry's body reaches it too.
    assert!(
        html.contains("href=\"../../policies/1491/index.html#user-content-fn-why\""),
        "{html}"
    );
}

#[test]
fn a_link_to_a_heading_of_another_entry_reaches_it() {
    let site = Site::example();
    site.write(
        "content/commentary/2-relief.md",
        "+++\nid = 2\ntitle = \"Relief\"\ndate = 2025-04-01\nsource = \"Us\"\nabout = [1491]\n+++\n\
         ## Relief sought\n\nAn injunction.\n\n## Relief sought\n\nAgain.\n",
    );
    site.write(
        "content/commentary/3-link.md",
        "+++\nid = 3\ntitle = \"Link\"\ndate = 2025-04-02\nsource = \"Us\"\nabout = [1491]\n+++\n\
         [What was asked](commentary:2#relief-sought), [and again](2-relief.md#relief-sought-1).\n",
    );
    site.run(&["build"]).success();
    let target = site.read("public/commentary/2/index.html");
    assert!(
        target.contains("<h2 id=\"user-content-relief-sought\">"),
        "{target}"
    );
    assert!(
        target.contains("<h2 id=\"user-content-relief-sought-1\">"),
        "{target}"
    );
    let html = site.read("public/commentary/3/index.html");
    for fragment in ["relief-sought", "relief-sought-1"] {
        let href = format!("href=\"../../commentary/2/index.html#user-content-{fragment}\"");
        assert!(html.contains(&href), "{href}: {html}");
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::example();
    site.write(
        "content/commentary/3-draft.md",
        "+++\nid = 3\ntitle = \"Draft note\"\ndate = 2025-05-01\nsource = \"Us\"\nabout = [1491]\ndraft = true\n+++\nNot yet.\n",
    );
    site.run(&["build"]).success();
    assert!(!site.path().join("public/commentary/3/index.html").exists());
    assert!(!site
        .read("public/policies/1491/index.html")
        .contains("Draft note"));
    site.run(&["build", "--drafts"]).success();
    assert!(site
        .read("public/commentary/3/index.html")
        .contains("Draft note"));
}

#[test]
fn the_output_folder_is_guarded() {
    let site = Site::example();
    // The site's own templates and static files are sources too, whether
    // the folders exist or not: a site written there would be read back.
    for bad in [
        ".",
        "content",
        "..",
        "content/documents/out",
        "themes/default/static",
        "static",
        "templates",
        "templates/x",
        "static/sub",
    ] {
        let run = site.run(&["build", "--output", bad]);
        assert_eq!(run.code, 2, "--output {bad}: {}", run.stderr);
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    }
    site.write("mine/notes.txt", "keep me");
    let run = site.run(&["build", "--output", "mine"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not written by docket"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("mine/notes.txt"), "keep me");
    // An empty folder, or one docket wrote, is replaced.
    std::fs::create_dir(site.path().join("empty")).unwrap();
    site.run(&["build", "--output", "empty"]).success();
    site.run(&["build", "--output", "empty"]).success();
    assert!(site.path().join("empty/index.html").is_file());
}

#[test]
fn nothing_outside_the_site_reaches_the_output() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let site = Site::example();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path().join("content/documents/linked.txt"),
    )
    .unwrap();
    site.write(
        "content/commentary/4-doc.md",
        "+++\nid = 4\ntitle = \"Docs\"\ndate = 2025-05-01\nsource = \"Us\"\nabout = [1491]\n\n[[documents]]\ntitle = \"x\"\nfile = \"../../../secret.txt\"\n+++\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("E-document-outside"), "{}", run.stderr);
    site.remove("content/commentary/4-doc.md");
    // A link is refused, by name, and the build stops.
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[E-symlink]: content/documents/linked.txt is a symbolic link"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn exit_codes_and_help() {
    let site = Site::example();
    assert_eq!(site.run(&["check"]).code, 0);
    assert_eq!(site.run(&["--version"]).code, 0);
    assert!(site.run(&["--version"]).stdout.starts_with("docket "));
    for cmd in [&["--help"][..], &["build", "--help"], &["check", "--help"]] {
        let run = site.run(cmd);
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains("Usage"), "{}", run.stdout);
    }
    assert_eq!(site.run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(site.run(&["frobnicate"]).code, 2);
    // No docket.toml: an I/O failure, as the book says, not content errors.
    let missing = Site::empty();
    for cmd in ["check", "build"] {
        let run = missing.run(&[cmd]);
        assert_eq!(run.code, 2, "{cmd}: {}", run.stderr);
        assert!(run.stderr.contains("error[E-io]"), "{}", run.stderr);
        assert!(run.stderr.contains("docket.toml"), "{}", run.stderr);
    }
}

#[test]
fn check_writes_nothing_and_fails_on_template_errors() {
    let site = Site::example();
    site.write("themes/default/templates/commentary.html", "{% extends \"base.html\" %}{% block content %}{{ commentary.nope.nope }}{% endblock content %}");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("E-template") && run.stderr.contains("commentary.html"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("public").exists());
}

/// `check` does not escape what it throws away, but text a template
/// captures and then tests is escaped as in a build: a page that fails to
/// build because of it fails `check` too.
#[test]
fn check_takes_the_branches_a_build_takes_on_text_a_template_captures() {
    let site = Site::example();
    site.write(
        "content/commentary/2-salt.md",
        "+++\nid = 2\ntitle = \"Salt & pepper\"\ndate = 2025-04-01\nsource = \"A source\"\nabout = [1491]\n+++\nBody.\n",
    );
    site.write(
        "themes/default/templates/commentary.html",
        "{% extends \"base.html\" %}{% block content %}{% set t %}{{ commentary.title }}{% endset %}\
         {% if \"&amp;\" in t %}{{ commentary.nope.nope }}{% endif %}{% endblock content %}",
    );
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("commentary.html") && run.stderr.contains("2/index.html"),
            "{command}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("commentary/1/"),
            "{command}: only the page whose title holds a `&`: {}",
            run.stderr
        );
    }
}

#[test]
fn root_option_names_the_site() {
    let site = Site::example();
    let out = std::process::Command::new(common::BIN)
        .args(["--root", site.path().to_str().unwrap(), "build"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.path().join("public/index.html").is_file());
}
