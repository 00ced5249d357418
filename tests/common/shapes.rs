//! Sites of minimal entries written from code: policies whose relations a
//! closure gives, and court actions in one case, for tests of shapes of
//! relations (chains, stars, long cases).

use super::Site;

pub const CONFIG: &str = r#"title = "Shapes"
base_url = "https://example.org/"
[vocabulary]
administrations = ["A"]
statuses = ["S"]
actions = ["R"]
current_statuses = ["C"]
subjects = ["X"]
agencies = ["G"]
filings = ["Complaint", "Ruling"]
"#;

/// A date for entry `i`: one a day from 2000 on, so that lists and
/// supersessions run in date order.
pub fn date(i: usize) -> String {
    let d = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(i as u64);
    d.format("%Y-%m-%d").to_string()
}

pub fn policy(i: usize, relations: &str) -> String {
    format!(
        "+++\nid = {i}\ntitle = \"Policy {i}\"\nadministration = \"A\"\nannounced = {}\nstatus = [\"S\"]\naction = \"R\"\nsubjects = [\"X\"]\nagencies = [\"G\"]\n{relations}+++\nPolicy {i}.\n",
        date(i)
    )
}

pub fn filing(i: usize) -> String {
    format!(
        "+++\nid = {i}\ntitle = \"Filing {i}\"\ndate = {}\ncase = \"A v. B\"\ndocket = \"1:00-cv-00001\"\ncourt = \"D.D.C.\"\nfiling = \"{}\"\nchallenges = [1]\n+++\nFiling {i}.\n",
        date(i),
        if i == 1 { "Complaint" } else { "Ruling" }
    )
}

/// A site of `n` policies whose relations `relations(i)` gives, and
/// `filings` court actions in one case.
pub fn site(n: usize, filings: usize, relations: impl Fn(usize) -> String) -> Site {
    let site = Site::empty();
    site.write("docket.toml", CONFIG);
    super::copy_tree(&super::repo().join("themes"), &site.join("themes"));
    for i in 1..=n {
        site.write(
            &format!("content/policies/{i}.md"),
            &policy(i, &relations(i)),
        );
    }
    for i in 1..=filings {
        site.write(&format!("content/court-actions/{i}.md"), &filing(i));
    }
    site
}
