//! `docket new`: a new entry with the next free id, every key in place.
//!
//! The file is meant to be opened and filled in by someone who may never
//! have seen TOML: each key has a comment saying what it holds and, for
//! controlled vocabularies, which values are allowed. A value the
//! contributor has to choose is left empty (`""` or `[]`), which `check`
//! rejects with the list of choices until it is filled in; optional keys
//! are written as comments, ready to be uncommented.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;

use super::{failure, Outcome};
use crate::cli::{NewCommand, NewEntryArgs};
use crate::config::{self, Config, Vocab};
use crate::content::write::{file_name, next_id, toml_string, write_new};
use crate::content::Id;
use crate::content::{walk, Kind};
use crate::diag::{print, Diagnostics, Format};
use crate::source::Sources;

pub fn run(root: &Path, command: &NewCommand) -> Outcome {
    let (kind, args) = match command {
        NewCommand::Policy(a) => (Kind::Policy, a),
        NewCommand::CourtAction(a) => (Kind::CourtAction, a),
        NewCommand::Commentary(a) => (Kind::Commentary, a),
        NewCommand::Site(a) => return super::starter::run(a),
    };
    entry(root, kind, args)
}

fn entry(root: &Path, kind: Kind, args: &NewEntryArgs) -> Outcome {
    let title = args.title.trim();
    if title.is_empty() {
        eprintln!(
            "error: give the new {} a title, like --title \"…\"",
            kind.name()
        );
        return Outcome::Fatal;
    }
    if let Err(e) = one_line(title) {
        eprintln!("error: {e}");
        return Outcome::Fatal;
    }
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let Some(config) = config::load(root, &mut sources, &mut diags) else {
        print(Format::Human, &sources, &diags);
        return failure(&diags);
    };
    let id = next_id(root, kind);
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let dir = root.join(walk::CONTENT_DIR).join(kind.dir());
    let path = dir.join(file_name(id, title));
    let text = entry_text(kind, id, title, date, &config);
    if let Err(e) = write_new(&path, &text).and_then(|()| read_back(&path, id, title)) {
        eprintln!("error: {}", crate::terminal::visible(&e));
        return Outcome::Fatal;
    }
    println!(
        "{}",
        crate::terminal::visible(&crate::source::display_name(root, &path))
    );
    eprintln!(
        "created {} {id}; fill in the empty values, then run `docket check`",
        kind.name()
    );
    Outcome::Success
}

/// Refuses a title with a line break or another control character: a
/// title is one line on every page, and the text of a new entry must
/// never hold what could close its front matter.
pub(crate) fn one_line(title: &str) -> Result<(), String> {
    match title.chars().find(|c| c.is_control()) {
        Some(c) => Err(format!(
            "the title holds {}, a control character: write it on one line, without tabs or line breaks",
            match c {
                '\n' | '\r' => "a line break".to_string(),
                '\t' => "a tab".to_string(),
                c => format!("U+{:04X}", u32::from(c)),
            }
        )),
        None => Ok(()),
    }
}

/// Reads the new file back as `check` will, as far as `new` wrote it: its
/// front matter closed where it was meant to be, TOML, with the id and
/// title given. A file that does not is removed, never left half-right.
fn read_back(path: &Path, id: Id, title: &str) -> Result<(), String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let problem = match crate::content::split::split(&text) {
        Err(e) => Some(format!("its front matter does not split ({e:?})")),
        Ok(parts) => match toml::from_str::<toml::Table>(&text[parts.front]) {
            Err(e) => Some(format!("its front matter is not TOML ({})", e.message())),
            Ok(t) => {
                let same = t
                    .get("id")
                    .and_then(toml::Value::as_integer)
                    .map(i64::unsigned_abs)
                    == id.as_number()
                    && t.get("title").and_then(toml::Value::as_str) == Some(title);
                (!same).then(|| "its id or title does not read back as given".to_string())
            }
        },
    };
    match problem {
        None => Ok(()),
        Some(p) => {
            let _ = fs::remove_file(path);
            Err(format!(
                "the new file {} did not read back ({p}); it was removed",
                path.display()
            ))
        }
    }
}

