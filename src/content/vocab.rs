//! Vocabulary values: membership in the lists of `docket.toml`, and the
//! nearest allowed value when a contributor's value is not among them.

use crate::config::{Vocab, Vocabulary};
use crate::diag::{nearest, Code, Diagnostic};
use crate::source::Span;

use super::Term;

/// Checks `value` against the vocabulary, if `docket.toml` controls it.
pub fn check(
    vocabulary: &Vocabulary,
    vocab: Vocab,
    key: &str,
    value: &str,
    span: Span,
) -> Result<Term, Diagnostic> {
    check_in(vocabulary.allowed(vocab), vocab.key(), key, value, span)
}

/// Checks `value` of `key` against the list `name`, if there is one:
/// `allowed` is `None` where the vocabulary is not controlled. Spaces
/// around a value, invisible in an editor, are not part of it: `" Border"`
/// is the term `Border`, with its page and its filter.
pub fn check_in(
    allowed: Option<&[String]>,
    name: &str,
    key: &str,
    value: &str,
    span: Span,
) -> Result<Term, Diagnostic> {
    let value = value.trim();
    let Some(allowed) = allowed else {
        return Ok(Term(value.to_string()));
    };
    if allowed.iter().any(|a| a == value) {
        return Ok(Term(value.to_string()));
    }
    let help = match nearest(value, allowed.iter().map(String::as_str)) {
        Some(near) => format!("did you mean \"{near}\"?"),
        None if allowed.is_empty() => format!(
            "[vocabulary] {name} in docket.toml is an empty list, which allows no value: add the values it allows, or remove the list to allow any"
        ),
        None => format!(
            "the allowed values are {}; a new value must first be added to [vocabulary] {} in docket.toml",
            quote_list(allowed),
            name
        ),
    };
    Err(Diagnostic::error(
        Code::Vocabulary,
        span,
        format!("\"{value}\" is not one of the allowed values of `{key}`"),
    )
    .label(format!("not in the `{name}` vocabulary"))
    .help(help))
}

/// The allowed values, quoted and listed, if `docket.toml` controls `vocab`.
pub fn choices(vocabulary: &Vocabulary, vocab: Vocab) -> Option<String> {
    vocabulary.allowed(vocab).map(quote_list)
}

pub fn quote_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn open_vocabularies_accept_anything() {
        let v = Vocabulary::default();
        let span = Span::new(FileId(0), 0..1);
        assert!(check(&v, Vocab::Subjects, "subjects", "Anything", span).is_ok());
    }

    #[test]
    fn spaces_around_a_value_are_not_part_of_it() {
        let v = Vocabulary::default();
        let span = Span::new(FileId(0), 0..1);
        let court = check(&v, Vocab::Courts, "court", " D. Haw. ", span).ok();
        assert_eq!(court.map(|t| t.0), Some("D. Haw.".to_string()));
        let allowed = ["Border".to_string()];
        let subject = check_in(Some(&allowed), "subjects", "subjects", "Border ", span).ok();
        assert_eq!(subject.map(|t| t.0), Some("Border".to_string()));
    }
}
