//! The `sco` binary: parse the command line, run the command, map the outcome to an exit code.
//!
//! Exit codes: 0 success; 1 the command ran but its answer is negative (e.g. `sco check` found entries
//! the rules reject); 2 bad input (arguments, dates, unknown states, malformed files); 3 an unexpected
//! internal error. A closed pipe (`sco timeline | head`) is a normal end.

mod cli;
mod commands;
mod error;
mod output;
mod progress;
mod provenance;
mod tabular;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::error::classify;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(status) => status.into(),
        Err(error) => {
            let (code, is_pipe) = classify(&error);
            if is_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {error:#}");
            ExitCode::from(code)
        }
    }
}
