//! The live preview's incremental rebuilds give exactly the bytes of a full
//! build of the same content, through a series of edits.

use crate::common;

#[allow(dead_code)]
use crate::gen_corpus;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use common::Site;
use docket::serve::engine::Engine;
use docket::LoadOptions;

fn full_build(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let run = site.run(&["build", "--output", "full"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut tree = site.tree("full");
    tree.remove(".docket-build");
    tree
}

#[track_caller]
fn assert_same(engine: &Engine, site: &Site, step: &str) {
    let full = full_build(site);
    let live = engine.snapshot();
    let a: BTreeSet<&String> = full.keys().collect();
    let b: BTreeSet<&String> = live.keys().collect();
    assert_eq!(
        a, b,
        "after {step}: the served paths differ from a full build's"
    );
    for (path, bytes) in &full {
        assert!(
            live[path] == *bytes,
            "after {step}: {path} differs from a full build's"
        );
        // What a request gets: generated files are made when asked for.
        let served = engine
            .page(path)
            .map(|b| b.to_vec())
            .or_else(|| engine.asset(path).map(|p| std::fs::read(p).unwrap()));
        assert!(
            served.as_deref() == Some(bytes.as_slice()),
            "after {step}: a request for {path} does not get a full build's bytes"
        );
    }
}

fn edit(
    site: &Site,
    engine: &mut Engine,
    rel: &str,
    f: impl FnOnce(String) -> String,
) -> docket::serve::engine::Report {
    let text = site.read(rel);
    site.write(rel, &f(text));
    let changed: BTreeSet<PathBuf> = [site.path().join(rel)].into();
    engine.update(&changed)
}

#[test]
fn an_edit_of_a_term_field_moves_the_entry_between_its_values_pages() {
    let site = Site::fixture("fields/orders");
    let (mut engine, report) = Engine::new(site.path(), LoadOptions::default());
    assert_eq!(report.errors, 0);
    assert_same(&engine, &site, "the first build");
    let r = edit(&site, &mut engine, "content/policies/1-security.md", |t| {
        t.replace("disposition = \"Revoked\"", "disposition = \"In force\"")
            .replace("\"Civil service\", \"Defense\"", "\"Labor\", \"Defense\"")
    });
    assert!(!r.full, "{r:?}");
    assert_same(&engine, &site, "a term field's value changed");
    // A value no entry had: a new page, and pages renamed after it.
    edit(&site, &mut engine, "content/policies/2-equality.md", |t| {
        t.replace("disposition = \"In force\"", "disposition = \"Superseded\"")
    });
    assert_same(&engine, &site, "a term field's first use of a value");
}

#[test]
fn the_first_commentary_of_a_site_adds_it_to_every_page() {
    let site = Site::example();
    let note = "content/commentary/1-aila-practice-alert.md";
    let text = site.read(note);
    site.remove(note);
    let (mut engine, report) = Engine::new(site.path(), LoadOptions::default());
    assert_eq!(report.errors, 0);
    assert_same(&engine, &site, "a build without commentary");
    site.write(note, &text);
    engine.update(&[site.path().join(note)].into());
    assert_same(&engine, &site, "the first commentary");
    site.remove(note);
    engine.update(&[site.path().join(note)].into());
    assert_same(&engine, &site, "the last commentary removed");
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let site = Site::example();
    let (mut engine, report) = Engine::new(site.path(), LoadOptions::default());
    assert_eq!(report.errors, 0);
    assert_same(&engine, &site, "the first build");

    let r = edit(
        &site,
        &mut engine,
        "content/policies/1400-eo-14159-protecting-against-invasion.md",
        |t| {
            t.replace(
                "title = \"Protecting the American People Against Invasion\"",
                "title = \"Protecting the American People (renamed)\"",
            )
        },
    );
    assert!(!r.full, "{r:?}");
    assert!(
        r.changed.contains(&"policies/1491/index.html".to_string()),
        "{r:?}"
    );
    assert_same(&engine, &site, "a title change");

    edit(
        &site,
        &mut engine,
        "content/policies/1455-alien-registration-rule.md",
        |t| t.replacen("agencies = [", "supersedes = [312]\nagencies = [", 1),
    );
    assert_same(&engine, &site, "adding a supersedes");

    edit(
        &site,
        &mut engine,
        "content/policies/1455-alien-registration-rule.md",
        |t| t.replace("supersedes = [312]\n", ""),
    );
    assert_same(&engine, &site, "removing a supersedes");

    edit(
        &site,
        &mut engine,
        "content/policies/312-ice-directive-10076-1.md",
        |t| t.replace("announced = 2011-06-11", "announced = 2024-06-11"),
    );
    assert_same(&engine, &site, "moving a policy in time");

    // Rename a file: the entry keeps its id and its page.
    let from = site
        .path()
        .join("content/commentary/1-aila-practice-alert.md");
    let to = site.path().join("content/commentary/1-renamed.md");
    std::fs::rename(&from, &to).unwrap();
    engine.update(&[from, to].into());
    assert_same(&engine, &site, "renaming a file");

    // Delete an entry.
    let gone = site
        .path()
        .join("content/court-actions/2-preliminary-injunction-icwc-v-noem.md");
    std::fs::remove_file(&gone).unwrap();
    engine.update(&[gone].into());
    assert_same(&engine, &site, "deleting an entry");

    // Add a new one, with a new term and a new case.
    site.write(
        "content/court-actions/7-new.md",
        "+++\nid = 7\ntitle = \"Appeal - X v. Y\"\ndate = 2025-12-01\ncase = \"X v. Y\"\ndocket = \"25-1234\"\ncourt = \"9th Cir.\"\nfiling = \"Appeal\"\nchallenges = [1491, 1400]\n+++\nSee [the order](policy:1400).\n",
    );
    engine.update(&[site.path().join("content/court-actions/7-new.md")].into());
    assert_same(&engine, &site, "adding an entry");

    // Break a file: the last good site stays served; fix it: all is well again.
    let before = engine.snapshot();
    let r = edit(&site, &mut engine, "content/court-actions/7-new.md", |t| {
        t.replace("date = 2025-12-01", "date = 2025-13-01")
    });
    assert!(r.errors > 0);
    assert_eq!(
        engine.snapshot(),
        before,
        "a broken edit changes nothing served"
    );
    edit(&site, &mut engine, "content/court-actions/7-new.md", |t| {
        t.replace("date = 2025-13-01", "date = 2025-12-02")
    });
    assert_same(&engine, &site, "fixing a broken file");

    // A body edit only.
    let r = edit(
        &site,
        &mut engine,
        "content/policies/1491-victim-benefits-enforcement.md",
        |t| {
            t.replace(
                "What the directive changes:",
                "What the directive changes, in short:",
            )
        },
    );
    assert!(!r.full);
    assert_same(&engine, &site, "a body edit");

    // A template change renders everything.
    let r = edit(
        &site,
        &mut engine,
        "themes/default/templates/base.html",
        |t| t.replace("Skip to content", "Skip to the content"),
    );
    assert!(r.full);
    assert_same(&engine, &site, "a template change");
}

#[test]
fn incremental_rebuilds_of_a_large_site_equal_full_builds() {
    // Large enough for lists and term pages of several pages each.
    let site = Site::empty();
    gen_corpus::generate(1200, site.path(), 11).expect("generated");
    let (mut engine, report) = Engine::new(site.path(), LoadOptions::default());
    assert_eq!(report.errors, 0);
    let mut policies: Vec<PathBuf> = walkdir::WalkDir::new(site.path().join("content/policies"))
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    policies.sort();
    let rel = |p: &PathBuf| {
        p.strip_prefix(site.path())
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let a = rel(&policies[10]);
    let b = rel(&policies[500]);

    let r = edit(&site, &mut engine, &a, |t| {
        t.replacen("title = \"", "title = \"Renamed ", 1)
    });
    assert!(!r.full, "{r:?}");
    assert_same(&engine, &site, "a title change");

    edit(&site, &mut engine, &b, |t| {
        let line = t
            .lines()
            .find(|l| l.starts_with("announced = "))
            .unwrap()
            .to_string();
        t.replace(&line, "announced = 2001-01-02")
    });
    assert_same(&engine, &site, "moving a policy to the start of the lists");

    let gone = policies[700].clone();
    let text = std::fs::read_to_string(&gone).unwrap();
    std::fs::remove_file(&gone).unwrap();
    let r = engine.update(&[gone.clone()].into());
    if r.errors == 0 {
        assert_same(&engine, &site, "deleting a policy");
    }
    std::fs::write(&gone, text).unwrap();
    engine.update(&[gone].into());
    assert_same(&engine, &site, "restoring it");

    // A subject changes the counts of the lists' filters, on every page.
    let line_of = |rel: &str, key: &str| {
        site.read(rel)
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap()
            .to_string()
    };
    let c = rel(&policies[300]);
    let (mine, theirs) = (
        line_of(&c, "subjects = "),
        line_of(&rel(&policies[301]), "subjects = "),
    );
    assert_ne!(mine, theirs);
    edit(&site, &mut engine, &c, |t| t.replace(&mine, &theirs));
    assert_same(&engine, &site, "changing a policy's subjects");

    // A new filing of an old case moves the case to the top of its list.
    let first = |kind: &str| {
        let mut files: Vec<String> = std::fs::read_dir(site.path().join("content").join(kind))
            .unwrap()
            .map(|e| {
                format!(
                    "content/{kind}/{}",
                    e.unwrap().file_name().to_string_lossy()
                )
            })
            .filter(|p| p.ends_with(".md"))
            .collect();
        files.sort();
        files.swap_remove(0)
    };
    let action = first("court-actions");
    let field = |key: &str| line_of(&action, key);
    let new = format!(
        "+++\nid = 9001\ntitle = \"Appeal\"\ndate = 2030-01-01\n{}\n{}\n{}\nfiling = \"Appeal\"\n{}\n+++\nAn appeal.\n",
        field("case = "),
        field("docket = "),
        field("court = "),
        field("challenges = ")
    );
    site.write("content/court-actions/9001-appeal.md", &new);
    engine.update(&[site.path().join("content/court-actions/9001-appeal.md")].into());
    assert_same(&engine, &site, "adding a filing to a case");

    // Commentary moves in its list.
    let commentary = first("commentary");
    let date = line_of(&commentary, "date = ");
    edit(&site, &mut engine, &commentary, |t| {
        t.replace(&date, "date = 2001-05-05")
    });
    assert_same(&engine, &site, "moving commentary in its list");
}

/// The preview finds a generated file's generator by its path alone, and
/// aliases keep clear of generated paths the same way: every generated
/// file must be owned by the generator that made it, and no page by any.
#[test]
fn generated_files_are_told_by_their_paths() {
    use docket::publish::Generator;
    use docket::site::Derived;
    let site = Site::empty();
    gen_corpus::generate(300, site.path(), 5).expect("generated");
    // Every generator, the per-entry JSON included, must make files.
    let toml = site.read("docket.toml");
    site.write("docket.toml", &format!("entry_json = true\n{toml}"));
    let mut diags = docket::diag::Diagnostics::default();
    let Ok(loaded) = docket::load(site.path(), &LoadOptions::default(), &mut diags) else {
        panic!("the generated site does not load");
    };
    let derived = Derived::new(&loaded, &mut diags);
    let model = derived.model(&loaded);
    for page in model.pages() {
        let path = model.path(page);
        assert_eq!(Generator::owner(&path), None, "the page {path}");
    }
    for generator in Generator::ALL {
        let files = generator.run(&model).expect("made in memory");
        assert!(!files.is_empty(), "{generator:?} made no file");
        for f in files {
            assert_eq!(Generator::owner(&f.path), Some(generator), "{}", f.path);
        }
    }
}

#[test]
fn editing_a_declared_relation_rebuilds_both_policies() {
    let site = Site::fixture("relations/orders");
    let (mut engine, report) = Engine::new(site.path(), LoadOptions::default());
    assert_eq!(report.errors, 0);
    assert_same(&engine, &site, "the first build");
    edit(&site, &mut engine, "content/policies/13815.md", |t| {
        t.replace(
            "amends = [{ id = 13780, note = \"section 6\" }]",
            "revokes = [{ id = 13780, note = \"section 6\" }]",
        )
    });
    assert_same(&engine, &site, "an amendment made a revocation");
    edit(&site, &mut engine, "content/policies/14010.md", |t| {
        t.replace(
            "revokes = [{ id = 13780, note = \"sections 2 and 3\" }, ",
            "revokes = [",
        )
    });
    assert_same(&engine, &site, "a revocation removed");
}

#[test]
fn editing_adding_and_removing_case_files_rebuilds_what_they_show() {
    let site = Site::fixture("cases/lawsuits");
    let (mut engine, report) = Engine::new(site.path(), LoadOptions::default());
    assert_eq!(report.errors, 0);
    assert_same(&engine, &site, "the first build");
    edit(
        &site,
        &mut engine,
        "content/cases/washington-v-trump.md",
        |t| t.replace("status = \"Won\"", "status = \"Lost\""),
    );
    assert_same(&engine, &site, "a case's status changed");
    assert!(engine
        .page("cases/9th-cir-17-35105/index.html")
        .is_some_and(|p| String::from_utf8_lossy(&p).contains("Lost")));
    site.write(
        "content/cases/new.md",
        "+++\nname = \"New v. Case\"\ncourt = \"D. Mass.\"\ndocket = \"1:25-cv-1\"\nchallenges = [13769]\n+++\n",
    );
    engine.update(&[site.path().join("content/cases/new.md")].into());
    assert_same(&engine, &site, "a case file added");
    site.remove("content/cases/doe-v-agency.md");
    engine.update(&[site.path().join("content/cases/doe-v-agency.md")].into());
    assert_same(&engine, &site, "a case file removed");
    // A filing edited: the case file's view of its case stays whole.
    edit(
        &site,
        &mut engine,
        "content/court-actions/4-washington-tro.md",
        |t| t.replace("date = 2017-02-03", "date = 2017-02-04"),
    );
    assert_same(&engine, &site, "a filing of a case with a file edited");
}

/// A relation declared with `lineage = true` moves policies between
/// lineages as `supersedes` does: the pages of every policy drawn with
/// them, and the lineages' pages, named after their roots, follow.
#[test]
fn editing_a_declared_lineage_relation_rebuilds_the_lineages_it_changes() {
    let site = Site::fixture("relations/lineage");
    let (mut engine, report) = Engine::new(site.path(), LoadOptions::default());
    assert_eq!(report.errors, 0);
    assert_same(&engine, &site, "the first build");
    edit(&site, &mut engine, "content/policies/4.md", |t| {
        t.replace("amends = [3]", "continues = [3]")
    });
    assert!(engine.page("lineages/1/index.html").is_some());
    assert_same(&engine, &site, "an amendment made a continuation");
    edit(&site, &mut engine, "content/policies/2.md", |t| {
        t.replace("continues = [1]\n", "")
    });
    assert!(engine.page("lineages/1/index.html").is_none());
    assert!(engine.page("lineages/2/index.html").is_some());
    assert_same(&engine, &site, "the first link of the lineage removed");
    edit(&site, &mut engine, "content/policies/5.md", |t| {
        t.replace(
            "continues = [{ title = \"An order of an earlier government\" }]",
            "continues = [4, { title = \"An order of an earlier government\" }]",
        )
    });
    assert_same(&engine, &site, "a continuation added at the newer end");
}

#[test]
fn editing_a_relation_between_other_kinds_rebuilds_both_entries() {
    let site = Site::fixture("relations/kinds");
    let (mut engine, report) = Engine::new(site.path(), LoadOptions::default());
    assert_eq!(report.errors, 0);
    assert_same(&engine, &site, "the first build");
    edit(&site, &mut engine, "content/commentary/2.md", |t| {
        t.replace("note = \"part II\"", "note = \"parts II and III\"")
    });
    assert_same(&engine, &site, "a response's note changed");
    edit(&site, &mut engine, "content/court-actions/1.md", |t| {
        t.replace("cites = [2, ", "cites = [1, ")
    });
    assert_same(&engine, &site, "a filing cites other commentary");
}
