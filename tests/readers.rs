//! What docket writes for readers beyond the pages: the search index, the
//! lists' filter data and the pictures, checked on the files of a build.
//! (`tests/browser.rs` checks the same in a real browser.)

use crate::common;
#[allow(dead_code)]
use crate::gen_corpus;

use common::Site;

fn built(site: &Site) -> String {
    let run = site.run(&["build"]);
    run.success();
    run.stderr
}

#[test]
fn the_search_index_is_sharded_and_its_size_reported() {
    let site = Site::example();
    let stderr = built(&site);
    assert!(
        stderr.contains("search index ") && stderr.contains("list filter data"),
        "{stderr}"
    );
    let manifest = site.read("public/search/index.js");
    assert!(
        manifest.starts_with("docketSearch.i({\"v\":2,"),
        "{manifest}"
    );
    assert!(site.path().join("public/search/t0.js").is_file());
    assert!(site.path().join("public/search/d0.js").is_file());
    // Every entry and case is a document: 5 policies, 2 court actions, 1
    // commentary, 1 case.
    assert!(manifest.contains("\"docs\":9,"), "{manifest}");
    assert!(site.path().join("public/search/index.html").is_file());
}

/// Every term shard of a built site, one after the other.
fn term_shards(site: &Site) -> String {
    let mut names: Vec<String> = std::fs::read_dir(site.path().join("public/search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('t') && n.ends_with(".js"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| site.read(&format!("public/search/{n}")))
        .collect()
}

/// An English site's index holds the stems of its words, and says so to
/// the reader, which loads the theme's stemmer; a site in another language
/// has no stems (docket has no stemmer for it on both sides) and words are
/// matched as written.
#[test]
fn english_sites_index_stems_and_others_do_not() {
    let site = Site::example();
    built(&site);
    let manifest = site.read("public/search/index.js");
    assert!(manifest.contains("\"stem\":\"english\""), "{manifest}");
    let terms = term_shards(&site);
    // "Detention" and the like are found under their stem too.
    assert!(terms.contains("\"detention\":") && terms.contains("\"detent~\":"));
    assert!(site
        .read("public/static/snowball-english.js")
        .contains("Snowball"));
    let facets = site.read("public/search/facets.js");
    assert!(
        facets.starts_with("docketSearch.f({\"years\":[[2025,7],"),
        "{facets}"
    );

    let french = Site::example();
    french.write(
        "docket.toml",
        &french
            .read("docket.toml")
            .replace("language = \"en\"", "language = \"fr\""),
    );
    built(&french);
    let manifest = french.read("public/search/index.js");
    assert!(!manifest.contains("\"stem\""), "{manifest}");
    let terms = term_shards(&french);
    assert!(terms.contains("\"detention\":") && !terms.contains("~\":"));
}

#[test]
fn filter_data_lists_every_entry_of_each_list() {
    let site = Site::example();
    built(&site);
    let policies = site.read("public/filters/policies.js");
    assert!(policies.starts_with("docketFilter.data(\"policies\","));
    for id in [312, 1102, 1400, 1455, 1491] {
        assert!(
            policies.contains(&format!("\"policies/{id}/index.html\"")),
            "policy {id} missing"
        );
    }
    let actions = site.read("public/filters/court-actions.js");
    assert_eq!(actions.matches("\"court-actions/").count(), 2);
    let cases = site.read("public/filters/cases.js");
    assert!(cases.contains("\"cases/c-d-cal-2-25-cv-09848/index.html\""));
}

/// Titles, terms, case names and sources with markup in them stay text:
/// in pages, in the pictures (SVG is XML, stricter than HTML) and in the
/// script files of search and filters.
#[test]
fn text_in_pictures_and_data_is_escaped() {
    let site = Site::fixture("readers/escaping");
    built(&site);
    let policy = site.read("public/policies/2/index.html");
    let svg_start = policy.find("<svg").expect("a lineage picture");
    let svg = &policy[svg_start
        ..policy[svg_start..]
            .find("</svg>")
            .map(|e| svg_start + e)
            .expect("svg end")];
    for raw in ["<script", "<b>", "</text><script", "<14159>"] {
        assert!(!svg.contains(raw), "{raw} raw in the lineage: {svg}");
    }
    assert!(svg.contains("&lt;b&gt;bold&lt;/b&gt;"), "{svg}");
    assert!(svg.contains("Executive Order &lt;14159&gt;"), "{svg}");
    assert!(
        svg.contains("href=\"../../policies/1/index.html\""),
        "{svg}"
    );
    assert!(
        svg.contains("href=\"../../policies/3/index.html\""),
        "{svg}"
    );

    let case = site.read("public/cases/d-d-c-1-25-cv-00001/index.html");
    let svg = &case[case.find("<svg").expect("a timeline")..];
    assert!(!svg[..svg.find("</svg>").unwrap()].contains("<i>"), "{svg}");
    assert!(svg.contains("Ruling &lt;/svg&gt; in the case"), "{svg}");
    assert!(svg.contains("href=\"../../court-actions/1/index.html\""));

    let home = site.read("public/index.html");
    assert!(home.contains("class=\"chart chart-monthly\""));
    assert!(home.contains("class=\"chart chart-status\""));

    // The data files are JSON inside a call: markup stays inside strings.
    for file in [
        "search/d0.js",
        "filters/policies.js",
        "filters/court-actions.js",
    ] {
        let text = site.read(&format!("public/{file}"));
        assert!(text.ends_with(");\n"), "{file}");
        // docketSearch.d(0,[…]); or docketFilter.data("policies",{…});
        let args = &text[text.find('(').unwrap() + 1..text.len() - 3];
        let (_, json) = args.split_once(',').unwrap();
        serde_json::from_str::<serde_json::Value>(json)
            .unwrap_or_else(|e| panic!("{file} does not hold JSON: {e}"));
    }
}

/// A theme made before the search page existed still builds; only the
/// page is left out.
#[test]
fn a_theme_without_a_search_page_still_builds() {
    let site = Site::example();
    site.remove("themes/default/templates/search.html");
    built(&site);
    assert!(!site.path().join("public/search/index.html").exists());
    assert!(site.path().join("public/search/index.js").is_file());
}

/// A word of one body finds that entry, and only through the term shard
/// that holds it.
#[test]
fn a_word_of_a_body_is_in_exactly_one_shard() {
    let site = Site::fixture("readers/escaping");
    built(&site);
    let shards: Vec<String> = std::fs::read_dir(site.path().join("public/search"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('t') && n.ends_with(".js"))
        .collect();
    let holding: Vec<&String> = shards
        .iter()
        .filter(|n| {
            site.read(&format!("public/search/{n}"))
                .contains("\"quinquennial\":")
        })
        .collect();
    assert_eq!(holding.len(), 1, "{shards:?}");
    // "11005.4" is a term of its own, and so are its parts.
    let all: String = shards
        .iter()
        .map(|n| site.read(&format!("public/search/{n}")))
        .collect();
    for term in ["\"11005.4\":", "\"11005\":", "\"1:25-cv-00001\":"] {
        assert!(all.contains(term), "{term}");
    }
}

/// One huge word costs the search index the length of a term, not its own
/// length: the manifest every query loads stays small, no file of the index
/// swells, and the word is found by its first 64 characters.
#[test]
fn a_huge_word_does_not_swell_the_search_index() {
    let site = Site::example();
    let rel = "content/policies/1491-victim-benefits-enforcement.md";
    let word = "zq".repeat(150_000);
    site.write(rel, &format!("{}\n\n{word}\n", site.read(rel)));
    built(&site);
    let manifest = site.read("public/search/index.js");
    assert!(
        manifest.len() < 4096,
        "the manifest is {} bytes",
        manifest.len()
    );
    let mut terms = String::new();
    for e in std::fs::read_dir(site.path().join("public/search")).unwrap() {
        let e = e.unwrap();
        let len = e.metadata().unwrap().len();
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(len < 32 * 1024, "search/{name} is {len} bytes");
        if name.starts_with('t') {
            terms.push_str(&std::fs::read_to_string(e.path()).unwrap());
        }
    }
    assert!(terms.contains(&format!("\"{}\":", &word[..64])));
    assert!(!terms.contains(&word[..65]));
}

/// Every document of a built site's search index, in the order of their
/// numbers, read from its document files, and the number of those files.
fn search_documents(site: &Site) -> (Vec<serde_json::Value>, usize) {
    documents_in(&site.path().join("public/search"))
}

/// [`search_documents`] of the index in `dir`; each file holds the
/// documents its number says, as the reader finds them.
fn documents_in(dir: &std::path::Path) -> (Vec<serde_json::Value>, usize) {
    let mut shards: Vec<(usize, Vec<serde_json::Value>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('d') && n.ends_with(".js"))
        .map(|n| {
            let js = std::fs::read_to_string(dir.join(&n)).unwrap();
            let call = js
                .strip_prefix("docketSearch.d(")
                .and_then(|s| s.strip_suffix(");\n"))
                .unwrap_or_else(|| panic!("{n}: {js}"));
            let (number, docs) = call.split_once(',').unwrap();
            let docs: Vec<serde_json::Value> = serde_json::from_str(docs).unwrap();
            assert_eq!(format!("d{number}.js"), n);
            (number.parse().unwrap(), docs)
        })
        .collect();
    shards.sort_by_key(|(n, _)| *n);
    let manifest = std::fs::read_to_string(dir.join("index.js")).unwrap();
    let per_file: usize = manifest
        .split("\"docShard\":")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no docShard: {manifest}"));
    for (i, (n, docs)) in shards.iter().enumerate() {
        assert_eq!(*n, i, "document files are numbered from 0 without a gap");
        let last = i + 1 == shards.len();
        assert!(
            docs.len() == per_file || (last && docs.len() < per_file),
            "d{n}.js holds {} documents, not {per_file}",
            docs.len()
        );
    }
    let files = shards.len();
    (shards.into_iter().flat_map(|(_, d)| d).collect(), files)
}

#[test]
fn search_documents_per_file_puts_several_entries_in_each_file() {
    let site = Site::example();
    built(&site);
    let (one_each, files) = search_documents(&site);
    assert_eq!(one_each.len(), 9);
    assert_eq!(files, 9);
    let toml = site.read("docket.toml");
    site.write(
        "docket.toml",
        &format!("search_documents_per_file = 4\n{toml}"),
    );
    built(&site);
    let manifest = site.read("public/search/index.js");
    assert!(manifest.contains("\"docShard\":4,"), "{manifest}");
    // The same documents in the same order, in three files (4, 4 and 1),
    // the files of the build before gone.
    let (grouped, files) = search_documents(&site);
    assert_eq!(grouped, one_each);
    assert_eq!(files, 3);

    // A number out of range is an error at its place, with the nearest.
    site.write(
        "docket.toml",
        &format!("search_documents_per_file = 100\n{toml}"),
    );
    let run = site.run(&["check"]);
    assert_ne!(run.code, 0);
    for want in [
        "search_documents_per_file is 100, not a number from 1 to 64",
        "docket.toml:1:29",
        "search_documents_per_file = 64",
    ] {
        assert!(run.stderr.contains(want), "no {want}: {}", run.stderr);
    }
}

/// Documents are counted a batch of about a thousand at a time: the files
/// of the second batch go on from where the first stopped, whatever the
/// number of entries a file holds (3 does not divide the batch).
#[test]
fn document_files_are_numbered_across_batches() {
    let site = Site::empty();
    let root = site.path().join("site");
    gen_corpus::generate(1100, &root, 5).expect("generate a site");
    let build = |out: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_docket"))
            .arg("--root")
            .arg(&root)
            .args(["build", "--output", out])
            .output()
            .expect("run docket");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    build("one");
    let (one_each, files) = documents_in(&root.join("one/search"));
    assert!(
        one_each.len() > 1024,
        "{} documents: one batch",
        one_each.len()
    );
    assert_eq!(files, one_each.len());
    let toml = std::fs::read_to_string(root.join("docket.toml")).unwrap();
    std::fs::write(
        root.join("docket.toml"),
        format!("search_documents_per_file = 3\n{toml}"),
    )
    .unwrap();
    build("three");
    let (grouped, files) = documents_in(&root.join("three/search"));
    assert_eq!(files, one_each.len().div_ceil(3));
    assert!(grouped == one_each, "the same documents in the same order");
}
