//! A build killed at any moment (SIGKILL: no clean-up runs) leaves the
//! previously built site exactly as it was, or the new one complete; and
//! the next build succeeds.
//!
//! The site is big enough (a few hundred entries) for a build to take a
//! while, and each killed build would change the site, so that a half-swapped
//! or half-written output folder cannot pass for the old one. Every build
//! after the first starts from the cache of the one before (writing only
//! what changed, in files that share their data with the served site), so
//! the old site must also be the very same files: none written in place.

use crate::common;

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::Site;

const POLICIES: u32 = 300;
const COURT_ACTIONS: u32 = 100;
const COMMENTARY: u32 = 100;

const CONFIG: &str = r#"title = "Big site"
[vocabulary]
administrations = ["Obama", "Trump 1.0", "Biden", "Trump 2.0"]
statuses = ["Proposed", "Final/Actual", "In Litigation"]
actions = ["Presidential Order", "Rule", "Agency Directive"]
subjects = ["Border", "Detention", "Interior Enforcement"]
agencies = ["CBP", "DHS", "ICE", "USCIS"]
filings = ["Complaint", "Ruling", "Appeal"]
"#;

fn body(n: u32) -> String {
    let mut b = String::new();
    for p in 0..6 {
        b.push_str(&format!(
            "Paragraph {p} of entry {n}: the policy changes how officers work, \
             and [the order](policy:1) it carries out is linked by id. \
             *Emphasis*, `code` and a list follow.\n\n- one\n- two\n\n"
        ));
    }
    b
}

/// Writes the whole site; `version` changes one title, so that the two
/// versions build into different sites.
fn write_site(site: &Site, version: u32) {
    site.write("docket.toml", CONFIG);
    for id in 1..=POLICIES {
        let title = if id == 2 {
            format!("Policy 2, version {version}")
        } else {
            format!("Policy {id}")
        };
        let implements = if id > 1 { "implements = [1]\n" } else { "" };
        site.write(
            &format!("content/policies/{id}.md"),
            &format!(
                "+++\nid = {id}\ntitle = \"{title}\"\nadministration = \"Trump 2.0\"\n\
                 announced = 2025-{:02}-{:02}\nstatus = [\"Final/Actual\"]\naction = \"Rule\"\n\
                 subjects = [\"Border\"]\nagencies = [\"CBP\", \"ICE\"]\n{implements}+++\n{}",
                1 + id % 12,
                1 + id % 28,
                body(id)
            ),
        );
    }
    for id in 1..=COURT_ACTIONS {
        site.write(
            &format!("content/court-actions/{id}.md"),
            &format!(
                "+++\nid = {id}\ntitle = \"Filing {id}\"\ndate = 2025-03-01\ncase = \"Case {c}\"\n\
                 docket = \"1:25-cv-{c:05}\"\ncourt = \"D.D.C.\"\nfiling = \"Complaint\"\n\
                 challenges = [{p}]\n+++\n{}",
                body(id),
                c = id % 40,
                p = 1 + id % POLICIES
            ),
        );
    }
    for id in 1..=COMMENTARY {
        site.write(
            &format!("content/commentary/{id}.md"),
            &format!(
                "+++\nid = {id}\ntitle = \"Alert {id}\"\ndate = 2025-04-01\nsource = \"AILA\"\n\
                 about = [{p}]\n+++\n{}",
                body(id),
                p = 1 + (id * 7) % POLICIES
            ),
        );
    }
}

/// Which file each path of a tree is, and its bytes.
#[cfg(unix)]
fn files(root: &std::path::Path) -> BTreeMap<String, (u64, Vec<u8>)> {
    use std::os::unix::fs::MetadataExt;
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root) {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(root).expect("inside");
            let ino = e.metadata().expect("metadata").ino();
            let bytes = std::fs::read(e.path()).expect("read");
            out.insert(rel.to_string_lossy().into_owned(), (ino, bytes));
        }
    }
    out
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn a_killed_build_leaves_the_previous_site_intact() {
    let site = Site::empty();
    common::copy_tree(
        &common::repo().join("themes/default"),
        &site.join("themes/default"),
    );

    // Version 0 built into public/, version 1 into a reference folder.
    write_site(&site, 0);
    let started = Instant::now();
    let run = site.run(&["build"]);
    let build_time = started.elapsed();
    assert_eq!(run.code, 0, "{run:#?}");
    let mut sites = vec![site.tree("public")];
    write_site(&site, 1);
    let run = site.run(&["build", "--output", "reference"]);
    assert_eq!(run.code, 0, "{run:#?}");
    sites.push(site.tree("reference"));
    assert!(sites[0] != sites[1], "the two versions must differ");

    let mut current = 0; // the version in public/
    let mut written = 1; // the version of the sources
    let mut rng = Rng(0x00D0_C4E7_0000_0001);
    let span = build_time.as_millis().max(50) as u64;
    for round in 0..8 {
        let next = 1 - current;
        write_site(&site, next as u32);
        written = next;
        // Anywhere from the start to a little after the usual end of a build.
        let delay = Duration::from_millis(rng.next() % (span + span / 4));
        #[cfg(unix)]
        let old_files = files(&site.join("public"));
        let mut child = site
            .command(&["build"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn docket build");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let status = child.wait().expect("wait for docket");
        let now = site.tree("public");
        assert!(
            now == sites[current] || now == sites[next],
            "round {round}: killed after {delay:?} ({status}), public/ is neither the old site nor the new one"
        );
        if now == sites[next] {
            current = next;
        } else {
            #[cfg(unix)]
            assert!(
                files(&site.join("public")) == old_files,
                "round {round}: public/ has the old bytes, but not in the same files"
            );
        }
        eprintln!(
            "round {round}: killed after {delay:?} of a {build_time:?} build ({status}); public/ holds version {current}"
        );
    }

    // The next build succeeds, builds the current version (byte for byte
    // what a fresh build made), and takes up or cleans up what the killed
    // builds left beside the output folder: only the cache stays.
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        site.tree("public") == sites[written],
        "the last build is not complete"
    );
    let leftovers: Vec<String> = std::fs::read_dir(site.path())
        .expect("site folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.docket-") && n != ".public.docket-cache")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}
