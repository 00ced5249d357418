//! `[force]` of `docket.toml`: which values of `status` and
//! `current_status` end a policy's force, and under which it has not taken
//! force yet. The periods in force ([`crate::graph::force`]) are computed
//! with them; a list left out keeps docket's default.

use serde::Deserialize;
use toml::de::DeValue;
use toml::Spanned;

use super::{read_table, unknown_keys, Vocab, Vocabulary};
use crate::diag::{nearest, Code, Diagnostic, Diagnostics};
use crate::source::{FileId, Span};

const KEYS: &[(&str, &str)] = &[
    (
        "ending_statuses",
        "ending_statuses = [\"Enjoined/Vacated\", \"Rescinded\", \"Expired\"]",
    ),
    (
        "ending_current_statuses",
        "ending_current_statuses = [\"Not in Effect\"]",
    ),
    ("pending_statuses", "pending_statuses = [\"Proposed\"]"),
];

/// `[force]` as written: which statuses start and end a policy's force.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForce {
    ending_statuses: Option<Vec<Spanned<String>>>,
    ending_current_statuses: Option<Vec<Spanned<String>>>,
    pending_statuses: Option<Vec<Spanned<String>>>,
}

/// `[force]`: which values of `status` and `current_status` end a
/// policy's force, and under which it has not taken force yet. A list left
/// out keeps docket's default (see [`crate::graph::force::Rules`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Force {
    pub ending_statuses: Option<Vec<String>>,
    pub ending_current_statuses: Option<Vec<String>>,
    pub pending_statuses: Option<Vec<String>>,
}

/// Reads `[force]`: its keys, then each value against the vocabulary it
/// names values of.
pub(super) fn read(
    value: Spanned<DeValue<'_>>,
    vocabulary: &Vocabulary,
    file: FileId,
    diags: &mut Diagnostics,
) -> Force {
    let span = value.span();
    let raw: RawForce = match value.into_inner() {
        DeValue::Table(mut t) => {
            unknown_keys(&mut t, KEYS, "force.", file, diags);
            read_table(Spanned::new(span, t), KEYS, "force.", file, diags)
        }
        _ => {
            diags.push(
                Diagnostic::error(Code::Config, Span::new(file, span), "`force` must be a table")
                    .label("not a table")
                    .help("write it as a [force] section, with lists like ending_statuses = [\"Rescinded\"]"),
            );
            return Force::default();
        }
    };
    lists(raw, vocabulary, file, diags)
}

/// The lists of `[force]`, each value checked against the vocabulary it
/// names values of, when the site controls that vocabulary: a value no
/// entry may carry would never start or end anything, which is a typo.
fn lists(raw: RawForce, vocabulary: &Vocabulary, file: FileId, diags: &mut Diagnostics) -> Force {
    let mut list = |key: &str, vocab: Vocab, values: Option<Vec<Spanned<String>>>| {
        let values = values?;
        if let Some(allowed) = vocabulary.allowed(vocab) {
            for v in values.iter().filter(|v| !allowed.contains(v.get_ref())) {
                let help = match nearest(v.get_ref(), allowed.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean \"{near}\"?"),
                    None => format!(
                        "the values of vocabulary.{} are {}",
                        vocab.key(),
                        allowed
                            .iter()
                            .map(|a| format!("\"{a}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                diags.push(
                    Diagnostic::error(
                        Code::Config,
                        Span::new(file, v.span()),
                        format!(
                            "force.{key} names \"{}\", which is not in vocabulary.{}",
                            v.get_ref(),
                            vocab.key()
                        ),
                    )
                    .label("not an allowed value")
                    .help(help),
                );
            }
        }
        Some(values.into_iter().map(Spanned::into_inner).collect())
    };
    Force {
        ending_statuses: list("ending_statuses", Vocab::Statuses, raw.ending_statuses),
        ending_current_statuses: list(
            "ending_current_statuses",
            Vocab::CurrentStatuses,
            raw.ending_current_statuses,
        ),
        pending_statuses: list("pending_statuses", Vocab::Statuses, raw.pending_statuses),
    }
}
