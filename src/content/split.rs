//! Separates an entry's `+++` front matter from its Markdown body.
//!
//! Offsets are kept, not text copies: the front matter's offset turns the
//! positions `toml` reports into positions in the file, and the body's offset
//! does the same for links in the Markdown.

use std::ops::Range;

/// The two parts of an entry, as byte ranges of the file's text.
#[derive(Debug, PartialEq, Eq)]
pub struct Parts {
    pub front: Range<usize>,
    pub body: Range<usize>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file has nothing but white space.
    Empty,
    /// The first line is not `+++`; the range is that first line.
    NoOpening(Range<usize>),
    /// `+++` opens the front matter but no line closes it; the range is the opening line.
    NoClosing(Range<usize>),
}

const FENCE: &str = "+++";

/// Splits `text` (BOM already removed). The opening fence must be the first
/// line; the closing fence is the next line that is `+++` alone (trailing
/// white space allowed). Both LF and CRLF endings are accepted.
pub fn split(text: &str) -> Result<Parts, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let mut lines = Lines { text, pos: 0 };
    let first = lines.next().unwrap_or(0..0);
    if text[first.clone()].trim_end() != FENCE {
        return Err(SplitError::NoOpening(first));
    }
    let front_start = lines.pos;
    while let Some(line) = lines.next() {
        if text[line.clone()].trim_end() == FENCE {
            return Ok(Parts {
                front: front_start..line.start,
                body: lines.pos..text.len(),
            });
        }
    }
    Err(SplitError::NoClosing(first))
}

/// Lines as ranges without their line ending; `pos` is the start of the next line.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let (len, next) = match rest.find('\n') {
            Some(i) => (i, i + 1),
            None => (rest.len(), rest.len()),
        };
        let line_text = rest[..len].strip_suffix('\r').unwrap_or(&rest[..len]);
        let range = self.pos..self.pos + line_text.len();
        self.pos += next;
        Some(range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (String, String) {
        let p = split(text).unwrap();
        (text[p.front].to_string(), text[p.body].to_string())
    }

    #[test]
    fn splits_lf_and_crlf() {
        assert_eq!(
            parts("+++\nid = 1\n+++\nBody\n"),
            ("id = 1\n".into(), "Body\n".into())
        );
        assert_eq!(
            parts("+++\r\nid = 1\r\n+++\r\nBody\r\n"),
            ("id = 1\r\n".into(), "Body\r\n".into())
        );
        assert_eq!(parts("+++  \nid = 1\n+++"), ("id = 1\n".into(), "".into()));
        assert_eq!(parts("+++\n+++\n"), ("".into(), "".into()));
    }

    #[test]
    fn a_fence_inside_a_line_does_not_close() {
        assert_eq!(
            parts("+++\ntitle = \"a +++ b\"\n+++\nx"),
            ("title = \"a +++ b\"\n".into(), "x".into())
        );
    }

    #[test]
    fn reports_what_is_wrong() {
        assert_eq!(split(" \n\n"), Err(SplitError::Empty));
        assert_eq!(split("# Title\n"), Err(SplitError::NoOpening(0..7)));
        assert_eq!(
            split("---\nid = 1\n---\n"),
            Err(SplitError::NoOpening(0..3))
        );
        assert_eq!(split("+++\nid = 1\n"), Err(SplitError::NoClosing(0..3)));
    }
}
