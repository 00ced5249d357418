//! Source files as docket read them: the text a diagnostic points into.
//!
//! Every file that can be the subject of a diagnostic (each content entry and
//! `docket.toml`) is kept here once, with its path relative to the site root.
//! Byte offsets into [`SourceFile::text`] are the currency of every span in
//! docket; line and column are only computed when a diagnostic is shown.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The name of the site's configuration file, as it is named among the
/// sources: diagnostics list its problems first.
pub const CONFIG_FILE: &str = "docket.toml";

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range inside one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span {
            file,
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A value together with the place in a file it was written.
#[derive(Clone, Debug)]
pub struct At<T> {
    pub value: T,
    pub span: Span,
}

/// One file's text. A UTF-8 byte order mark is dropped on reading; CRLF line
/// endings are kept, so that every offset is an offset into the file as the
/// contributor's editor shows it.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators: what diagnostics print.
    pub name: String,
    /// Absolute or root-joined path, for reading related files.
    pub path: PathBuf,
    pub text: String,
    /// Whether the file began with a byte order mark, dropped from `text`.
    pub bom: bool,
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(name: String, path: PathBuf, mut text: String) -> SourceFile {
        let bom = text.starts_with('\u{feff}');
        if bom {
            text.drain(..'\u{feff}'.len_utf8());
        }
        SourceFile {
            name,
            path,
            text,
            bom,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// Zero-based line index of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte range of a zero-based line, without its line ending.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let starts = self.line_starts();
        let start = *starts.get(line)?;
        let end = starts.get(line + 1).copied().unwrap_or(self.text.len());
        let trimmed = self.text[start..end].trim_end_matches(['\n', '\r']).len();
        Some(start..start + trimmed)
    }

    /// One-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts()[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line + 1, column)
    }
}

/// Every file read in one run, indexed by [`FileId`].
///
/// Cloning is cheap (the files are shared), so that the preview server can
/// keep serving the last good site while it reads changed files into the next.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<std::sync::Arc<SourceFile>>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(std::sync::Arc::new(file));
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The display name of `path` relative to `root`, always with `/`.
pub fn display_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

impl<'a> codespan_reporting::files::Files<'a> for Sources {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.get(id).name)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.get(id).text)
    }

    fn line_index(
        &'a self,
        id: FileId,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.get(id).line_index(byte_index))
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let file = self.get(id);
        let starts = file.line_starts();
        match starts.get(line_index) {
            Some(&start) => Ok(start
                ..starts
                    .get(line_index + 1)
                    .copied()
                    .unwrap_or(file.text.len())),
            None if line_index == starts.len() => Ok(file.text.len()..file.text.len()),
            None => Err(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: starts.len() - 1,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_counts_columns_in_characters() {
        let f = SourceFile::new("a.md".into(), "a.md".into(), "\u{feff}ab\r\né x".into());
        assert_eq!(f.text, "ab\r\né x");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(4), (2, 1));
        assert_eq!(f.line_col(7), (2, 3));
        assert_eq!(f.line_range(0), Some(0..2));
    }
}
