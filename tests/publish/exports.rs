use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use docket::content::Kind;
use docket::publish::export::{case_column_names, column_names, LIST_SEPARATOR};

use super::{attrs, resolve};
use crate::common::{read, Fixture};

fn load(out: &std::path::Path, rel: &str) -> Value {
    serde_json::from_str(&read(out, rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn ids(v: &Value) -> Vec<u64> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|x| x.as_u64().expect("an id"))
        .collect()
}

fn by_id(list: &Value) -> BTreeMap<u64, &Value> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|e| (e["id"].as_u64().expect("id"), e))
        .collect()
}

/// The ids of the entries in `content/<dir>/`, read from their files.
fn content_ids(root: &std::path::Path, dir: &str) -> BTreeSet<u64> {
    std::fs::read_dir(root.join("content").join(dir))
        .expect("content folder")
        .map(|e| {
            let text = std::fs::read_to_string(e.expect("entry").path()).expect("entry file");
            text.lines()
                .find_map(|l| l.strip_prefix("id = "))
                .and_then(|id| id.trim().parse().ok())
                .expect("an id line")
        })
        .collect()
}

#[test]
fn the_json_export_follows_its_schema() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let db = load(&out, "data/docket.json");
    let schema = load(&out, "data/docket.schema.json");
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(&db)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema is strict: a field it does not know is an error.
    let mut extra = db.clone();
    extra["policies"][0]["surprise"] = Value::Bool(true);
    assert!(!validator.is_valid(&extra));
}

#[test]
fn entries_records_are_beside_their_pages_only_when_the_site_asks() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let db = load(&out, "data/docket.json");
    for (list, dir) in [
        ("policies", "policies"),
        ("court_actions", "court-actions"),
        ("commentary", "commentary"),
    ] {
        for id in by_id(&db[list]).keys() {
            assert!(!out.join(format!("{dir}/{id}/index.json")).exists());
            let page = read(&out, &format!("{dir}/{id}/index.html"));
            assert!(!page.contains("index.json"), "{dir}/{id}");
        }
    }
    assert!(!read(&out, "download/index.html").contains("index.json"));

    let toml = std::fs::read_to_string(f.root().join("docket.toml")).expect("docket.toml");
    f.write("docket.toml", &format!("entry_json = true\n{toml}"));
    let out = f.build(&[]);
    let db = load(&out, "data/docket.json");
    assert!(read(&out, "download/index.html").contains("index.json"));
    // Each entry's own file holds the same record as the whole database.
    for (list, dir) in [
        ("policies", "policies"),
        ("court_actions", "court-actions"),
        ("commentary", "commentary"),
    ] {
        for (id, record) in by_id(&db[list]) {
            let own = load(&out, &format!("{dir}/{id}/index.json"));
            assert_eq!(&own, record, "{dir}/{id}/index.json");
            let page = read(&out, &format!("{dir}/{id}/index.html"));
            assert!(
                page.contains(
                    "type=\"application/json\" title=\"This entry as data\" href=\"index.json\""
                ),
                "{dir}/{id}"
            );
        }
    }
}

#[test]
fn the_json_export_holds_every_entry_and_every_relation_both_ways() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let db = load(&out, "data/docket.json");
    let policies = by_id(&db["policies"]);
    let actions = by_id(&db["court_actions"]);
    let comments = by_id(&db["commentary"]);
    assert_eq!(
        policies.keys().copied().collect::<BTreeSet<_>>(),
        content_ids(f.root(), "policies")
    );
    assert_eq!(
        actions.keys().copied().collect::<BTreeSet<_>>(),
        content_ids(f.root(), "court-actions")
    );
    assert_eq!(
        comments.keys().copied().collect::<BTreeSet<_>>(),
        content_ids(f.root(), "commentary")
    );
    let cases: BTreeMap<&str, &Value> = db["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| (c["id"].as_str().expect("case id"), c))
        .collect();
    for (&id, p) in &policies {
        for (fwd, back) in [
            ("supersedes", "superseded_by"),
            ("superseded_by", "supersedes"),
            ("implements", "derivatives"),
            ("derivatives", "implements"),
        ] {
            for other in ids(&p[fwd]) {
                assert!(
                    ids(&policies[&other][back]).contains(&id),
                    "{id} {fwd} {other}, but not back"
                );
            }
        }
        for a in ids(&p["court_actions"]) {
            assert!(
                ids(&actions[&a]["challenges"]).contains(&id),
                "policy {id} / court action {a}"
            );
            let case = actions[&a]["case_id"].as_str().expect("case_id");
            assert!(p["cases"]
                .as_array()
                .expect("cases")
                .iter()
                .any(|c| c == case));
        }
        for c in ids(&p["commentary"]) {
            assert!(
                ids(&comments[&c]["about"]).contains(&id),
                "policy {id} / commentary {c}"
            );
        }
    }
    for (&id, a) in &actions {
        for p in ids(&a["challenges"]) {
            assert!(ids(&policies[&p]["court_actions"]).contains(&id));
        }
        let case = cases[a["case_id"].as_str().expect("case_id")];
        assert!(ids(&case["filings"]).contains(&id));
    }
    for (&id, c) in &comments {
        for p in ids(&c["about"]) {
            assert!(ids(&policies[&p]["commentary"]).contains(&id));
        }
    }
    for case in cases.values() {
        for a in ids(&case["filings"]) {
            assert_eq!(actions[&a]["case_id"], case["id"]);
        }
    }
    // The fields as written, and the derived ones.
    let p = policies[&300];
    assert_eq!(ids(&p["supersedes"]), [100]);
    assert_eq!(ids(&policies[&100]["superseded_by"]), [300]);
    assert_eq!(ids(&policies[&200]["derivatives"]), [300, 400]);
    assert_eq!(p["documents"][0]["file"], "documents/directive-300.pdf");
    assert_eq!(
        p["documents"][1]["url"],
        "https://example.org/press?id=300&lang=en"
    );
    assert_eq!(
        p["aliases"],
        serde_json::json!(["policies/old-300/index.html", "p/300/index.html"])
    );
    assert_eq!(p["page"], "policies/300/index.html");
    assert_eq!(p["page_url"], "https://example.org/tracker/policies/300/");
    assert!(p["body"].as_str().expect("body").contains("café"));
    assert_eq!(db["site"]["date"], "2025-12-01");
    assert_eq!(db["cases"].as_array().expect("cases").len(), 2);
}

