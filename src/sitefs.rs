//! The site's own files, listed and read without following symbolic links.
//!
//! A link can lead anywhere on the machine (`content/documents -> /etc`), and
//! what docket reads may be published. So docket has one rule wherever it
//! reads: a symbolic link is refused with an error naming it (`E-symlink`),
//! and nothing is read through it, whether it leads outside the site or not.
//! Following links that stay inside would need each target resolved and
//! compared, and a link changed between that check and the read would slip
//! through; refusing them all is simpler to trust.
//!
//! walkdir follows the folder it is *given* when that folder is itself a
//! link, even with `follow_links(false)`, so every folder is checked part by
//! part from the site folder down before it is walked ([`linked_part`]).
//! Hidden files and folders (a name starting with `.`) are a separate case:
//! where they are skipped they are never looked at, so that an editor's lock
//! file (Emacs writes `.#name.md` as a dangling link) is no error.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Code, Diagnostic, Severity};
use crate::source::display_name;
use crate::source::{FileId, Span};

/// The folder of a site's entries and documents.
pub const CONTENT_DIR: &str = "content";
/// The folder of a site's themes.
pub const THEMES_DIR: &str = "themes";
/// The site's own templates and static files, over its theme's.
pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";
/// The folders of the site folder that docket reads everything in: a build
/// never writes into them, and the live preview watches them.
pub const SOURCE_DIRS: [&str; 4] = [CONTENT_DIR, THEMES_DIR, TEMPLATES_DIR, STATIC_DIR];

/// The error for a symbolic link found where docket reads.
pub fn link_error(root: &Path, link: &Path) -> Diagnostic {
    let target = fs::read_link(link)
        .map(|t| format!(" (to {})", t.display()))
        .unwrap_or_default();
    Diagnostic::new(
        Severity::Error,
        Code::Symlink,
        None,
        format!(
            "{} is a symbolic link{target}; docket reads nothing through links",
            display_name(root, link)
        ),
    )
    .help("copy what it links to into the site instead, or remove the link: a link may lead outside the site, and nothing outside the site may reach its output")
}

/// The first part of `path`, from just below `root` down to `path` itself,
/// that is a symbolic link. `root`, the site folder, may be a link: it is
/// where the user asked docket to work.
pub fn linked_part(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let mut at = root.to_path_buf();
    for part in rel.components() {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Some(at),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// Whether a file or folder name is hidden (starts with `.`).
pub fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// What to do with hidden files and folders below the folder walked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// Pass them over: hidden folders are not entered, and hidden files
    /// come back apart, in [`Files::hidden`], for a caller that warns.
    Skip,
    /// Treat them as any other (a theme may publish `.well-known/`).
    Include,
}

/// The regular files below a folder, each with its full path.
#[derive(Debug, Default)]
pub struct Files {
    /// Sorted by path.
    pub files: Vec<PathBuf>,
    /// Hidden regular files passed over ([`Hidden::Skip`]), sorted by path.
    pub hidden: Vec<PathBuf>,
}

/// The regular files below `dir` (a folder inside `root`), sorted. A link
/// on the way to `dir`, or anywhere below it, is reported in `errors` and
/// not followed. A `dir` that does not exist holds no files.
pub fn files(root: &Path, dir: &Path, hidden: Hidden, errors: &mut Vec<Diagnostic>) -> Files {
    let mut out = Files::default();
    if let Some(link) = linked_part(root, dir) {
        errors.push(link_error(root, &link));
        return out;
    }
    if !fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return out;
    }
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            hidden == Hidden::Include
                || e.depth() == 0
                || !is_hidden(e.file_name())
                || e.file_type().is_file()
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if hidden == Hidden::Skip && e.depth() > 0 && is_hidden(e.file_name()) {
                    out.hidden.push(e.into_path());
                } else {
                    out.files.push(e.into_path());
                }
            }
            Ok(e) if e.path_is_symlink() => errors.push(link_error(root, e.path())),
            Ok(_) => {}
            Err(e) => errors.push(Diagnostic::new(
                Severity::Error,
                Code::Io,
                None,
                format!(
                    "cannot list {}: {e}",
                    display_name(root, e.path().unwrap_or(dir))
                ),
            )),
        }
    }
    out
}

