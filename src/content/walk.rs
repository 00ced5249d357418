//! Lists the files of a site's `content/` folder.
//!
//! Links are never followed: a symbolic link could lead outside the site, and
//! nothing outside the site folder may be read into its output.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{DocPath, Kind};
use crate::diag::{Code, Diagnostic, Diagnostics, Severity};

pub const CONTENT_DIR: &str = "content";
pub const DOCUMENTS_DIR: &str = "documents";

/// What `content/` holds.
#[derive(Debug, Default)]
pub struct Listing {
    /// Entry files with their kind, sorted by kind then path.
    pub entries: Vec<(Kind, PathBuf)>,
    /// Regular files under `content/documents/`, relative to it.
    pub documents: BTreeSet<DocPath>,
}

pub fn walk(root: &Path, diags: &mut Diagnostics) -> Listing {
    let content = root.join(CONTENT_DIR);
    let mut listing = Listing::default();
    for kind in Kind::ALL {
        for path in files(&content.join(kind.dir()), root, diags) {
            if path.extension().is_some_and(|e| e == "md") {
                listing.entries.push((kind, path));
            }
        }
    }
    let documents = content.join(DOCUMENTS_DIR);
    for path in files(&documents, root, diags) {
        if let Ok(rel) = path.strip_prefix(&documents) {
            listing
                .documents
                .insert(DocPath(crate::source::display_name(Path::new(""), rel)));
        }
    }
    listing
}

/// Regular files below `dir`, sorted, skipping hidden files and folders.
fn files(dir: &Path, root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => out.push(e.into_path()),
            Ok(e) if e.path_is_symlink() => diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    Code::SkippedFile,
                    None,
                    format!(
                        "{} is a symbolic link and was skipped",
                        crate::source::display_name(root, e.path())
                    ),
                )
                .help("docket reads nothing through links, so that nothing outside the site reaches its output; copy the file in instead"),
            ),
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::new(
                Severity::Error,
                Code::Io,
                None,
                format!("cannot list {}: {e}", dir.display()),
            )),
        }
    }
    out
}
