//! `docket import`: spreadsheets (CSV, XLSX, ODS) into entry files, every
//! problem shown at its row and column, nothing written unless every row
//! is right, and what is written reads back and passes `check`.

use crate::common;

use std::collections::BTreeMap;

use common::{Run, Site};

/// The import fixtures' site: docket.toml and one policy, id 1.
fn site() -> Site {
    Site::fixture("import/site")
}

/// A file of tests/fixtures/import/, by its absolute path.
fn data(name: &str) -> String {
    common::repo()
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

/// The site's entry files, by path.
fn content(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.tree("content")
}

/// The report, with the fixtures' folder written `[DATA]`.
fn shown(run: &Run) -> String {
    let folder = common::repo().join("tests/fixtures/import");
    run.stderr.replace(&folder.display().to_string(), "[DATA]")
}

#[test]
fn csv_rows_become_entries_that_check_passes() {
    let site = site();
    let run = site.run(&["import", &data("policies.csv")]).ok();
    assert_eq!(
        run.stdout,
        "content/policies/2-executive-order-10450.md\ncontent/policies/3-executive-order-9981.md\ncontent/policies/4-executive-order-10340.md\n"
    );
    assert!(
        shown(&run).contains("imported 3 policies (ids 2 to 4) from [DATA]/policies.csv into content/policies/: 0 errors, 0 warnings"),
        "{run:#?}"
    );
    let text = site.read("content/policies/2-executive-order-10450.md");
    assert_eq!(
        text,
        "+++\nid = 2\ntitle = \"Executive Order 10450\"\nadministration = \"Eisenhower\"\nannounced = 1953-04-27\nstatus = [\"Signed\"]\naction = \"Executive Order\"\nsubjects = [\"Government\", \"Defense\"]\nagencies = [\"All\"]\nidentifiers = { \"Executive Order\" = \"10450\" }\nsupersedes = [1]\n+++\nSecurity requirements for government employment.\n\nIt revokes [Executive Order 9835](policy:1).\n"
    );
    // Quotes in a cell are escaped in the TOML, and read back as written.
    let quoted = site.read("content/policies/4-executive-order-10340.md");
    assert!(
        quoted.contains("held unlawful in \"Youngstown\"."),
        "{quoted}"
    );
    site.run(&["check", "-D", "W-supersedes-later"]).ok();
    site.run(&["build"]).ok();
    let page = common::text(&site.read("public/policies/1/index.html"));
    assert!(page.contains("Superseded by"), "{page}");
}

#[test]
fn workbooks_give_the_same_entries_as_csv() {
    let from_csv = site();
    from_csv.run(&["import", &data("policies.csv")]).ok();
    for workbook in ["policies.xlsx", "policies.ods"] {
        let site = site();
        let run = site.run(&["import", &data(workbook)]).ok();
        assert_eq!(run.stdout.lines().count(), 3, "{run:#?}");
        assert_eq!(content(&site), content(&from_csv), "{workbook}");
    }
}

#[test]
fn every_bad_cell_is_reported_at_its_row_and_column_and_nothing_is_written() {
    let site = site();
    let before = content(&site);
    let run = site.run(&["import", &data("bad.csv"), "--kind", "policy"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.is_empty(), "{run:#?}");
    assert_eq!(content(&site), before);
    insta::with_settings!({
        snapshot_path => "snapshots/import",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("bad-csv", shown(&run));
    });
    let json = site.run(&[
        "import",
        &data("bad.csv"),
        "--kind",
        "policy",
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 1);
    let first: serde_json::Value =
        serde_json::from_str(json.stdout.lines().next().unwrap_or("")).expect("a JSON line");
    assert_eq!(first["code"], "E-import-column");
    assert_eq!(first["line"], 1);
}

#[test]
fn a_workbook_s_cells_are_shown_in_a_line_a_row() {
    let site = site();
    let before = content(&site);
    let run = site.run(&["import", &data("bad.xlsx"), "--kind", "policy"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(content(&site), before);
    insta::with_settings!({
        snapshot_path => "snapshots/import",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("bad-xlsx", shown(&run));
    });
    let sheet = site.run(&[
        "import",
        &data("bad.xlsx"),
        "--kind",
        "policy",
        "--sheet",
        "Order",
    ]);
    assert_eq!(sheet.code, 1, "{sheet:#?}");
    assert!(
        sheet.stderr.contains("bad.xlsx has no sheet \"Order\"")
            && sheet.stderr.contains("did you mean \"Orders\"?"),
        "{sheet:#?}"
    );
}

#[test]
fn a_mapping_file_maps_columns_gives_defaults_and_reads_dates() {
    let site = site();
    site.run(&["import", &data("policies.csv")]).ok();
    let run = site
        .run(&[
            "import",
            &data("court-actions.csv"),
            "--map",
            &data("court-actions.toml"),
        ])
        .ok();
    assert_eq!(
        run.stdout,
        "content/court-actions/1-complaint.md\ncontent/court-actions/2-opinion.md\n"
    );
    assert_eq!(
        site.read("content/court-actions/1-complaint.md"),
        "+++\nid = 1\ntitle = \"Complaint\"\ndate = 1952-04-09\ncase = \"Doe v. Truman\"\ndocket = \"1:52-cv-1\"\ncourt = \"D.D.C.\"\nfiling = \"Complaint\"\nchallenges = [1, 2]\n+++\n"
    );
    site.run(&["check"]).ok();
}

#[test]
fn a_bad_mapping_file_is_reported_at_its_lines() {
    let site = site();
    let run = site.run(&[
        "import",
        &data("court-actions.csv"),
        "--map",
        &data("bad-mapping.toml"),
    ]);
    assert_eq!(run.code, 1, "{run:#?}");
    insta::with_settings!({
        snapshot_path => "snapshots/import",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("bad-mapping", shown(&run));
    });
}

#[test]
fn existing_files_are_never_overwritten() {
    let site = site();
    site.write(
        "rows.csv",
        "id,title,administration,announced,status,action,subjects,agencies\n1,Executive Order 9835,Truman,1947-03-21,Revoked,Executive Order,Government,All\n7,Another,Truman,1947-03-22,Revoked,Executive Order,Government,All\n",
    );
    let before = site.read("content/policies/1-executive-order-9835.md");
    let run = site.run(&["import", "rows.csv", "--kind", "policy"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("error[E-file-exists]: row 2: content/policies/1-executive-order-9835.md already exists"),
        "{run:#?}"
    );
    assert!(run.stderr.contains("error[E-duplicate-id]"), "{run:#?}");
    assert_eq!(
        site.read("content/policies/1-executive-order-9835.md"),
        before
    );
    assert!(!site.join("content/policies/7-another.md").exists());
}

#[test]
fn a_dry_run_checks_every_row_and_writes_nothing() {
    let site = site();
    let before = content(&site);
    let run = site
        .run(&["import", &data("policies.ods"), "--dry-run"])
        .ok();
    assert_eq!(run.stdout.lines().count(), 3, "{run:#?}");
    assert!(
        run.stderr.contains("nothing was written (--dry-run)"),
        "{run:#?}"
    );
    assert_eq!(content(&site), before);
}

#[test]
fn the_kind_and_the_file_must_be_known() {
    let site = site();
    site.write("rows.csv", "title\nA\n");
    let no_kind = site.run(&["import", "rows.csv"]);
    assert_eq!(no_kind.code, 2, "{no_kind:#?}");
    assert!(no_kind.stderr.contains("--kind policy"), "{no_kind:#?}");
    let typo = site.run(&["import", "rows.csv", "--kind", "polcy"]);
    assert_eq!(typo.code, 2, "{typo:#?}");
    assert!(typo.stderr.contains("did you mean policy?"), "{typo:#?}");
    site.write("rows.txt", "title\nA\n");
    let txt = site.run(&["import", "rows.txt", "--kind", "policy"]);
    assert_eq!(txt.code, 2, "{txt:#?}");
    assert!(txt.stderr.contains(".csv, .tsv, .xlsx or .ods"), "{txt:#?}");
    let missing = site.run(&["import", "nowhere.csv", "--kind", "policy"]);
    assert_eq!(missing.code, 2, "{missing:#?}");
}

#[test]
fn a_spreadsheet_that_is_not_one_is_an_error_of_the_data() {
    let site = site();
    site.write("fake.xlsx", "not a zip");
    let run = site.run(&["import", "fake.xlsx", "--kind", "policy"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("error[E-import-sheet]: fake.xlsx cannot be read as a workbook"),
        "{run:#?}"
    );
    std::fs::write(site.join("latin1.csv"), b"title\nR\xe9gularisation\n").expect("write");
    let run = site.run(&["import", "latin1.csv", "--kind", "policy"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("error[E-not-utf8]"), "{run:#?}");
    assert!(run.stderr.contains("┌─ latin1.csv:2:2"), "{run:#?}");
}

#[test]
fn relations_between_rows_and_to_the_site_are_checked_at_their_cells() {
    let site = site();
    site.write(
        "rows.tsv",
        "id\ttitle\tadministration\tannounced\tstatus\taction\tsubjects\tagencies\tsupersedes\n\
         10\tA later order\tTruman\t1950-01-02\tSigned\tExecutive Order\tLabor\tDOL\t11; 1\n\
         11\tAn earlier order\tTruman\t1950-01-01\tSigned\tExecutive Order\tLabor\tDOL\t12\n",
    );
    let run = site.run(&["import", "rows.tsv", "--kind", "policy"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("error[E-unknown-reference]: row 3, column I (supersedes): `supersedes` refers to policy 12, which does not exist"),
        "{run:#?}"
    );
    assert!(run.stderr.contains("┌─ rows.tsv:3:"), "{run:#?}");
    assert!(!site.join("content/policies/10-a-later-order.md").exists());
    // Fixed, the rows relate to each other and to the site's policy 1.
    site.write("rows.tsv", &site.read("rows.tsv").replace("\t12\n", "\t\n"));
    site.run(&["import", "rows.tsv", "--kind", "policy"]).ok();
    site.run(&["check"]).ok();
    assert!(site
        .read("content/policies/10-a-later-order.md")
        .contains("supersedes = [11, 1]"));
}

#[test]
fn values_beyond_the_header_are_never_dropped_unseen() {
    let site = site();
    site.write(
        "rows.csv",
        "title,administration,announced,status,action,subjects,agencies\nAn order,Truman,1950-01-01,Signed,Executive Order,Labor,DOL,a stray note\n",
    );
    let run = site.run(&["import", "rows.csv", "--kind", "policy"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("error[E-import-column]: column H has values but no header"),
        "{run:#?}"
    );
    assert!(!site.join("content/policies/2-an-order.md").exists());
}

#[test]
fn case_rows_become_case_files_with_their_appeals_and_what_they_challenge() {
    let site = site();
    let toml = site.read("docket.toml");
    site.write(
        "docket.toml",
        &format!("{toml}case_statuses = [\"Pending\", \"Decided\"]\n"),
    );
    let run = site.run(&["import", &data("cases.csv")]).ok();
    assert_eq!(
        run.stdout,
        "content/cases/doe-v-loyalty-review-board-1-50-cv-00001.md\ncontent/cases/doe-v-loyalty-review-board-50-1001.md\ncontent/cases/roe-v-civil-service-commission-1-51-cv-00002.md\n",
        "the file's name says its rows are cases; the docket tells an appeal's file from its case's"
    );
    assert!(
        shown(&run).contains("imported 3 case files from [DATA]/cases.csv into content/cases/"),
        "{run:#?}"
    );
    assert_eq!(
        site.read("content/cases/roe-v-civil-service-commission-1-51-cv-00002.md"),
        "+++\nname = \"Roe v. Civil Service Commission\"\ncourt = \"D.D.C.\"\ndocket = \"1:51-cv-00002\"\nstatus = \"Pending\"\nfiled = \"1951\"\nchallenges = [1, { title = \"Dismissal of a clerk at the Department of Labor\" }]\n+++\n\n"
    );
    site.run(&["check", "--deny-warnings"]).ok();
    site.run(&["build"]).ok();
    let appeal = common::text(&site.read("public/cases/d-c-cir-50-1001/index.html"));
    assert!(
        appeal.contains("Appeal of Doe v. Loyalty Review Board"),
        "{appeal}"
    );
    let roe = common::text(&site.read("public/cases/d-d-c-1-51-cv-00002/index.html"));
    assert!(
        roe.contains("Dismissal of a clerk at the Department of Labor"),
        "an item the site does not hold is named on the case's page: {roe}"
    );
}

/// Imports `rows` (CSV) as case files into the import site, with the case
/// statuses "Pending" and "Decided", and checks that the import fails,
/// writes nothing and says each of `expected`.
fn case_rows_fail(rows: &str, expected: &[&str]) {
    let site = site();
    let toml = site.read("docket.toml");
    site.write(
        "docket.toml",
        &format!("{toml}case_statuses = [\"Pending\", \"Decided\"]\n"),
    );
    site.write("lawsuits.csv", rows);
    let before = content(&site);
    let sheet = site.join("lawsuits.csv").display().to_string();
    let run = site.run(&["import", &sheet, "--kind", "case"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(content(&site), before, "nothing written");
    for expected in expected {
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
}

#[test]
fn a_bad_case_row_is_reported_at_its_cell_and_nothing_is_written() {
    case_rows_fail(
        "name,court,docket,status,challenges\nDoe v. Board,D.D.C.,1:50-cv-00001,Decidd,1\nRoe v. Board,D.D.C.,,Pending,1\nPoe v. Board,D.D.C.,1:50-cv-00003,Pending,77\n",
        &[
            "row 2, column D (status): \"Decidd\" is not one of the allowed values of `status`",
            "did you mean \"Decided\"?",
            "row 3, column C (docket): `docket` is empty",
            "row 4, column E (challenges): `challenges` refers to policy 77, which does not exist",
        ],
    );
}

#[test]
fn two_rows_of_one_case_are_reported_even_when_one_has_another_error() {
    case_rows_fail(
        "name,court,docket,status\nDoe v. Board,D.D.C.,50-1,Pending\nDoe v. Board,D.D.C.,50-1,Decidd\n",
        &[
            "row 3, column C (docket): a second case file for docket 50-1 (D.D.C.)",
            "row 3, column D (status): \"Decidd\" is not one of the allowed values of `status`",
        ],
    );
}

#[test]
fn months_by_name_are_months_and_crlf_rows_are_found_at_their_lines() {
    let site = site();
    // As a spreadsheet program saves it: CRLF line ends, months by name.
    site.write(
        "sheet.csv",
        &[
            "Title,Administration,Announced,Status,Action,Subjects,Agencies",
            "Order A,Truman,March 2025,Signed,Executive Order,Defense,All",
            "Order B,Truman,Sept. 1948,Signed,Executive Order,Defense,All",
            "Order C,Truman,\"June 28, 1948\",Signed,Executive Order,Defense,All",
            "",
        ]
        .join("\r\n"),
    );
    site.run(&["import", "sheet.csv", "--kind", "policy"]).ok();
    let announced = |file: &str| {
        site.read(&format!("content/policies/{file}"))
            .lines()
            .find(|l| l.starts_with("announced = "))
            .map(str::to_string)
    };
    assert_eq!(
        announced("2-order-a.md").as_deref(),
        Some("announced = \"2025-03\"")
    );
    assert_eq!(
        announced("3-order-b.md").as_deref(),
        Some("announced = \"1948-09\"")
    );
    assert_eq!(
        announced("4-order-c.md").as_deref(),
        Some("announced = 1948-06-28")
    );

    // A problem in the fourth row is shown at the fourth line, under its cell.
    site.write(
        "bad.csv",
        &[
            "Title,Administration,Announced,Status,Action,Subjects,Agencies",
            "Order D,Truman,2025-03,Signed,Executive Order,Defense,All",
            "\"Order E,",
            "second line\",Truman,2025-03,Signed,Executive Order,Defense,All",
            "Order F,Truman,March 20 25,Signed,Executive Order,Defense,All",
            "",
        ]
        .join("\r\n"),
    );
    let run = site.run(&["import", "bad.csv", "--kind", "policy", "--dry-run"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("row 4, column C (announced): `March 20 25` is not a date docket reads"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("bad.csv:5:16"), "{}", run.stderr);
    // The row over two lines is row 3, shown from its first line.
    assert!(
        run.stderr.contains("row 3, column A (title)") && run.stderr.contains("bad.csv:3:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn case_rows_fill_the_fields_of_fields_case() {
    let site = site();
    let toml = site.read("docket.toml");
    site.write(
        "docket.toml",
        &format!(
            "{toml}issues = [\"Loyalty\", \"Dismissal\"]\n\n[fields.case]\njudge = {{ type = \"text\" }}\nissue = {{ type = \"terms\", vocabulary = \"issues\" }}\n"
        ),
    );
    site.write(
        "rows.csv",
        "name,court,docket,judge,issue\nDoe v. Board,D.D.C.,1:50-cv-00009,Judge Holtzoff,Loyalty; Dismissal\nRoe v. Board,D.D.C.,1:50-cv-00010,,Loyalt\n",
    );
    let rows = site.join("rows.csv").display().to_string();
    let run = site.run(&["import", &rows, "--kind", "case"]);
    assert_eq!(run.code, 1, "a value outside its list is refused: {run:#?}");
    assert!(run.stderr.contains("did you mean \"Loyalty\"?"), "{run:#?}");
    site.write(
        "rows.csv",
        &site.read("rows.csv").replace(",Loyalt\n", ",Loyalty\n"),
    );
    site.run(&["import", &rows, "--kind", "case"]).ok();
    assert_eq!(
        site.read("content/cases/doe-v-board-1-50-cv-00009.md"),
        "+++\nname = \"Doe v. Board\"\ncourt = \"D.D.C.\"\ndocket = \"1:50-cv-00009\"\njudge = \"Judge Holtzoff\"\nissue = [\"Loyalty\", \"Dismissal\"]\n+++\n"
    );
    site.run(&["check", "--deny-warnings"]).ok();
}

#[test]
fn two_cases_of_one_name_and_docket_in_two_courts_get_two_files() {
    let site = site();
    site.write(
        "rows.csv",
        "name,court,docket\nDoe v. Board,D.D.C.,50-1\nDoe v. Board,D. Md.,50-1\n",
    );
    let rows = site.join("rows.csv").display().to_string();
    let dry = site
        .run(&["import", &rows, "--kind", "case", "--dry-run"])
        .ok();
    let files = "content/cases/doe-v-board-50-1.md\ncontent/cases/doe-v-board-d-md-50-1.md\n";
    assert_eq!(dry.stdout, files, "{dry:#?}");
    let run = site.run(&["import", &rows, "--kind", "case"]).ok();
    assert_eq!(run.stdout, files, "{run:#?}");
    assert!(site
        .read("content/cases/doe-v-board-d-md-50-1.md")
        .contains("court = \"D. Md.\""));
    site.run(&["check", "--deny-warnings"]).ok();
}