/// Reads a file, refusing to open it if it is a symbolic link. The file was
/// listed as a regular file; this closes the gap in which it could have
/// been replaced by a link since.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = open(path)?;
    let size = file.metadata().map_or(0, |m| m.len() as usize);
    let mut bytes = Vec::with_capacity(size);
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens a file to read, refusing it if it is a symbolic link (the
/// listing saw a regular file there: this closes the gap in which it could
/// have been replaced by one since).
pub fn open(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// [`read`], as UTF-8 text.
pub fn read_to_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read(path)?).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Reads `path`, a file of the site: `Ok(None)` if there is no such file,
/// an `E-symlink` diagnostic if it or a folder on its way is a link.
pub fn read_site_file(root: &Path, path: &Path) -> Result<Option<String>, Diagnostic> {
    if let Some(link) = linked_part(root, path) {
        return Err(link_error(root, &link));
    }
    match read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Diagnostic::new(
            Severity::Error,
            Code::Io,
            None,
            format!("cannot read {}: {e}", display_name(root, path)),
        )),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_found_on_the_way_and_below() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), "x").unwrap();
        fs::create_dir_all(root.join("a/real")).unwrap();
        fs::write(root.join("a/real/f"), "f").unwrap();
        fs::write(root.join("a/real/.h"), "h").unwrap();
        symlink(outside.path(), root.join("a/link")).unwrap();
        symlink(outside.path().join("secret"), root.join("a/real/g")).unwrap();

        assert_eq!(
            linked_part(root, &root.join("a/link/x")),
            Some(root.join("a/link"))
        );
        assert_eq!(linked_part(root, &root.join("a/real/f")), None);

        let mut errors = Vec::new();
        let found = files(root, &root.join("a/link"), Hidden::Skip, &mut errors);
        assert!(found.files.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.starts_with("a/link is a symbolic link"));

        let mut errors = Vec::new();
        let found = files(root, &root.join("a"), Hidden::Skip, &mut errors);
        assert_eq!(found.files, vec![root.join("a/real/f")]);
        assert_eq!(found.hidden, vec![root.join("a/real/.h")]);
        let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("a/link is"), "{messages:?}");
        assert!(messages[1].starts_with("a/real/g is"), "{messages:?}");

        assert!(read(&root.join("a/real/g")).is_err());
        assert_eq!(read(&root.join("a/real/f")).unwrap(), b"f");
    }
}

/// Replaces each stray control character of a file (a NUL, an escape
/// character pasted from a terminal) with U+FFFD, with a warning at the
/// first: they are invisible in most editors and forbidden in HTML, and
/// every later stage (pages, exports, search, the excerpts of diagnostics)
/// sees the text as replaced. One character for one keeps every line and
/// column where the editor shows it.
pub fn replace_controls(text: String, file: FileId, ds: &mut Vec<Diagnostic>) -> String {
    if !crate::escape::has_stray_control(&text) {
        return text;
    }
    let mut found = text
        .char_indices()
        .filter(|(_, c)| crate::escape::is_stray_control(*c));
    let Some((at, first)) = found.next() else {
        return text;
    };
    let count = 1 + found.count();
    // Spans are offsets into the text without its byte order mark, which
    // `SourceFile::new` drops.
    let at = at - if text.starts_with('\u{feff}') { 3 } else { 0 };
    let message = if count == 1 {
        format!(
            "this file holds a control character, U+{:04X}",
            first as u32
        )
    } else {
        format!(
            "this file holds {count} control characters; the first is U+{:04X}",
            first as u32
        )
    };
    ds.push(
        Diagnostic::warning(
            crate::diag::Code::ControlCharacter,
            Span::new(file, at..at + '\u{fffd}'.len_utf8()),
            message,
        )
        .label("an invisible control character, shown as \u{fffd}")
        .help("remove it (`cat -v` shows where they are): pages show each as \u{fffd}"),
    );
    crate::escape::replace_controls(&text).into_owned()
}
