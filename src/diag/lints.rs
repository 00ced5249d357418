//! Lint levels: whether each kind of warning is allowed (not shown), shown
//! as a warning, or denied (made an error), as Cargo and Clippy set theirs.
//!
//! A site sets them in `[lints]` of `docket.toml` (`W-unlinked = "warn"`),
//! a run on the command line (`-A`, `-W`, `-D` with a code, and
//! `--deny-warnings`), and the command line wins. Lints are named by their
//! codes as docket prints them, so that a code can be copied from a report
//! into `docket.toml`. Errors (`E-…`) have no level: a site cannot build
//! with one, whatever it says.
//!
//! Levels apply as diagnostics enter the sink
//! ([`Diagnostics::push`]): every stage of every command sees
//! the same levels, and the exit code follows from the severities alone.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{nearest, Code, Diagnostic, Diagnostics, Severity};
use crate::source::{FileId, Span};

/// What is done with a warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Not shown; counted in the summary when a setting asked for it.
    Allow,
    /// Shown; the run still succeeds.
    Warn,
    /// Shown as an error: `check` fails and `build` writes nothing.
    Deny,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Allow, Level::Warn, Level::Deny];

    /// The level as `docket.toml` writes it.
    pub fn name(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }

    /// The command-line flag that sets it.
    fn flag(self) -> &'static str {
        match self {
            Level::Allow => "-A",
            Level::Warn => "-W",
            Level::Deny => "-D",
        }
    }

    fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// Whether `code` is a lint: a warning, which a level can change.
pub fn is_lint(code: Code) -> bool {
    code.as_str().starts_with("W-")
}

/// Every lint, in the order of the codes.
pub fn all() -> impl Iterator<Item = Code> {
    Code::ALL.iter().copied().filter(|c| is_lint(*c))
}

/// A lint's level when nothing sets it. Most policies of real trackers
/// (executive orders over decades) revoke nothing and are revoked by
/// nothing, so a policy related to no other entry is normal:
/// `W-unlinked` is for sites that want every policy related.
pub fn default_level(code: Code) -> Level {
    match code {
        Code::Unlinked => Level::Allow,
        _ => Level::Warn,
    }
}

/// Where a lint's level was set, for the note of a denied warning.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Origin {
    Default,
    /// `[lints]` of `docket.toml`, at the key's place.
    Config(Span),
    /// `-A`, `-W` or `-D`.
    CommandLine,
    DenyWarnings,
}

/// The flag that made a warning an error, for the note under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    /// `-D CODE`.
    Flag,
    /// `--deny-warnings`.
    DenyWarnings,
}

impl Denied {
    /// The note, for a warning of `code`.
    pub fn text(self, code: Code) -> String {
        match self {
            Denied::Flag => format!(
                "`-D {}` on the command line makes this warning an error",
                code.as_str()
            ),
            Denied::DenyWarnings => "`--deny-warnings` makes every warning an error".into(),
        }
    }
}

/// The levels of one run.
#[derive(Clone, Debug, Default)]
pub struct Lints {
    set: BTreeMap<Code, (Level, Origin)>,
    /// `--deny-warnings`: every lint left at `warn` is denied.
    deny_warnings: bool,
}

/// What becomes of a diagnostic under the levels.
pub enum Applied {
    Shown(Diagnostic),
    /// An allowed warning; `counted` unless it was allowed by default.
    Hidden {
        counted: bool,
    },
}

impl Lints {
    /// The level `code` has in this run.
    pub fn level(&self, code: Code) -> Level {
        self.effective(code).0
    }

    /// Whether nothing of `code` would be shown or counted: allowed by
    /// default and raised by nobody. A check whose only outcome is such a
    /// warning need not run.
    pub fn silent(&self, code: Code) -> bool {
        matches!(self.effective(code), (Level::Allow, Origin::Default))
    }

    fn effective(&self, code: Code) -> (Level, Origin) {
        let (level, origin) = self
            .set
            .get(&code)
            .cloned()
            .unwrap_or((default_level(code), Origin::Default));
        if level == Level::Warn && self.deny_warnings {
            (Level::Deny, Origin::DenyWarnings)
        } else {
            (level, origin)
        }
    }

