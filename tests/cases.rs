//! Case files (`content/cases/`): a case's status, its appeals and the
//! cases consolidated with it, what it challenges inside or outside the
//! site, and its text; a case with no filing yet. Built from a fixture and
//! read as a reader reads the pages and a tool reads the export.

use crate::common;

use common::Site;

fn built() -> Site {
    let site = Site::fixture("cases/lawsuits");
    let run = site.run(&["build"]).ok();
    assert!(run.stderr.contains("(0 errors, 0 warnings)"), "{run:#?}");
    site
}

fn text_of(site: &Site, page: &str) -> String {
    common::text(&site.read(&format!("public/{page}")))
}

const DISTRICT: &str = "cases/w-d-wash-2-17-cv-00141/index.html";
const APPEAL: &str = "cases/9th-cir-17-35105/index.html";
const NO_FILINGS: &str = "cases/d-haw-1-17-cv-00050/index.html";
const OUTSIDE: &str = "cases/d-d-c-1-25-cv-00001/index.html";

#[test]
fn a_case_file_joins_the_filings_of_its_court_and_docket() {
    let site = built();
    let page = text_of(&site, DISTRICT);
    assert!(page.contains("Status: Won"), "{page}");
    assert!(page.contains("filed January 30, 2017"), "{page}");
    assert!(
        page.contains("sued days after the first order was signed"),
        "the case file's text is on the page: {page}"
    );
    assert!(
        page.contains("Temporary restraining order - Washington v. Trump"),
        "its filing is listed: {page}"
    );
    let html = site.read(&format!("public/{DISTRICT}"));
    assert!(
        html.contains("href=\"https://www.courtlistener.com/docket/4601143/"),
        "the file's url is where to follow the case"
    );
    assert!(
        html.contains("href=\"../../policies/13769/index.html\""),
        "a link by id in the case's text resolves relative to its page"
    );
    assert!(
        !html.contains("<script>alert"),
        "the case's text is sanitised like an entry's"
    );
}

#[test]
fn an_appeal_is_shown_on_both_cases_and_consolidation_both_ways() {
    let site = built();
    let appeal = text_of(&site, APPEAL);
    assert!(
        appeal.contains(
            "Appeal of State of Washington v. Trump , No. 2:17-cv-00141 (W.D. Wash.): Won"
        ),
        "{appeal}"
    );
    let district = text_of(&site, DISTRICT);
    assert!(
        district.contains("Appealed in State of Washington v. Trump , No. 17-35105 (9th Cir.)"),
        "{district}"
    );
    assert!(
        district.contains("Consolidated with Hawaii v. Trump , No. 1:17-cv-00050 (D. Haw.)"),
        "consolidation written on one case shows on the other: {district}"
    );
    let html = site.read(&format!("public/{APPEAL}"));
    assert!(html.contains("href=\"../../cases/w-d-wash-2-17-cv-00141/index.html\""));
}

#[test]
fn a_case_without_filings_has_its_page_its_row_and_its_policies() {
    let site = built();
    let page = text_of(&site, NO_FILINGS);
    assert!(
        page.contains("No filing of this case is in the database yet."),
        "{page}"
    );
    assert!(page.contains("filed March 2017"), "a partial date: {page}");
    assert!(
        page.contains("Executive Order 13780 (sections 2 and 6)"),
        "a challenged policy with its note: {page}"
    );
    assert!(
        page.contains("Guidance of the State Department to consulates"),
        "something outside the site: {page}"
    );
    let policy = text_of(&site, "policies/13780/index.html");
    assert!(
        policy.contains("Litigation 1 case, 0 filings"),
        "the policy's status box counts the case: {policy}"
    );
    assert!(policy.contains("Hawaii v. Trump"), "{policy}");
    let home = text_of(&site, "index.html");
    assert!(
        home.contains("In litigation 2"),
        "a policy challenged by a case file alone is in litigation: {home}"
    );
    let list = text_of(&site, "cases/index.html");
    assert!(list.contains("4 cases, by latest date."), "{list}");
    assert!(
        list.contains("Hawaii v. Trump 1:17-cv-00050 D. Haw. 0 March 2017 Pending"),
        "{list}"
    );
    assert!(
        list.contains("Doe v. Agency 1:25-cv-00001 D.D.C. 0"),
        "a case with no date at all is listed last: {list}"
    );
    let outside = text_of(&site, OUTSIDE);
    assert!(
        outside.contains("The firing of the agency's inspector general"),
        "a case may challenge only what the site does not hold: {outside}"
    );
}

