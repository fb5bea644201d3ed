//! `dflint debug ...`: what the syntax layer makes of a file, printed for people working on dflint.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use dflint_syntax::{buildkit, debug_tree, parse};

use crate::source::SourceFile;

#[derive(Debug, Subcommand)]
pub(crate) enum DebugCommand {
    /// Print the syntax tree, then the syntax errors on stderr.
    Tree {
        /// The Dockerfile to read, or `-` for standard input.
        file: PathBuf,
    },
    /// Print the tokens as a JSON array of `{"kind", "text"}` objects.
    Tokens {
        /// The Dockerfile to read, or `-` for standard input.
        file: PathBuf,
    },
    /// Print what BuildKit's `Node.Dump()` would print, or BuildKit's parse error (exit code 1).
    Buildkit {
        /// The Dockerfile to read, or `-` for standard input.
        file: PathBuf,
    },
}

pub(crate) fn run(command: DebugCommand) -> anyhow::Result<ExitCode> {
    match command {
        DebugCommand::Tree { file } => tree(&SourceFile::read(&file)?),
        DebugCommand::Tokens { file } => tokens(&SourceFile::read(&file)?),
        DebugCommand::Buildkit { file } => buildkit(&SourceFile::read(&file)?),
    }
}

fn tree(source: &SourceFile) -> anyhow::Result<ExitCode> {
    let parse = parse(&source.text);
    write_stdout(&debug_tree(&parse.syntax_node()))?;
    for error in parse.errors() {
        let pos = source.position(error.range.start());
        eprintln!("{}:{pos}: error: {}", source.name, error.message);
    }
    Ok(ExitCode::SUCCESS)
}

fn tokens(source: &SourceFile) -> anyhow::Result<ExitCode> {
    let root = parse(&source.text).syntax_node();
    let tokens = root.descendants_with_tokens().filter_map(|element| element.into_token());
    let mut json = String::from("[");
    for (i, token) in tokens.enumerate() {
        let object = serde_json::json!({ "kind": format!("{:?}", token.kind()), "text": token.text() });
        json.push_str(if i == 0 { "\n  " } else { ",\n  " });
        json.push_str(&object.to_string());
    }
    json.push_str(if json.len() > 1 { "\n]\n" } else { "]\n" });
    write_stdout(&json)?;
    Ok(ExitCode::SUCCESS)
}

fn buildkit(source: &SourceFile) -> anyhow::Result<ExitCode> {
    match buildkit::dump(&parse(&source.text)) {
        Ok(dump) => {
            write_stdout(&dump)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("{}:{}: {}", source.name, err.line, err.message);
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Writes to stdout, turning a closed pipe into an error rather than a panic.
fn write_stdout(text: &str) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    out.write_all(text.as_bytes())?;
    out.flush()
}
