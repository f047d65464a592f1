//! `newsnlp`: the command users run. It answers `newsnlp stages` and
//! `newsnlp schema` itself and hands every other command, with its
//! arguments, standard streams and exit status, to `newsnlp-engine` in the
//! same folder (the front end that links libtorch), by `exec`: the process
//! stays the same, so signals, pipes and exit codes behave as if the engine
//! had been started directly.
//!
//! Loading libtorch costs about a quarter of a second at every start (its
//! static initialisers register every operator); the two commands answered
//! here need no model, so they start in milliseconds.

// The launcher writes the two answers it owns to stdout by design.
#![allow(clippy::print_stdout)]

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

/// The JSON Schema of the output, as `newsnlp-engine schema` prints it.
const OUTPUT_SCHEMA: &str = include_str!("../../../schema/annotated-document.schema.json");

/// File name of the front end that runs every other command.
const ENGINE: &str = "newsnlp-engine";

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match args
        .iter()
        .map(|a| a.to_str())
        .collect::<Vec<_>>()
        .as_slice()
    {
        [Some("stages")] => {
            print!("{}", newsnlp_model::stages::describe());
            ExitCode::SUCCESS
        }
        [Some("schema")] => {
            print!("{OUTPUT_SCHEMA}");
            ExitCode::SUCCESS
        }
        _ => run_engine(args),
    }
}

/// Replaces this process with the engine; returns only if that fails.
fn run_engine(args: Vec<OsString>) -> ExitCode {
    let engine = match engine_path() {
        Ok(path) => path,
        Err(message) => {
            eprintln!("newsnlp: error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let err = Command::new(&engine).arg0("newsnlp").args(args).exec();
    eprintln!("newsnlp: error: cannot run {}: {err}", engine.display());
    ExitCode::FAILURE
}

/// `newsnlp-engine` in the folder of this executable (links resolved).
fn engine_path() -> Result<PathBuf, String> {
    let me = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| format!("cannot find the newsnlp executable's folder: {e}"))?;
    let engine = me.with_file_name(ENGINE);
    if engine.is_file() {
        Ok(engine)
    } else {
        Err(format!(
            "{} is missing: newsnlp needs {ENGINE} beside it (cargo build --release -p newsnlp-cli builds both)",
            engine.display()
        ))
    }
}
