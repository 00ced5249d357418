use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = docket::cli::Cli::parse();
    if !matches!(cli.command, docket::cli::Command::Serve(_)) {
        docket::alloc::keep_freed_memory();
    }
    ExitCode::from(docket::cmd::run(cli) as u8)
}

// Why mimalloc and what it costs in memory: Cargo.toml and the book's
// performance chapter.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
