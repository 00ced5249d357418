//! The commands: each one a single call into the pipeline, then what to
//! print and which exit code to give.

mod build;
mod check;
pub mod new;
mod starter;

use std::io::IsTerminal;
use std::path::Path;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use crate::cli::{Cli, Command};
use crate::diag::{self, Diagnostics, Format};
use crate::source::Sources;

/// How a command ended, as its exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success = 0,
    /// The content has errors (or warnings, with --deny-warnings).
    ContentErrors = 1,
    /// Bad usage, or an I/O failure.
    Fatal = 2,
}

pub fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Build(args) => build::run(&cli.root, &args),
        Command::Check(args) => check::run(&cli.root, &args),
        Command::Serve(args) => {
            let options = crate::serve::Options {
                interface: args.interface,
                port: args.port,
                open: args.open,
                allow_hosts: args.allow_hosts,
                load: crate::LoadOptions {
                    drafts: args.drafts,
                    base_url: None,
                },
            };
            match crate::serve::serve(&cli.root, options) {
                Ok(()) => Outcome::Success,
                Err(e) => {
                    eprintln!("error: {}", crate::terminal::visible(&e));
                    Outcome::Fatal
                }
            }
        }
        Command::New(command) => new::run(&cli.root, &command),
    }
}

/// Prints diagnostics: human ones on stderr (coloured on a terminal unless
/// NO_COLOR is set), machine-readable ones on stdout.
pub(crate) fn report(format: Format, sources: &Sources, diags: &Diagnostics) {
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
            diag::emit(&mut lock, format, sources, diags)
        }
        Format::Json | Format::Github => {
            let stream = StandardStream::stdout(ColorChoice::Never);
            let mut lock = stream.lock();
            diag::emit(&mut lock, format, sources, diags)
        }
    };
    if let Err(e) = result {
        eprintln!("docket: cannot print diagnostics: {e}");
    }
}

/// The exit code of a run that found errors: 2 when a file could not be
/// read (the book's "I/O failure"), else 1 for errors in the content.
pub(crate) fn failure(diags: &Diagnostics) -> Outcome {
    if diags.has_io_errors() {
        Outcome::Fatal
    } else {
        Outcome::ContentErrors
    }
}

pub(crate) fn summary(diags: &Diagnostics) -> String {
    format!(
        "{}, {}",
        count(diags.errors(), "error", "errors"),
        count(diags.warnings(), "warning", "warnings")
    )
}

/// `1 entry`, `2 entries`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Prints an error that stops the command (file names in it made
/// [`visible`](crate::terminal::visible)) and gives exit code 2.
pub(crate) fn fatal(e: &dyn std::error::Error) -> Outcome {
    let text = crate::error::chain(e);
    eprintln!("error: {}", crate::terminal::visible(&text));
    Outcome::Fatal
}

/// A path as printed: file names come from the site.
pub(crate) fn display(p: &Path) -> String {
    crate::terminal::visible(&p.display().to_string()).into_owned()
}
