//! Diagnostics written out: as text for people (source excerpts, coloured on
//! a terminal), as JSON lines, or as GitHub Actions annotations; and the
//! summary line commands end with.

use std::io::IsTerminal;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};
use serde::Serialize;

use super::excerpt::Excerpt;
use super::{Code, Diagnostic, Diagnostics, Severity};
use crate::source::{Sources, Span};

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

/// `d` for codespan, with the excerpt of the file it shows.
fn to_codespan<'a>(
    sources: &'a Sources,
    d: &Diagnostic,
) -> (Excerpt<'a>, cs::Diagnostic<crate::source::FileId>) {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let spans: Vec<Span> = d
        .span
        .iter()
        .chain(d.notes.iter().map(|n| &n.span))
        .copied()
        .collect();
    let excerpt = Excerpt::new(sources, &spans);
    let mut labels = Vec::new();
    if let Some(span) = d.span {
        labels
            .push(cs::Label::primary(span.file, excerpt.range(span)).with_message(d.label.clone()));
    }
    for n in &d.notes {
        labels.push(
            cs::Label::secondary(n.span.file, excerpt.range(n.span))
                .with_message(n.message.clone()),
        );
    }
    let mut notes = Vec::new();
    if let Some(why) = d.denied {
        notes.push(format!("note: {}", why.text(d.code)));
    }
    if let Some(h) = &d.help {
        notes.push(format!("help: {h}"));
    }
    let diagnostic = cs::Diagnostic::new(severity)
        .with_code(d.code.as_str())
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes);
    (excerpt, diagnostic)
}

/// Human-readable rendering without colour, as tests and logs see it.
pub fn render_plain(sources: &Sources, d: &Diagnostic) -> String {
    let config = term::Config::default();
    let (excerpt, diagnostic) = to_codespan(sources, d);
    term::emit_into_string(&config, &excerpt, &diagnostic)
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
                let (excerpt, diagnostic) = to_codespan(sources, d);
                term::emit_to_write_style(&mut out, &config, &excerpt, &diagnostic)
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
                if let Some(why) = d.denied {
                    message.push_str("\nnote: ");
                    message.push_str(&why.text(d.code));
                }
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

/// Prints diagnostics: human ones on stderr (coloured on a terminal unless
/// NO_COLOR is set), machine-readable ones on stdout.
pub fn print(format: Format, sources: &Sources, diags: &Diagnostics) {
    let result = match format {
        Format::Human => {
            let choice = if std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            };
            let stream = StandardStream::stderr(choice);
            let mut lock = stream.lock();
            emit(&mut lock, format, sources, diags)
        }
        Format::Json | Format::Github => {
            let stream = StandardStream::stdout(ColorChoice::Never);
            let mut lock = stream.lock();
            emit(&mut lock, format, sources, diags)
        }
    };
    if let Err(e) = result {
        eprintln!("docket: cannot print diagnostics: {e}");
    }
}

/// `1 error, 2 warnings`, and the warnings a setting hid, if any.
pub fn summary(diags: &Diagnostics) -> String {
    let mut s = format!(
        "{}, {}",
        count(diags.errors(), "error", "errors"),
        count(diags.warnings(), "warning", "warnings")
    );
    if diags.allowed() > 0 {
        s.push_str(&format!(
            ", {} allowed by lint levels and not shown",
            count(diags.allowed(), "warning", "warnings")
        ));
    }
    s
}

/// `1 entry`, `2 entries`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
