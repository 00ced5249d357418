//! One version of an entry file, read with docket's own parser: the facts
//! of it that changes are made of.
//!
//! Old versions are parsed with every vocabulary open: a status the site
//! has since renamed in `docket.toml` was the entry's status all the same,
//! and its history shows it as it was written.

use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use crate::config::{Config, Vocabulary};
use crate::content::Id;
use crate::content::{meta, Entry, Kind, PolicyId, Term};
use crate::source::{FileId, SourceFile};

/// What one version of an entry says, as far as its history is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Snapshot {
    pub id: Id,
    pub updated: Option<NaiveDate>,
    /// A hash of the Markdown body: only compared with the one before.
    pub body: u64,
    pub facts: Facts,
}

/// The facts of each kind whose change is an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Facts {
    Policy {
        status: Vec<Term>,
        current_status: Option<Term>,
        effective: Option<crate::content::Date>,
        supersedes: Vec<PolicyId>,
    },
    CourtAction {
        challenges: Vec<PolicyId>,
    },
    Commentary {
        about: Vec<PolicyId>,
    },
}

impl Facts {
    /// The policies this version names in its relation that makes an event
    /// on them: superseded, challenged, commented on.
    pub fn links(&self) -> &[PolicyId] {
        match self {
            Facts::Policy { supersedes, .. } => supersedes,
            Facts::CourtAction { challenges } => challenges,
            Facts::Commentary { about } => about,
        }
    }
}

/// The configuration old versions are parsed with: the site's, with every
/// vocabulary open and every field of the site's own optional.
pub(super) fn open_config(config: &Config) -> Config {
    Config {
        vocabulary: Vocabulary::default(),
        fields: config.fields.open(),
        ..config.clone()
    }
}

/// Parses one version; `None` if it has errors (a commit that broke the
/// file is passed over, and the next good version is compared with the
/// last good one).
pub(super) fn parse(kind: Kind, bytes: &[u8], config: &Config) -> Option<Snapshot> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let source = SourceFile::new(String::new(), Default::default(), text);
    let mut diags = Vec::new();
    let entry = meta::parse(kind, FileId(0), &source, config, &mut diags).entry?;
    let (id, common, facts) = match &entry {
        Entry::Policy(p) => (
            p.id.0,
            &p.common,
            Facts::Policy {
                status: p.status.clone(),
                current_status: p.current_status.clone(),
                effective: p.effective,
                supersedes: p.supersedes.iter().map(|a| a.value).collect(),
            },
        ),
        Entry::CourtAction(c) => (
            c.id.0,
            &c.common,
            Facts::CourtAction {
                challenges: c.challenges.iter().map(|a| a.value).collect(),
            },
        ),
        Entry::Commentary(c) => (
            c.id.0,
            &c.common,
            Facts::Commentary {
                about: c.about.iter().map(|a| a.value).collect(),
            },
        ),
    };
    Some(Snapshot {
        id,
        updated: common.updated,
        body: hash(source.text.get(common.body_start..).unwrap_or_default()),
        facts,
    })
}

fn hash(text: &str) -> u64 {
    // Equal within one run is all that is asked: the hash is never kept.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.trim_end().hash(&mut h);
    h.finish()
}
