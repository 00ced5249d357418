//! TOML errors in words a contributor understands, in front matter and in
//! `docket.toml` alike.
//!
//! `toml` describes what its parser expected ("invalid float, expected
//! `inf`" for `agencies = [ICE]`), and serde speaks of sequences and maps.
//! Most contributors are not programmers: the common mistakes (a value
//! without quotes, a key set twice, a date written the American way, a
//! string left open, text where a list belongs) are recognised here from
//! the message and the text it points at, and explained with the fix.

use std::ops::Range;

use crate::diag::Code;

/// One syntax error, explained. Ranges are offsets into the front matter.
#[derive(Debug, PartialEq, Eq)]
pub struct Explained {
    pub code: Code,
    pub message: String,
    pub label: String,
    pub help: String,
    /// A second place the error concerns, and what it is: where a key set
    /// twice was set first, where a text never closed starts.
    pub note: Option<(Range<usize>, &'static str)>,
}

const GENERIC_HELP: &str =
    "text needs double quotes (title = \"…\"), dates none (announced = 2025-01-31), lists square brackets (agencies = [\"ICE\"])";

/// Explains the syntax error `message` that `toml` reports at `span` of `front`.
pub fn explain(front: &str, span: Range<usize>, message: &str) -> Explained {
    let message = message.trim();
    let (what, expected) = message.split_once(", expected").unwrap_or((message, ""));
    let snippet = front.get(span.clone()).unwrap_or("").trim();
    let explained = |code, message: String, label: &str, help: String| Explained {
        code,
        message,
        label: label.to_string(),
        help,
        note: None,
    };
    if what.starts_with("invalid date") || what.starts_with("invalid time") {
        let detail = expected.trim();
        let message = if detail.is_empty() {
            format!("{} is not a valid date", quoted(snippet))
        } else {
            format!("{} is not a valid date: expected {detail}", quoted(snippet))
        };
        return explained(
            Code::InvalidDate,
            message,
            "this date",
            "write a real calendar date, year-month-day, like 2025-01-31".into(),
        );
    }
    if what == "duplicate key" {
        let mut e = explained(
            Code::TomlSyntax,
            format!("{} is set twice", quoted(snippet)),
            "set again here",
            format!(
                "keep one `{snippet}` line; several values go in one list, like subjects = [\"Border\", \"Detention\"]"
            ),
        );
        e.note = first_assignment(front, span.start, snippet).map(|r| (r, "first set here"));
        return e;
    }
    let bare = !snippet.is_empty()
        && snippet
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
        && !snippet.contains(['"', '\'', '=', '[', ']', '{', '}']);
    let unquoted = what == "string values must be quoted"
        || ((what == "invalid float" || what == "invalid value") && bare);
    if unquoted {
        if looks_like_slashed_date(snippet) {
            return explained(
                Code::InvalidDate,
                format!("{} is not a date docket can read", quoted(snippet)),
                "this date",
                "write dates year-month-day, without quotes, like 2025-01-31".into(),
            );
        }
        if snippet
            .split_whitespace()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()))
            && snippet.split_whitespace().count() > 1
        {
            return explained(
                Code::TomlSyntax,
                "the values of a list need commas between them".into(),
                "no comma here",
                format!(
                    "write it like [{}]",
                    snippet.split_whitespace().collect::<Vec<_>>().join(", ")
                ),
            );
        }
        if let Some(b) = yes_no(snippet) {
            return explained(
                Code::TomlSyntax,
                format!("{} is not a value TOML knows", quoted(snippet)),
                "not true or false",
                format!("write {b} (without quotes)"),
            );
        }
        return explained(
            Code::TomlSyntax,
            "text must be written in double quotes".into(),
            "no quotes around this",
            format!("write \"{}\"", snippet.replace('"', "\\\"")),
        );
    }
    let (message, label, help) = match what {
        "invalid basic string" | "invalid literal string" => (
            "this text is never closed".to_string(),
            "the closing quote is missing",
            "end the text with a double quote on the same line; text over several lines goes between \"\"\" and \"\"\"".to_string(),
        ),
        "invalid multi-line basic string" | "invalid multi-line literal string" => {
            // toml points at the end of the front matter, where it gave up:
            // the contributor needs to see where the text began.
            let quotes = if what.contains("literal") { "'''" } else { "\"\"\"" };
            let mut e = explained(
                Code::TomlSyntax,
                "this text is never closed".to_string(),
                "the closing quotes are missing",
                format!("text that starts with {quotes} ends with {quotes}"),
            );
            e.note = front
                .get(..span.start)
                .and_then(|head| head.rfind(quotes))
                .map(|at| (at..at + 3, "the text starts here"));
            return e;
        }
        "unclosed array" | "missing comma between array elements" => (
            "this list is not closed, or a comma is missing between its values".to_string(),
            "here",
            "a list is written like subjects = [\"Border\", \"Detention\"], on one line or several".to_string(),
        ),
        "unclosed inline table" => (
            "this table is never closed".to_string(),
            "here",
            "an inline table is written on one line, like identifiers = { \"RIN\" = \"1615-AC91\" }".to_string(),
        ),
        "key with no value" | "missing assignment between key-value pairs" | "missing value for key" | "missing value" => (
            "a key needs `=` and a value".to_string(),
            "here",
            "write it like title = \"…\"".to_string(),
        ),
        "unexpected key or value" | "unexpected content" => (
            "unexpected text after the value".to_string(),
            "here",
            "one key = value a line; several values go in one list, like [\"a\", \"b\"]".to_string(),
        ),
        "extra comma in array" => (
            "two commas in a row in this list".to_string(),
            "here",
            "remove one of the commas".to_string(),
        ),
        // TOML stops reading lists or tables nested deeper than it can
        // follow: no entry needs more than two levels.
        w if w.starts_with("cannot recurse further") => (
            "lists or tables nested too deeply to be read".to_string(),
            "nested too deeply here",
            "a value of an entry is a list of texts or numbers, or a table of them, like agencies = [\"ICE\"] or [[documents]]".to_string(),
        ),
        _ => (
            format!("front matter is not valid TOML: {message}"),
            "here",
            GENERIC_HELP.to_string(),
        ),
    };
    explained(Code::TomlSyntax, message, label, help)
}