#[test]
fn a_court_lists_its_cases_with_or_without_filings() {
    let site = built();
    // D. Haw. has a case file and no filing: its only item is the case.
    let haw = site.read("public/courts/d-haw/index.html");
    let text = common::text(&haw);
    assert!(text.contains("Courts: 1 case, newest first."), "{text}");
    assert!(
        text.contains("Cases Case Docket number Filings Latest Status Hawaii v. Trump 1:17-cv-00050 0 March 2017 Pending"),
        "{text}"
    );
    assert!(!haw.contains("<h2 id=\"c-h\">Court actions</h2>"), "{haw}");
    // W.D. Wash. has a case and its filings: the case first, then them.
    let wash = common::text(&site.read("public/courts/w-d-wash/index.html"));
    assert!(
        wash.contains("Courts: 1 case and 1 court action, newest first."),
        "{wash}"
    );
    let (cases, actions) = (wash.find("Cases Case"), wash.find("Court actions Date"));
    assert!(
        cases.is_some() && actions.is_some() && cases < actions,
        "{wash}"
    );
    // No case of D.D.C. has a status: its table has no Status column.
    let ddc = site.read("public/courts/d-d-c/index.html");
    assert!(ddc.contains("Doe v. Agency"), "{ddc}");
    assert!(!ddc.contains(">Status</th>"), "{ddc}");
    // The courts' page counts cases, and links every court that has one.
    let courts = common::text(&site.read("public/courts/index.html"));
    assert!(courts.contains("D. Haw. 1 case"), "{courts}");
    assert!(courts.contains("D.D.C. 1 case"), "{courts}");
    // The table of cases for a tracker that counts them: the case known by
    // its file alone is a row, with no filings.
    let csv = site.read("public/data/cases.csv");
    let haw = csv
        .lines()
        .find(|l| l.contains("Hawaii v. Trump"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        haw.starts_with(
            "d-haw-1-17-cv-00050,Hawaii v. Trump,D. Haw.,1:17-cv-00050,Pending,2017-03,2017-03,,"
        ),
        "{haw}"
    );
}

#[test]
fn a_case_known_by_its_filings_alone_exports_no_file_or_body() {
    let site = Site::fixture("cases/lawsuits");
    site.write(
        "content/court-actions/6-doe-complaint.md",
        "+++\nid = 6\ntitle = \"Complaint - Doe v. Trump\"\ndate = 2017-02-10\ncase = \"Doe v. Trump\"\ndocket = \"1:17-cv-00255\"\ncourt = \"D.D.C.\"\nfiling = \"TRO\"\nchallenges = [13769]\n+++\nThe order.\n",
    );
    site.run(&["build"]).ok();
    let data: serde_json::Value =
        serde_json::from_str(&site.read("public/data/docket.json")).unwrap();
    let doe = data["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["docket"] == "1:17-cv-00255")
        .expect("the case of the filing");
    for key in ["source_file", "updated", "summary", "body"] {
        assert_eq!(doe[key], serde_json::Value::Null, "{key}: {doe}");
    }
    let csv = site.read("public/data/cases.csv");
    let row = csv.lines().find(|l| l.contains("1:17-cv-00255")).unwrap();
    assert!(
        row.ends_with("cases/d-d-c-1-17-cv-00255/index.html,,,,"),
        "{row}"
    );
}

#[test]
fn every_link_of_the_case_pages_resolves_to_a_file() {
    let site = built();
    for page in [DISTRICT, APPEAL, NO_FILINGS, OUTSIDE, "cases/index.html"] {
        let html = site.read(&format!("public/{page}"));
        let dir = site.join(&format!("public/{page}"));
        let dir = dir.parent().unwrap();
        for link in common::links(&html) {
            if link.starts_with("http") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            let target = link.split(['#', '?']).next().unwrap();
            if target.is_empty() {
                continue;
            }
            assert!(
                dir.join(target).exists(),
                "{page} links to {link}, which is missing"
            );
        }
    }
}

#[test]
fn the_export_and_the_filters_carry_case_files() {
    let site = built();
    let data: serde_json::Value =
        serde_json::from_str(&site.read("public/data/docket.json")).unwrap();
    let cases = data["cases"].as_array().unwrap();
    let hawaii = cases
        .iter()
        .find(|c| c["docket"] == "1:17-cv-00050")
        .expect("the case without filings is exported");
    assert_eq!(hawaii["status"], "Pending");
    // The header lists the statuses as it lists every vocabulary.
    assert_eq!(
        data["vocabularies"]["case_statuses"],
        serde_json::json!(["Pending", "Won", "Lost", "Decided on appeal"])
    );
    assert_eq!(hawaii["filings"], serde_json::json!([]));
    assert_eq!(hawaii["first_date"], "2017-03");
    assert_eq!(
        hawaii["consolidated_with"],
        serde_json::json!(["w-d-wash-2-17-cv-00141"])
    );
    assert_eq!(hawaii["challenges"][0]["policy"], 13780);
    assert_eq!(hawaii["challenges"][0]["note"], "sections 2 and 6");
    assert_eq!(
        hawaii["challenges"][1]["title"],
        "Guidance of the State Department to consulates"
    );
    // What the case file says in prose goes with it, as an entry's does.
    assert_eq!(hawaii["source_file"], "content/cases/hawaii-v-trump.md");
    assert_eq!(
        hawaii["body"],
        "Hawaii's challenge to the second order; no filing of it is entered yet.\n"
    );
    assert_eq!(
        hawaii["summary"],
        "Hawaii\u{2019}s challenge to the second order; no filing of it is entered yet."
    );
    let appeal = cases.iter().find(|c| c["docket"] == "17-35105").unwrap();
    assert_eq!(appeal["appeal_of"], "w-d-wash-2-17-cv-00141");
    let doe = cases
        .iter()
        .find(|c| c["docket"] == "1:25-cv-00001")
        .unwrap();
    assert_eq!(doe["first_date"], serde_json::Value::Null);
    common::assert_schema(&site.join("public"));
    let filters = site.read("public/filters/cases.js");
    assert!(
        filters.contains("case-statuses"),
        "a status facet: {filters}"
    );
    assert!(filters.contains("\"Decided on appeal\""), "{filters}");
}

#[test]
fn a_case_file_with_an_error_still_has_its_references_and_links_checked() {
    let site = Site::fixture("cases/lawsuits");
    // A status outside `case_statuses` makes the file give no case; its
    // other problems must come in the same run, and the case file that is
    // consolidated with it must not be blamed for naming it.
    site.write(
        "content/cases/hawaii-v-trump.md",
        "+++\n\
         name = \"Hawaii v. Trump\"\n\
         court = \"D. Haw.\"\n\
         docket = \"1:17-cv-00050\"\n\
         status = \"Pendng\"\n\
         appeal_of = \"9:99-cv-09999\"\n\
         challenges = [13781]\n\
         +++\n\
         See [the order](policy:13770).\n",
    );
    site.write(
        "content/cases/doe-v-agency.md",
        "+++\n\
         name = \"Doe v. Agency\"\n\
         court = \"D.D.C.\"\n\
         docket = \"1:25-cv-00001\"\n\
         consolidated_with = [\"1:17-cv-00050\"]\n\
         +++\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let found: Vec<(String, String, u64, String)> = run
        .stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("file"), v["line"].as_u64().unwrap(), s("help"))
        })
        .collect();
    let hawaii = "content/cases/hawaii-v-trump.md";
    let codes: Vec<(&str, &str, u64)> = found
        .iter()
        .map(|(c, f, l, _)| (c.as_str(), f.as_str(), *l))
        .collect();
    assert_eq!(
        codes,
        [
            ("E-vocabulary", hawaii, 5),
            ("E-unknown-reference", hawaii, 6),
            ("E-unknown-reference", hawaii, 7),
            ("E-broken-link", hawaii, 9),
        ],
        "{found:#?}"
    );
    assert!(found[2].3.contains("13780"), "the nearest id: {found:#?}");
}

