use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = docket::cli::Cli::parse();
    ExitCode::from(docket::cmd::run(cli) as u8)
}
