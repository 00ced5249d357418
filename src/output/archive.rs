//! The offline copy: the whole built site as one zip file, so readers can
//! take the database with them and browse it from disk (every link in the
//! site is relative, so it works unzipped anywhere).
//!
//! The zip is reproducible: entries in sorted order, every timestamp the
//! date of the data it is given, fixed permissions, and no
//! extra fields; the same site gives the same bytes.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use walkdir::WalkDir;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{Staging, MARKER};
use crate::error::Error;

/// Zips everything staged so far (except docket's marker file) into the
/// site path `rel`, every file under a folder `folder/`, and returns the
/// size of the zip.
pub fn write(staging: &Staging, rel: &str, folder: &str, date: NaiveDate) -> Result<u64, Error> {
    // What earlier builds left in a reused staging folder is no part of it.
    staging.prune()?;
    let dir = &staging.dir;
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for e in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let e = e.map_err(|e| Error::Output(format!("cannot read the staged site: {e}")))?;
        if !e.file_type().is_file() {
            continue;
        }
        let Ok(r) = e.path().strip_prefix(dir) else {
            continue;
        };
        let r = crate::source::display_name(Path::new(""), r);
        if r == MARKER || r == rel {
            continue;
        }
        files.push((r, e.path().to_path_buf()));
    }
    // walkdir sorts each folder's entries; sort the whole list too, so the
    // order is by path string whatever the platform compares.
    files.sort();
    let stamp = DateTime::from_date_and_time(
        u16::try_from(date.year()).unwrap_or(1980),
        date.month() as u8,
        date.day() as u8,
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let zip_err = |e: zip::result::ZipError| Error::Output(format!("cannot write {rel}: {e}"));
    // Written aside, then put in place like any file: kept if the zip of
    // the previous build has the same bytes.
    let (scratch, file) = staging.scratch()?;
    let mut zip = ZipWriter::new(BufWriter::new(file));
    for (r, path) in &files {
        let mut from = fs::File::open(path).map_err(|e| Error::io(path, e))?;
        zip.start_file(format!("{folder}/{r}"), options)
            .map_err(zip_err)?;
        io::copy(&mut from, &mut zip).map_err(|e| Error::io(path, e))?;
    }
    let mut out = zip.finish().map_err(zip_err)?;
    out.flush().map_err(|e| Error::io(&scratch, e))?;
    drop(out);
    staging.settle(&scratch, rel)?;
    let target = staging.path(rel)?;
    fs::metadata(&target)
        .map(|m| m.len())
        .map_err(|e| Error::io(&target, e))
}

impl Staging {
    /// The size of a file written so far.
    pub fn len(&self, rel: &str) -> Result<u64, Error> {
        let path = self.path(rel)?;
        fs::metadata(&path)
            .map(|m| m.len())
            .map_err(|e| Error::io(&path, e))
    }
}
