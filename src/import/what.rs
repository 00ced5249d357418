//! What the rows of a sheet are made into: entries of one kind, or case
//! files, which have no id and are known by court and docket.

use crate::content::{self, Key, Kind};

/// What the rows of a sheet are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Entries(Kind),
    Cases,
}

impl What {
    /// Every name `--kind` and a mapping's `kind` take.
    pub const NAMES: [&'static str; 4] = ["policy", "court-action", "commentary", "case"];

    /// `policy`, `court-action`, `commentary` or `case`.
    pub fn from_name(name: &str) -> Option<What> {
        match name {
            "case" => Some(What::Cases),
            other => Kind::from_name(other).map(What::Entries),
        }
    }

    /// What a file's name says (`policies.csv`, `court-actions.xlsx`,
    /// `cases.ods`).
    pub fn from_file_stem(stem: &str) -> Option<What> {
        let stem = stem.to_lowercase().replace('_', "-");
        if stem == "case" || stem == content::case::CASES_DIR {
            return Some(What::Cases);
        }
        Kind::ALL
            .into_iter()
            .find(|k| stem == k.dir() || stem == k.name())
            .map(What::Entries)
    }

    pub fn name(self) -> &'static str {
        match self {
            What::Entries(k) => k.name(),
            What::Cases => "case",
        }
    }

    /// `Policy`, `Case`.
    pub fn label(self) -> &'static str {
        match self {
            What::Entries(k) => k.label(),
            What::Cases => "Case",
        }
    }

    /// `Policies`, `Cases`.
    pub fn plural_label(self) -> &'static str {
        match self {
            What::Entries(k) => k.plural_label(),
            What::Cases => "Cases",
        }
    }

    /// The folder under `content/` the files go into.
    pub fn dir(self) -> &'static str {
        match self {
            What::Entries(k) => k.dir(),
            What::Cases => content::case::CASES_DIR,
        }
    }

    /// The front matter keys a column can fill.
    pub fn keys(self) -> &'static [Key] {
        match self {
            What::Entries(k) => content::keys(k),
            What::Cases => content::case::keys(),
        }
    }

    /// The keys of the relations whose items may name what is not an
    /// entry: those the site declares with `outside = true`, or a case
    /// file's `challenges`.
    pub fn outside(self, config: &crate::config::Config) -> Vec<String> {
        match self {
            What::Entries(k) => config
                .relations
                .of(k.name())
                .filter(|(_, r)| r.outside)
                .map(|(_, r)| r.key.clone())
                .collect(),
            What::Cases => vec![content::case::challenges_relation().key],
        }
    }

    /// `1 policy`, `251 cases`.
    pub fn count(self, n: usize) -> String {
        let (one, many) = match self {
            What::Entries(Kind::Policy) => ("policy", "policies"),
            What::Entries(Kind::CourtAction) => ("court action", "court actions"),
            What::Entries(Kind::Commentary) => ("commentary item", "commentary items"),
            What::Cases => ("case file", "case files"),
        };
        crate::diag::count(n, one, many)
    }
}