/// Reads a CSV export back with the csv crate: its header and rows by id.
fn read_csv(
    out: &std::path::Path,
    rel: &str,
) -> (Vec<String>, BTreeMap<u64, BTreeMap<String, String>>) {
    let bytes = std::fs::read(out.join(rel)).expect("csv file");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{rel} starts with a BOM for Excel"
    );
    assert!(std::str::from_utf8(&bytes).is_ok(), "{rel} is UTF-8");
    // The csv crate skips the byte order mark, as spreadsheets do.
    let mut r = csv::Reader::from_reader(&bytes[..]);
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.expect("a well-formed row");
        assert_eq!(rec.len(), header.len(), "{rel}: row length");
        let row: BTreeMap<String, String> = header
            .iter()
            .cloned()
            .zip(rec.iter().map(str::to_string))
            .collect();
        rows.insert(row["id"].parse().expect("numeric id"), row);
    }
    (header, rows)
}

fn list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        Vec::new()
    } else {
        cell.split(LIST_SEPARATOR).map(str::to_string).collect()
    }
}

#[test]
fn the_csv_exports_read_back_and_agree_with_the_json() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let db = load(&out, "data/docket.json");
    for (kind, list_key) in [
        (Kind::Policy, "policies"),
        (Kind::CourtAction, "court_actions"),
        (Kind::Commentary, "commentary"),
    ] {
        let columns = column_names(kind);
        let rel = format!("data/{}.csv", kind.dir());
        let (header, rows) = read_csv(&out, &rel);
        assert_eq!(header, columns, "{rel}");
        let json = by_id(&db[list_key]);
        assert_eq!(
            rows.keys().collect::<Vec<_>>(),
            json.keys().collect::<Vec<_>>(),
            "{rel}"
        );
        for (id, row) in &rows {
            let record = json[id];
            for col in &columns {
                // Composite cells (documents, identifiers, periods) are checked below.
                let Some(value) = record
                    .get(*col)
                    .filter(|_| !["documents", "in_force"].contains(col))
                else {
                    continue;
                };
                let want: Vec<String> = match value {
                    Value::Array(a) => a
                        .iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                        .collect(),
                    Value::Null => Vec::new(),
                    Value::String(s) if s.is_empty() => Vec::new(),
                    Value::String(s) => vec![s.clone()],
                    Value::Object(_) => continue,
                    v => vec![v.to_string()],
                };
                if value.is_array() {
                    assert_eq!(list(&row[*col]), want, "{rel} {id} {col}");
                } else {
                    assert_eq!(row[*col], want.join(""), "{rel} {id} {col}");
                }
            }
        }
    }
    let (_, policies) = read_csv(&out, "data/policies.csv");
    let p = &policies[&200];
    assert_eq!(p["identifiers"], "EO: 14159; Federal Register: 90 FR 8443");
    assert_eq!(p["agencies"], "CBP; DHS; State & Local Entities");
    assert_eq!(policies[&300]["documents"], "The directive <documents/directive-300.pdf>; Press release <https://example.org/press?id=300&lang=en>");
    // Summaries are plain text of the body as shown, curly quotes and all.
    assert!(p["summary"].contains("a semicolon; and “quotes” — and a dash"));
    // A period is `from/end`; an end not recorded is `?` and the day it
    // had ended by. Without a history, policy 100's rescission is not dated.
    let json = by_id(&db["policies"]);
    assert_eq!(
        json[&100]["in_force"],
        serde_json::json!([{
            "from": "2011-06-17",
            "end": {"on": null, "by": "2025-01-31", "reason": "status", "status": "Rescinded", "policy": null}
        }])
    );
    assert_eq!(policies[&100]["in_force"], "2011-06-17/?2025-01-31");
    for (id, row) in &policies {
        assert_eq!(
            list(&row["in_force"]).len(),
            json[id]["in_force"].as_array().expect("periods").len(),
            "policy {id}"
        );
    }
}

