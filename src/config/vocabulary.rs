//! `[vocabulary]` of `docket.toml`: the vocabularies a site controls, the
//! allowed values of each in the order the site gives them, and the lists
//! of the site's own that `[fields]` names. A value that would share a page
//! or a filter value with another is an error at the second.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::de::DeValue;
use toml::Spanned;

use super::{fields, read_table, unknown_keys};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, Span};

/// The vocabularies a site may control, and the two free ones (courts and
/// filings are listed per court action; courts have no list in `docket.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Vocab {
    Administrations,
    Statuses,
    Actions,
    CurrentStatuses,
    Subjects,
    Agencies,
    Courts,
    Filings,
    /// A case file's `status`. Not in [`Vocab::ALL`]: its values are
    /// filters of the list of cases, not pages of entries.
    CaseStatuses,
}

impl Vocab {
    pub const ALL: [Vocab; 8] = [
        Vocab::Subjects,
        Vocab::Agencies,
        Vocab::Statuses,
        Vocab::Actions,
        Vocab::Administrations,
        Vocab::CurrentStatuses,
        Vocab::Courts,
        Vocab::Filings,
    ];

    /// The key in `[vocabulary]`, also the name templates see.
    pub fn key(self) -> &'static str {
        match self {
            Vocab::Administrations => "administrations",
            Vocab::Statuses => "statuses",
            Vocab::Actions => "actions",
            Vocab::CurrentStatuses => "current_statuses",
            Vocab::Subjects => "subjects",
            Vocab::Agencies => "agencies",
            Vocab::Courts => "courts",
            Vocab::Filings => "filings",
            Vocab::CaseStatuses => "case_statuses",
        }
    }

    /// The folder of the vocabulary's pages in the site.
    pub fn slug(self) -> &'static str {
        match self {
            Vocab::CurrentStatuses => "current-statuses",
            Vocab::CaseStatuses => "case-statuses",
            other => other.key(),
        }
    }

    /// The kind of entry and the key whose values the vocabulary lists.
    pub fn source(self) -> (&'static str, &'static str) {
        match self {
            Vocab::Administrations => ("policy", "administration"),
            Vocab::Statuses => ("policy", "status"),
            Vocab::Actions => ("policy", "action"),
            Vocab::CurrentStatuses => ("policy", "current_status"),
            Vocab::Subjects => ("policy", "subjects"),
            Vocab::Agencies => ("policy", "agencies"),
            Vocab::Courts => ("court-action", "court"),
            Vocab::Filings => ("court-action", "filing"),
            Vocab::CaseStatuses => ("case", "status"),
        }
    }

    /// Heading of the vocabulary's index page.
    pub fn title(self) -> &'static str {
        match self {
            Vocab::Administrations => "Administrations",
            Vocab::Statuses => "Statuses",
            Vocab::Actions => "Types of action",
            Vocab::CurrentStatuses => "Current statuses",
            Vocab::Subjects => "Subject matter",
            Vocab::Agencies => "Agencies affected",
            Vocab::Courts => "Courts",
            Vocab::Filings => "Filings",
            Vocab::CaseStatuses => "Case statuses",
        }
    }
}

/// `[vocabulary]` as written; every key optional, so that each bad one is
/// reported and the others still read.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVocabulary {
    administrations: Option<Vec<Spanned<String>>>,
    statuses: Option<Vec<Spanned<String>>>,
    actions: Option<Vec<Spanned<String>>>,
    current_statuses: Option<Vec<Spanned<String>>>,
    subjects: Option<Vec<Spanned<String>>>,
    agencies: Option<Vec<Spanned<String>>>,
    filings: Option<Vec<Spanned<String>>>,
    case_statuses: Option<Vec<Spanned<String>>>,
}

pub(super) const VOCABULARY_KEYS: &[(&str, &str)] = &[
    (
        "administrations",
        "administrations = [\"Biden\", \"Trump 2.0\"]",
    ),
    ("statuses", "statuses = [\"Proposed\", \"Final/Actual\"]"),
    ("actions", "actions = [\"Rule\", \"Agency Directive\"]"),
    (
        "current_statuses",
        "current_statuses = [\"Fully in Effect\"]",
    ),
    ("subjects", "subjects = [\"Border\", \"Detention\"]"),
    ("agencies", "agencies = [\"CBP\", \"ICE\"]"),
    ("filings", "filings = [\"Complaint\", \"Ruling\"]"),
    (
        "case_statuses",
        "case_statuses = [\"Pending\", \"Won\", \"Lost\"]",
    ),
];

/// The allowed values of each controlled vocabulary; a vocabulary left out
/// of `docket.toml` accepts any value.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    lists: BTreeMap<Vocab, Vec<String>>,
    /// The lists of the site's own, which fields of `[fields]` name.
    pub(super) own: BTreeMap<String, Vec<String>>,
}

