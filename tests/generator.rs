//! The corpus generator of the benchmarks (`examples/gen_corpus.rs`) writes
//! sites that docket checks without errors and builds into one page per
//! entry; the same seed gives the same bytes.

#[allow(dead_code)]
use crate::gen_corpus;

use std::path::{Path, PathBuf};
use std::process::Command;

const ENTRIES: usize = 300;

fn docket(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the docket binary runs")
}

/// Every file below `dir`, as (path relative to `dir`, bytes), sorted.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable folder") {
            let path = e.expect("folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("readable file");
                out.push((
                    path.strip_prefix(dir).expect("below dir").to_path_buf(),
                    bytes,
                ));
            }
        }
    }
    out.sort();
    out
}

/// Entry pages: `<kind>/<id>/index.html` for the three kinds of entries.
fn entry_pages(public: &Path) -> usize {
    ["policies", "court-actions", "commentary"]
        .iter()
        .map(|kind| {
            std::fs::read_dir(public.join(kind))
                .expect("a folder per kind")
                .filter_map(Result::ok)
                .filter(|e| e.path().join("index.html").is_file())
                .count()
        })
        .sum()
}

#[test]
fn a_generated_site_checks_clean_and_builds_a_page_per_entry() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    gen_corpus::generate(ENTRIES, &site, 7).expect("generated");

    let check = docket(&site, &["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(" 0 errors"), "{stderr}");

    let public = tmp.path().join("public");
    let out = public.to_str().expect("utf-8 path");
    let build = docket(&site, &["build", "--output", out]);
    assert_eq!(
        build.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let sources = tree(&site.join("content"))
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "md"))
        .count();
    assert_eq!(sources, ENTRIES);
    assert_eq!(entry_pages(&public), ENTRIES);
}

#[test]
fn the_same_seed_gives_the_same_site() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    gen_corpus::generate(60, &a, 3).expect("generated");
    gen_corpus::generate(60, &b, 3).expect("generated");
    gen_corpus::generate(60, &c, 4).expect("generated");
    assert!(tree(&a) == tree(&b), "same seed, different bytes");
    assert!(tree(&a) != tree(&c), "different seeds, same bytes");
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("keep.txt"), "mine").expect("written");
    assert!(gen_corpus::generate(10, tmp.path(), 1).is_err());
    assert!(tmp.path().join("keep.txt").is_file());
    // Its own output it replaces.
    let site = tmp.path().join("site");
    gen_corpus::generate(10, &site, 1).expect("generated");
    gen_corpus::generate(12, &site, 1).expect("regenerated");
}

/// Attribute text as a browser reads it (Tera escapes `/` in values).
fn unescape(html: &str) -> String {
    html.replace("&#x2F;", "/").replace("&amp;", "&")
}

/// Every `href` and `src` of every page that is not a web address names a
/// file of the site: links are relative and lead to `index.html` files,
/// never to folders.
fn broken_links(public: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for (rel, bytes) in tree(public) {
        if rel.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = unescape(&String::from_utf8_lossy(&bytes));
        let dir = public
            .join(&rel)
            .parent()
            .expect("in a folder")
            .to_path_buf();
        for attr in ["href=\"", "src=\""] {
            for part in html.split(attr).skip(1) {
                let url = part.split('"').next().unwrap_or("");
                let external = url.starts_with("http://")
                    || url.starts_with("https://")
                    || url.starts_with("mailto:");
                if external || url.starts_with('#') {
                    continue;
                }
                let path = url.split('#').next().unwrap_or("");
                if url.starts_with('/') || !dir.join(path).is_file() {
                    broken.push(format!("{}: {url}", rel.display()));
                }
            }
        }
    }
    broken
}

