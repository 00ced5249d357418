//! Diagnostics: every problem docket finds in a site, with where it is and how to fix it.
//!
//! Stages never stop at the first problem: they push [`Diagnostic`]s into a
//! [`Diagnostics`] sink and go on, so a contributor sees everything wrong with
//! a change in one run. The command decides the exit code at the end.
//!
//! This module holds the type and its codes; `emit.rs` writes them out (text,
//! JSON, GitHub annotations), with `excerpt.rs` cutting long source lines
//! to a readable width, `nearest.rs` finds the value a typo meant, and
//! `lints.rs` holds the levels the sink applies to warnings as they enter.

mod emit;
mod excerpt;
pub mod lints;
mod nearest;

use serde::Serialize;

pub use emit::{count, emit, json, print, render_plain, summary, Format};
pub use nearest::{edit_distance, nearest, nearest_id};

use crate::source::{Sources, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($variant:ident => $code:literal,)*) => {
        /// Stable identifier of a kind of problem; the book explains each one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }
        }
    };
}

codes! {
    Io => "E-io",
    Symlink => "E-symlink",
    NoContent => "E-no-content",
    UnknownFolder => "E-unknown-folder",
    NotUtf8 => "E-not-utf8",
    EmptyFile => "E-empty-file",
    NoFrontMatter => "E-no-front-matter",
    UnclosedFrontMatter => "E-unclosed-front-matter",
    TomlSyntax => "E-toml-syntax",
    UnknownKey => "E-unknown-key",
    MissingKey => "E-missing-key",
    WrongType => "E-wrong-type",
    InvalidDate => "E-invalid-date",
    InvalidId => "E-invalid-id",
    EmptyList => "E-empty-list",
    EmptyValue => "E-empty-value",
    Vocabulary => "E-vocabulary",
    DuplicateId => "E-duplicate-id",
    UnknownReference => "E-unknown-reference",
    SelfReference => "E-self-reference",
    Cycle => "E-cycle",
    DocumentSource => "E-document-source",
    MissingDocument => "E-missing-document",
    DocumentOutside => "E-document-outside",
    InvalidUrl => "E-invalid-url",
    BrokenLink => "E-broken-link",
    Config => "E-config",
    Template => "E-template",
    InvalidAlias => "E-invalid-alias",
    AliasCollision => "E-alias-collision",
    ImportSheet => "E-import-sheet",
    ImportColumn => "E-import-column",
    ImportMapping => "E-import-mapping",
    FileExists => "E-file-exists",
    DraftReference => "W-draft-reference",
    SupersedesLater => "W-supersedes-later",
    CaseNameMismatch => "W-case-name-mismatch",
    Unlinked => "W-unlinked",
    BrokenFragment => "W-broken-fragment",
    SkippedFile => "W-skipped-file",
    ControlCharacter => "W-control-character",
    UnknownSetting => "W-unknown-setting",
    FieldPages => "W-field-pages",
    SimilarValue => "W-similar-value",
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A secondary place that explains the primary one (the other file of a
/// duplicate id, the earlier entry of a cycle).
#[derive(Clone, Debug)]
pub struct Note {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// Where the problem is; `None` only for problems of no file (a missing folder).
    pub span: Option<Span>,
    /// A short label under the underlined span.
    pub label: String,
    pub notes: Vec<Note>,
    /// What to do about it, including the nearest valid value where there is one.
    pub help: Option<String>,
    /// The flag that made this warning an error, if one did (a setting of
    /// `docket.toml` is shown as a note at its line instead).
    pub denied: Option<lints::Denied>,
}

impl Diagnostic {
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, Some(span), message)
    }

    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, Some(span), message)
    }

    pub fn new(
        severity: Severity,
        code: Code,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            span,
            label: String::new(),
            notes: Vec::new(),
            help: None,
            denied: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_span(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    pub fn note(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.notes.push(Note {
            span,
            message: message.into(),
        });
        self
    }
}

/// The problems found so far in one run, under the run's lint levels.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    lints: lints::Lints,
    /// Warnings hidden because a setting allows them.
    allowed: usize,
}

impl Diagnostics {
    /// Adds a problem, under the lint levels: an allowed warning is only
    /// counted, a denied one becomes an error.
    pub fn push(&mut self, d: Diagnostic) {
        match self.lints.apply(d) {
            lints::Applied::Shown(d) => self.items.push(d),
            lints::Applied::Hidden { counted } => self.allowed += usize::from(counted),
        }
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    /// Sets the run's lint levels, once `docket.toml` and the command line
    /// are read, and applies them to the problems found before.
    pub fn set_lints(&mut self, lints: lints::Lints) {
        self.lints = lints;
        let found = std::mem::take(&mut self.items);
        self.extend(found);
    }

    /// An empty list under the same lint levels, for problems found on
    /// another thread; [`Diagnostics::append`] brings them back in order.
    pub fn aside(&self) -> Diagnostics {
        Diagnostics {
            lints: self.lints.clone(),
            ..Diagnostics::default()
        }
    }

    /// Adds the problems of `other`, found under the same lint levels
    /// ([`Diagnostics::aside`]), after those found so far.
    pub fn append(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.allowed += other.allowed;
    }

    /// The run's lint levels.
    pub fn lints(&self) -> &lints::Lints {
        &self.lints
    }

    /// How many warnings were hidden because a setting allows them.
    pub fn allowed(&self) -> usize {
        self.allowed
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether a file could not be read ([`Code::Io`]): then the content
    /// was not all seen, and the run failed for a reason outside it.
    pub fn has_io_errors(&self) -> bool {
        self.items
            .iter()
            .any(|d| d.severity == Severity::Error && d.code == Code::Io)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics in a stable order: `docket.toml`'s first (a mistake
    /// there is often the cause of the entries' errors after it), then by
    /// file name, position, then code, so that output never depends on
    /// thread scheduling or file order on disk.
    pub fn sorted(&self, sources: &Sources) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.span
                        .is_some_and(|s| sources.get(s.file).name != crate::source::CONFIG_FILE),
                    d.span.map(|s| sources.get(s.file).name.clone()),
                    d.span.map(|s| (s.start, s.end)),
                    d.severity,
                    d.code,
                    d.message.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        v.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{}", c.as_str());
        }
    }
}