    /// Applies the level of its code to a warning; errors pass unchanged.
    pub fn apply(&self, mut d: Diagnostic) -> Applied {
        if d.severity != Severity::Warning || !is_lint(d.code) {
            return Applied::Shown(d);
        }
        let (level, origin) = self.effective(d.code);
        match level {
            Level::Allow => Applied::Hidden {
                counted: origin != Origin::Default,
            },
            Level::Warn => Applied::Shown(d),
            Level::Deny => {
                d.severity = Severity::Error;
                let code = d.code.as_str();
                match origin {
                    Origin::Config(span) => {
                        d = d.note(
                            span,
                            format!("`{code} = \"deny\"` in [lints] makes this warning an error"),
                        );
                    }
                    Origin::CommandLine => d.denied = Some(Denied::Flag),
                    Origin::DenyWarnings => d.denied = Some(Denied::DenyWarnings),
                    Origin::Default => {}
                }
                Applied::Shown(d)
            }
        }
    }

    /// Every warning shown, whatever its default: for a first pass whose
    /// diagnostics are judged again under the site's levels.
    pub fn show_all() -> Lints {
        Lints {
            set: all().map(|c| (c, (Level::Warn, Origin::Default))).collect(),
            deny_warnings: false,
        }
    }

    /// These levels with the command line's over them.
    pub fn with(mut self, cli: &CommandLine) -> Lints {
        for &(code, level) in &cli.levels {
            self.set.insert(code, (level, Origin::CommandLine));
        }
        self.deny_warnings |= cli.deny_warnings;
        self
    }
}

/// The levels given on the command line.
#[derive(Clone, Debug, Default)]
pub struct CommandLine {
    pub levels: Vec<(Code, Level)>,
    pub deny_warnings: bool,
}

impl CommandLine {
    /// The levels of `-A`, `-W` and `-D`. A lint given two different levels
    /// is refused: which one wins would depend on the order of the flags.
    pub fn new(
        allow: &[Code],
        warn: &[Code],
        deny: &[Code],
        deny_warnings: bool,
    ) -> Result<CommandLine, String> {
        let mut levels: BTreeMap<Code, Level> = BTreeMap::new();
        for (codes, level) in [
            (allow, Level::Allow),
            (warn, Level::Warn),
            (deny, Level::Deny),
        ] {
            for &code in codes {
                match levels.insert(code, level) {
                    Some(other) if other != level => {
                        return Err(format!(
                            "{} is given two levels, {} {0} and {} {0}: give it one",
                            code.as_str(),
                            other.flag(),
                            level.flag()
                        ))
                    }
                    _ => {}
                }
            }
        }
        Ok(CommandLine {
            levels: levels.into_iter().collect(),
            deny_warnings,
        })
    }
}

/// Reads a lint's name from the command line (`-D W-unlinked`).
pub fn parse_name(name: &str) -> Result<Code, String> {
    lint_named(name).map_err(|why| match why.help {
        Some(help) => format!("{name} {}; {help}", why.message),
        None => format!("{name} {}", why.message),
    })
}

/// Why a name is not a lint's (said after the name), and how to write it.
struct NotALint {
    message: String,
    help: Option<String>,
}

fn lint_named(name: &str) -> Result<Code, NotALint> {
    if let Some(code) = Code::ALL.iter().find(|c| c.as_str() == name) {
        if is_lint(*code) {
            return Ok(*code);
        }
        return Err(NotALint {
            message: "is an error, not a warning: errors cannot be allowed or denied".into(),
            help: Some("fix what it reports; only warnings (W-…) have levels".into()),
        });
    }
    let names: Vec<&str> = all().map(Code::as_str).collect();
    // The name without its prefix, as Clippy's lints are written.
    let prefixed = format!(
        "W-{}",
        name.trim_start_matches(['W', 'w']).trim_start_matches('-')
    );
    let near = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(&prefixed))
        .copied()
        .or_else(|| nearest(name, names.iter().copied()));
    Err(NotALint {
        message: "is not a lint".into(),
        help: Some(match near {
            Some(near) => format!("did you mean {near}? lints are named by their codes"),
            None => format!("the lints are {}", names.join(", ")),
        }),
    })
}

