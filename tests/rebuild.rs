//! Writing only what changed, through the binary: a build into docket's
//! previous output changes only the files whose bytes differ (the others
//! stay the same files, inode for inode), removes what the site no longer
//! has, and makes byte for byte what a fresh build into an empty folder
//! makes, offline zip included.

#![cfg(unix)]

use crate::common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::Site;

/// The inode of every file below `dir`, by relative path.
fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).expect("inside");
            out.insert(
                rel.to_string_lossy().into_owned(),
                e.metadata().expect("metadata").ino(),
            );
        }
    }
    out
}

/// Builds into `public/` and checks the rebuild against the site before it
/// and against a fresh build; returns the paths whose bytes changed.
fn rebuild(site: &Site, round: &str) -> Vec<String> {
    let (before, before_ino) = (site.tree("public"), inodes(&site.join("public")));
    let run = site.run(&["build", "--archive"]);
    assert_eq!(run.code, 0, "{round}: {run:#?}");
    let (after, after_ino) = (site.tree("public"), inodes(&site.join("public")));
    let mut changed = Vec::new();
    for (path, bytes) in &after {
        if before.get(path) == Some(bytes) {
            assert_eq!(
                before_ino[path], after_ino[path],
                "{round}: {path} did not change but was written again"
            );
        } else {
            changed.push(path.clone());
            if let Some(old) = before_ino.get(path) {
                assert_ne!(
                    *old, after_ino[path],
                    "{round}: {path} was changed in place"
                );
            }
        }
    }
    let fresh = format!("fresh-{round}");
    let run = site.run(&["build", "--archive", "--output", &fresh]);
    assert_eq!(run.code, 0, "{round}: {run:#?}");
    assert!(
        site.tree(&fresh) == after,
        "{round}: the rebuild differs from a fresh build"
    );
    // What a build swapped out is the next one's cache: the site before.
    assert!(
        site.tree(".public.docket-cache") == before,
        "{round}: the cache is not the previous site"
    );
    changed
}

#[test]
fn a_rebuild_writes_only_the_files_whose_bytes_differ() {
    let site = Site::example();
    let run = site.run(&["build", "--archive"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let policy = "content/policies/1491-victim-benefits-enforcement.md";

    // One word of a body: its page and the files that carry its text.
    site.write(policy, &site.read(policy).replacen(" the ", " a ", 1));
    let changed = rebuild(&site, "edit");
    assert!(changed.contains(&"policies/1491/index.html".to_string()));
    assert!(
        !changed.contains(&"policies/1400/index.html".to_string()),
        "{changed:?}"
    );
    assert!(!changed.contains(&"documents/2025-01-31-ice-directive-11005.4.pdf".to_string()));

    // An entry removed: its files are gone.
    site.remove("content/commentary/1-aila-practice-alert.md");
    let changed = rebuild(&site, "removal");
    assert!(!changed.is_empty());
    assert!(!site.join("public/commentary/1").exists());

    // Nothing changed: not one file is written, the zip included.
    let changed = rebuild(&site, "no edit");
    assert_eq!(changed, Vec::<String>::new());
    let once = inodes(&site.join("public"));
    let changed = rebuild(&site, "no edit again");
    assert_eq!(changed, Vec::<String>::new());
    assert_eq!(inodes(&site.join("public")), once);
}

/// The build says how many files the site has and how many it wrote: all
/// of them into an empty folder, none when nothing changed, a few after
/// an edit.
#[test]
fn the_summary_counts_the_files_written_and_kept() {
    let site = Site::example();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let files = site.tree("public").len();
    assert!(
        run.stderr.contains(&format!("\n{files} files written\n")),
        "{files} files: {}",
        run.stderr
    );
    let run = site.run(&["build"]);
    assert!(
        run.stderr.contains(&format!(
            "\n{files} files: 0 written, {files} kept from earlier builds\n"
        )),
        "{}",
        run.stderr
    );
    let policy = "content/policies/1491-victim-benefits-enforcement.md";
    site.write(policy, &site.read(policy).replacen(" the ", " a ", 1));
    let run = site.run(&["build"]);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with(&format!("{files} files: ")))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    let written: usize = line
        .split(": ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{line}"));
    assert!(written > 0 && written < files / 2, "{line}");
}

/// The cache may hold anything a killed build or a hand left in it: a
/// file where a folder must be, a folder where a file must be, a link, a
/// stray file. None of it reaches the site, nothing is read through the
/// link, and what the link points to stays.
#[test]
fn whatever_the_cache_holds_the_site_is_the_same() {
    let site = Site::example();
    site.run(&["build"]).ok();
    site.run(&["build"]).ok();
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("secret.html"), "secret").expect("write");
    let cache = site.join(".public.docket-cache");
    assert!(cache.is_dir());
    std::fs::remove_dir_all(cache.join("policies/1491")).expect("remove");
    std::fs::write(cache.join("policies/1491"), "a file where a folder was").expect("write");
    std::fs::remove_file(cache.join("index.html")).expect("remove");
    std::fs::create_dir_all(cache.join("index.html/inside")).expect("mkdir");
    std::fs::remove_dir_all(cache.join("policies/1400")).expect("remove");
    std::os::unix::fs::symlink(outside.path(), cache.join("policies/1400")).expect("link");
    std::fs::write(cache.join("stray.html"), "stray").expect("write");
    // A top folder of a killed build, made under its build's name.
    std::fs::create_dir_all(cache.join(".docket-4242-search")).expect("mkdir");
    std::fs::write(cache.join(".docket-4242-search/d1.js"), "stray").expect("write");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let run = site.run(&["build", "--output", "fresh"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let (public, fresh) = (site.tree("public"), site.tree("fresh"));
    let differ: Vec<&String> = public
        .keys()
        .chain(fresh.keys())
        .filter(|k| public.get(*k) != fresh.get(*k))
        .collect();
    assert!(differ.is_empty(), "differ from a fresh build: {differ:?}");
    assert_eq!(
        site.read(&format!("{}/secret.html", outside.path().display())),
        "secret"
    );
    assert!(std::fs::read_dir(outside.path()).expect("outside").count() == 1);
}
