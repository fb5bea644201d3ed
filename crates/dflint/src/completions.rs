//! `dflint completions SHELL` and `dflint man`: shell completions and manual pages, generated from
//! the command-line definition itself so that they never fall behind it.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;

/// Print a shell completion script.
///
/// bash: `dflint completions bash > ~/.local/share/bash-completion/completions/dflint`;
/// zsh: `dflint completions zsh > "${fpath[1]}/_dflint"`;
/// fish: `dflint completions fish > ~/.config/fish/completions/dflint.fish`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Print the manual page (roff), or write one page a subcommand into a folder.
///
/// `dflint man | man -l -` shows it, `dflint man check | man -l -` the page of `dflint check`;
/// `dflint man --dir /usr/local/share/man/man1` installs them all.
#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {
    /// Print the page of this subcommand (`dflint-SUBCOMMAND(1)`) instead.
    #[arg(value_name = "SUBCOMMAND", conflicts_with = "dir")]
    subcommand: Option<String>,
    /// Write `dflint.1` and `dflint-SUBCOMMAND.1` into this folder instead of printing `dflint.1`.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub(crate) fn completions(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut command = crate::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "dflint", &mut out);
    io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn man(args: ManArgs) -> anyhow::Result<ExitCode> {
    let mut command = crate::Cli::command();
    match args.dir {
        None => {
            if let Some(name) = &args.subcommand {
                command.build();
                let Some(sub) = command.find_subcommand(name) else {
                    eprintln!("dflint: error: no subcommand `{name}` (see `dflint --help`)");
                    return Ok(ExitCode::from(2));
                };
                command = sub.clone().name(format!("dflint-{}", sub.get_name()));
            }
            let mut out = Vec::new();
            clap_mangen::Man::new(command).render(&mut out)?;
            io::stdout().lock().write_all(&out)?;
        }
        Some(dir) => {
            std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(command, &dir).with_context(|| format!("cannot write to {}", dir.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
