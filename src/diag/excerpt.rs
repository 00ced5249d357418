//! The source lines a diagnostic shows, cut to a readable width.
//!
//! A paragraph of Markdown is often one line of a thousand characters, and a
//! hostile or broken file can hold a line of a megabyte: shown whole, the line
//! buries the caret that says where the problem is. Like rustc, docket shows
//! a window of such a line around what is underlined, with `…` where it cut.
//! Line and column numbers stay those of the file.

use std::collections::HashMap;
use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::source::{FileId, SourceFile, Sources, Span};

/// Lines longer than this many bytes are cut.
const WIDTH: usize = 160;
/// How much of a cut line is kept on either side of what is underlined.
const CONTEXT: usize = 60;
const ELLIPSIS: &str = "…";

/// The files of one diagnostic, as its excerpt shows them.
pub(super) struct Excerpt<'a> {
    sources: &'a Sources,
    /// The files with a long line, cut; the others are shown as they are.
    cut: HashMap<FileId, Cut>,
}

/// One file with its long lines cut: every line is still there, so line
/// numbers are unchanged.
struct Cut {
    text: String,
    /// Per line: where it starts in `text` and what of the file's line it
    /// keeps, with the length of the `…` before it.
    lines: Vec<Line>,
}

struct Line {
    start: usize,
    kept: Range<usize>,
    before: usize,
}