#[test]
fn a_second_case_file_of_one_case_is_reported_whatever_else_is_wrong_with_it() {
    // Two files for Doe v. Agency, the second with a status the site does
    // not know: the one run reports both problems. A third file of the
    // case, also with an error, is reported as a second file too.
    let site = Site::fixture("cases/lawsuits");
    let second = "+++\n\
         name = \"Doe v. Agency\"\n\
         court = \"D.D.C.\"\n\
         docket = \"1:25-cv-00001\"\n\
         status = \"Pendng\"\n\
         +++\n";
    site.write("content/cases/doe-v-agency-2.md", second);
    site.write("content/cases/doe-v-agency-3.md", second);
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let found = run.places();
    let expected = [
        ("E-duplicate-id", "content/cases/doe-v-agency-2.md", 4),
        ("E-vocabulary", "content/cases/doe-v-agency-2.md", 5),
        ("E-duplicate-id", "content/cases/doe-v-agency-3.md", 4),
        ("E-vocabulary", "content/cases/doe-v-agency-3.md", 5),
    ]
    .map(|(c, f, l)| (c.to_string(), f.to_string(), l));
    assert_eq!(found, expected, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("a second case file for docket 1:25-cv-00001 (D.D.C.)"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_entry_with_an_error_still_has_its_relations_checked() {
    let site = Site::fixture("cases/lawsuits");
    let policy = site.read("content/policies/13780.md");
    // A missing title makes no policy; its relations are checked all the same.
    let broken = policy
        .lines()
        .filter(|l| !l.starts_with("title"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("supersedes = [13769]", "supersedes = [13769, 13780, 13770]");
    assert!(broken.contains("13770"), "{broken}");
    site.write("content/policies/13780.md", &broken);
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let messages: Vec<String> = run
        .stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            format!(
                "{}: {}",
                v["code"].as_str().unwrap(),
                v["message"].as_str().unwrap()
            )
        })
        .collect();
    for expected in [
        "E-missing-key: ",
        "E-self-reference: policy 13780 supersedes itself",
        "E-unknown-reference: `supersedes` refers to policy 13770, which does not exist",
    ] {
        assert!(
            messages.iter().any(|m| m.starts_with(expected)),
            "{expected} in {messages:#?}"
        );
    }
    assert!(
        !messages
            .iter()
            .any(|m| m.contains("refers to policy 13780")),
        "a reference to the broken policy is not an error of its own: {messages:#?}"
    );
}

/// A court action whose file has another error is still compared with the
/// other filings of its case: `W-case-name-mismatch` is where it is without
/// the error, whichever filing has it, and whether the error leaves the
/// court action whole (a filing type out of the vocabulary) or not (no
/// title), so that fixing the error brings no new warning.
#[test]
fn case_names_are_compared_through_a_filing_with_errors() {
    let fixture = "invalid/case-name-mismatch";
    let mismatches = |site: &Site| site.places_of("W-case-name-mismatch");
    let expected = mismatches(&Site::fixture(fixture));
    assert_eq!(expected.len(), 1, "{expected:?}");
    // The earliest filing, which names the case, then the one that
    // writes the name otherwise.
    for file in [
        "content/court-actions/1-complaint.md",
        "content/court-actions/2-ruling.md",
    ] {
        // Each change keeps every line where it was.
        for (from, to, code) in [
            ("filing = \"", "filing = \"Not a ", "E-vocabulary"),
            ("title = ", "#title = ", "E-missing-key"),
        ] {
            let site = Site::fixture(fixture);
            let text = site.read(file);
            site.write(file, &text.replacen(from, to, 1));
            let run = site.run(&["check", "--format", "json"]);
            assert!(
                run.places().iter().any(|(c, f, _)| c == code && f == file),
                "{run:#?}"
            );
            assert_eq!(mismatches(&site), expected, "with {code} in {file}");
        }
    }
    // A case file names the case, and still does when it has an error of
    // its own (a date written as a string).
    let case_file = "content/cases/doe.md";
    let with_file = |filed: &str| {
        let site = Site::fixture(fixture);
        site.write(
            case_file,
            &format!("+++\nname = \"Doe v. Noem et al.\"\ncourt = \"D.D.C.\"\ndocket = \"1:25-cv-00001\"\nfiled = {filed}\n+++\nThe case.\n"),
        );
        site
    };
    let expected = mismatches(&with_file("2025-02-01"));
    assert_eq!(
        expected,
        [("content/court-actions/1-complaint.md".to_string(), 5)]
    );
    let site = with_file("\"2025-02-01\"");
    let run = site.run(&["check", "--format", "json"]);
    assert!(
        run.places()
            .iter()
            .any(|(c, f, _)| c.starts_with("E-") && f == case_file),
        "{run:#?}"
    );
    assert_eq!(mismatches(&site), expected, "with an error in {case_file}");
}

#[test]
fn search_finds_a_case_by_what_it_challenges() {
    let site = built();
    let dir = site.path().join("public/search");
    let docs: String = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('d'))
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    // Something outside the site, named by the case file alone.
    assert!(
        docs.contains("Challenges: The firing of the agency's inspector general."),
        "{docs}"
    );
    // A policy of the site and something outside it, as the file names
    // them; a policy its filings challenge.
    for said in [
        "Challenges: Executive Order 13780; Guidance of the State Department to consulates.",
        "Challenges: Executive Order 13769. Filings: TRO (February 3, 2017)",
    ] {
        assert!(docs.contains(said), "{said}\n{docs}");
    }
}

/// A tracker of lawsuits: case files, and no policy or court action.
fn lawsuits_alone() -> Site {
    let site = Site::with_themes();
    site.write(
        "docket.toml",
        "title = \"Lawsuits\"\nbase_url = \"https://example.org/\"\n",
    );
    for (n, month) in [(1, "01"), (2, "02"), (3, "03")] {
        site.write(
            &format!("content/cases/state-{n}.md"),
            &format!(
                "+++\nname = \"State {n} v. Agency\"\ncourt = \"D.D.C.\"\ndocket = \"1:25-cv-0000{n}\"\nstatus = \"Pending\"\nfiled = 2025-{month}-10\nchallenges = [{{ title = \"Funding freeze {n}\" }}]\n+++\nThe state sued over the freeze.\n"
            ),
        );
    }
    site
}

#[test]
fn a_tracker_of_case_files_alone_speaks_of_cases_and_not_of_policies() {
    let site = lawsuits_alone();
    let run = site.run(&["build"]).ok();
    assert!(run.stderr.contains("built 3 case files, "), "{run:#?}");
    let home = site.read("public/index.html");
    let text = common::text(&home);
    assert!(text.contains("The database Cases 3 Most recent"), "{text}");
    assert!(
        text.contains(
            "March 10, 2025 Case State 3 v. Agency February 10, 2025 Case State 2 v. Agency"
        ),
        "the newest cases are the most recent items: {text}"
    );
    assert!(
        home.contains("href=\"cases/d-d-c-1-25-cv-00003/index.html\""),
        "{home}"
    );
    for absent in [
        "Policies",
        "Court actions",
        "In litigation",
        "current status",
        "Topics",
        "Subject matter",
        "Filings",
        "Changes",
    ] {
        assert!(!text.contains(absent), "{absent}: {text}");
    }
    // Nor do the cases' pages and list speak of filings or policies.
    let case = text_of(&site, "cases/d-d-c-1-25-cv-00003/index.html");
    let list = text_of(&site, "cases/index.html");
    for text in [&case, &list] {
        for absent in ["Filings", "filing", "Policies", "None recorded"] {
            assert!(!text.contains(absent), "{absent}: {text}");
        }
    }
    assert!(
        case.contains("What the case challenges Funding freeze 3"),
        "{case}"
    );
    assert!(
        list.contains("Case Docket number Court Latest Status State 3 v. Agency 1:25-cv-00003 D.D.C. March 10, 2025 Pending"),
        "{list}"
    );
    // The menu's "Topics" is the courts, the one vocabulary it has.
    assert!(home.contains(">Courts</a>"), "{home}");
    assert!(!site.join("public/subjects").exists());
    assert!(!site.join("public/filings").exists());
    let search = text_of(&site, "search/index.html");
    assert!(
        search.contains("Words to find in every case Search"),
        "{search}"
    );
    let download = text_of(&site, "download/index.html");
    assert!(download.contains("The whole database JSON 3"), "{download}");
    assert!(download.contains("Cases CSV 3"), "{download}");
    assert!(!download.contains("Policies CSV"), "{download}");
    // The site's feed follows the cases, newest first.
    let feed = site.read("public/feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 3, "{feed}");
    let newest = feed.find("<title>State 3 v. Agency</title>");
    assert!(
        newest.is_some() && newest < feed.find("<title>State 2 v. Agency</title>"),
        "{feed}"
    );
    for said in [
        "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/cases/d-d-c-1-25-cv-00003/\"/>",
        "<published>2025-03-10T00:00:00Z</published>",
        "<category term=\"case\" label=\"Case\"/>",
        "<summary type=\"text\">The state sued over the freeze.</summary>",
    ] {
        assert!(feed.contains(said), "{said}\n{feed}");
    }
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("/cases/</loc>"), "{sitemap}");
    assert!(!sitemap.contains("/policies/</loc>"), "{sitemap}");
    assert!(!sitemap.contains("/court-actions/</loc>"), "{sitemap}");
    assert!(!sitemap.contains("/changes/</loc>"), "{sitemap}");
    for page in [
        "index.html",
        "search/index.html",
        "404.html",
        "download/index.html",
    ] {
        let html = site.read(&format!("public/{page}"));
        let dir = site.join(&format!("public/{page}"));
        for link in common::links(&html) {
            let target = link.split(['#', '?']).next().unwrap();
            if link.starts_with("http") || target.is_empty() {
                continue;
            }
            assert!(
                dir.parent().unwrap().join(target).exists(),
                "{page} links to {link}, which is missing"
            );
        }
    }
    // The first policy brings back everything of policies.
    site.write(
        "content/policies/1-freeze.md",
        "+++\nid = 1\ntitle = \"Funding freeze\"\nadministration = \"Trump 2.0\"\nannounced = 2025-01-27\nstatus = [\"Final/Actual\"]\naction = \"Agency Directive\"\nsubjects = [\"Other\"]\nagencies = [\"Other\"]\n+++\nThe freeze.\n",
    );
    site.run(&["build"]).ok();
    let text = text_of(&site, "index.html");
    assert!(
        text.contains("The database Policies 1 In litigation 0 Cases 3"),
        "{text}"
    );
    assert!(text.contains("Topics"), "{text}");
}

const CASE_FIELDS: &str = "title = \"Lawsuits\"\n\n[vocabulary]\nissues = [\"Funding\", \"Immigration\"]\n\n[fields.case]\nstatus = \"required\"\njudge = { type = \"text\" }\nissue = { type = \"terms\", vocabulary = \"issues\" }\n";

#[test]
fn case_files_have_the_fields_docket_toml_declares_for_them() {
    let site = lawsuits_alone();
    site.write("docket.toml", CASE_FIELDS);
    let with = |n: u32, more: &str| {
        let file = format!("content/cases/state-{n}.md");
        let text = site
            .read(&file)
            .replace("+++\nThe", &format!("{more}+++\nThe"));
        site.write(&file, &text);
    };
    with(1, "judge = \"Judge One\"\nissue = [\"Funding\"]\n");
    with(2, "judg = \"Judge Two\"\nissue = [\"Fundng\"]\n");
    let text = site
        .read("content/cases/state-3.md")
        .replace("status = \"Pending\"\n", "");
    site.write("content/cases/state-3.md", &text);
    // Every mistake in one run, each at its place, with the value meant.
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    for said in [
        "error[E-unknown-key]: unknown key `judg`",
        "help: did you mean `judge`?",
        "error[E-vocabulary]: \"Fundng\" is not one of the allowed values of `issue`",
        "content/cases/state-2.md:9:10",
        "error[E-missing-key]: missing required key `status`",
        "content/cases/state-3.md:1:1",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    let text = site.read("content/cases/state-2.md").replace(
        "judg = \"Judge Two\"\nissue = [\"Fundng\"]\n",
        "issue = [\"Immigration\", \"Funding\"]\n",
    );
    site.write("content/cases/state-2.md", &text);
    let text = site
        .read("content/cases/state-3.md")
        .replace("filed", "status = \"Dismissed\"\nfiled");
    site.write("content/cases/state-3.md", &text);
    let run = site.run(&["build"]).ok();
    assert!(run.stderr.contains("(0 errors, 0 warnings)"), "{run:#?}");

    // The case's page shows them; a term's value links to its page, which
    // lists its cases.
    let page = site.read("public/cases/d-d-c-1-25-cv-00001/index.html");
    assert!(page.contains("<dt>Judge</dt> <dd>Judge One</dd>"), "{page}");
    assert!(
        page.contains("<a href=\"../../issue/funding/index.html\">Funding</a>"),
        "{page}"
    );
    let funding = text_of(&site, "issue/funding/index.html");
    assert!(
        funding.contains("Issue: 2 cases, newest first."),
        "{funding}"
    );
    assert!(
        funding.contains("State 2 v. Agency") && funding.contains("State 1 v. Agency"),
        "{funding}"
    );
    // The list of cases is filtered by the field.
    let filters = site.read("public/filters/cases.js");
    assert!(filters.contains("\"field-issue\""), "{filters}");
    let list = site.read("public/cases/index.html");
    assert!(list.contains("data-facet=\"field-issue\""), "{list}");
    // Its rows show the values as tags, as a court action's do.
    assert!(
        list.contains("State 1 v. Agency</a><ul class=\"tags\" aria-label=\"Tags\"><li><a class=\"tag tag-field\" href=\"../issue/funding/index.html\"><span class=\"visually-hidden\">Issue: </span>Funding</a>"),
        "{list}"
    );
    // The export has each field under its key, and the schema says so.
    let data: serde_json::Value =
        serde_json::from_str(&site.read("public/data/docket.json")).unwrap();
    let first = data["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["docket"] == "1:25-cv-00001")
        .unwrap();
    assert_eq!(first["judge"], "Judge One");
    assert_eq!(first["issue"], serde_json::json!(["Funding"]));
    common::assert_schema(&site.join("public"));
    // The search finds a case by them, as an entry by its own fields.
    let terms: String = std::fs::read_dir(site.join("public/search"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('t'))
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(terms.contains("\"one\":"), "the judge's name: {terms}");
    let csv = site.read("public/data/cases.csv");
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",summary,judge,issue"), "{header}");
    let row = csv.lines().find(|l| l.contains("1:25-cv-00002")).unwrap();
    assert!(row.ends_with(",,Immigration; Funding"), "{row}");
}

#[test]
fn the_keys_that_make_a_case_cannot_be_declared() {
    let site = lawsuits_alone();
    site.write(
        "docket.toml",
        "title = \"Lawsuits\"\n\n[fields.case]\nname = \"optional\"\nchallenges = \"required\"\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    for said in [
        "`name` of a case cannot be declared",
        "a case file's name is its title: remove this line",
        "`challenges` of a case cannot be declared",
        "always optional",
        "it is read with the case's links, and is always optional",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    // An item of `challenges` with neither an id nor a title is told what
    // it lacks.
    site.write("docket.toml", "title = \"Lawsuits\"\n");
    let text = site.read("content/cases/state-1.md").replace(
        "[{ title = \"Funding freeze 1\" }]",
        "[{ url = \"https://example.org/freeze\" }]",
    );
    site.write("content/cases/state-1.md", &text);
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("an item of `challenges` needs an `id` (an entry of the site) or a `title` (something that is not)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("not both"), "{}", run.stderr);
}

#[test]
fn a_body_links_to_a_case_by_its_file_or_its_address() {
    let site = lawsuits_alone();
    let text = site.read("content/cases/state-1.md").replace(
        "The state sued over the freeze.",
        "Heard with [the second suit](state-2.md#relief) and [the third](case:d-d-c-1-25-cv-00003#top).",
    );
    site.write("content/cases/state-1.md", &text);
    site.run(&["build"]).ok();
    let page = site.read("public/cases/d-d-c-1-25-cv-00001/index.html");
    for link in [
        "<a href=\"../../cases/d-d-c-1-25-cv-00002/index.html#user-content-relief\">the second suit</a>",
        "<a href=\"../../cases/d-d-c-1-25-cv-00003/index.html#top\">the third</a>",
    ] {
        assert!(page.contains(link), "{link}\n{page}");
    }
    // A case that does not exist is told, with the nearest one.
    site.write(
        "content/cases/state-1.md",
        &text.replace("case:d-d-c-1-25-cv-00003", "case:d-d-c-1-25-cv-00004"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    for said in [
        "link to case d-d-c-1-25-cv-00004, which does not exist",
        "did you mean case:d-d-c-1-25-cv-0000",
        "content/cases/state-1.md:",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
}

#[test]
fn a_field_declared_wrong_is_one_error_not_one_at_every_file() {
    let site = lawsuits_alone();
    site.write(
        "docket.toml",
        "title = \"Lawsuits\"\n\n[fields.case]\njudge = { type = \"txt\" }\n",
    );
    for n in 1..=3 {
        let file = format!("content/cases/state-{n}.md");
        let text = site
            .read(&file)
            .replace("+++\nThe", "judge = \"A judge\"\n+++\nThe");
        site.write(&file, &text);
    }
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("did you mean \"text\"?"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

#[test]
fn a_case_field_value_written_another_way_is_told() {
    let site = lawsuits_alone();
    site.write(
        "docket.toml",
        "title = \"Lawsuits\"\n\n[fields.case]\nissue = { type = \"terms\" }\n",
    );
    for (n, issue) in [(1, "Funding"), (2, "Funding"), (3, "funding")] {
        let file = format!("content/cases/state-{n}.md");
        let text = site
            .read(&file)
            .replace("+++\nThe", &format!("issue = [\"{issue}\"]\n+++\nThe"));
        site.write(&file, &text);
    }
    let run = site.run(&["check"]).ok();
    for said in [
        "warning[W-similar-value]: `issue` value \"funding\" differs from \"Funding\"",
        "content/cases/state-3.md:8:10",
        "written so in 1 file; \"Funding\" in 2 files",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches("warning[").count(), 1, "{}", run.stderr);
}
