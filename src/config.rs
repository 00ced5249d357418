//! `docket.toml`: the site's settings and its controlled vocabularies.
//!
//! Pure data: run modes (drafts, output folder, serve) are command-line
//! options and never live here.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, SourceFile, Sources, Span};

pub const FILE_NAME: &str = "docket.toml";

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
        }
    }

    /// The folder of the vocabulary's pages in the site.
    pub fn slug(self) -> &'static str {
        match self {
            Vocab::CurrentStatuses => "current-statuses",
            other => other.key(),
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
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVocabulary {
    administrations: Option<Vec<String>>,
    statuses: Option<Vec<String>>,
    actions: Option<Vec<String>>,
    current_statuses: Option<Vec<String>>,
    subjects: Option<Vec<String>>,
    agencies: Option<Vec<String>>,
    filings: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    vocabulary: RawVocabulary,
    #[serde(default)]
    theme_settings: toml::Table,
}

fn default_language() -> String {
    "en".into()
}

fn default_theme() -> String {
    "default".into()
}

/// The allowed values of each controlled vocabulary; a vocabulary left out
/// of `docket.toml` accepts any value.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    lists: BTreeMap<Vocab, Vec<String>>,
}

impl Vocabulary {
    /// The allowed values, in the order `docket.toml` gives them, if controlled.
    pub fn allowed(&self, vocab: Vocab) -> Option<&[String]> {
        self.lists.get(&vocab).map(Vec::as_slice)
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute URL of the published site, always ending in `/`; used only
    /// where an absolute URL is required.
    pub base_url: Option<String>,
    pub description: String,
    pub language: String,
    pub theme: String,
    /// Lets raw HTML in Markdown through unsanitised.
    pub unsafe_html: bool,
    pub vocabulary: Vocabulary,
    pub theme_settings: toml::Table,
    pub file: FileId,
}

/// Reads `docket.toml` from the site root. Problems become diagnostics; `None`
/// means the site cannot be loaded at all.
pub fn load(root: &Path, sources: &mut Sources, diags: &mut Diagnostics) -> Option<Config> {
    let path = root.join(FILE_NAME);
    let text =
        match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                // A missing or unreadable docket.toml is an I/O failure
                // (exit code 2); one that is not UTF-8 is a content error.
                let code = if e.kind() == std::io::ErrorKind::InvalidData {
                    Code::Config
                } else {
                    Code::Io
                };
                diags.push(Diagnostic::new(
                crate::diag::Severity::Error,
                code,
                None,
                format!("cannot read {}: {e}", path.display()),
            )
            .help("run docket in a site folder (one with a docket.toml), or name it with --root"));
                return None;
            }
        };
    let file = sources.add(SourceFile::new(FILE_NAME.into(), path, text));
    parse(sources, file, diags)
}

/// The diagnostic of a `docket.toml` that cannot be read, with the nearest
/// known key for a misspelt one.
fn config_error(message: &str) -> Diagnostic {
    const HELP: &str = "see the \"docket.toml\" section of the book for every setting";
    let message = message.trim();
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'));
    let Some((key, rest)) = unknown else {
        return Diagnostic::new(crate::diag::Severity::Error, Code::Config, None, message)
            .help(HELP);
    };
    let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let help = match crate::diag::nearest(key, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!(
            "the keys here are {}",
            rest.trim_start_matches(", expected one of ")
        ),
    };
    Diagnostic::new(
        crate::diag::Severity::Error,
        Code::Config,
        None,
        format!("unknown key `{key}` in docket.toml"),
    )
    .help(help)
}

pub(crate) fn parse(sources: &Sources, file: FileId, diags: &mut Diagnostics) -> Option<Config> {
    let text = &sources.get(file).text;
    let raw: RawConfig = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let span = Span::new(file, e.span().unwrap_or(0..0));
            diags.push(config_error(e.message()).label("here").with_span(span));
            return None;
        }
    };
    let mut lists = BTreeMap::new();
    let v = raw.vocabulary;
    for (vocab, list) in [
        (Vocab::Administrations, v.administrations),
        (Vocab::Statuses, v.statuses),
        (Vocab::Actions, v.actions),
        (Vocab::CurrentStatuses, v.current_statuses),
        (Vocab::Subjects, v.subjects),
        (Vocab::Agencies, v.agencies),
        (Vocab::Filings, v.filings),
    ] {
        if let Some(list) = list {
            let mut seen = std::collections::BTreeMap::new();
            for value in &list {
                let slug = crate::slug::slugify(value);
                if let Some(other) = seen.insert(slug.clone(), value) {
                    diags.push(
                        Diagnostic::error(
                            Code::Config,
                            Span::new(file, 0..0),
                            format!(
                                "vocabulary `{}` lists \"{other}\" and \"{value}\", which share the page name `{slug}`",
                                vocab.key()
                            ),
                        )
                        .help("keep one of them, or make them differ by more than case and punctuation"),
                    );
                }
            }
            lists.insert(vocab, list);
        }
    }
    let base_url = raw
        .base_url
        .map(|u| if u.ends_with('/') { u } else { u + "/" });
    if let Some(u) = &base_url {
        if !crate::content::is_web_url(u) {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    Span::new(file, 0..0),
                    format!("base_url \"{u}\" is not an http or https URL"),
                )
                .help("write it like base_url = \"https://example.org/tracker/\""),
            );
        }
    }
    Some(Config {
        title: raw.title,
        base_url,
        description: raw.description,
        language: raw.language,
        theme: raw.theme,
        unsafe_html: raw.unsafe_html,
        vocabulary: Vocabulary { lists },
        theme_settings: raw.theme_settings,
        file,
    })
}
