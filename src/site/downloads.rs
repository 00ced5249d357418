//! What the download page says about the files a reader can take away: the
//! whole-database exports with their sizes and row counts, and the offline
//! copy of the site. These are facts about files; the code that makes them
//! is in [`crate::publish::export`] and [`crate::output::archive`].

use serde::Serialize;

use super::{paths, Model};
use crate::content::Kind;

/// One file of the "Download the data" page.
#[derive(Clone, Debug, Serialize)]
pub struct DataFile {
    /// Site-relative.
    pub url: String,
    pub title: &'static str,
    pub format: &'static str,
    pub description: &'static str,
    pub bytes: u64,
    /// `12.3 kB`
    pub size: String,
    /// Entries (or entries of its kind) in the file; none for the schema.
    pub rows: Option<usize>,
}

/// What the download page says about the archive.
#[derive(Clone, Debug, Serialize)]
pub struct Archive {
    /// Site-relative.
    pub url: String,
    pub bytes: u64,
    pub size: String,
    /// The folder the zip unpacks into.
    pub folder: String,
}

/// What the download page lists: the data files with their sizes, and the
/// offline archive when `--archive` wrote one.
#[derive(Clone, Debug, Default)]
pub struct Downloads {
    pub files: Vec<DataFile>,
    pub archive: Option<Archive>,
}

/// Where the offline copy of a site goes, and the folder it unpacks into:
/// named after the site's title (`download/<name>-offline.zip`).
pub struct ArchiveName {
    pub path: String,
    pub folder: String,
}

impl ArchiveName {
    pub fn of(title: &str) -> ArchiveName {
        let name = match crate::slug::slugify(title) {
            s if s.is_empty() => "site".to_string(),
            s => s,
        };
        ArchiveName {
            path: paths::archive(&name),
            folder: format!("{name}-offline"),
        }
    }

    /// What the download page says of the archive once written, `bytes` long.
    pub fn archive(self, bytes: u64) -> Archive {
        Archive {
            url: self.path,
            bytes,
            size: human_size(bytes),
            folder: self.folder,
        }
    }
}

/// The whole-database files, with the size of each from `size` (its path
/// in), less the empty tables of kinds the site does not record (they are
/// written all the same, so that a program finds every file of the export).
pub fn data_files(model: &Model<'_>, size: &dyn Fn(&str) -> u64) -> Vec<DataFile> {
    let c = &model.site.corpus;
    let has = model.site.recorded();
    let litigation = has.litigation;
    let file = |url: String, title, format, description, rows| {
        let bytes = size(&url);
        DataFile {
            url,
            title,
            format,
            description,
            bytes,
            size: human_size(bytes),
            rows,
        }
    };
    let mut files = vec![file(
        paths::DATA_JSON.into(),
        "The whole database",
        "JSON",
        if litigation {
            "Every entry with every field, the relations in both directions, and the cases."
        } else {
            "Every entry with every field, and the relations in both directions."
        },
        // Its records: the entries, and the cases.
        Some(c.len() + model.site.graph.cases.len()),
    )];
    if has.policies {
        files.push(file(
            paths::csv(Kind::Policy),
            "Policies",
            "CSV",
            "One row per policy.",
            Some(c.policies.len()),
        ));
    }
    if has.court_actions {
        files.push(file(
            paths::csv(Kind::CourtAction),
            "Court actions",
            "CSV",
            "One row per court action.",
            Some(c.court_actions.len()),
        ));
    }
    if has.commentary {
        files.push(file(
            paths::csv(Kind::Commentary),
            "Commentary",
            "CSV",
            "One row per commentary item.",
            Some(c.commentary.len()),
        ));
    }
    if litigation {
        files.push(file(
            paths::CASES_CSV.into(),
            "Cases",
            "CSV",
            match (has.court_actions, has.policies) {
                (true, true) => "One row per case: its court and docket number, its filings and the policies it challenges.",
                (true, false) => "One row per case: its court and docket number, and its filings.",
                (false, true) => "One row per case: its court and docket number, and the policies it challenges.",
                (false, false) => "One row per case: its court and docket number, its status and what it challenges.",
            },
            Some(model.site.graph.cases.len()),
        ));
    }
    files.push(file(
        paths::DATA_SCHEMA.into(),
        "JSON Schema of the database",
        "JSON Schema",
        "Describes every field of docket.json, for validating it or generating code.",
        None,
    ));
    files
}

/// `1234` → `1.2 kB`, in SI units as file managers show them.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(999), "999 bytes");
        assert_eq!(human_size(1234), "1.2 kB");
        assert_eq!(human_size(999_999), "1.0 MB");
        assert_eq!(human_size(25_300_000), "25.3 MB");
    }

    #[test]
    fn the_archive_is_named_after_the_site() {
        let name = ArchiveName::of("Immigration Policy Tracker");
        assert_eq!(name.path, "download/immigration-policy-tracker-offline.zip");
        assert_eq!(name.folder, "immigration-policy-tracker-offline");
    }
}
