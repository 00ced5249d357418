//! Browser tests: sites built by the real binary, opened from `file://` in
//! headless Chromium and driven by `tests/browser/run.mjs` (playwright-core,
//! axe-core, and the Nu Html Checker from `vnu-jar`).
//!
//! Three sites: the repository's two example sites (the tracker at its top,
//! and `examples/executive-orders`, of another shape: lettered ids, no
//! subjects or agencies, cases with their appeals), and one of 1,000
//! entries made by the benchmarks' generator (`examples/gen_corpus.rs`).
//! On each the script walks from `index.html` through every kind of page
//! it has by clicking links, checks every link of every page, applies
//! filter combinations and checks rows and counts against the content
//! (`expect.json`, written here from the loaded site), searches for known
//! entries (recording the bytes the first query loads), and runs axe-core
//! and vnu with zero findings allowed.
//!
//! Needs Chromium (`/usr/bin/chromium`, or `DOCKET_CHROMIUM`), node, java
//! and `npm ci --prefix tests/browser`. Where one is missing the test says
//! so and passes, unless `DOCKET_BROWSER_TESTS=required`, when it fails.

use crate::common;

use crate::gen_corpus;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use docket::config::Vocab;
use docket::content::Kind;
use docket::diag::Diagnostics;
use docket::site::facets::{filterable_fields, terms_in};
use docket::site::terms::Terms;
use docket::slug::slugify;
use docket::LoadOptions;
use serde_json::{json, Value};

