//! `docket new`: a new entry with the next free id, every key in place
//! (case files, which have no id, in [`case`]).
//!
//! The file is meant to be opened and filled in by someone who may never
//! have seen TOML: each key has a comment saying what it holds and, for
//! controlled vocabularies, which values are allowed. A value the
//! contributor has to choose is left empty (`""` or `[]`), which `check`
//! rejects with the list of choices until it is filled in; optional keys
//! are written as comments, ready to be uncommented.

mod case;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;

use super::{failure, Outcome};
use crate::cli::{NewCommand, NewEntryArgs};
use crate::config::{self, Config, Field, FieldType, KindFields, Level, Vocab};
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
        NewCommand::Case(a) => return case::run(root, a),
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
    let config = match site_config(root) {
        Ok(c) => c,
        Err(outcome) => return outcome,
    };
    let Some(id) = next_id(root, kind) else {
        eprintln!(
            "error: the {} of this site already use the largest id, {}; give the new entry an id of your own",
            kind.plural_label().to_lowercase(),
            crate::content::id::MAX_NUMBER
        );
        return Outcome::Fatal;
    };
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let dir = root.join(walk::CONTENT_DIR).join(kind.dir());
    let path = dir.join(file_name(id, title));
    let text = entry_text(kind, id, title, date, &config);
    create(
        root,
        &path,
        &text,
        |p| read_back(p, id, title),
        &format!("{} {id}", kind.name()),
    )
}

/// The site's `docket.toml`, or the outcome of one with errors, reported.
fn site_config(root: &Path) -> Result<Config, Outcome> {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    config::load(root, &mut sources, &mut diags).ok_or_else(|| {
        print(Format::Human, &sources, &diags);
        failure(&diags)
    })
}