/// Rewords serde's "invalid type: string \"a\", expected a sequence" as
/// "expected a list, found the text \"a\"". `None` for other messages.
pub fn value_error(message: &str) -> Option<String> {
    let rest = message.trim().strip_prefix("invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let expected = match expected.trim() {
        "a sequence" => "a list in square brackets".to_string(),
        "a boolean" => "true or false".to_string(),
        "a string" => "text in double quotes".to_string(),
        "a map" => "a table".to_string(),
        // serde names integer types by their Rust names.
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => {
            "a whole number".to_string()
        }
        e if e.starts_with("struct ") => "a table".to_string(),
        e => e.to_string(),
    };
    let found = if let Some(s) = found.strip_prefix("string ") {
        format!("the text {s}")
    } else if let Some(n) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        // serde writes `123` or, past 64 bits, `123` as i128.
        let n = n
            .strip_prefix('`')
            .and_then(|n| n.split('`').next())
            .unwrap_or(n);
        format!("the number {n}")
    } else if let Some(b) = found.strip_prefix("boolean ") {
        b.trim_matches('`').to_string()
    } else {
        match found {
            "map" => "a table".to_string(),
            "sequence" => "a list".to_string(),
            other => other.to_string(),
        }
    };
    Some(format!("expected {expected}, found {found}"))
}

fn quoted(s: &str) -> String {
    format!("`{s}`")
}

/// `01/31/2025`, `31.01.2025`: a date written the way people write it by hand.
fn looks_like_slashed_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['/', '.']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

fn yes_no(s: &str) -> Option<&'static str> {
    match s.to_ascii_lowercase().as_str() {
        "yes" | "true" | "on" => Some("true"),
        "no" | "false" | "off" => Some("false"),
        _ => None,
    }
}

