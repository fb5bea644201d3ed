//! `dflint`, the command-line interface: `check` (the default command), `fmt`, `rule`, `rules`,
//! `debug`, `describe`, `migrate` (from hadolint's configuration), `lsp` (the language server, in
//! `dflint_lsp`), `completions`, `man`, and the unlisted `generate-docs`.
//!
//! Exit codes: 0 when the command did its job and found nothing to report, 1 when it found what it
//! reports on (findings at or above the fail level; with `--diff`, something to fix; `debug
//! buildkit` on a file BuildKit would reject), 2 when it could not run (usage error, a bad
//! configuration, a file that cannot be read or is not UTF-8).

mod atomic_write;
mod check;
mod completions;
mod debug;
mod describe;
mod discover;
mod fix_cmd;
mod fmt_cmd;
mod gen_docs;
mod migrate_cmd;
mod output;
mod rules_cmd;
mod source;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A Dockerfile linter.
#[derive(Debug, Parser)]
#[command(name = "dflint", version = env!("DFLINT_VERSION"), about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Check(check::CheckArgs),
    Fmt(fmt_cmd::FmtArgs),
    Rule(rules_cmd::RuleArgs),
    Rules(rules_cmd::RulesArgs),
    /// Show how dflint reads a Dockerfile (for people working on dflint).
    #[command(subcommand)]
    Debug(debug::DebugCommand),
    Describe(describe::DescribeArgs),
    Migrate(migrate_cmd::MigrateArgs),
    /// Run the language server (LSP over standard input and output).
    Lsp,
    Completions(completions::CompletionsArgs),
    Man(completions::ManArgs),
}

/// `dflint PATHS...` and `dflint --format json PATHS...` mean `dflint check ...`: puts `check` in
/// front of arguments that do not start with a subcommand (or `help`, `--help`, `--version`). A
/// bare `dflint` still prints usage.
fn with_default_command(mut args: Vec<OsString>) -> Vec<OsString> {
    let known = |first: &OsString| {
        let cli = Cli::command();
        ["help", "--help", "-h", "--version", "-V"].iter().any(|flag| first == flag)
            || cli.get_subcommands().any(|c| first == c.get_name())
    };
    if args.get(1).is_some_and(|first| !known(first)) {
        args.insert(1, OsString::from("check"));
    }
    args
}

fn main() -> ExitCode {
    // `dflint generate-docs`, for dflint's developers, stays out of the help, completions and man page.
    if std::env::args_os().nth(1).is_some_and(|first| first == "generate-docs") {
        return gen_docs::main(std::env::args_os().skip(1));
    }
    let cli = Cli::parse_from(with_default_command(std::env::args_os().collect()));
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Fmt(args) => fmt_cmd::run(args),
        Command::Rule(args) => rules_cmd::rule(args),
        Command::Rules(args) => rules_cmd::rules(args),
        Command::Debug(command) => debug::run(command),
        Command::Describe(args) => describe::run(args),
        Command::Migrate(args) => migrate_cmd::run(args),
        Command::Lsp => dflint_lsp::run_stdio().map(|()| ExitCode::SUCCESS).map_err(Into::into),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    };
    result.unwrap_or_else(|err| {
        // A reader that went away (`dflint check | head`) is not an error of ours.
        let broken_pipe =
            err.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
        if broken_pipe {
            return ExitCode::SUCCESS;
        }
        // An unreadable input already says where it is; anything else gets our name in front.
        match err.downcast_ref::<source::InputError>() {
            Some(input_error) => eprintln!("{input_error}"),
            None => eprintln!("dflint: error: {err:#}"),
        }
        ExitCode::from(2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(args: &[&str]) -> Vec<String> {
        let args = args.iter().map(OsString::from).collect();
        with_default_command(args).into_iter().map(|a| a.into_string().expect("UTF-8")).collect()
    }

    #[test]
    fn check_is_the_default_command() {
        assert_eq!(rewrite(&["dflint", "Dockerfile"]), ["dflint", "check", "Dockerfile"]);
        assert_eq!(rewrite(&["dflint", "--format", "json", "-"]), ["dflint", "check", "--format", "json", "-"]);
        assert_eq!(rewrite(&["dflint", "-"]), ["dflint", "check", "-"]);
        assert_eq!(rewrite(&["dflint", "check", "x"]), ["dflint", "check", "x"]);
        assert_eq!(rewrite(&["dflint", "rules"]), ["dflint", "rules"]);
        assert_eq!(rewrite(&["dflint", "fmt", "x"]), ["dflint", "fmt", "x"]);
        assert_eq!(rewrite(&["dflint", "--version"]), ["dflint", "--version"]);
        assert_eq!(rewrite(&["dflint"]), ["dflint"]);
        assert_eq!(rewrite(&["dflint", "completions", "bash"]), ["dflint", "completions", "bash"]);
    }
}
