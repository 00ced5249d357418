//! A small lineage in a git repository, for the tests of periods in force
//! (the data export, and the "in force on" control in a browser).

use super::git::{commit, init};
use super::Site;

pub const CONFIG: &str = "title = \"Time\"\nbase_url = \"https://example.org/time/\"\n\
    language = \"en\"\ntheme = \"default\"\n";

/// A policy file with the given statuses (`"Final/Actual"` quoted as
/// TOML), front matter lines `extra` and body.
pub fn policy(id: u32, status: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\nid = {id}\ntitle = \"Policy {id}\"\nadministration = \"Biden\"\n\
         announced = 2024-01-10\nstatus = [{status}]\naction = \"Rule\"\n\
         subjects = [\"Border\"]\nagencies = [\"DHS\"]\n{extra}+++\n{body}\n"
    )
}

/// A: superseded by B, which takes force on 1 September 2024. C:
/// rescinded on 1 October. D: stayed on 1 November, the stay lifted on 15
/// January 2025; `Stayed` ends force because `[force]` says so.
pub fn lineage() -> Site {
    let site = Site::with_themes();
    let p = site.path();
    let config = format!(
        "{CONFIG}\n[vocabulary]\nstatuses = [\"Proposed\", \"Final/Actual\", \"Rescinded\", \"Stayed\"]\n\n\
         [force]\nending_statuses = [\"Rescinded\", \"Stayed\"]\n"
    );
    let final_ = "\"Final/Actual\"";
    site.write("docket.toml", &config)
        .write(
            "content/policies/1-a.md",
            &policy(1, final_, "effective = 2024-02-01\n", "A."),
        )
        .write(
            "content/policies/3-c.md",
            &policy(3, final_, "effective = 2024-03-01\n", "C."),
        )
        .write(
            "content/policies/4-d.md",
            &policy(4, final_, "effective = 2024-04-01\n", "D."),
        );
    init(p);
    commit(p, "2024-04-02", "A, C and D");
    site.write(
        "content/policies/2-b.md",
        &policy(
            2,
            final_,
            "effective = 2024-09-01\nsupersedes = [1]\n",
            "B.",
        ),
    );
    commit(p, "2024-08-15", "B supersedes A");
    site.write(
        "content/policies/3-c.md",
        &policy(
            3,
            "\"Final/Actual\", \"Rescinded\"",
            "effective = 2024-03-01\n",
            "C.",
        ),
    );
    commit(p, "2024-10-01", "C rescinded");
    site.write(
        "content/policies/4-d.md",
        &policy(
            4,
            "\"Final/Actual\", \"Stayed\"",
            "effective = 2024-04-01\n",
            "D.",
        ),
    );
    commit(p, "2024-11-01", "D stayed");
    site.write(
        "content/policies/4-d.md",
        &policy(4, final_, "effective = 2024-04-01\n", "D."),
    );
    commit(p, "2025-01-15", "D's stay lifted");
    site
}
