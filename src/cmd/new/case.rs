//! `docket new case`: a case file with every key in place, as `new`
//! writes entries. A case has no id: it is known by court and docket, so
//! its file is named after its name and docket number, and the values the
//! command was not given are left empty for `check` to ask for.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use super::{one_line, Choices};
use crate::cli::NewCaseArgs;
use crate::cmd::Outcome;
use crate::config::{Config, Vocab};
use crate::content::case::CASES_DIR;
use crate::content::walk;
use crate::content::write::{case_file_name, case_file_name_in_court, toml_string};

pub fn run(root: &Path, args: &NewCaseArgs) -> Outcome {
    let name = args.name.trim();
    let given = [
        ("name", Some(name)),
        ("court", args.court.as_deref().map(str::trim)),
        ("docket", args.docket.as_deref().map(str::trim)),
    ];
    if name.is_empty() {
        eprintln!("error: give the new case its name, like --name \"Doe v. Noem\"");
        return Outcome::Fatal;
    }
    for (key, value) in given {
        if let Err(e) = value.map_or(Ok(()), one_line) {
            eprintln!("error: --{key}: {e}");
            return Outcome::Fatal;
        }
    }
    let config = match super::site_config(root) {
        Ok(c) => c,
        Err(outcome) => return outcome,
    };
    let dir = root.join(walk::CONTENT_DIR).join(CASES_DIR);
    let court = args.court.as_deref().unwrap_or_default().trim();
    let docket = args.docket.as_deref().unwrap_or_default().trim();
    let files = case_files(&dir);
    // One file per case: a court and a docket number make it.
    if !court.is_empty() && !docket.is_empty() {
        if let Some((path, _)) = files.iter().find(|(_, k)| k.0 == court && k.1 == docket) {
            eprintln!(
                "error: {} is the file of the case of {court}, No. {docket} already: add to it rather than write another",
                crate::terminal::visible(&crate::source::display_name(root, path))
            );
            return Outcome::Fatal;
        }
    }
    let mut path = dir.join(case_file_name(name, docket));
    // The same name and docket number in another court: its court too.
    if files.iter().any(|(p, _)| *p == path) && !court.is_empty() {
        path = dir.join(case_file_name_in_court(name, court, docket));
    }
    let text = case_text(args, &config);
    super::create(root, &path, &text, |p| read_back(p, name), "a case file")
}

/// The text of a new case file: the three keys that make a case, then
/// every optional key as a commented example.
fn case_text(args: &NewCaseArgs, config: &Config) -> String {
    let value = |v: &Option<String>| {
        v.as_deref()
            .map_or("\"\"".into(), |v| toml_string(v.trim()))
    };
    let mut t = String::from("+++\n");
    let _ = writeln!(t, "name = {}", toml_string(args.name.trim()));
    Choices(config.vocabulary.allowed(Vocab::Courts)).comment(
        &mut t,
        "The court, as its filings give it",
        "one",
    );
    let _ = writeln!(t, "court = {}", value(&args.court));
    t.push_str("# The docket number, as its filings give it, like \"2:25-cv-09848\"\n");
    let _ = writeln!(t, "docket = {}", value(&args.docket));
    Choices(config.vocabulary.allowed(Vocab::CaseStatuses)).comment(
        &mut t,
        "Where the case stands",
        "one",
    );
    let fields = config.fields.of("case");
    // Declared required in `[fields.case]`: a value to fill in, not an
    // example.
    let required = |key: &str| fields.level(key, false) == crate::config::Level::Required;
    t.push_str(if required("status") {
        "status = \"\"\n"
    } else {
        "# status = \"\"\n"
    });
    t.push_str("# The day it was filed (year-month-day, or year-month when the day is unknown)\n");
    match args.filed {
        Some(date) => {
            let _ = writeln!(t, "filed = {}", date.toml());
        }
        None => t.push_str("# filed = 2025-02-10\n"),
    }
    t.push_str(concat!(
        "# Where the case can be followed\n",
        "# url = \"https://www.courtlistener.com/…\"\n",
        "# The case this one appeals, by its docket number\n",
        "# appeal_of = \"2:25-cv-09848\"\n",
        "# Cases heard together with this one, by docket number\n",
        "# consolidated_with = [\"1:25-cv-00100\"]\n",
        "# What it challenges: policy ids, or what the site does not hold, like\n",
        "# { title = \"A memo of the agency\", url = \"https://…\", note = \"…\" }\n",
        "# challenges = []\n",
    ));
    for field in &fields.extra {
        super::own_field(&mut t, field, config);
    }
    t.push_str("+++\nWhat the case is about and where it stands, in a few short paragraphs.\n");
    t
}

/// The case files of `dir` with the court and docket number each writes
/// (empty where it writes none).
fn case_files(dir: &Path) -> Vec<(std::path::PathBuf, (String, String))> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|path| {
            let front = fs::read_to_string(&path).ok().and_then(|text| {
                let parts = crate::content::split::split(&text).ok()?;
                toml::from_str::<toml::Table>(&text[parts.front]).ok()
            });
            let value = |k: &str| {
                front
                    .as_ref()
                    .and_then(|t| t.get(k)?.as_str().map(|v| v.trim().to_string()))
                    .unwrap_or_default()
            };
            let key = (value("court"), value("docket"));
            (path, key)
        })
        .collect();
    files.sort();
    files
}

/// Reads the new file back: its front matter split and parsed, with the
/// name given. A file that does not is removed, never left half-right.
fn read_back(path: &Path, name: &str) -> Result<(), String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let same = crate::content::split::split(&text)
        .ok()
        .is_some_and(|parts| {
            toml::from_str::<toml::Table>(&text[parts.front])
                .is_ok_and(|t| t.get("name").and_then(toml::Value::as_str) == Some(name))
        });
    if same {
        return Ok(());
    }
    let _ = fs::remove_file(path);
    Err(format!(
        "the new file {} did not read back with the name given; it was removed",
        path.display()
    ))
}
