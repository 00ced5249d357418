//! Lists the files of a site's `content/` folder.
//!
//! Links are never followed ([`crate::sitefs`]): a symbolic link could lead
//! outside the site, and nothing outside the site folder may be read into
//! its output. Nothing in `content/` is passed over without a word either: a
//! misspelt kind folder is an error, and a file docket does not read (an
//! entry written `.MD` or `.markdown`, a hidden `.md`, a stray file in a
//! kind folder) is a warning saying why.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::case::CASES_DIR;
use super::{DocPath, Kind};
use crate::diag::{nearest, Code, Diagnostic, Diagnostics, Severity};
use crate::sitefs::{self, Hidden};
use crate::source::display_name;

pub use crate::sitefs::CONTENT_DIR;
pub const DOCUMENTS_DIR: &str = "documents";

/// Extensions of Markdown files that are not entries as written: entries
/// end in `.md`, in lower case. Compared in lower case.
const MARKDOWN_LIKE: &[&str] = &["md", "markdown", "mdown", "mkdn", "mkd", "mdwn", "mdtxt"];

/// What `content/` holds.
#[derive(Debug, Default)]
pub struct Listing {
    /// Entry files with their kind, sorted by kind then path.
    pub entries: Vec<(Kind, PathBuf)>,
    /// Case files, sorted by path.
    pub cases: Vec<PathBuf>,
    /// Regular files under `content/documents/`, relative to it.
    pub documents: BTreeSet<DocPath>,
}

pub fn walk(root: &Path, diags: &mut Diagnostics) -> Listing {
    let mut ds = Vec::new();
    let listing = list(root, &mut ds);
    diags.extend(ds);
    listing
}

fn list(root: &Path, ds: &mut Vec<Diagnostic>) -> Listing {
    let content = root.join(CONTENT_DIR);
    let mut listing = Listing::default();
    if let Some(link) = sitefs::linked_part(root, &content) {
        ds.push(sitefs::link_error(root, &link));
        return listing;
    }
    let children = match children(&content) {
        Ok(c) => c,
        Err(d) => {
            ds.push(d);
            return listing;
        }
    };
    // The kind folders are listed side by side (a folder of thousands of
    // entries is most of the walk), and their findings joined in the order
    // of their names.
    let parts: Vec<(Listing, Vec<Diagnostic>)> = children
        .par_iter()
        .map(|(name, path, file_type)| {
            let mut part = Listing::default();
            let mut ds = Vec::new();
            child(root, name, path, *file_type, &mut part, &mut ds);
            (part, ds)
        })
        .collect();
    for (part, found) in parts {
        listing.entries.extend(part.entries);
        listing.cases.extend(part.cases);
        listing.documents.extend(part.documents);
        ds.extend(found);
    }
    // Files are numbered in this order, and spans compare by file: the
    // order of kinds, not of folder names, keeps reports as they were.
    listing.entries.sort();
    listing.cases.sort();
    listing
}

/// What one thing directly in `content/` adds to the listing.
fn child(
    root: &Path,
    name: &str,
    path: &Path,
    file_type: fs::FileType,
    listing: &mut Listing,
    ds: &mut Vec<Diagnostic>,
) {
    let hidden = sitefs::is_hidden(name.as_ref());
    if file_type.is_symlink() {
        // A hidden link is never read: an editor's lock file, most likely.
        if !hidden {
            ds.push(sitefs::link_error(root, path));
        }
    } else if file_type.is_dir() {
        if !hidden {
            folder(root, name, path, listing, ds);
        }
    } else if hidden {
        if markdown_like(path) {
            ds.push(hidden_file(root, path));
        }
    } else {
        ds.push(loose_file(root, path));
    }
}

