//! What the top of a policy's page tells a reader, read from the built
//! HTML: where it stands (in force or not, its statuses in their tones,
//! what superseded it, its litigation), and how to cite and follow it.
//! `tests/browser.rs` checks the same in Chromium, on screen.

mod common;

use common::Site;

/// The status box of a built policy page, from its opening tag to its end.
fn standing(html: &str) -> &str {
    let start = html.find("<section class=\"standing").expect("a status box");
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
    assert!(b.contains("tone-limited\" href=\"../../statuses/in-litigation/index.html\">In Litigation"), "{b}");
    // Its litigation in a line: cases, filings, the latest with its date.
    assert!(b.contains("1 case, 2 filings</a>; latest: <a href=\"../../court-actions/"), "{b}");
    assert!(b.contains("(<time datetime=\"2025-11-07\">November 7, 2025</time>) in <a href=\"../../cases/"), "{b}");
    // The box comes before the body.
    assert!(in_force.find("class=\"standing").unwrap() < in_force.find("class=\"description\"").unwrap());

    let ended = site.read("public/policies/1102/index.html");
    let b = standing(&ended);
    assert!(b.contains("standing-ended") && b.contains(">No longer in force"), "{b}");
    assert!(
        b.contains("<p class=\"superseded-banner\">Superseded by <a href=\"../../policies/1491/index.html\">Interim Guidance"),
        "{b}"
    );
    assert!(b.contains("(<time datetime=\"2025-01-31\">January 31, 2025</time>)</p>"), "{b}");
    assert!(b.contains("tone-ended\" href=\"../../current-statuses/not-in-effect/index.html\">Not in Effect"), "{b}");
    assert!(b.contains("Litigation</dt> <dd>None recorded"), "{b}");

    // The same tones on the list's rows and its filters.
    let list = site.read("public/policies/index.html");
    for tone in ["in-force", "limited", "ended"] {
        assert!(list.contains(&format!("tag tag-status tone-{tone}\"")), "no {tone} row tag");
        assert!(list.contains(&format!("<span class=\"swatch tone-{tone}\" aria-hidden=\"true\"></span>")), "no {tone} filter swatch");
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
    assert!(b.contains("tone-pending\" href=\"../../statuses/in-litigation/index.html\""), "{}", standing(&b));
    // The others keep theirs.
    assert!(b.contains("tone-in-force\" href=\"../../statuses/final-actual/index.html\""));
}