/// The text of a new entry.
pub fn entry_text(kind: Kind, id: Id, title: &str, date: NaiveDate, config: &Config) -> String {
    let mut t = String::from("+++\n");
    let _ = writeln!(t, "id = {id}");
    let _ = writeln!(t, "title = {}", toml_string(title));
    let v = |vocab| Choices(config.vocabulary.allowed(vocab));
    match kind {
        Kind::Policy => {
            v(Vocab::Administrations).comment(
                &mut t,
                "The administration that announced it",
                "one",
            );
            t.push_str("administration = \"\"\n");
            let _ = writeln!(
                t,
                "# The day it was announced (year-month-day)\nannounced = {date}"
            );
            t.push_str("# The day it took effect, if known\n# effective = 2025-01-31\n");
            v(Vocab::Statuses).comment(&mut t, "Its status", "one or more");
            t.push_str("status = []\n");
            v(Vocab::Actions).comment(&mut t, "The type of action", "one");
            t.push_str("action = \"\"\n");
            v(Vocab::Subjects).comment(&mut t, "What it is about", "one or more");
            t.push_str("subjects = []\n");
            v(Vocab::Agencies).comment(&mut t, "The agencies affected", "one or more");
            t.push_str("agencies = []\n");
            v(Vocab::CurrentStatuses).comment(
                &mut t,
                "Whether it is still in force, once assessed",
                "one",
            );
            t.push_str("# current_status = \"\"\n");
            t.push_str("# Official numbers shown with it\n# identifiers = { \"Federal Register\" = \"90 FR 8443\" }\n");
            t.push_str("# Earlier policies it replaces, and policies it carries out, by id\n# supersedes = [312]\n# implements = [1400]\n");
        }
        Kind::CourtAction => {
            let _ = writeln!(
                t,
                "# The day it was filed or decided (year-month-day)\ndate = {date}"
            );
            t.push_str("# The case name, the same for every filing of the case\ncase = \"\"\n");
            t.push_str("# The docket number, like \"2:25-cv-09848\"\ndocket = \"\"\n");
            t.push_str("# The court, like \"C.D. Cal.\"\ncourt = \"\"\n");
            v(Vocab::Filings).comment(&mut t, "The kind of filing", "one");
            t.push_str("filing = \"\"\n");
            t.push_str("# The policies it challenges, by id, like [1491]\nchallenges = []\n");
            t.push_str(
                "# Where the case can be followed\n# url = \"https://www.courtlistener.com/…\"\n",
            );
        }
        Kind::Commentary => {
            let _ = writeln!(
                t,
                "# The day it was published (year-month-day)\ndate = {date}"
            );
            t.push_str("# Who published it\nsource = \"\"\n");
            t.push_str("# Where it can be read\n# url = \"https://…\"\n");
            t.push_str("# The policies it is about, by id, like [1491]\nabout = []\n");
        }
    }
    t.push_str(
        "# Source documents: a file of content/documents/, or a web address\n\
         # [[documents]]\n\
         # title = \"…\"\n\
         # file = \"2025-01-31-directive.pdf\"\n",
    );
    t.push_str("+++\n");
    t.push_str(match kind {
        Kind::Policy => "What the policy does and changes, in a few short paragraphs.\n",
        Kind::CourtAction => "What the filing asks for or decides, in a few short paragraphs.\n",
        Kind::Commentary => "What the piece says, in a few sentences.\n",
    });
    t.push_str("Link to other entries by kind and id, like `[EO 14159](policy:1400)`.\n");
    t
}

/// The allowed values of a vocabulary, for a comment above its key.
struct Choices<'a>(Option<&'a [String]>);

impl Choices<'_> {
    fn comment(&self, t: &mut String, what: &str, how_many: &str) {
        let Some(values) = self.0 else {
            let _ = writeln!(t, "# {what}");
            return;
        };
        let mut line = format!("# {what}, {how_many} of:");
        for (i, value) in values.iter().enumerate() {
            let item = format!(
                " {}{}",
                toml_string(value),
                if i + 1 < values.len() { "," } else { "" }
            );
            if line.len() + item.len() > 88 {
                t.push_str(&line);
                t.push('\n');
                line = "#".to_string();
            }
            line.push_str(&item);
        }
        t.push_str(&line);
        t.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_one_line() {
        assert!(one_line("EO 14159: Protecting").is_ok());
        assert!(one_line("a\n+++\nb").unwrap_err().contains("a line break"));
        assert!(one_line("a\tb").unwrap_err().contains("a tab"));
        assert!(one_line("a\u{1b}b").unwrap_err().contains("U+001B"));
    }
}
