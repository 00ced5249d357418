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
    DraftReference => "W-draft-reference",
    SupersedesLater => "W-supersedes-later",
    CaseNameMismatch => "W-case-name-mismatch",
    Unlinked => "W-unlinked",
    SkippedFile => "W-skipped-file",
    ControlCharacter => "W-control-character",
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
            // File names, source lines and the values quoted in messages
            // come from the site: shown, never sent to the terminal as they are.
            let config = term::Config::default();
            let mut out = crate::terminal::Visible::new(out);
            for d in &sorted {
                term::emit_to_write_style(&mut out, &config, sources, &to_codespan(d))
                    .map_err(std::io::Error::other)?;
            }
            std::io::Write::flush(&mut out)?;
        }
        Format::Json => {
            for d in &sorted {
                // The struct itself, not `json()`'s map: keys stay in the
                // documented order, severity first.
                serde_json::to_writer(&mut *out, &json_diagnostic(sources, d))?;
                out.write_all(b"\n")?;
            }
        }
        Format::Github => {
            let cwd = std::env::current_dir().ok();
            for d in &sorted {
                let (_, start, end) = position(sources, d);
                let file = d
                    .span
                    .map(|s| workflow_path(&sources.get(s.file).path, cwd.as_deref()));
                let file = file.as_deref();
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
                // The log of a workflow is shown in a terminal emulator too.
                writeln!(
                    out,
                    "::{command} {}::{}",
                    crate::terminal::visible(&props.join(",")),
                    crate::terminal::visible(&gh_data(&message))
                )?;
            }
        }
    }
    Ok(())
}

/// The machine-readable form of a diagnostic, as `--format json` prints it.
pub fn json(sources: &Sources, d: &Diagnostic) -> serde_json::Value {
    serde_json::to_value(json_diagnostic(sources, d)).unwrap_or(serde_json::Value::Null)
}

fn json_diagnostic<'a>(sources: &'a Sources, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let (file, start, end) = position(sources, d);
    JsonDiagnostic {
        severity: d.severity,
        code: d.code,
        message: &d.message,
        file,
        line: start.map(|p| p.0),
        column: start.map(|p| p.1),
        end: end.map(|(line, column)| JsonPosition { line, column }),
        help: d.help.as_deref(),
    }
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

/// A file's path as GitHub expects it in an annotation: relative to the
/// folder docket runs in (the repository, in a workflow), not to the site,
/// so that `--root site` annotates `site/content/…`.
fn workflow_path(path: &std::path::Path, cwd: Option<&std::path::Path>) -> String {
    let rel = cwd.and_then(|c| path.strip_prefix(c).ok()).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            std::path::Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .collect();
    let joined = parts.join("/");
    if rel.has_root() {
        format!("/{joined}")
    } else {
        joined
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

/// The one id of `ids` that `wanted` is likely a typo of: one digit changed,
/// two neighbouring digits swapped, or (for ids of three digits or more) one
/// digit dropped or added. `None` when no id, or more than one, fits: where
/// ids are dense, a guess among many would mislead more than it helps.
pub fn nearest_id(wanted: u32, ids: impl IntoIterator<Item = u32>) -> Option<u32> {
    let w: Vec<char> = wanted.to_string().chars().collect();
    let mut found = None;
    for id in ids {
        let c: Vec<char> = id.to_string().chars().collect();
        let close = if c.len() == w.len() {
            let diff: Vec<usize> = (0..w.len()).filter(|&i| w[i] != c[i]).collect();
            diff.len() == 1
                || (diff.len() == 2
                    && diff[1] == diff[0] + 1
                    && w[diff[0]] == c[diff[1]]
                    && w[diff[1]] == c[diff[0]])
        } else {
            c.len().min(w.len()) >= 3
                && c.len().abs_diff(w.len()) == 1
                && edit_distance(&wanted.to_string(), &id.to_string()) == 1
        };
        if close && id != wanted {
            if found.is_some_and(|f| f != id) {
                return None;
            }
            found = Some(id);
        }
    }
    found
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
    fn suggests_an_id_only_when_one_fits() {
        assert_eq!(nearest_id(1419, [312, 1102, 1491]), Some(1491));
        assert_eq!(nearest_id(1409, [312, 1400, 1491]), Some(1400));
        assert_eq!(nearest_id(140, [312, 1400, 1491]), Some(1400));
        assert_eq!(nearest_id(99, [1, 4, 5]), None);
        assert_eq!(nearest_id(42, [1, 4, 5]), None);
        assert_eq!(nearest_id(1492, [1491, 1493]), None);
    }

    #[test]
    fn workflow_paths_are_relative_to_where_docket_runs() {
        use std::path::Path;
        let cwd = Path::new("/repo");
        assert_eq!(
            workflow_path(Path::new("./content/policies/1.md"), Some(cwd)),
            "content/policies/1.md"
        );
        assert_eq!(
            workflow_path(Path::new("site/docket.toml"), Some(cwd)),
            "site/docket.toml"
        );
        assert_eq!(
            workflow_path(Path::new("/repo/site/content/a.md"), Some(cwd)),
            "site/content/a.md"
        );
        assert_eq!(
            workflow_path(Path::new("/elsewhere/a.md"), Some(cwd)),
            "/elsewhere/a.md"
        );
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{}", c.as_str());
        }
    }
}