const GENERATED_ENTRIES: usize = 1000;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> PathBuf {
    std::env::var_os("DOCKET_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Why the browser tests cannot run here, if they cannot.
fn missing() -> Option<String> {
    let browser = chromium();
    if !browser.is_file() {
        return Some(format!(
            "no Chromium at {} (apt-get install chromium, or set DOCKET_CHROMIUM)",
            browser.display()
        ));
    }
    let tools = repo().join("tests/browser/node_modules");
    for pkg in ["playwright-core", "axe-core", "vnu-jar"] {
        if !tools.join(pkg).is_dir() {
            return Some(format!(
                "{pkg} is not installed (npm ci --prefix tests/browser)"
            ));
        }
    }
    for (tool, arg) in [("node", "--version"), ("java", "-version")] {
        if Command::new(tool).arg(arg).output().is_err() {
            return Some(format!("{tool} is not on PATH"));
        }
    }
    None
}

/// Whether the browser tests can run here; when they cannot, says why and
/// skips `what`, unless `DOCKET_BROWSER_TESTS=required`, when it fails.
fn can_run(what: &str) -> bool {
    let Some(why) = missing() else {
        return true;
    };
    if std::env::var("DOCKET_BROWSER_TESTS").as_deref() == Ok("required") {
        panic!("browser tests are required but cannot run: {why}");
    }
    eprintln!("skipping {what}: {why}");
    false
}

/// Builds the site at `root` into `out` with the real binary (`docket`).
fn build(docket: &Path, root: &Path, out: &Path) {
    let o = Command::new(docket)
        .args(["--root"])
        .arg(root)
        .args(["build", "-o"])
        .arg(out)
        .output()
        .expect("run docket");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "docket build {} failed:\n{stderr}",
        root.display()
    );
    // The summary lines (warnings of generated content are not the point).
    let lines: Vec<&str> = stderr.trim().lines().collect();
    eprintln!(
        "{}: {}",
        root.display(),
        lines[lines.len().saturating_sub(2)..].join("\n")
    );
}

/// A query that must find exactly these pages (site-relative URLs).
struct Needle {
    query: String,
    urls: Vec<String>,
}

/// Words of a site for the searches beyond the exact word: another form
/// of a word its titles hold, a misspelling of a word it has with that
/// word, and a word found in more than one kind of entry.
struct Words {
    forms: [&'static str; 2],
    typo: [&'static str; 2],
    facets: &'static str,
}

/// The words of the example site and of the generated one.
const DETENTION: Words = Words {
    forms: ["detentions", "detention"],
    typo: ["detension", "detention"],
    facets: "immigration",
};

/// What the pages should show, read from the content by docket's loader:
/// the facts each list filters on, and queries with the pages they find.
fn expectations(root: &Path, needles: &[Needle], words: &Words) -> Value {
    let mut diags = Diagnostics::default();
    let Ok(site) = docket::load(root, &LoadOptions::default(), &mut diags) else {
        panic!("cannot load {}", root.display());
    };
    let terms = Terms::build(&site.corpus, &site.graph, &site.config);
    let slug = |v: Vocab, name: &str| terms.slug(v, name).unwrap_or_default().to_string();
    let slugs = |v: Vocab, list: &[docket::content::Term]| -> Vec<String> {
        list.iter().map(|t| slug(v, t.as_str())).collect()
    };
    let c = &site.corpus;
    // A key the site declares absent has no filter on its lists.
    let facet = |v: Vocab, values: Vec<String>| (!site.config.fields.absent(v)).then_some(values);
    // Each term field of the site's own is a filter too.
    let own_of = |section: &str,
                  written: &[docket::content::fields::Extra]|
     -> Vec<(String, Option<Vec<String>>)> {
        filterable_fields(&site.config, section)
            .map(|f| {
                // A value with a page is filtered by its page's slug.
                let paged = terms.field(&f.key);
                let slug = |n: &str| {
                    let page = paged.and_then(|t| t.terms.get(n));
                    page.map_or_else(|| slugify(n), |e| e.slug.clone())
                };
                let values = terms_in(written, &f.key).into_iter().map(slug).collect();
                (format!("field-{}", f.key), Some(values))
            })
            .collect()
    };
    let own = |kind: Kind, common: &docket::content::Common| own_of(kind.name(), &common.extra);
    // Each list in its order on the site: newest first.
    let mut policies: Vec<&docket::content::Policy> = c.policies.iter().map(|p| &**p).collect();
    policies.sort_by_key(|p| std::cmp::Reverse((p.announced, p.id)));
    let mut court_actions: Vec<&docket::content::CourtAction> =
        c.court_actions.iter().map(|x| &**x).collect();
    court_actions.sort_by_key(|a| std::cmp::Reverse((a.date, a.id)));
    let mut cases: Vec<(usize, &docket::graph::Case)> =
        site.graph.cases.iter().enumerate().collect();
    // By latest date: of the filings, or the case file's `filed`.
    cases.sort_by_key(|(i, k)| std::cmp::Reverse((k.latest, *i)));
    let policies: Vec<Value> = policies
        .iter()
        .map(|p| {
            json!({
                "url": format!("policies/{}/index.html", p.id),
                "title": p.common.title,
                // The words filter looks at identifiers too.
                "text": std::iter::once(p.common.title.as_str())
                    .chain(p.identifiers.iter().flat_map(|(n, v)| [n.as_str(), v.as_str()]))
                    .collect::<Vec<_>>()
                    .join(" "),
                "identifiers": p.identifiers.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>(),
                "date": p.announced.to_string(),
                "effective": p.effective.map(|d| d.to_string()).unwrap_or_default(),
                "updated": p.common.updated.map(|d| d.to_string()).unwrap_or_default(),
                "facets": facets(own(Kind::Policy, &p.common).into_iter().chain([
                    ("subjects", facet(Vocab::Subjects, slugs(Vocab::Subjects, &p.subjects))),
                    ("agencies", facet(Vocab::Agencies, slugs(Vocab::Agencies, &p.agencies))),
                    ("statuses", facet(Vocab::Statuses, slugs(Vocab::Statuses, &p.status))),
                    ("actions", facet(Vocab::Actions, p.action.iter().map(|t| slug(Vocab::Actions, t.as_str())).collect())),
                    ("administrations", facet(Vocab::Administrations, p.administration.iter().map(|t| slug(Vocab::Administrations, t.as_str())).collect())),
                    ("current-statuses", facet(Vocab::CurrentStatuses, vec![p.current_status.as_ref().map_or("_none".to_string(), |t| slug(Vocab::CurrentStatuses, t.as_str()))])),
                ].map(|(k, v)| (k.to_string(), v)))),
            })
        })
        .collect();
    let court_actions: Vec<Value> = court_actions
        .iter()
        .map(|a| {
            json!({
                "url": format!("court-actions/{}/index.html", a.id),
                "title": a.common.title,
                "text": format!("{} {} {}", a.common.title, a.case.value, a.docket),
                "dates": [a.date.to_string()],
                "facets": facets(own(Kind::CourtAction, &a.common).into_iter().chain([
                    ("courts", Some(vec![slug(Vocab::Courts, a.court.as_str())])),
                    ("filings", facet(Vocab::Filings, a.filing.iter().map(|t| slug(Vocab::Filings, t.as_str())).collect())),
                ].map(|(k, v)| (k.to_string(), v)))),
            })
        })
        .collect();
    let cases: Vec<Value> = cases
        .iter()
        .map(|(_, k)| {
            let filings: Vec<&docket::content::CourtAction> = k
                .filings
                .iter()
                .map(|f| &*c.court_actions[f.get()])
                .collect();
            let mut kinds: Vec<String> = filings
                .iter()
                .filter_map(|f| f.filing.as_ref().map(|t| slug(Vocab::Filings, t.as_str())))
                .collect();
            kinds.sort();
            kinds.dedup();
            let mut facets = json!({
                // A court only case files name has no term: its slug is made alike.
                "courts": [terms.slug(Vocab::Courts, k.court.as_str()).map_or_else(|| slugify(k.court.as_str()), str::to_string)],
                "filings": kinds,
            });
            // The term fields of `[fields.case]`, of its case file.
            let written = k.file.map_or(&[][..], |f| &c.cases[f].extra[..]);
            for (key, values) in own_of("case", written) {
                facets[key] = json!(values.unwrap_or_default());
            }
            // Every case has the key, as every row of the data has the facet.
            facets["case-statuses"] = json!(k
                .status
                .iter()
                .map(|t| slugify(t.as_str()))
                .collect::<Vec<_>>());
            // A case known by its file alone is dated by its `filed`.
            let dates: Vec<String> = if filings.is_empty() {
                k.latest.iter().map(|d| d.to_string()).collect()
            } else {
                filings.iter().map(|f| f.date.to_string()).collect()
            };
            json!({
                "url": format!("cases/{}/index.html", k.slug),
                "title": k.name,
                "text": format!("{} {}", k.name, k.docket),
                "dates": dates,
                "facets": facets,
            })
        })
        .collect();
    let needles: Vec<Value> = needles
        .iter()
        .map(|n| json!({"query": n.query, "urls": n.urls}))
        .collect();
    let mut pages = BTreeMap::new();
    pages.insert("home", "index.html".to_string());
    if let Some(p) = c.policies.iter().max_by_key(|p| {
        let l = &site.graph.policies[site.graph.policy(p.id).map_or(0, |i| i.get())];
        l.supersedes.len()
            + l.superseded_by.len()
            + l.implements.len()
            + l.derivatives.len()
            + l.court_actions.len()
    }) {
        pages.insert("policy", format!("policies/{}/index.html", p.id));
    }
    // A superseded policy: its status box says by which policy.
    if let Some(p) = c.policies.iter().find(|p| {
        site.graph
            .policy(p.id)
            .is_some_and(|i| !site.graph.policies[i.get()].superseded_by.is_empty())
    }) {
        pages.insert("policy-superseded", format!("policies/{}/index.html", p.id));
    }
    // A policy in a long lineage: the walk reaches the lineage's page from it.
    if let Some(p) = c
        .policies
        .iter()
        .filter_map(|p| Some((p, site.graph.lineage(site.graph.policy(p.id)?)?)))
        .max_by_key(|(_, l)| l.members.len())
    {
        pages.insert(
            "policy-in-lineage",
            format!("policies/{}/index.html", p.0.id),
        );
    }
    // Search beyond the exact word: the entries whose title holds
    // the word are among those its other form finds.
    let titled = |title: &str| {
        title
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == words.forms[1])
    };
    let mut holding: Vec<String> = c
        .policies
        .iter()
        .filter(|p| titled(&p.common.title))
        .map(|p| format!("policies/{}/index.html", p.id))
        .collect();
    holding.extend(
        c.court_actions
            .iter()
            .filter(|a| titled(&a.common.title))
            .map(|a| format!("court-actions/{}/index.html", a.id)),
    );
    holding.extend(
        c.commentary
            .iter()
            .filter(|x| titled(&x.common.title))
            .map(|x| format!("commentary/{}/index.html", x.id)),
    );
    json!({
        "policies": policies,
        "court_actions": court_actions,
        "cases": cases,
        "needles": needles,
        "pages": pages,
        "variations": {
            "forms": words.forms,
            "holding": holding,
            "typo": words.typo,
            "facets": words.facets,
        },
    })
}

/// The facets of an entry, without those the site declares absent.
fn facets(all: impl Iterator<Item = (String, Option<Vec<String>>)>) -> Value {
    all.filter_map(|(k, v)| Some((k, json!(v?))))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// Starts the browser script on one built site; `extra` are its options.
fn start(
    name: &str,
    site: &Path,
    expect: &Value,
    work: &Path,
    extra: &[&str],
) -> std::process::Child {
    let expect_path = work.join(format!("{name}-expect.json"));
    std::fs::write(
        &expect_path,
        serde_json::to_vec_pretty(expect).expect("json"),
    )
    .expect("write expectations");
    Command::new("node")
        .arg(repo().join("tests/browser/run.mjs"))
        .arg("--site")
        .arg(site)
        .arg("--expect")
        .arg(&expect_path)
        .arg("--report")
        .arg(work.join(format!("{name}-report.json")))
        .arg("--chromium")
        .arg(chromium())
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run node")
}

/// Waits for a browser script; its output, and whether it passed.
fn finish(name: &str, child: std::process::Child) -> bool {
    let o = child.wait_with_output().expect("wait for node");
    eprintln!(
        "--- {name} ---\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o.status.success()
}

#[test]
fn sites_work_offline_in_a_real_browser() {
    if !can_run("the browser tests") {
        return;
    }
    let work = tempfile::tempdir().expect("temp dir");
    // DOCKET_BROWSER_KEEP=1 leaves the sites and reports for a look.
    let work = if std::env::var_os("DOCKET_BROWSER_KEEP").is_some() {
        let kept = work.keep();
        eprintln!("keeping {}", kept.display());
        Work::Kept(kept)
    } else {
        Work::Temp(work)
    };
    // A copy of the binary: the test runs for minutes, and the one in the
    // target folder may be rebuilt meanwhile.
    let docket = work.path().join("docket");
    std::fs::copy(env!("CARGO_BIN_EXE_docket"), &docket).expect("copy the docket binary");

    // The example site of the repository.
    let example = work.path().join("example-site");
    build(&docket, &repo(), &example);
    let needles = [
        Needle {
            query: "2:25-cv-09848".into(),
            urls: vec![
                "court-actions/1/index.html".into(),
                "court-actions/2/index.html".into(),
                "cases/c-d-cal-2-25-cv-09848/index.html".into(),
            ],
        },
        Needle {
            query: "OPLA".into(),
            urls: vec!["policies/1491/index.html".into()],
        },
    ];
    let example_expect = expectations(&repo(), &needles, &DETENTION);

    // The second example of the repository, of another shape: lettered
    // ids, no subjects or agencies, cases with their appeals.
    let orders_root = repo().join("examples/executive-orders");
    let orders = work.path().join("orders-site");
    build(&docket, &orders_root, &orders);
    let needles = [
        Needle {
            query: "1:17-cv-00050".into(),
            urls: vec![
                "court-actions/6/index.html".into(),
                "court-actions/7/index.html".into(),
                "cases/d-haw-1-17-cv-00050/index.html".into(),
            ],
        },
        Needle {
            query: "Packinghouse".into(),
            urls: vec!["policies/9934-A/index.html".into()],
        },
    ];
    let orders_words = Words {
        forms: ["refugees", "refugee"],
        typo: ["citizenshp", "citizenship"],
        facets: "citizenship",
    };
    let orders_expect = expectations(&orders_root, &needles, &orders_words);

    // A generated site of 1,000 entries, with two things to search for: a
    // word put into one policy's body, and the docket number of a case.
    let gen_root = work.path().join("generated");
    gen_corpus::generate(GENERATED_ENTRIES, &gen_root, 7).expect("generate a site");
    let needles = plant_needles(&gen_root);
    let generated = work.path().join("generated-site");
    build(&docket, &gen_root, &generated);
    let generated_expect = expectations(&gen_root, &needles, &DETENTION);

    // Two at a time, one browser each. Every page type of both examples
    // gets axe-core in both colour schemes, and their pages as scripts
    // leave them are checked too; the generated site, made of the same
    // templates, adds scale. The orders example, small, follows the first.
    let a = start("example", &example, &example_expect, work.path(), &[]);
    let b = start(
        "generated",
        &generated,
        &generated_expect,
        work.path(),
        &["--schemes", "light", "--states", "no"],
    );
    let a = finish("example", a);
    let c = start("orders", &orders, &orders_expect, work.path(), &[]);
    let (b, c) = (finish("generated", b), finish("orders", c));
    assert!(a && b && c, "browser checks failed (see above)");
}

/// Adds a word found nowhere else to the body of one policy of a generated
/// site, and picks the docket number of a case with several filings; the
/// pages each must find.
fn plant_needles(root: &Path) -> Vec<Needle> {
    const WORD: &str = "vexillologic";
    let mut diags = Diagnostics::default();
    let Ok(site) = docket::load(root, &LoadOptions::default(), &mut diags) else {
        panic!("cannot load the generated site");
    };
    let c = &site.corpus;
    let p = &c.policies[c.policies.len() / 2];
    let file = &site.sources.get(p.common.file).path;
    let text = std::fs::read_to_string(file).expect("read a policy");
    assert!(!text.contains(WORD));
    std::fs::write(
        file,
        format!("{text}\nA {WORD} aside, found by search only here.\n"),
    )
    .expect("write a policy");
    // A number written with a separator of thousands, in another policy:
    // it alone must be found, first, although many entries hold 461 or 408.
    const NUMBER: &str = "461,408";
    let q = &c.policies[c.policies.len() / 3];
    let file_q = &site.sources.get(q.common.file).path;
    let text_q = std::fs::read_to_string(file_q).expect("read a policy");
    assert!(!text_q.contains(NUMBER));
    std::fs::write(
        file_q,
        format!("{text_q}\nIt counts {NUMBER} people in all.\n"),
    )
    .expect("write a policy");
    let mut needles = vec![
        Needle {
            query: WORD.into(),
            urls: vec![format!("policies/{}/index.html", p.id)],
        },
        Needle {
            query: NUMBER.into(),
            urls: vec![format!("policies/{}/index.html", q.id)],
        },
    ];
    let case = site
        .graph
        .cases
        .iter()
        .filter(|k| k.filings.len() > 1)
        .nth(2)
        .expect("a case with several filings");
    // Every entry that mentions the number, and the case itself.
    let mut urls = vec![format!("cases/{}/index.html", case.slug)];
    let mentions = |common: &docket::content::Common| {
        let s = site.sources.get(common.file);
        s.text.contains(&case.docket)
    };
    urls.extend(
        c.policies
            .iter()
            .filter(|x| mentions(&x.common))
            .map(|x| format!("policies/{}/index.html", x.id)),
    );
    urls.extend(
        c.court_actions
            .iter()
            .filter(|x| mentions(&x.common))
            .map(|x| format!("court-actions/{}/index.html", x.id)),
    );
    urls.extend(
        c.commentary
            .iter()
            .filter(|x| mentions(&x.common))
            .map(|x| format!("commentary/{}/index.html", x.id)),
    );
    needles.push(Needle {
        query: case.docket.clone(),
        urls,
    });
    needles
}

enum Work {
    Temp(tempfile::TempDir),
    Kept(PathBuf),
}

impl Work {
    fn path(&self) -> &Path {
        match self {
            Work::Temp(t) => t.path(),
            Work::Kept(p) => p,
        }
    }
}

/// The search reader, in node without a browser: its tokenizer against the
/// cases docket's own is tested with, and queries on the example site.
#[test]
fn search_reader_agrees_with_the_index() {
    if Command::new("node").arg("--version").output().is_err() {
        if std::env::var("DOCKET_BROWSER_TESTS").as_deref() == Ok("required") {
            panic!("browser tests are required but node is not on PATH");
        }
        eprintln!("skipping the search reader checks: node is not on PATH");
        return;
    }
    let work = tempfile::tempdir().expect("temp dir");
    let stems = work.path().join("stems.json");
    std::fs::write(&stems, serde_json::to_vec(&stem_cases()).expect("json")).expect("write stems");
    // The example site as it is, one entry per document file, and a copy
    // that puts four in each: the reader finds the same documents.
    let grouped = work.path().join("grouped");
    for part in ["content", "themes"] {
        common::copy_tree(&repo().join(part), &grouped.join(part));
    }
    let toml = std::fs::read_to_string(repo().join("docket.toml")).expect("docket.toml");
    std::fs::write(
        grouped.join("docket.toml"),
        format!("search_documents_per_file = 4\n{toml}"),
    )
    .expect("write docket.toml");
    for (root, name) in [(repo(), "site"), (grouped, "grouped-site")] {
        let site = work.path().join(name);
        build(Path::new(env!("CARGO_BIN_EXE_docket")), &root, &site);
        let o = Command::new("node")
            .arg(repo().join("tests/browser/reader.mjs"))
            .arg("--site")
            .arg(&site)
            .arg("--stems")
            .arg(&stems)
            .output()
            .expect("run node");
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "{name}: {out}{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

/// Words and their stems by docket's stemmer, for the reader's to match:
/// every word of the book, the example site's content, the corpus
/// generator (the vocabulary of sites docket is tested with) and docket's
/// own source, and the list of words that take the stemmer's special paths.
fn stem_cases() -> Vec<(String, String)> {
    use docket::publish::search::text;
    let mut sources = vec![
        repo().join("examples/gen_corpus.rs"),
        repo().join("tests/fixtures/search/stem-words.txt"),
    ];
    for (dir, ext) in [("docs", "md"), ("content", "md"), ("src", "rs")] {
        for e in walkdir::WalkDir::new(repo().join(dir)).sort_by_file_name() {
            let e = e.expect("walk");
            if e.path().extension().is_some_and(|x| x == ext) {
                sources.push(e.path().to_path_buf());
            }
        }
    }
    let mut words = std::collections::BTreeSet::new();
    for file in sources {
        let body = std::fs::read_to_string(&file).expect("read a word source");
        text::tokens(&text::fold(&body), |t| {
            if text::stemmable(t) {
                words.insert(t.to_string());
            }
        });
    }
    assert!(words.len() > 3000, "only {} words to compare", words.len());
    words
        .into_iter()
        .map(|w| {
            let stem = text::stem_en(&w).unwrap_or_else(|| w.clone());
            (w, stem)
        })
        .collect()
}

/// The 404 page, as hosts serve it at any address, in Chromium: without a
/// base_url and with one, on a static host (played by the browser), under
/// `docket serve` and from disk; at addresses that once turned its base to
/// another host (`//evil.example/policies/x`). Its base, links and
/// stylesheet stay on the host it is read from, and nothing is requested
/// from any other (`tests/browser/not_found.mjs`).
#[test]
fn the_404_page_stays_on_the_host_it_is_read_from() {
    if !can_run("the 404 browser test") {
        return;
    }
    let plain = common::Site::fixture("links/site");
    plain.run(&["build"]).ok();
    let published = common::Site::fixture("links/site");
    published.write(
        "docket.toml",
        &format!(
            "base_url = \"https://example.org/tracker/\"\n{}",
            published.read("docket.toml")
        ),
    );
    published.run(&["build"]).ok();
    let server = Serve::start(published.path());
    let o = Command::new("node")
        .arg(repo().join("tests/browser/not_found.mjs"))
        .arg("--plain")
        .arg(plain.join("public"))
        .arg("--published")
        .arg(published.join("public"))
        .arg("--serve")
        .arg(format!("http://{}/", server.addr))
        .arg("--chromium")
        .arg(chromium())
        .output()
        .expect("run node");
    let out = String::from_utf8_lossy(&o.stdout);
    eprintln!("{out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "the 404 page checks failed (see above)");
}

/// `docket serve` on an ephemeral port, stopped when dropped.
struct Serve {
    child: std::process::Child,
    addr: String,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_docket"))
            .args(["serve", "--port", "0"])
            .current_dir(root)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("docket serve");
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = std::io::BufReader::new(out).read_line(&mut line);
        }
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Serve { child, addr }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The "in force on" control of the policies list, from `file://`
/// (`tests/browser/in_force.mjs`), over a small lineage in a repository
/// (`common::lineage`): A superseded by B on 1 September 2024, C rescinded
/// on 1 October, D stayed on 1 November and reinstated on 15 January 2025.
/// With the history, every end is dated; built from a copy without it,
/// C's end is not, and C is counted apart from 1 October on.
#[test]
fn the_policies_in_force_on_a_day_in_a_real_browser() {
    if !can_run("the in force browser test") {
        return;
    }
    let site = common::lineage::lineage();
    let docket = Path::new(env!("CARGO_BIN_EXE_docket"));
    let with_history = site.join("with-history");
    build(docket, site.path(), &with_history);
    std::fs::remove_dir_all(site.join(".git")).expect("remove .git");
    let without = site.join("without-history");
    build(docket, site.path(), &without);
    let page = |id: u32| format!("policies/{id}/index.html");
    let day = |on: &str, rows: &[u32], uncertain: usize| json!({"on": on, "rows": rows.iter().map(|&i| page(i)).collect::<Vec<_>>(), "uncertain": uncertain});
    let runs = [
        (
            &with_history,
            json!({"days": [
                day("2024-08-31", &[1, 3, 4], 0),
                day("2024-09-01", &[2, 3, 4], 0),
                day("2024-12-01", &[2], 0),
                day("2025-02-01", &[2, 4], 0),
                day("2024-01-15", &[], 0),
            ]}),
        ),
        (
            &without,
            json!({"days": [
                day("2024-08-31", &[1, 4], 1),
                day("2024-12-01", &[2, 4], 1),
            ]}),
        ),
    ];
    let mut ok = true;
    for (i, (out, expect)) in runs.iter().enumerate() {
        let expect_path = site.join(&format!("expect-{i}.json"));
        std::fs::write(&expect_path, expect.to_string()).expect("write expectations");
        let o = Command::new("node")
            .arg(repo().join("tests/browser/in_force.mjs"))
            .arg("--site")
            .arg(out)
            .arg("--expect")
            .arg(&expect_path)
            .arg("--chromium")
            .arg(chromium())
            .output()
            .expect("run node");
        eprintln!(
            "--- {} ---\n{}{}",
            out.display(),
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        ok &= o.status.success();
    }
    assert!(ok, "the in force checks failed (see above)");
}
