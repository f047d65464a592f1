//! `newsnlp`: the command-line front end. It only parses flags into a
//! validated configuration and calls the library crates; see `args` for the
//! flags and `commands` for what each subcommand does.

// The CLI writes its results to stdout by design.
#![allow(clippy::print_stdout)]

mod args;
mod commands;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

/// Exit status when every document was processed but some carry errors.
const EXIT_DOCUMENT_ERRORS: u8 = 3;

fn main() -> ExitCode {
    init_logging();
    let cli = args::Cli::parse();
    match commands::dispatch(cli.command) {
        Ok(commands::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(commands::Outcome::DocumentErrors) => ExitCode::from(EXIT_DOCUMENT_ERRORS),
        Err(err) => {
            eprintln!("newsnlp: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("NEWSNLP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}