/// Writes the new file `path`, never over another, proves it reads back
/// with `read_back`, and prints its path for the contributor to open.
fn create(
    root: &Path,
    path: &Path,
    text: &str,
    read_back: impl FnOnce(&Path) -> Result<(), String>,
    what: &str,
) -> Outcome {
    if let Err(e) = write_new(path, text).and_then(|()| read_back(path)) {
        eprintln!("error: {}", crate::terminal::visible(&e));
        return Outcome::Fatal;
    }
    println!(
        "{}",
        crate::terminal::visible(&crate::source::display_name(root, path))
    );
    eprintln!("created {what}; fill in the empty values, then run `docket check`");
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
    let fields = config.fields.of(kind.name());
    for block in standard_blocks(kind, date, config) {
        block.write(&mut t, fields);
    }
    for field in &fields.extra {
        own_field(&mut t, field, config);
    }
    for (_, rel) in config.relations.of(kind.name()) {
        let _ = writeln!(
            t,
            "# {}: {} by id{}\n# {}",
            rel.label,
            crate::content::Kind::from_name(rel.to)
                .map_or("entries".to_string(), |k| k.plural_label().to_lowercase()),
            match (rel.notes, rel.outside) {
                (true, true) => ", with a note, or what is not an entry by its name",
                (true, false) => ", with a note",
                (false, true) => ", or what is not an entry by its name",
                (false, false) => "",
            },
            crate::content::related::example(rel)
        );
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

/// One standard key of a new entry: the comment above it and its line.
struct Block {
    key: &'static str,
    comment: String,
    /// Written as it is for a required key (a value to fill in), behind
    /// `# ` for an optional one (an example).
    value: String,
    required: bool,
}

impl Block {
    fn new(key: &'static str, comment: String, value: impl Into<String>, required: bool) -> Block {
        Block {
            key,
            comment,
            value: value.into(),
            required,
        }
    }

    /// Writes the block as `docket.toml` declares the key: left out when
    /// absent, behind `# ` when optional. A key the site makes required
    /// that has only an example is left behind `# ` too, so that `check`
    /// asks for it rather than taking the example.
    fn write(&self, t: &mut String, fields: &KindFields) {
        let level = fields.level(self.key, self.required);
        if level == Level::Absent {
            return;
        }
        t.push_str(&self.comment);
        let hash = if level == Level::Required && self.required {
            ""
        } else {
            "# "
        };
        let _ = writeln!(t, "{hash}{} = {}", self.key, self.value);
    }
}

/// The standard keys of a new entry of `kind`, after its id and title.
fn standard_blocks(kind: Kind, date: NaiveDate, config: &Config) -> Vec<Block> {
    let v = |vocab, what: &str, how_many: &str| {
        let mut c = String::new();
        Choices(config.vocabulary.allowed(vocab)).comment(&mut c, what, how_many);
        c
    };
    let c = |s: &str| format!("# {s}\n");
    match kind {
        Kind::Policy => vec![
            Block::new(
                "administration",
                v(
                    Vocab::Administrations,
                    "The administration that announced it",
                    "one",
                ),
                "\"\"",
                true,
            ),
            Block::new(
                "announced",
                c("The day it was announced (year-month-day)"),
                date.to_string(),
                true,
            ),
            Block::new(
                "effective",
                c("The day it took effect, if known"),
                "2025-01-31",
                false,
            ),
            Block::new(
                "status",
                v(Vocab::Statuses, "Its status", "one or more"),
                "[]",
                true,
            ),
            Block::new(
                "action",
                v(Vocab::Actions, "The type of action", "one"),
                "\"\"",
                true,
            ),
            Block::new(
                "subjects",
                v(Vocab::Subjects, "What it is about", "one or more"),
                "[]",
                true,
            ),
            Block::new(
                "agencies",
                v(Vocab::Agencies, "The agencies affected", "one or more"),
                "[]",
                true,
            ),
            Block::new(
                "current_status",
                v(
                    Vocab::CurrentStatuses,
                    "Whether it is still in force, once assessed",
                    "one",
                ),
                "\"\"",
                false,
            ),
            Block::new(
                "identifiers",
                c("Official numbers shown with it"),
                "{ \"Federal Register\" = \"90 FR 8443\" }",
                false,
            ),
            Block::new(
                "supersedes",
                c("Earlier policies it replaces, and policies it carries out, by id"),
                "[312]",
                false,
            ),
            Block::new("implements", String::new(), "[1400]", false),
        ],
        Kind::CourtAction => vec![
            Block::new(
                "date",
                c("The day it was filed or decided (year-month-day)"),
                date.to_string(),
                true,
            ),
            Block::new(
                "case",
                c("The case name, the same for every filing of the case"),
                "\"\"",
                true,
            ),
            Block::new(
                "docket",
                c("The docket number, like \"2:25-cv-09848\""),
                "\"\"",
                true,
            ),
            Block::new("court", c("The court, like \"C.D. Cal.\""), "\"\"", true),
            Block::new(
                "filing",
                v(Vocab::Filings, "The kind of filing", "one"),
                "\"\"",
                true,
            ),
            Block::new(
                "challenges",
                c("The policies it challenges, by id, like [1491]"),
                "[]",
                true,
            ),
            Block::new(
                "url",
                c("Where the case can be followed"),
                "\"https://www.courtlistener.com/…\"",
                false,
            ),
        ],
        Kind::Commentary => vec![
            Block::new(
                "date",
                c("The day it was published (year-month-day)"),
                date.to_string(),
                true,
            ),
            Block::new("source", c("Who published it"), "\"\"", true),
            Block::new("url", c("Where it can be read"), "\"https://…\"", false),
            Block::new(
                "about",
                c("The policies it is about, by id, like [1491]"),
                "[]",
                true,
            ),
        ],
    }
}

/// A field of the site's own: its label and, for a term, the allowed
/// values above it; a required one left to fill in, an optional one (or a
/// date or a number, which has no empty value) as a commented example.
fn own_field(t: &mut String, field: &Field, config: &Config) {
    let allowed = field
        .vocabulary
        .as_deref()
        .and_then(|v| config.vocabulary.list(v));
    match field.ty {
        FieldType::Term => Choices(allowed).comment(t, &field.label, "one"),
        FieldType::Terms => Choices(allowed).comment(t, &field.label, "one or more"),
        _ => {
            let _ = writeln!(t, "# {}", field.label);
        }
    }
    let empty = match field.ty {
        FieldType::Text | FieldType::Url | FieldType::Term => Some("\"\""),
        FieldType::Terms | FieldType::List => Some("[]"),
        FieldType::Date | FieldType::Number => None,
    };
    match empty.filter(|_| field.required) {
        Some(empty) => {
            let _ = writeln!(t, "{} = {empty}", field.key);
        }
        None => {
            let _ = writeln!(t, "# {}", crate::content::fields::example(field, allowed));
        }
    }
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
