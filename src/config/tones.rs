//! `[tones]` of `docket.toml`: what each value of `status` and
//! `current_status` says of a policy's standing, so that pages can show it
//! in a colour a reader learns once (in force, limited, ended, pending).
//!
//! The default vocabulary of `docket new site` has its tones built in
//! ([`default_tone`]); a site names its own values in lists that take
//! precedence over those defaults, one value in one list only. A value
//! with no tone is shown plainly.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::de::DeValue;
use toml::Spanned;

use super::{read_table, unknown_keys, Vocab, Vocabulary};
use crate::diag::{nearest, Code, Diagnostic, Diagnostics};
use crate::source::{FileId, Span};

/// What a status says of a policy's standing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tone {
    InForce,
    Limited,
    Ended,
    Pending,
}

impl Tone {
    pub const ALL: [Tone; 4] = [Tone::InForce, Tone::Limited, Tone::Ended, Tone::Pending];

    /// Its name in class names and templates (`tone-in-force`).
    pub fn key(self) -> &'static str {
        match self {
            Tone::InForce => "in-force",
            Tone::Limited => "limited",
            Tone::Ended => "ended",
            Tone::Pending => "pending",
        }
    }

    /// What a reader is told it means.
    pub fn label(self) -> &'static str {
        match self {
            Tone::InForce => "in force",
            Tone::Limited => "limited",
            Tone::Ended => "ended",
            Tone::Pending => "pending",
        }
    }

    fn toml_key(self) -> &'static str {
        match self {
            Tone::InForce => "in_force",
            Tone::Limited => "limited",
            Tone::Ended => "ended",
            Tone::Pending => "pending",
        }
    }
}

/// The tone of each value a site names in `[tones]`; the rest take
/// [`default_tone`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tones {
    written: BTreeMap<String, Tone>,
}

impl Tones {
    /// The tone of a value of `status` or `current_status`, if it has one.
    pub fn of(&self, value: &str) -> Option<Tone> {
        self.written
            .get(value)
            .copied()
            .or_else(|| default_tone(value))
    }
}

/// The tones of the default vocabulary of `docket new site`: statuses that
/// end force (as `[force]` has them by default) are ended, "Proposed" is
/// pending, a policy in court or partly applied is limited.
pub fn default_tone(value: &str) -> Option<Tone> {
    Some(match value {
        "Final/Actual" | "Fully in Effect" => Tone::InForce,
        "Partially in Effect" | "In Litigation" => Tone::Limited,
        "Enjoined/Vacated" | "Rescinded" | "Expired" | "Not in Effect" => Tone::Ended,
        "Proposed" => Tone::Pending,
        _ => return None,
    })
}

pub(super) const KEYS: &[(&str, &str)] = &[
    (
        "in_force",
        "in_force = [\"Final/Actual\", \"Fully in Effect\"]",
    ),
    (
        "limited",
        "limited = [\"Partially in Effect\", \"In Litigation\"]",
    ),
    ("ended", "ended = [\"Rescinded\", \"Not in Effect\"]"),
    ("pending", "pending = [\"Proposed\"]"),
];

/// `[tones]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTones {
    in_force: Option<Vec<Spanned<String>>>,
    limited: Option<Vec<Spanned<String>>>,
    ended: Option<Vec<Spanned<String>>>,
    pending: Option<Vec<Spanned<String>>>,
}

impl RawTones {
    fn list(&mut self, tone: Tone) -> Option<Vec<Spanned<String>>> {
        match tone {
            Tone::InForce => self.in_force.take(),
            Tone::Limited => self.limited.take(),
            Tone::Ended => self.ended.take(),
            Tone::Pending => self.pending.take(),
        }
    }
}

/// Reads `[tones]`: each value checked against the statuses and current
/// statuses the site allows (when it controls both, since a value no
/// entry may carry is a typo), and named under one tone only.
pub(super) fn read(
    value: Spanned<DeValue<'_>>,
    vocabulary: &Vocabulary,
    no_current_status: bool,
    file: FileId,
    diags: &mut Diagnostics,
) -> Tones {
    let span = value.span();
    let mut raw: RawTones = match value.into_inner() {
        DeValue::Table(mut t) => {
            unknown_keys(&mut t, KEYS, "tones.", file, diags);
            read_table(Spanned::new(span, t), KEYS, "tones.", file, diags)
        }
        _ => {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    Span::new(file, span),
                    "`tones` must be a table",
                )
                .label("not a table")
                .help("write it as a [tones] section, with lists like ended = [\"Rescinded\"]"),
            );
            return Tones::default();
        }
    };
    // Values are checked where the site controls every vocabulary they
    // may come from: both, or `status` alone when `current_status` is
    // declared absent.
    let allowed: Option<Vec<&str>> = match (
        vocabulary.allowed(Vocab::Statuses),
        vocabulary.allowed(Vocab::CurrentStatuses),
    ) {
        (Some(s), _) if no_current_status => Some(s.iter().map(String::as_str).collect()),
        (Some(s), Some(c)) => Some(s.iter().chain(c).map(String::as_str).collect()),
        _ => None,
    };
    let mut written: BTreeMap<String, (Tone, Spanned<String>)> = BTreeMap::new();
    for tone in Tone::ALL {
        for v in raw.list(tone).unwrap_or_default() {
            let at = Span::new(file, v.span());
            if let Some(allowed) = allowed.as_deref() {
                if !allowed.contains(&v.get_ref().as_str()) {
                    diags.push(not_allowed(tone, v.get_ref(), allowed, at));
                    continue;
                }
            }
            if let Some((other, first)) = written.get(v.get_ref()) {
                diags.push(
                    Diagnostic::error(
                        Code::Config,
                        at,
                        format!(
                            "tones.{} names \"{}\", which tones.{} names already",
                            tone.toml_key(),
                            v.get_ref(),
                            other.toml_key()
                        ),
                    )
                    .label("a second tone for this value")
                    .note(Span::new(file, first.span()), "first named here")
                    .help("give each value one tone: keep it in one of the lists"),
                );
                continue;
            }
            written.insert(v.get_ref().clone(), (tone, v));
        }
    }
    Tones {
        written: written.into_iter().map(|(k, (t, _))| (k, t)).collect(),
    }
}

fn not_allowed(tone: Tone, value: &str, allowed: &[&str], at: Span) -> Diagnostic {
    let help = match nearest(value, allowed.iter().copied()) {
        Some(near) => format!("did you mean \"{near}\"?"),
        None => format!(
            "the values of vocabulary.statuses and vocabulary.current_statuses are {}",
            allowed
                .iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::error(
        Code::Config,
        at,
        format!(
            "tones.{} names \"{value}\", which is in neither vocabulary.statuses nor vocabulary.current_statuses",
            tone.toml_key()
        ),
    )
    .label("not an allowed value")
    .help(help)
}
