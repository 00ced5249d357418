//! Diagnostics: every problem docket finds in a site, with where it is and how to fix it.
//!
//! Stages never stop at the first problem: they push [`Diagnostic`]s into a
//! [`Diagnostics`] sink and go on, so a contributor sees everything wrong with
//! a change in one run. The command decides the exit code at the end.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

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
    DraftReference => "W-draft-reference",
    SupersedesLater => "W-supersedes-later",
    CaseNameMismatch => "W-case-name-mismatch",
    Unlinked => "W-unlinked",
    SkippedFile => "W-skipped-file",
    UnknownSetting => "W-unknown-setting",
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

    pub fn note(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.notes.push(Note {
            span,
            message: message.into(),
        });
        self
    }
}

/// The problems found so far in one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
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

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics in a stable order: by file name, position, then code, so
    /// that output never depends on thread scheduling or file order on disk.
    pub fn sorted(&self, sources: &Sources) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
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

/// How `check` and `build` print what they found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source excerpts with the problem underlined; coloured on a terminal.
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow commands, shown on the pull request's lines.
    Github,
}

fn to_codespan(d: &Diagnostic) -> cs::Diagnostic<crate::source::FileId> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let mut labels = Vec::new();
    if let Some(span) = d.span {
        labels.push(cs::Label::primary(span.file, span.range()).with_message(d.label.clone()));
    }
    for n in &d.notes {
        labels.push(
            cs::Label::secondary(n.span.file, n.span.range()).with_message(n.message.clone()),
        );
    }
    let mut notes = Vec::new();
    if let Some(h) = &d.help {
        notes.push(format!("help: {h}"));
    }
    cs::Diagnostic::new(severity)
        .with_code(d.code.as_str())
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// Human-readable rendering without colour, as tests and logs see it.
pub fn render_plain(sources: &Sources, d: &Diagnostic) -> String {
    let config = term::Config::default();
    term::emit_into_string(&config, sources, &to_codespan(d))
        .unwrap_or_else(|e| format!("{}: {} ({e})\n", d.code.as_str(), d.message))
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: Code,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end: Option<JsonPosition>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonPosition {
    line: usize,
    column: usize,
}

/// Writes the diagnostics in `format`, followed (for humans) by a summary line.
pub fn emit(
    out: &mut dyn WriteColor,
    format: Format,
    sources: &Sources,
    diags: &Diagnostics,
) -> std::io::Result<()> {
    let sorted = diags.sorted(sources);
    match format {
        Format::Human => {
            let config = term::Config::default();
            for d in &sorted {
                term::emit_to_write_style(out, &config, sources, &to_codespan(d))
                    .map_err(std::io::Error::other)?;
            }
        }
        Format::Json => {
            for d in &sorted {
                serde_json::to_writer(&mut *out, &json(sources, d))?;
                out.write_all(b"\n")?;
            }
        }
        Format::Github => {
            for d in &sorted {
                let (file, start, end) = position(sources, d);
                let command = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let mut props = Vec::new();
                if let Some(f) = file {
                    props.push(format!("file={}", gh_property(f)));
                }
                if let (Some((l, c)), Some((el, ec))) = (start, end) {
                    props.push(format!("line={l},col={c},endLine={el},endColumn={ec}"));
                }
                props.push(format!("title={}", gh_property(d.code.as_str())));
                let mut message = d.message.clone();
                if let Some(h) = &d.help {
                    message.push_str("\nhelp: ");
                    message.push_str(h);
                }
                writeln!(
                    out,
                    "::{command} {}::{}",
                    props.join(","),
                    gh_data(&message)
                )?;
            }
        }
    }
    Ok(())
}

/// The machine-readable form of a diagnostic, as `--format json` prints it.
pub fn json(sources: &Sources, d: &Diagnostic) -> serde_json::Value {
    let (file, start, end) = position(sources, d);
    let j = JsonDiagnostic {
        severity: d.severity,
        code: d.code,
        message: &d.message,
        file,
        line: start.map(|p| p.0),
        column: start.map(|p| p.1),
        end: end.map(|(line, column)| JsonPosition { line, column }),
        help: d.help.as_deref(),
    };
    serde_json::to_value(j).unwrap_or(serde_json::Value::Null)
}

type Position = (usize, usize);

fn position<'a>(
    sources: &'a Sources,
    d: &Diagnostic,
) -> (Option<&'a str>, Option<Position>, Option<Position>) {
    match d.span {
        Some(span) => {
            let file = sources.get(span.file);
            (
                Some(file.name.as_str()),
                Some(file.line_col(span.start as usize)),
                Some(file.line_col(span.end as usize)),
            )
        }
        None => (None, None, None),
    }
}

/// Escapes a workflow command's message, as GitHub's toolkit does.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    // A value written short ("Final" for "Final/Actual") is as likely as a typo.
    if lower.chars().count() >= 3 {
        if let Some(c) = candidates
            .iter()
            .find(|c| c.to_lowercase().starts_with(&lower))
        {
            return Some(c);
        }
    }
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_value() {
        assert_eq!(nearest("subject", ["subjects", "status"]), Some("subjects"));
        assert_eq!(nearest("ice", ["ICE", "CBP"]), Some("ICE"));
        assert_eq!(
            nearest("Interior Enforcment", ["Interior Enforcement", "Border"]),
            Some("Interior Enforcement")
        );
        assert_eq!(nearest("zzzzzzzz", ["ICE", "CBP"]), None);
        assert_eq!(
            nearest("Final", ["Proposed", "Final/Actual"]),
            Some("Final/Actual")
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{}", c.as_str());
        }
    }
}