#[test]
fn long_lists_are_cut_into_pages_whose_links_all_resolve() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    gen_corpus::generate(ENTRIES, &site, 7).expect("generated");
    let public = tmp.path().join("public");
    let build = docket(
        &site,
        &["build", "--output", public.to_str().expect("utf-8")],
    );
    assert_eq!(build.status.code(), Some(0));
    // 180 policies at 100 a page.
    let read = |rel: &str| unescape(&std::fs::read_to_string(public.join(rel)).expect(rel));
    let first = read("policies/index.html");
    assert!(
        first.contains("href=\"../policies/page-2.html\""),
        "no link to page 2"
    );
    let second = read("policies/page-2.html");
    assert!(second.contains("rel=\"prev\" href=\"../policies/index.html\""));
    assert!(!public.join("policies/page-3.html").exists());
    assert!(public.join("statuses/final-actual/page-2.html").is_file());
    // Newest first, across the pages of a list.
    for list in ["policies", "statuses/final-actual"] {
        let mut dates = Vec::new();
        for page in ["index.html", "page-2.html"] {
            let html = read(&format!("{list}/{page}"));
            // The list itself, not the footer's date of the data.
            let main = html
                .split("<main")
                .nth(1)
                .and_then(|m| m.split("</main>").next())
                .unwrap_or("");
            dates.extend(
                main.split("<time datetime=\"")
                    .skip(1)
                    .filter_map(|t| t.get(..10).map(str::to_string)),
            );
        }
        assert!(dates.len() > 100, "{list}: {} dates", dates.len());
        assert!(
            dates.windows(2).all(|w| w[0] >= w[1]),
            "{list} is not newest first"
        );
    }
    let broken = broken_links(&public);
    assert!(
        broken.is_empty(),
        "{} broken links, first: {:?}",
        broken.len(),
        &broken[..broken.len().min(5)]
    );
}

#[test]
fn the_output_does_not_depend_on_the_number_of_threads() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    gen_corpus::generate(150, &site, 11).expect("generated");
    let mut trees = Vec::new();
    for threads in ["1", "3"] {
        let out = tmp.path().join(format!("public-{threads}"));
        let status = Command::new(env!("CARGO_BIN_EXE_docket"))
            .arg("--root")
            .arg(&site)
            .args(["build", "--output"])
            .arg(&out)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("runs")
            .status;
        assert!(status.success());
        trees.push(tree(&out));
    }
    assert_eq!(trees[0].len(), trees[1].len());
    for (a, b) in trees[0].iter().zip(&trees[1]) {
        assert!(a == b, "{} differs between 1 and 3 threads", a.0.display());
    }
}

/// A row template that writes `root` only as `{{ root }}` renders each row
/// once for both depths of list page; one that does more with `root`
/// renders it once per depth. The two give the same site, byte for byte.
#[test]
fn rows_rendered_once_for_both_depths_are_the_rows_rendered_per_depth() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut trees = Vec::new();
    for per_depth in [false, true] {
        let site = tmp.path().join(format!("site-{per_depth}"));
        gen_corpus::generate(150, &site, 11).expect("generated");
        if per_depth {
            for name in ["policy_row.html", "court_action_row.html"] {
                let path = site.join("themes/default/templates").join(name);
                let text = std::fs::read_to_string(&path).expect("the theme's row template");
                assert!(text.contains("{{ root }}"), "{name} writes root");
                let text = text.replace("{{ root }}", "{{ r }}");
                std::fs::write(&path, format!("{{% set r = root %}}{text}")).expect("written");
            }
        }
        let out = tmp.path().join(format!("public-{per_depth}"));
        let run = docket(&site, &["build", "--output", &out.to_string_lossy()]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        trees.push(tree(&out));
    }
    assert_eq!(trees[0].len(), trees[1].len());
    let term_pages = trees[0]
        .iter()
        .filter(|(p, _)| p.starts_with("subjects") && p.ends_with("index.html"))
        .count();
    assert!(term_pages > 0, "rows are listed two folders deep too");
    for (a, b) in trees[0].iter().zip(&trees[1]) {
        assert!(a == b, "{} differs", a.0.display());
    }
}