impl<'a> Excerpt<'a> {
    /// The excerpt of the places `spans`.
    pub(super) fn new(sources: &'a Sources, spans: &[Span]) -> Excerpt<'a> {
        let mut cut = HashMap::new();
        for span in spans {
            if cut.contains_key(&span.file) {
                continue;
            }
            let file = sources.get(span.file);
            let at: Vec<usize> = spans
                .iter()
                .filter(|s| s.file == span.file)
                .flat_map(|s| [s.start as usize, s.end as usize])
                .collect();
            let long = at.iter().any(|&o| {
                file.line_range(file.line_index(o))
                    .is_some_and(|r| r.len() > WIDTH)
            });
            if long {
                cut.insert(span.file, Cut::new(file, &at));
            }
        }
        Excerpt { sources, cut }
    }

    /// Where the file's byte `offset` is in the excerpt.
    pub(super) fn offset(&self, file: FileId, offset: usize) -> usize {
        let Some(cut) = self.cut.get(&file) else {
            return offset;
        };
        let f = self.sources.get(file);
        let Some(line) = cut.lines.get(f.line_index(offset)) else {
            return cut.text.len();
        };
        let o = offset.clamp(line.kept.start, line.kept.end);
        line.start + line.before + (o - line.kept.start)
    }

    /// A span of the file as a range of the excerpt.
    pub(super) fn range(&self, span: Span) -> Range<usize> {
        self.offset(span.file, span.start as usize)..self.offset(span.file, span.end as usize)
    }
}

impl Cut {
    fn new(file: &SourceFile, at: &[usize]) -> Cut {
        let text = &file.text;
        let mut out = String::with_capacity(text.len().min(64 * 1024));
        let mut lines = Vec::new();
        let mut line = 0;
        while let Some(range) = file.line_range(line) {
            let end = text[range.end..]
                .find('\n')
                .map_or(text.len(), |n| range.end + n + 1);
            let start = out.len();
            if range.len() <= WIDTH {
                out.push_str(&text[range.start..end]);
                lines.push(Line {
                    start,
                    kept: range.start..end,
                    before: 0,
                });
            } else {
                // Around every place underlined on this line, else its start.
                let here: Vec<usize> = at
                    .iter()
                    .copied()
                    .filter(|o| range.contains(o) || *o == range.end)
                    .collect();
                let (from, to) = match (here.iter().min(), here.iter().max()) {
                    (Some(&lo), Some(&hi)) => (
                        lo.saturating_sub(CONTEXT).max(range.start),
                        (hi + CONTEXT).min(range.end),
                    ),
                    _ => (range.start, range.start + WIDTH),
                };
                let from = floor_char(text, from);
                let to = floor_char(text, to);
                let before = if from > range.start { ELLIPSIS } else { "" };
                out.push_str(before);
                out.push_str(&text[from..to]);
                if to < range.end {
                    out.push_str(ELLIPSIS);
                }
                out.push_str(&text[range.end..end]);
                lines.push(Line {
                    start,
                    kept: from..to,
                    before: before.len(),
                });
            }
            line += 1;
        }
        Cut { text: out, lines }
    }
}

/// The largest char boundary of `text` at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, Error> {
        self.sources.name(id)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, Error> {
        match self.cut.get(&id) {
            Some(cut) => Ok(&cut.text),
            None => self.sources.source(id),
        }
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, Error> {
        match self.cut.get(&id) {
            Some(cut) => Ok(cut
                .lines
                .partition_point(|l| l.start <= byte_index)
                .saturating_sub(1)),
            None => self.sources.line_index(id, byte_index),
        }
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, Error> {
        let Some(cut) = self.cut.get(&id) else {
            return self.sources.line_range(id, line_index);
        };
        let start = |i: usize| cut.lines.get(i).map(|l| l.start);
        match start(line_index) {
            Some(s) => Ok(s..start(line_index + 1).unwrap_or(cut.text.len())),
            None if line_index == cut.lines.len() => Ok(cut.text.len()..cut.text.len()),
            None => Err(Error::LineTooLarge {
                given: line_index,
                max: cut.lines.len().saturating_sub(1),
            }),
        }
    }

    /// The column in the file, not in the excerpt: the header names the
    /// place an editor goes to.
    fn column_number(
        &'a self,
        id: FileId,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let Some(cut) = self.cut.get(&id) else {
            return self.sources.column_number(id, line_index, byte_index);
        };
        let line = cut.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: cut.lines.len().saturating_sub(1),
        })?;
        let file = self.sources.get(id);
        let in_kept = byte_index.saturating_sub(line.start + line.before);
        let offset = floor_char(&file.text, (line.kept.start + in_kept).min(line.kept.end));
        Ok(file.line_col(offset).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn sources(text: &str) -> Sources {
        let mut s = Sources::default();
        s.add(SourceFile::new("a.md".into(), "a.md".into(), text.into()));
        s
    }

    #[test]
    fn a_long_line_is_cut_around_what_is_underlined() {
        let line = format!("{}[x](policy:9){}", "é".repeat(300), "b".repeat(300));
        let text = format!("+++\nid = 1\n+++\n{line}\nend\n");
        let s = sources(&text);
        let start = text.find("[x]").unwrap();
        let span = Span::new(FileId(0), start..start + 14);
        let e = Excerpt::new(&s, &[span]);
        let shown = e.source(FileId(0)).unwrap();
        let r = e.range(span);
        assert_eq!(&shown[r.clone()], "[x](policy:9)b");
        assert!(shown.starts_with("+++\nid = 1\n+++\n…é"), "{shown}");
        assert!(shown.ends_with("b…\nend\n"), "{shown}");
        // Lines and columns are the file's.
        assert_eq!(e.line_index(FileId(0), r.start).unwrap(), 3);
        assert_eq!(e.column_number(FileId(0), 3, r.start).unwrap(), 301);
        assert_eq!(
            e.line_range(FileId(0), 4).unwrap(),
            shown.len() - 4..shown.len()
        );
    }

    #[test]
    fn short_lines_are_shown_as_they_are() {
        let text = "+++\nid = 1\n+++\nBody.\n";
        let s = sources(text);
        let span = Span::new(FileId(0), 4..6);
        let e = Excerpt::new(&s, &[span]);
        assert_eq!(e.source(FileId(0)).unwrap(), text);
        assert_eq!(e.range(span), 4..6);
    }
}
