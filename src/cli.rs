//! The command line: argv → a [`Cli`] with typed options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::diag::Format;

#[derive(Debug, Parser)]
#[command(name = "docket", version, about = "Build and check a policy database website", long_about = None)]
pub struct Cli {
    /// The site folder (the one holding docket.toml)
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder of static files
    Build(BuildArgs),
    /// Check the content and render every page, writing nothing
    Check(CheckArgs),
    /// Preview the site: build it in memory, serve it, rebuild on changes
    Serve(ServeArgs),
    /// Create a new entry with the next free id, or a new site
    #[command(subcommand)]
    New(NewCommand),
    /// Write entries from a spreadsheet, one row an entry (CSV, TSV, XLSX, ODS)
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheet: a header row naming the columns, then a row an entry
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What the rows are: policy, court-action, commentary or case (default:
    /// the mapping file's kind, or the file's name, like policies.csv)
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Option<crate::import::What>,
    /// A mapping file: which key each column fills, defaults, the list
    /// separator, date formats
    #[arg(long, value_name = "MAPPING.toml")]
    pub map: Option<PathBuf>,
    /// The sheet of a workbook (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Check every row and list the files, writing nothing
    #[arg(long)]
    pub dry_run: bool,
    /// How to print problems
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

fn parse_kind(s: &str) -> Result<crate::import::What, String> {
    use crate::import::What;
    What::from_name(s).ok_or_else(|| {
        let near = crate::diag::nearest(s, What::NAMES)
            .map(|n| format!("did you mean {n}? "))
            .unwrap_or_default();
        format!(
            "`{s}` is not a kind of entry: {near}the kinds are policy, court-action, commentary and case"
        )
    })
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on (0 picks a free one)
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on (loopback unless told otherwise)
    #[arg(long, default_value = "127.0.0.1")]
    pub interface: String,
    /// Also answer requests for this host name (repeatable); loopback
    /// names and IP addresses are always answered, other names refused
    #[arg(long = "allow-host", value_name = "NAME", value_parser = crate::serve::host::parse_name)]
    pub allow_hosts: Vec<String>,
    /// Open the site in a browser
    #[arg(long)]
    pub open: bool,
    /// Include entries marked draft = true
    #[arg(long)]
    pub drafts: bool,
    #[command(flatten)]
    pub lints: LintArgs,
}

/// Lint levels for one run, over those of `[lints]` in docket.toml.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Warnings")]
pub struct LintArgs {
    /// Allow a warning: do not show it (repeatable; a code like W-unlinked)
    #[arg(short = 'A', long = "allow", value_name = "LINT", value_parser = crate::diag::lints::parse_name)]
    pub allow: Vec<crate::diag::Code>,
    /// Show a warning as a warning (repeatable)
    #[arg(short = 'W', long = "warn", value_name = "LINT", value_parser = crate::diag::lints::parse_name)]
    pub warn: Vec<crate::diag::Code>,
    /// Deny a warning: make it an error (repeatable)
    #[arg(short = 'D', long = "deny", value_name = "LINT", value_parser = crate::diag::lints::parse_name)]
    pub deny: Vec<crate::diag::Code>,
    /// Make every warning that is shown an error (exit 1)
    #[arg(long)]
    pub deny_warnings: bool,
}

impl LintArgs {
    /// The levels given, or why they cannot all hold.
    pub fn levels(&self) -> Result<crate::diag::lints::CommandLine, String> {
        crate::diag::lints::CommandLine::new(
            &self.allow,
            &self.warn,
            &self.deny,
            self.deny_warnings,
        )
    }
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A new policy in content/policies/
    Policy(NewEntryArgs),
    /// A new court action in content/court-actions/
    CourtAction(NewEntryArgs),
    /// A new commentary item in content/commentary/
    Commentary(NewEntryArgs),
    /// A new case file in content/cases/
    Case(NewCaseArgs),
    /// A starter site in a new or empty folder (the default theme is built in)
    Site(NewSiteArgs),
}

#[derive(Debug, Args)]
pub struct NewEntryArgs {
    /// The entry's title; the file name is made from it
    #[arg(long)]
    pub title: String,
    /// Its date (announced, filed or published), if not today
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct NewCaseArgs {
    /// The case's name, as its filings give it; the file name is made from it
    #[arg(long)]
    pub name: String,
    /// Its court, as its filings give it
    #[arg(long)]
    pub court: Option<String>,
    /// Its docket number, as its filings give it
    #[arg(long)]
    pub docket: Option<String>,
    /// When it was filed, if known: a day, or a month or year when the
    /// day is not known
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_partial_date)]
    pub filed: Option<crate::content::date::Date>,
}

#[derive(Debug, Args)]
pub struct NewSiteArgs {
    /// The folder to create the site in
    pub dir: PathBuf,
    /// The site's title
    #[arg(long, default_value = "Policy Tracker")]
    pub title: String,
    /// Also write a copy of the built-in default theme into themes/default/, to change all of it
    #[arg(long)]
    pub eject_theme: bool,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: write it year-month-day, like 2025-01-31"))
}

fn parse_partial_date(s: &str) -> Result<crate::content::date::Date, String> {
    crate::content::date::Date::parse(s.trim()).ok_or_else(|| {
        format!("`{s}` is not a date: write it year-month-day, like 2025-01-31, or year-month or year when the day is not known")
    })
}

/// `--base-url` is checked as `base_url` of docket.toml is; a bad one is
/// bad usage (exit 2), reported before the site is read.
fn parse_base_url(s: &str) -> Result<String, String> {
    crate::config::check_base_url(s)
        .map(|_| s.to_string())
        .map_err(|why| format!("{why}; give the site's address, like https://example.org/tracker/"))
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site, relative to the site root (replaced as a
    /// whole when the build succeeds)
    #[arg(long, short, value_name = "DIR", default_value = "public")]
    pub output: PathBuf,
    /// Include entries marked draft = true
    #[arg(long)]
    pub drafts: bool,
    /// The address the site is published at, replacing base_url of docket.toml
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// Also write the whole site as a zip file, download/SITE-offline.zip
    #[arg(long)]
    pub archive: bool,
    /// How to print problems
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    #[command(flatten)]
    pub lints: LintArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Include entries marked draft = true
    #[arg(long)]
    pub drafts: bool,
    /// How to print problems
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    #[command(flatten)]
    pub lints: LintArgs,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