/// The names, paths and types of what `content/` holds, sorted by name; a
/// missing `content/` is an error, since a site without it would be built
/// empty over the one published before.
fn children(content: &Path) -> Result<Vec<(String, PathBuf, fs::FileType)>, Diagnostic> {
    let io_error = |e: std::io::Error| {
        Diagnostic::new(
            Severity::Error,
            Code::Io,
            None,
            format!("cannot list {CONTENT_DIR}/: {e}"),
        )
    };
    match fs::symlink_metadata(content) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(no_content("is a file, not a folder")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(no_content("does not exist"))
        }
        Err(e) => return Err(io_error(e)),
    }
    let entries = fs::read_dir(content).map_err(io_error)?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io_error)?;
        let file_type = entry.file_type().map_err(|e| {
            Diagnostic::new(
                Severity::Error,
                Code::Io,
                None,
                format!("cannot read {}: {e}", entry.path().display()),
            )
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        out.push((name, entry.path(), file_type));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn no_content(why: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        Code::NoContent,
        None,
        format!("the site's {CONTENT_DIR}/ folder {why}"),
    )
    .help("entries go in content/policies/, content/court-actions/ and content/commentary/; run docket in the site folder (the one with docket.toml and content/), or name it with --root")
}

/// A folder directly in `content/`: a kind, the documents, or a mistake.
fn folder(root: &Path, name: &str, path: &Path, listing: &mut Listing, ds: &mut Vec<Diagnostic>) {
    let kind = Kind::ALL.into_iter().find(|k| k.dir() == name);
    if kind.is_some() || name == CASES_DIR {
        let found = sitefs::files(root, path, Hidden::Skip, ds);
        for file in found.files {
            if file.extension().is_some_and(|e| e == "md") {
                match kind {
                    Some(kind) => listing.entries.push((kind, file)),
                    None => listing.cases.push(file),
                }
            } else {
                ds.push(not_an_entry(root, name, &file));
            }
        }
        ds.extend(
            found
                .hidden
                .iter()
                .filter(|f| markdown_like(f))
                .map(|f| hidden_file(root, f)),
        );
    } else if name == DOCUMENTS_DIR {
        let found = sitefs::files(root, path, Hidden::Skip, ds);
        for file in found.files {
            if let Ok(rel) = file.strip_prefix(path) {
                listing
                    .documents
                    .insert(DocPath(display_name(Path::new(""), rel)));
            }
        }
    } else {
        ds.push(unknown_folder(root, name, path));
    }
}

/// The folders `content/` may hold.
fn known_folders() -> impl Iterator<Item = &'static str> {
    Kind::ALL
        .into_iter()
        .map(Kind::dir)
        .chain([CASES_DIR, DOCUMENTS_DIR])
}

fn folder_list() -> String {
    known_folders()
        .map(|f| format!("{f}/"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A folder docket does not read. Close to a kind folder's name it is a
/// typo that would leave every entry in it unpublished: an error. Otherwise
/// it is the site's own business, and a warning says it is not read.
fn unknown_folder(root: &Path, name: &str, path: &Path) -> Diagnostic {
    let shown = display_name(root, path);
    match nearest(name, known_folders()) {
        Some(near) => Diagnostic::new(
            Severity::Error,
            Code::UnknownFolder,
            None,
            format!("{shown}/ is not a folder docket reads: did you mean {near}?"),
        )
        .help(format!(
            "rename it to content/{near}/; content/ holds {}",
            folder_list()
        )),
        None => Diagnostic::new(
            Severity::Warning,
            Code::SkippedFile,
            None,
            format!("{shown}/ is not read: it is not a folder docket reads"),
        )
        .help(format!(
            "content/ holds {}; move what should be published into one of them, and anything else out of content/",
            folder_list()
        )),
    }
}

/// Whether a file looks like Markdown (`.md`, `.MD`, `.markdown`, …).
fn markdown_like(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| MARKDOWN_LIKE.contains(&e.as_str()))
}

fn skipped(root: &Path, path: &Path, why: &str, help: String) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        Code::SkippedFile,
        None,
        format!("{} is not read: {why}", display_name(root, path)),
    )
    .help(help)
}

/// A file in a kind folder (or the cases folder) that does not end in `.md`.
fn not_an_entry(root: &Path, dir: &str, path: &Path) -> Diagnostic {
    if markdown_like(path) {
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        return skipped(
            root,
            path,
            "entry files end in `.md`, in lower case",
            format!("rename it to {stem}.md"),
        );
    }
    skipped(
        root,
        path,
        &format!("content/{dir}/ holds entries, which are `.md` files"),
        "a source document goes in content/documents/, named in an entry's [[documents]]; anything else belongs outside content/".to_string(),
    )
}

/// A hidden Markdown file, which docket never reads.
fn hidden_file(root: &Path, path: &Path) -> Diagnostic {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    skipped(
        root,
        path,
        "its name starts with `.`, which hides it",
        format!(
            "rename it to {} to publish it; to keep an entry unpublished, write draft = true in it instead",
            name.trim_start_matches('.')
        ),
    )
}

/// A file directly in `content/`, outside every kind folder.
fn loose_file(root: &Path, path: &Path) -> Diagnostic {
    let why = "it is directly in content/, not in a folder of it";
    if markdown_like(path) {
        return skipped(
            root,
            path,
            why,
            "an entry goes in the folder of its kind: content/policies/, content/court-actions/ or content/commentary/".into(),
        );
    }
    skipped(
        root,
        path,
        why,
        format!(
            "content/ holds {}; move the file into one of them or out of content/",
            folder_list()
        ),
    )
}