impl Vocabulary {
    /// The allowed values, in the order `docket.toml` gives them, if controlled.
    pub fn allowed(&self, vocab: Vocab) -> Option<&[String]> {
        self.lists.get(&vocab).map(Vec::as_slice)
    }

    /// The values of the site's own list `name`, in the order `docket.toml`
    /// gives them.
    pub fn list(&self, name: &str) -> Option<&[String]> {
        self.own.get(name).map(Vec::as_slice)
    }

    /// The names of the site's own lists.
    pub fn own_lists(&self) -> impl Iterator<Item = &str> {
        self.own.keys().map(String::as_str)
    }
}

/// Reads `[vocabulary]`: the standard lists as written, each bad one
/// reported, and the lists of the site's own that `[fields]` names
/// (`own_names`).
pub(super) fn read(
    value: Option<Spanned<DeValue<'_>>>,
    own_names: &[String],
    file: FileId,
    diags: &mut Diagnostics,
) -> (RawVocabulary, BTreeMap<String, Vec<String>>) {
    let mut own = BTreeMap::new();
    let vocabulary = match value {
        Some(v) => {
            let span = v.span();
            match v.into_inner() {
                DeValue::Table(mut t) => {
                    own = fields::own_lists(&mut t, own_names, file, diags);
                    unknown_keys(&mut t, VOCABULARY_KEYS, "vocabulary.", file, diags);
                    read_table(
                        Spanned::new(span, t),
                        VOCABULARY_KEYS,
                        "vocabulary.",
                        file,
                        diags,
                    )
                }
                _ => {
                    diags.push(
                        Diagnostic::error(Code::Config, Span::new(file, span), "`vocabulary` must be a table")
                            .label("not a table")
                            .help("write it as a [vocabulary] section, with lists like subjects = [\"Border\"]"),
                    );
                    RawVocabulary::default()
                }
            }
        }
        None => RawVocabulary::default(),
    };
    (vocabulary, own)
}

/// The lists of `[vocabulary]`; two values that would share a page are an
/// error at the second.
pub(super) fn lists(v: RawVocabulary, file: FileId, diags: &mut Diagnostics) -> Vocabulary {
    let mut lists = BTreeMap::new();
    for (vocab, list) in [
        (Vocab::Administrations, v.administrations),
        (Vocab::Statuses, v.statuses),
        (Vocab::Actions, v.actions),
        (Vocab::CurrentStatuses, v.current_statuses),
        (Vocab::Subjects, v.subjects),
        (Vocab::Agencies, v.agencies),
        (Vocab::Filings, v.filings),
        (Vocab::CaseStatuses, v.case_statuses),
    ] {
        let Some(list) = list else { continue };
        same_name(vocab.key(), &list, ("page name", "page"), file, diags);
        lists.insert(vocab, non_empty(list));
    }
    Vocabulary {
        lists,
        own: BTreeMap::new(),
    }
}

/// The values of a list, less the empty ones ([`same_name`] reports them),
/// without spaces around them, as entries' values are read
/// ([`crate::content::vocab::check_in`]).
pub(super) fn non_empty(list: Vec<Spanned<String>>) -> Vec<String> {
    list.into_iter()
        .map(Spanned::into_inner)
        .filter(|v| !v.trim().is_empty())
        .map(|v| v.trim().to_string())
        .collect()
}

/// Reports each value of `list` that would share its name in the site
/// (`what`: its page, or its value in a list's filter, as the message and
/// the label name it) with an earlier one, at the second.
pub(super) fn same_name(
    key: &str,
    list: &[Spanned<String>],
    (what, label): (&str, &str),
    file: FileId,
    diags: &mut Diagnostics,
) {
    let mut seen: BTreeMap<String, &Spanned<String>> = BTreeMap::new();
    for value in list {
        if value.get_ref().trim().is_empty() {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    Span::new(file, value.span()),
                    format!("vocabulary `{key}` lists an empty value"),
                )
                .label("no text")
                .help("remove it: an entry cannot be given an empty value"),
            );
            continue;
        }
        let slug = crate::slug::slugify(value.get_ref());
        if let Some(other) = seen.insert(slug.clone(), value) {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    Span::new(file, value.span()),
                    format!(
                        "vocabulary `{key}` lists \"{}\" and \"{}\", which share the {what} `{slug}`",
                        other.get_ref(),
                        value.get_ref()
                    ),
                )
                .label(format!("shares its {label} with an earlier value"))
                .note(Span::new(file, other.span()), "the earlier value")
                .help("keep one of them, or make them differ by more than case and punctuation"),
            );
        }
    }
}
