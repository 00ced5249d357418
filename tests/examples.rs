//! The second example site of the repository, `examples/executive-orders`:
//! a tracker of another shape than the one at the top (ids that are order
//! numbers, some lettered; no subjects or agencies; fields of its own; a
//! month-only date; revocations and amendments declared in `[relations]`;
//! cases with their appeals). Built from a copy with the
//! real binary, the way the README says to build it, it must build without
//! an error or a warning, and show what its content says.

use crate::common;

use std::path::{Path, PathBuf};

use common::{assert_schema, copy_tree, read, repo, text, Site};

const EXAMPLE: &str = "examples/executive-orders";

/// A copy of the example under the same relative path as in the
/// repository, built with `docket --root examples/executive-orders build`
/// from the copy's top folder; the built site's folder.
fn build(site: &Site) -> PathBuf {
    copy_tree(&repo().join(EXAMPLE), &site.join(EXAMPLE));
    let run = site.run_at(EXAMPLE, &["build"]).ok();
    for line in run.stderr.lines() {
        assert!(
            !line.starts_with("warning") && !line.starts_with("error"),
            "the example site is not clean:\n{}",
            run.stderr
        );
    }
    let entries = walkdir::WalkDir::new(site.join(EXAMPLE).join("content"))
        .into_iter()
        .filter(|e| {
            // Case files add to cases; they are not entries.
            e.as_ref().is_ok_and(|e| {
                e.path().extension().is_some_and(|x| x == "md")
                    && !e.path().components().any(|c| c.as_os_str() == "cases")
            })
        })
        .count();
    assert!(
        run.stderr.contains(&format!("built {entries} entries, ")),
        "not every entry was built:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("(0 errors, 0 warnings)"),
        "{}",
        run.stderr
    );
    site.join(EXAMPLE).join("public")
}

fn page(out: &Path, rel: &str) -> String {
    text(&read(out, rel))
}

#[test]
fn the_orders_example_builds_clean_and_shows_its_shape() {
    let site = Site::empty();
    let out = build(&site);

    // Lettered orders have pages under their own numbers, which they name;
    // the one known only by its month says so.
    let lettered = page(&out, "policies/9934-A/index.html");
    assert!(lettered.contains("ID #9934-A"), "{lettered}");
    assert!(lettered.contains("March 1948"), "{lettered}");
    let korea = page(&out, "policies/10026-A/index.html");
    assert!(korea.contains("ID #10026-A"), "{korea}");
    assert!(korea.contains("Signed by Harry S. Truman"), "{korea}");

    // Appeals, from case files: a case and the courts that heard it next.
    let district = page(&out, "cases/d-md-8-17-cv-00361/index.html");
    assert!(
        district.contains("Appealed in International Refugee Assistance Project v. Trump , No. 17-1351 (4th Cir.)"),
        "{district}"
    );
    let circuit = page(&out, "cases/4th-cir-17-1351/index.html");
    assert!(circuit.contains("Appeal of International Refugee Assistance Project v. Trump , No. 8:17-cv-00361 (D. Md.)"), "{circuit}");
    assert!(circuit.contains("Appealed in Trump v. International Refugee Assistance Project , No. 16-1436 (Supreme Court)"), "{circuit}");
    let hawaii = page(&out, "cases/supreme-court-17-965/index.html");
    assert!(hawaii.contains("Status: Decided"), "{hawaii}");

    // Relations show from both sides: the revised travel order supersedes
    // the first, and the proclamation issued under it is its derivative.
    let first = read(&out, "policies/13769/index.html");
    assert!(
        text(&first).contains("Superseded by Protecting the Nation"),
        "{}",
        text(&first)
    );
    assert!(first.contains("href=\"../../policies/13780/index.html\""));
    let revised = read(&out, "policies/13780/index.html");
    assert!(revised.contains("href=\"../../policies/13769/index.html\""));
    assert!(revised.contains("href=\"../../policies/Proc-9645/index.html\""));

    // Declared relations: a revocation shows on the revoked order's page,
    // which is no longer in force; a revocation of an order the site does
    // not hold names it; an amendment shows with its note on the amended
    // proclamation's page.
    let revoked = read(&out, "policies/13768/index.html");
    assert!(
        text(&revoked).contains("No longer in force Revoked by Revision of Civil Immigration"),
        "{}",
        text(&revoked)
    );
    assert!(revoked.contains("href=\"../../policies/13993/index.html\""));
    let reunification = page(&out, "policies/14011/index.html");
    assert!(
        reunification.contains("Revokes Executive Order 13841 of June 20, 2018"),
        "{reunification}"
    );
    let vetting = page(&out, "policies/Proc-9645/index.html");
    assert!(vetting.contains("Amended by"), "{vetting}");
    assert!(
        vetting.contains("(lifts the restrictions on nationals of Chad)"),
        "{vetting}"
    );

    // No subjects or agencies anywhere a reader looks.
    let list = read(&out, "policies/index.html");
    assert!(!list.contains("data-facet=\"subjects\""));
    assert!(!list.contains("data-facet=\"agencies\""));
    assert!(!out.join("subjects").exists() && !out.join("agencies").exists());

    // A case and its appeal are two cases, each with its own page.
    for case in [
        "d-haw-1-17-cv-00050",
        "9th-cir-17-15589",
        "supreme-court-17-965",
    ] {
        assert!(
            out.join("cases").join(case).join("index.html").is_file(),
            "no page for the case {case}"
        );
    }
    let hawaii = page(&out, "cases/d-haw-1-17-cv-00050/index.html");
    assert!(hawaii.contains("Temporary restraining order"), "{hawaii}");
    assert!(hawaii.contains("Preliminary injunction"), "{hawaii}");

    // The export: codes are strings, the month stays a month, the site's
    // own fields are there, and all of it matches the schema written beside it.
    let db: serde_json::Value =
        serde_json::from_str(&read(&out, "data/docket.json")).expect("JSON");
    let policies = db["policies"].as_array().expect("policies");
    let p = policies
        .iter()
        .find(|p| p["id"] == "9934-A")
        .expect("9934-A in the export");
    assert_eq!(p["announced"], "1948-03");
    assert_eq!(p["signed_by"], "Harry S. Truman");
    assert!(policies.iter().any(|p| p["id"] == 13780));
    let amended = policies
        .iter()
        .find(|p| p["id"] == "Proc-9645")
        .expect("Proc-9645 in the export");
    assert_eq!(
        amended["relations"]["amends"]["named_by"][0]["id"],
        "Proc-9723"
    );
    assert_schema(&out);
}
