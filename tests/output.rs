//! The output folder through the real binary: what builds leave beside it
//! is taken up or removed by the next build unless a build still runs (the
//! cache of the previous site alone stays), names that are not docket's are
//! left alone, and the exit code says what is on disk.

use crate::common;

use common::Site;

const CACHE: &str = ".public.docket-cache";

/// The names docket keeps beside `public/`.
fn beside(site: &Site) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(site.path())
        .expect("site folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.docket-"))
        .collect();
    v.sort();
    v
}

fn built() -> Site {
    let site = Site::fixture("links/site");
    site.run(&["build"]).ok();
    site
}

#[test]
fn a_file_beside_the_output_with_a_name_of_several_byte_characters() {
    let site = built();
    // The old clean-up cut every name at the length of its prefix, inside
    // the "é" here, and panicked (exit code 101).
    site.write("aaaaaaaaaaaaaaaaaaaaaaé-notes", "mine");
    site.write(".public.docket-staging-notes/keep", "mine");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(site.read("aaaaaaaaaaaaaaaaaaaaaaé-notes"), "mine");
    assert_eq!(site.read(".public.docket-staging-notes/keep"), "mine");
}

#[test]
fn what_killed_builds_left_is_removed_by_the_next_one() {
    let site = built();
    // A staging folder half removed (its marker gone), the previous site of
    // a killed swap whose new site is in place, and a lone lock file.
    site.write(
        ".public.docket-staging-999999/policies/1/index.html",
        "half",
    );
    site.write(".public.docket-old-999998/.docket-build", "");
    site.write(".public.docket-old-999998/index.html", "old");
    site.write(".public.docket-999997.lock", "");
    // What docket 0.1 left: a staging folder named by a process id alone.
    site.write(".public.docket-staging-999996/.docket-build", "");
    let before = site.tree("public");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    // One of them was the new build's cache, the others are gone; the
    // cache now holds the previous site, and the new one is whole.
    assert_eq!(beside(&site), [CACHE]);
    assert_eq!(site.tree(CACHE), before);
    assert_eq!(site.tree("public"), before);
}

#[test]
fn a_killed_swap_is_undone_before_anything_else() {
    let site = built();
    // Killed between the two renames where the exchange is missing: the
    // previous site is aside and public/ is gone.
    let before = site.tree("public");
    std::fs::rename(site.join("public"), site.join(".public.docket-old-999995"))
        .expect("move aside");
    // A build that fails once it has started writing (a template error)
    // leaves the previous site as it was: back in its place.
    site.write(
        "themes/default/templates/case.html",
        "{% extends \"base.html\" %}{% block content %}{{ case.nope.nope }}{% endblock content %}",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(site.tree("public"), before);
    assert_eq!(beside(&site), [CACHE]);
}

/// The folders of a build that runs are its own: another build leaves
/// them alone, and removes them once that build has ended.
#[cfg(unix)]
#[test]
fn the_folders_of_a_running_build_are_left_alone() {
    use std::os::unix::io::AsRawFd;
    let site = built();
    site.write(".public.docket-staging-424242/.docket-build", "");
    site.write(".public.docket-staging-424242/index.html", "being written");
    let lock = std::fs::File::create(site.join(".public.docket-424242.lock")).expect("lock");
    // SAFETY: the descriptor is open while `lock` lives.
    let r = unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    assert_eq!(r, 0, "lock taken");
    site.run(&["build"]).ok();
    assert_eq!(
        site.read(".public.docket-staging-424242/index.html"),
        "being written"
    );
    drop(lock); // the build ends
    site.run(&["build"]).ok();
    assert_eq!(beside(&site), [CACHE]);
}

/// A previous site with a folder docket cannot write into: it becomes the
/// cache all the same, and the next build, unable to bring it up to date
/// or remove it, writes the whole site (exit code 0, with a warning). Once
/// the folder can be written to again, the cache is used again. Only where
/// permissions bind: root may write anywhere (the unit tests in
/// `src/output/mod.rs` fail the removal there).
#[cfg(unix)]
#[test]
fn a_cache_that_cannot_be_written_to_does_not_fail_the_build() {
    use std::os::unix::fs::PermissionsExt;
    let site = built();
    let stuck = site.join("public/policies/1491");
    std::fs::set_permissions(&stuck, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    if std::fs::write(stuck.join("probe"), "").is_ok() {
        let _ = std::fs::remove_file(stuck.join("probe"));
        eprintln!("permissions do not bind here (root): see output::tests in the library");
        std::fs::set_permissions(&stuck, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        return;
    }
    let edit = |to: &str| {
        site.write(
            "content/policies/1400-eo-14159.md",
            &site
                .read("content/policies/1400-eo-14159.md")
                .replace("EO 14159", to),
        );
    };
    edit("EO 14159, amended");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(beside(&site), [CACHE]);
    edit("EO 14159, amended twice");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr.contains("cannot be brought up to date"),
        "{}",
        run.stderr
    );
    assert!(site
        .read("public/policies/1400/index.html")
        .contains("amended twice"));
    for dir in walk_dirs(&site.join(CACHE)) {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(!run.stderr.contains("cannot be"), "{}", run.stderr);
    assert_eq!(beside(&site), [CACHE]);
}

#[cfg(unix)]
fn walk_dirs(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for e in std::fs::read_dir(dir).expect("folder").flatten() {
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(walk_dirs(&e.path()));
        }
    }
    out
}
