//! Writing new entry files: the content format's writer, shared by
//! `docket new` (one entry, every key in place) and `docket import` (one
//! entry a row of a spreadsheet).
//!
//! Both must give out ids the same way, name files the same way, quote a
//! value so that it cannot close the front matter, and never write over a
//! file; so those rules are here, once, below every command.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use super::Id;
use super::{meta, walk, Kind};
use crate::diag::Diagnostics;

/// Writes `text` to a file that must not exist yet.
pub fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "{} already exists; docket never overwrites a file",
                path.display()
            ),
            _ => format!("{}: {e}", path.display()),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// One more than the highest id of `kind` in use. Every file counts, drafts
/// and files with errors included, so a number is never given out twice:
/// the id is read from the first `id =` line of the front matter, and the
/// number a file name starts with counts too. A code such as `9973-A`
/// counts as the number it starts with. `None` when the highest number is
/// the largest an id can be.
pub fn next_id(root: &Path, kind: Kind) -> Option<Id> {
    let mut ignored = Diagnostics::default();
    let listing = walk::walk(root, &mut ignored);
    let highest = listing
        .entries
        .iter()
        .filter(|(k, _)| *k == kind)
        .flat_map(|(_, path)| {
            let from_text = fs::read(path)
                .ok()
                .and_then(|bytes| meta::id_written(&String::from_utf8_lossy(&bytes)));
            [meta::id_in_name(path), from_text]
        })
        .flatten()
        .map(|id| id.leading_number())
        .max()
        .unwrap_or(0);
    Id::number(highest.saturating_add(1))
}

/// An id as TOML: a whole number bare, as ids always were, and a code in
/// quotes.
pub fn id_toml(id: Id) -> String {
    match id.as_number() {
        Some(n) => n.to_string(),
        None => toml_string(id.as_str()),
    }
}

/// `<id>-<slug of title>.md`, the slug cut at a word near 60 characters.
pub fn file_name(id: impl std::fmt::Display, title: &str) -> String {
    let slug = crate::slug::slugify(title);
    let mut cut = String::new();
    for word in slug.split('-') {
        if !cut.is_empty() && cut.len() + word.len() >= 60 {
            break;
        }
        if !cut.is_empty() {
            cut.push('-');
        }
        cut.push_str(word);
    }
    format!("{id}-{cut}.md")
}

/// The name of a case file: `doe-v-noem-1-25-cv-00100.md`. A case has no
/// id, and its appeals often share its name: the docket number tells
/// their files apart.
pub fn case_file_name(name: &str, docket: &str) -> String {
    let words = crate::slug::slugify;
    let stem = match docket.trim() {
        "" => words(name),
        d => format!("{}-{}", words(name), words(d)),
    };
    // `con.md` cannot be copied to Windows.
    if crate::slug::is_device_name(&stem) {
        format!("{stem}-case.md")
    } else {
        format!("{stem}.md")
    }
}

/// The name of a case file whose [`case_file_name`] another case has (the
/// same name and docket number in another court): with its court too.
pub fn case_file_name_in_court(name: &str, court: &str, docket: &str) -> String {
    case_file_name(&format!("{name} {court}"), docket)
}

/// A TOML basic string on one line: quotes and backslashes escaped, and
/// every control character too (`\n`, `\u001B`). The toml crate writes a
/// text with a line break as a multi-line string, whose lines could close
/// the front matter (a line `+++`) or, in a comment, end the comment.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_as_check_does_without_parsing() {
        let id = |text: &str| meta::id_written(text).map(|i| i.to_string());
        assert_eq!(
            id("+++\ntitle = \"x\"\nid = 12\n+++\n").as_deref(),
            Some("12")
        );
        assert_eq!(
            id("\u{feff}+++\r\nid=7 # seven\r\n+++\r\n").as_deref(),
            Some("7")
        );
        assert_eq!(id("+++\nid = \"31\"\n").as_deref(), Some("31"));
        assert_eq!(id("+++\n[[documents]]\nid = 5\n+++\n"), None);
        assert_eq!(id("no front matter\nid = 5\n"), None);
        assert_eq!(id("+++\nidentifiers = 5\n+++\n"), None);
        assert_eq!(id("+++\nid = 99999999999999\n+++\n"), None);
    }

    #[test]
    fn file_names_are_short_slugs() {
        assert_eq!(
            file_name(1492, "EO 14159: Protecting"),
            "1492-eo-14159-protecting.md"
        );
        let long = file_name(
            1,
            "Interim Guidance on Civil Immigration Enforcement Actions Involving Current or Potential Beneficiaries",
        );
        assert!(long.len() <= 70, "{long}");
        assert!(long.starts_with("1-interim-guidance-on-civil"), "{long}");
    }

    #[test]
    fn titles_are_escaped() {
        for title in [
            "a \"b\" \\ c 'd'",
            "a\n+++\nb",
            "tab\tcr\r\u{1b}[31m\u{7f}\u{85}",
            "'''\"\"\"",
        ] {
            let line = format!("title = {}", toml_string(title));
            assert_eq!(line.lines().count(), 1, "{line}");
            let table: toml::Table = toml::from_str(&line).expect("valid TOML");
            assert_eq!(table["title"].as_str(), Some(title));
        }
    }

    #[test]
    fn a_file_is_never_written_over() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("content/policies/1-a.md");
        write_new(&path, "first").expect("a new file");
        let why = write_new(&path, "second").unwrap_err();
        assert!(why.contains("already exists"), "{why}");
        assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some("first"));
    }
}