/// The cases of the `publish/site` fixture.
const CASES: usize = 2;

#[test]
fn the_cases_csv_has_a_row_for_each_case_as_the_json_has_it() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let db = load(&out, "data/docket.json");
    let cases = db["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), CASES);
    let bytes = std::fs::read(out.join("data/cases.csv")).expect("cases.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let mut r = csv::Reader::from_reader(&bytes[..]);
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, case_column_names());
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), cases.len());
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("a list")
            .iter()
            .map(|x| x.to_string())
            .collect()
    };
    for (row, case) in rows.iter().zip(cases) {
        let cell = |name: &str| &row[header.iter().position(|h| h == name).expect(name)];
        for key in ["id", "name", "court", "docket", "page"] {
            assert_eq!(cell(key), case[key].as_str().expect(key), "{key}");
        }
        assert_eq!(list(cell("filings")), ids(&case["filings"]));
        assert_eq!(list(cell("policies")), ids(&case["policies"]));
        assert!(!list(cell("filings")).is_empty(), "{row:?}");
    }
}

#[test]
fn the_download_page_gives_true_sizes_and_row_counts() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let page = "download/index.html";
    let html = read(&out, page);
    for (file, rows) in [
        ("data/docket.json", Some(9 + CASES)),
        ("data/policies.csv", Some(4)),
        ("data/court-actions.csv", Some(3)),
        ("data/commentary.csv", Some(2)),
        ("data/cases.csv", Some(CASES)),
        ("data/docket.schema.json", None),
    ] {
        let size = std::fs::metadata(out.join(file)).expect("data file").len();
        let row = html
            .split("<tr>")
            .find(|r| r.contains(file))
            .unwrap_or_else(|| panic!("{file} is not on the download page"));
        assert!(
            row.contains(&format!("<data value=\"{size}\">")),
            "{file}: {row}"
        );
        if let Some(n) = rows {
            assert!(row.contains(&format!("<td>{n}</td>")), "{file}: {row}");
        }
    }
    for href in attrs(&html, "href=", "href") {
        if !href.starts_with("http") && !href.starts_with('#') {
            assert!(
                out.join(resolve(page, &href)).is_file(),
                "{page} links {href}"
            );
        }
    }
    // Every page links to it.
    assert!(read(&out, "policies/100/index.html").contains("href=\"../../download/index.html\""));
}

/// Every field of the JSON and every CSV column is documented in the book.
#[test]
fn the_book_documents_every_field_of_the_exports() {
    fn keys(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    // Keys of data (vocabulary names are listed; identifier
                    // names are the content's own) are not fields.
                    out.insert(k.clone());
                    if k != "identifiers" && k != "vocabularies" {
                        keys(v, out);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    let mut fields = BTreeSet::new();
    keys(&load(&out, "data/docket.json"), &mut fields);
    fields.extend(
        load(&out, "data/docket.json")["vocabularies"]
            .as_object()
            .expect("vocabularies")
            .keys()
            .cloned(),
    );
    fields.extend(
        Kind::ALL
            .into_iter()
            .flat_map(column_names)
            .chain(case_column_names())
            .map(|c| c.to_string()),
    );
    let book =
        std::fs::read_to_string(crate::common::repo().join("docs/data.md")).expect("docs/data.md");
    let missing: Vec<&String> = fields
        .iter()
        .filter(|k| !book.contains(&format!("`{k}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/data.md does not document {missing:?}"
    );
}

/// Text that a spreadsheet would run as a formula is quoted with `'`
/// (OWASP's advice on CSV injection); the JSON keeps it as written, and ids
/// and dates are never touched.
#[test]
fn csv_text_cells_never_start_a_formula() {
    let f = Fixture::new("publish/site");
    let path = "content/court-actions/3-border-case.md";
    let text = std::fs::read_to_string(f.root().join(path)).expect("entry");
    f.write(
        path,
        &text
            .replace(
                "title = \"Complaint - States v. United States\"",
                "title = \"=HYPERLINK(\\\"https://evil.example\\\",\\\"x\\\")\"",
            )
            .replace("docket = \"1:25-cv-00100\"", "docket = \"-25-100\"")
            .replace("case = \"States v. United States\"", "case = \"@States\""),
    );
    let out = f.build(&[]);
    let (_, rows) = read_csv(&out, "data/court-actions.csv");
    let row = &rows[&3];
    assert_eq!(row["title"], "'=HYPERLINK(\"https://evil.example\",\"x\")");
    assert_eq!(row["docket"], "'-25-100");
    assert_eq!(row["case"], "'@States");
    assert_eq!(row["id"], "3");
    assert_eq!(row["date"], "2025-02-03");
    assert_eq!(row["challenges"], "200");
    let db = load(&out, "data/docket.json");
    let json = by_id(&db["court_actions"]);
    assert_eq!(
        json[&3]["title"],
        "=HYPERLINK(\"https://evil.example\",\"x\")"
    );
    assert_eq!(json[&3]["docket"], "-25-100");
}
