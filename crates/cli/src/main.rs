//! `newsnlp`: the command-line front end. It only parses flags into a
//! validated configuration and calls the library crates; see `args` for the
//! flags and `commands` for what each subcommand does.

// The CLI writes its results to stdout by design.
#![allow(clippy::print_stdout)]

mod args;
mod commands;
mod eval_html;
mod eval_web;
mod output;
mod progress;
mod report;

use std::process::ExitCode;

use clap::Parser;

/// Exit status when every document was processed but some carry errors.
const EXIT_DOCUMENT_ERRORS: u8 = 3;

fn main() -> ExitCode {
    limit_onednn_primitive_cache();
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

/// Compiled oneDNN kernels libtorch keeps, one per input shape, unless
/// `ONEDNN_PRIMITIVE_CACHE_CAPACITY` is set. With oneDNN's default (1,024)
/// resident memory crept up over a long run as new batch shapes arrived
/// (694 MiB on 2,225 BBC articles, 800 MiB on 20,000); 256 keeps it within
/// 4% (690, 718) at full speed; 64 keeps it flat (635, 633) but runs two
/// model workers about 7% slower. See docs/scaling.md.
const ONEDNN_PRIMITIVE_CACHE: &str = "256";

/// Sets the oneDNN cache size before any thread starts or libtorch reads it.
fn limit_onednn_primitive_cache() {
    const NAME: &str = "ONEDNN_PRIMITIVE_CACHE_CAPACITY";
    if std::env::var_os(NAME).is_none() {
        std::env::set_var(NAME, ONEDNN_PRIMITIVE_CACHE);
    }
}

/// The default log filter: warnings, except the HTML parser's notes on
/// the markup of ordinary pages (`foster parenting not implemented`), which
/// say nothing a user can act on. `NEWSNLP_LOG` replaces the whole filter.
const DEFAULT_LOG_FILTER: &str = "warn,html5ever=error,markup5ever=error,selectors=error";

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("NEWSNLP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(DEFAULT_LOG_FILTER));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}