/// Where `key` was first set, searching back from `before` within the same table.
fn first_assignment(front: &str, before: usize, key: &str) -> Option<Range<usize>> {
    let head = front.get(..before)?;
    let mut found = None;
    let mut pos = 0;
    for line in head.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            found = None; // a new table: earlier keys belong to another one
        } else if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                let start = pos + (line.len() - trimmed.len());
                found = Some(start..start + key.len());
            }
        }
        pos += line.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(front: &str, needle: &str, message: &str) -> Explained {
        let start = front.find(needle).expect("needle");
        explain(front, start..start + needle.len(), message)
    }

    #[test]
    fn bare_words_need_quotes() {
        let e = at("agencies = [ICE]\n", "ICE", "invalid float, expected `inf`");
        assert_eq!(e.message, "text must be written in double quotes");
        assert_eq!(e.help, "write \"ICE\"");
        let e = at(
            "action = Rule\n",
            "Rule",
            "string values must be quoted, expected literal string",
        );
        assert_eq!(e.help, "write \"Rule\"");
    }

    #[test]
    fn dates_and_booleans_written_by_hand() {
        let e = at(
            "announced = 01/02/2025\n",
            "01/02/2025",
            "string values must be quoted",
        );
        assert_eq!(e.code, Code::InvalidDate);
        let e = at("draft = yes\n", "yes", "string values must be quoted");
        assert_eq!(e.help, "write true (without quotes)");
        let e = at(
            "announced = 2025-02-30\n",
            "2025-02-30",
            "invalid date, expected day between 01 and 28",
        );
        assert_eq!(
            e.message,
            "`2025-02-30` is not a valid date: expected day between 01 and 28"
        );
    }

    #[test]
    fn a_key_set_twice_points_at_both() {
        let front = "title = \"a\"\nid = 1\ntitle = \"b\"\n";
        let e = explain(front, 19..24, "duplicate key");
        assert_eq!(e.message, "`title` is set twice");
        assert_eq!(e.note, Some((0..5, "first set here")));
        let front = "title = \"a\"\n[[documents]]\ntitle = \"x\"\ntitle = \"y\"\n";
        let second = front.rfind("title").unwrap_or(0);
        let e = explain(front, second..second + 5, "duplicate key");
        assert_eq!(e.note, Some((26..31, "first set here")));
    }

    #[test]
    fn a_text_never_closed_points_at_its_start() {
        let front = "id = 2\ntitle = \"\"\"Directive\nannounced = 2025-01-20\n";
        let e = explain(
            front,
            front.len()..front.len(),
            "invalid multi-line basic string",
        );
        assert_eq!(e.message, "this text is never closed");
        assert_eq!(e.note, Some((15..18, "the text starts here")));
        let front = "title = '''Directive\n";
        let e = explain(
            front,
            front.len()..front.len(),
            "invalid multi-line literal string, expected `'`",
        );
        assert_eq!(e.help, "text that starts with ''' ends with '''");
        assert_eq!(e.note, Some((8..11, "the text starts here")));
    }

    #[test]
    fn values_nested_too_deeply() {
        let front = format!("subjects = {}\n", "[".repeat(200));
        let e = explain(
            &front,
            150..151,
            "cannot recurse further; max recursion depth met",
        );
        assert_eq!(e.message, "lists or tables nested too deeply to be read");
        assert_eq!(e.code, Code::TomlSyntax);
    }

    #[test]
    fn numbers_without_commas() {
        let e = at(
            "supersedes = [1 2]\n",
            "1 2",
            "string values must be quoted",
        );
        assert_eq!(e.help, "write it like [1, 2]");
    }

    #[test]
    fn type_errors_in_plain_words() {
        assert_eq!(
            value_error("invalid type: string \"Border\", expected a sequence").as_deref(),
            Some("expected a list in square brackets, found the text \"Border\"")
        );
        assert_eq!(
            value_error("invalid type: integer `1615`, expected a string").as_deref(),
            Some("expected text in double quotes, found the number 1615")
        );
        assert_eq!(
            value_error("invalid type: map, expected a sequence").as_deref(),
            Some("expected a list in square brackets, found a table")
        );
        assert_eq!(
            value_error("invalid type: floating point `4.5`, expected i64").as_deref(),
            Some("expected a whole number, found the number 4.5")
        );
        assert_eq!(value_error("something else"), None);
    }

    #[test]
    fn spans_outside_the_text_do_not_panic() {
        let e = explain("x", 5..9, "string values must be quoted");
        assert_eq!(e.code, Code::TomlSyntax);
        let e = explain("é", 1..2, "duplicate key");
        assert_eq!(e.code, Code::TomlSyntax);
    }
}
