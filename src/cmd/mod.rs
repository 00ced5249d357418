//! The commands: each one a single call into the pipeline, then what to
//! print and which exit code to give; one file a command.

mod build;
mod check;
mod import;
pub mod new;
mod serve;
mod starter;

use crate::cli::{Cli, Command};
use crate::diag::Diagnostics;

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
        Command::Serve(args) => serve::run(&cli.root, args),
        Command::New(command) => new::run(&cli.root, &command),
        Command::Import(args) => import::run(&cli.root, &args),
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

/// The levels given by `-A`, `-W`, `-D` and `--deny-warnings`; a lint
/// given two levels is bad usage (exit 2).
pub(crate) fn lint_levels(
    args: &crate::cli::LintArgs,
) -> Result<crate::diag::lints::CommandLine, Outcome> {
    args.levels().map_err(|why| {
        eprintln!("error: {why}");
        Outcome::Fatal
    })
}

/// Prints an error that stops the command (file names in it made
/// [`visible`](crate::terminal::visible)) and gives exit code 2.
pub(crate) fn fatal(e: &dyn std::error::Error) -> Outcome {
    let text = crate::error::chain(e);
    eprintln!("error: {}", crate::terminal::visible(&text));
    Outcome::Fatal
}