/// Reads `[lints]` of `docket.toml`; each bad name or level is reported at
/// its place, and the others are kept.
pub(crate) fn read(value: Spanned<DeValue<'_>>, file: FileId, diags: &mut Diagnostics) -> Lints {
    let at = |r: Range<usize>| Span::new(file, r);
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        diags.push(
            Diagnostic::error(Code::Config, at(span), "`lints` must be a table")
                .label("not a table")
                .help("write it as a [lints] section, with lines like W-unlinked = \"warn\""),
        );
        return Lints::default();
    };
    let mut lints = Lints::default();
    for (key, level) in table_entries(table) {
        let name = key.get_ref().as_str();
        let code = match lint_named(name) {
            Ok(code) => code,
            Err(why) => {
                let mut d = Diagnostic::error(
                    Code::Config,
                    at(key.span()),
                    format!("`{name}` in [lints] {}", why.message),
                )
                .label("not a lint");
                if let Some(help) = why.help {
                    d = d.help(help);
                }
                diags.push(d);
                continue;
            }
        };
        if let Some(level) = read_level(code, level, file, diags) {
            lints
                .set
                .insert(code, (level, Origin::Config(at(key.span()))));
        }
    }
    lints
}

fn table_entries(table: DeTable<'_>) -> Vec<(Spanned<String>, Spanned<DeValue<'_>>)> {
    table
        .into_iter()
        .map(|(k, v)| {
            let span = k.span();
            (Spanned::new(span, k.into_inner().into_owned()), v)
        })
        .collect()
}

/// The level of one line of `[lints]`, or why it is not one.
fn read_level(
    code: Code,
    value: Spanned<DeValue<'_>>,
    file: FileId,
    diags: &mut Diagnostics,
) -> Option<Level> {
    let span = Span::new(file, value.span());
    let levels = "the levels are \"allow\", \"warn\" and \"deny\"";
    let example = format!("{} = \"warn\"", code.as_str());
    match value.get_ref() {
        DeValue::String(s) => {
            if let Some(level) = Level::from_name(s) {
                return Some(level);
            }
            let help = match nearest(s, Level::ALL.map(Level::name)) {
                Some(near) => format!("did you mean \"{near}\"? {levels}"),
                None => levels.to_string(),
            };
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    span,
                    format!("\"{s}\" is not a level of `{}`", code.as_str()),
                )
                .label("not a level")
                .help(help),
            );
        }
        _ => diags.push(
            Diagnostic::error(
                Code::Config,
                span,
                format!(
                    "wrong kind of value for `{}` in [lints]: a level is a text in quotes",
                    code.as_str()
                ),
            )
            .label("this value")
            .help(format!("write it like {example}; {levels}")),
        ),
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lints_are_named_by_their_codes() {
        assert_eq!(parse_name("W-unlinked"), Ok(Code::Unlinked));
        let short = parse_name("unlinked").unwrap_err();
        assert!(short.contains("did you mean W-unlinked?"), "{short}");
        let typo = parse_name("W-unlinkd").unwrap_err();
        assert!(typo.contains("did you mean W-unlinked?"), "{typo}");
        let error = parse_name("E-broken-link").unwrap_err();
        assert!(error.contains("is an error"), "{error}");
    }

    #[test]
    fn the_command_line_gives_each_lint_one_level() {
        let ok = CommandLine::new(&[Code::Unlinked], &[], &[Code::SkippedFile], false);
        assert_eq!(ok.map(|c| c.levels.len()), Ok(2));
        let twice = CommandLine::new(&[Code::Unlinked], &[], &[Code::Unlinked], false);
        assert!(twice
            .unwrap_err()
            .contains("-A W-unlinked and -D W-unlinked"));
        assert!(CommandLine::new(&[Code::Unlinked, Code::Unlinked], &[], &[], false).is_ok());
    }

    #[test]
    fn deny_warnings_leaves_allowed_lints_allowed() {
        let cli = CommandLine::new(&[Code::SkippedFile], &[], &[], true).unwrap_or_default();
        let lints = Lints::default().with(&cli);
        assert_eq!(lints.level(Code::SkippedFile), Level::Allow);
        assert_eq!(lints.level(Code::Unlinked), Level::Allow);
        assert_eq!(lints.level(Code::SupersedesLater), Level::Deny);
    }
}
