//! `dflint`, the command-line interface.
//!
//! Exit codes: 0 when the command did its job, 1 when it found what it reports on (for now only
//! `debug buildkit` on a file BuildKit would reject), 2 when it could not run (usage error, a file
//! that cannot be read or is not UTF-8).

mod debug;
mod source;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A Dockerfile linter.
#[derive(Debug, Parser)]
#[command(name = "dflint", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show how dflint reads a Dockerfile (for people working on dflint).
    #[command(subcommand)]
    Debug(debug::DebugCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Debug(command) => debug::run(command),
    };
    result.unwrap_or_else(|err| {
        // An unreadable input already says where it is; anything else gets our name in front.
        match err.downcast_ref::<source::InputError>() {
            Some(input_error) => eprintln!("{input_error}"),
            None => eprintln!("dflint: error: {err:#}"),
        }
        ExitCode::from(2)
    })
}
