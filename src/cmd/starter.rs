//! `docket new site DIR`: a small site that builds as it is, with the
//! vocabularies of the content format and one policy with a commentary
//! item about it to copy from. The default theme is built into docket, so
//! the site holds no copy of it unless asked for (`--eject-theme`), for
//! those who want to change all of it; a site's `templates/` and `static/`
//! override it file by file either way.

use std::fs;
use std::path::Path;

use super::Outcome;
use crate::cli::NewSiteArgs;
use crate::render::embedded::{DEFAULT_THEME, NAME};
use crate::sitefs::THEMES_DIR;

const CONFIG: &str = r#"# Settings of the site. `docket build` reads this file from the site root.

title = __TITLE__
# The address the site will be published at (used for canonical links).
# base_url = "https://example.org/tracker/"
description = "Policies, the court actions that challenge them and the commentary about them."
language = "en"
theme = "default"

# Controlled vocabularies. A value outside its list is an error that names the
# nearest allowed value; a list left out accepts any value.
[vocabulary]
administrations = ["Obama", "Trump 1.0", "Biden", "Trump 2.0"]
statuses = ["Proposed", "Final/Actual", "Reported", "In Litigation", "Enjoined/Vacated", "Rescinded", "Expired"]
actions = ["Presidential Order", "Rule", "Agency Directive", "Change in Practice", "Adjudication",
           "Forms and Information Collection", "Data and Reports"]
current_statuses = ["Fully in Effect", "Partially in Effect", "Not in Effect"]
subjects = ["Asylum, Withholding and CAT", "Border", "Citizenship", "DACA", "Detention", "Employment Verification",
            "Enforcement", "Hearings and Adjudications", "Humanitarian", "Immigrant Visas", "Interior",
            "Minors", "Naturalization", "Non-Immigrant Visas", "Other", "Refugees", "Sanctuary Restrictions",
            "TPS", "U/T/VAWA"]
agencies = ["AG", "CBP", "CDC", "DHS", "DOD", "DOJ", "DOS", "EOIR", "FEMA", "HHS", "ICE", "ORR", "SSA",
            "State & Local Entities", "USCIS", "Other"]
filings = ["Complaint", "TRO", "Preliminary Injunction", "Ruling", "Appeal", "Settlement"]
"#;

const POLICY: &str = r#"+++
id = 1
title = "Executive Order 14159: Protecting the American People Against Invasion"
administration = "Trump 2.0"
announced = 2025-01-20
status = ["Final/Actual"]
action = "Presidential Order"
subjects = ["Enforcement", "Interior"]
agencies = ["DHS", "ICE"]
identifiers = { "Executive Order" = "14159" }
+++
An example entry: replace it with your first policy. `docket new policy
--title "…"` writes a new one with the next free id.

The body is Markdown. Link to other entries by kind and id, like
[the alert about it](commentary:1).
"#;

const COMMENTARY: &str = r#"+++
id = 1
title = "An example commentary item"
date = 2025-01-22
source = "Example Association"
url = "https://example.org/"
about = [1]
+++
Commentary items are about one or more policies, named by id in `about`.
"#;

const GITIGNORE: &str = "/public\n";

pub fn run(args: &NewSiteArgs) -> Outcome {
    match write_site(&args.dir, &args.title, args.eject_theme) {
        Ok(()) => {
            println!("{}", crate::terminal::path(&args.dir));
            if args.eject_theme {
                eprintln!(
                    "wrote a copy of the default theme into {}: the site uses it in place of the built-in one",
                    crate::terminal::path(&args.dir.join("themes/default"))
                );
            }
            eprintln!(
                "created a site in {}; try `docket --root {} build`",
                crate::terminal::path(&args.dir),
                crate::terminal::path(&args.dir)
            );
            Outcome::Success
        }
        Err(e) => {
            eprintln!("error: {}", crate::terminal::visible(&e));
            Outcome::Fatal
        }
    }
}

fn write_site(dir: &Path, title: &str, eject_theme: bool) -> Result<(), String> {
    let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    if dir.exists() {
        let empty = fs::read_dir(dir).map_err(|e| io(dir, e))?.next().is_none();
        if !empty {
            return Err(format!(
                "{} is not empty; docket new site only writes into a new or empty folder",
                dir.display()
            ));
        }
    }
    super::new::one_line(title)?;
    let title = crate::content::write::toml_string(title);
    let mut files: Vec<(String, &[u8])> = Vec::new();
    let config = CONFIG.replace("__TITLE__", &title);
    files.push(("docket.toml".into(), config.as_bytes()));
    files.push((".gitignore".into(), GITIGNORE.as_bytes()));
    files.push((
        "content/policies/1-executive-order-14159.md".into(),
        POLICY.as_bytes(),
    ));
    files.push((
        "content/commentary/1-example-commentary.md".into(),
        COMMENTARY.as_bytes(),
    ));
    files.push(("content/court-actions/.gitkeep".into(), b""));
    files.push(("content/documents/.gitkeep".into(), b""));
    if eject_theme {
        for (rel, bytes) in DEFAULT_THEME {
            files.push((format!("{THEMES_DIR}/{NAME}/{rel}"), bytes));
        }
    }
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| io(&path, e))?;
    }
    Ok(())
}
