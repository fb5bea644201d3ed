//! `dflint fmt`: format Dockerfiles in place (`dflint_fmt`), or show what would change.
//!
//! Files are found as `check` finds them, and each is formatted with the `[format]` table of its
//! nearest `.dflint.toml`. A changed file is rewritten atomically with its permissions; the
//! formatter keeps the byte-order mark and the line endings. `-` formats standard input to standard
//! output.
//!
//! Exit codes: 0 when the files are formatted (or, with `--check`/`--diff`, already were), 1 with
//! `--check` or `--diff` when a file would change, 2 when a file could not be read, formatted or
//! written, or a configuration could not be used (the other files are still formatted).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use dflint_config::{Discovery, Overrides};
use dflint_fmt::FormatOptions;
use rayon::prelude::*;

use crate::atomic_write::write_atomically;
use crate::discover::{self, Input, Origin};
use crate::fix_cmd::unified_diff;
use crate::output;
use crate::source::SourceFile;

/// Format Dockerfiles: keyword case, spacing, continuation lines, `&&` chains, blank lines.
#[derive(Debug, clap::Args)]
pub(crate) struct FmtArgs {
    /// Files and folders to format; `-` formats standard input to standard output. Folders are
    /// searched for Dockerfiles, honouring .gitignore. Default: the current folder.
    paths: Vec<PathBuf>,
    /// Write nothing; print the changes as a unified diff and exit with 1 when a file would change.
    #[arg(long)]
    check: bool,
    /// Print the changes as a unified diff and write nothing (exit code 1 when there are changes).
    #[arg(long)]
    diff: bool,
    /// Use this configuration file for every file instead of the nearest `.dflint.toml`.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// The name of standard input in messages and for configuration (implies `-` when no path
    /// is given).
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Print only diffs, formatted standard input and errors: no summary.
    #[arg(short, long)]
    quiet: bool,
}

/// What became of one input.
#[derive(Default)]
struct Outcome {
    /// The formatted text differs from the input.
    changed: bool,
    /// With `--check`/`--diff`: the changes.
    diff: Option<String>,
    /// Standard input: the text to print (the input itself when it could not be formatted).
    stdout_text: Option<String>,
    /// Why this input makes the run exit with 2.
    error: Option<String>,
}

pub(crate) fn run(mut args: FmtArgs) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    if args.paths.is_empty() && args.stdin_filename.is_some() {
        args.paths.push(PathBuf::from("-"));
    }
    let (inputs, walk_errors) = discover::collect(&args.paths, &cwd, args.stdin_filename.as_deref());
    let discovery = match &args.config {
        Some(path) => Discovery::with_config_file(&cwd, path, Overrides::default()),
        None => Discovery::new(&cwd, Overrides::default()),
    };
    let mut discovery = match discovery {
        Ok(discovery) => discovery,
        Err(err) => {
            eprintln!("{err}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut jobs = Vec::with_capacity(inputs.len());
    let mut config_errors = Vec::new();
    for input in inputs {
        match discovery.config_for_folder(input.path.parent().unwrap_or(Path::new("/"))) {
            Ok(config) => jobs.push((input, config.format.clone())),
            Err(err) if !config_errors.contains(&err) => config_errors.push(err),
            Err(_) => {}
        }
    }
    if !config_errors.is_empty() {
        for err in config_errors {
            eprintln!("{err}");
        }
        return Ok(ExitCode::from(2));
    }

    let show_diff = args.check || args.diff;
    let outcomes: Vec<Outcome> =
        jobs.par_iter().map(|(input, options)| format_one(input, options, show_diff)).collect();

    let mut errors: Vec<String> = walk_errors.iter().map(ToString::to_string).collect();
    errors.extend(outcomes.iter().filter_map(|o| o.error.clone()));
    let mut stdout = BufWriter::new(io::stdout().lock());
    for outcome in &outcomes {
        for text in [&outcome.diff, &outcome.stdout_text].into_iter().flatten() {
            stdout.write_all(text.as_bytes())?;
        }
    }
    stdout.flush()?;
    for error in &errors {
        eprintln!("{error}");
    }
    let changed = outcomes.iter().filter(|o| o.changed).count();
    let unchanged = outcomes.iter().filter(|o| !o.changed && o.error.is_none()).count();
    // Standard input alone (an editor's pipe) gets no summary.
    let only_stdin = !jobs.is_empty() && jobs.iter().all(|(input, _)| input.origin == Origin::Stdin);
    if !args.quiet && !only_stdin {
        if outcomes.is_empty() && errors.is_empty() {
            eprintln!("dflint: warning: no Dockerfiles found");
        } else if show_diff {
            eprintln!(
                "{} would be reformatted, {} already formatted.",
                output::count(changed, "file"),
                output::count(unchanged, "file")
            );
        } else {
            eprintln!(
                "{} reformatted, {} already formatted.",
                output::count(changed, "file"),
                output::count(unchanged, "file")
            );
        }
    }
    let code = if !errors.is_empty() { 2 } else { u8::from(show_diff && changed > 0) };
    Ok(ExitCode::from(code))
}

/// Reads, formats and (unless only showing the changes) writes one input.
fn format_one(input: &Input, options: &FormatOptions, show_diff: bool) -> Outcome {
    let source = match &input.origin {
        Origin::Stdin => SourceFile::read_stdin(input.name.clone()),
        Origin::File(path) => SourceFile::read_file(path, input.name.clone()),
    };
    let source = match source {
        Ok(source) => source,
        Err(err) => return Outcome { error: Some(err.to_string()), ..Outcome::default() },
    };
    let stdin = input.origin == Origin::Stdin;
    let formatted = match dflint_fmt::format(&source.text, options) {
        Ok(formatted) => formatted,
        Err(err) => {
            // Standard input is still echoed, so that a pipe through `dflint fmt -` loses nothing.
            let stdout_text = (stdin && !show_diff).then(|| source.text.clone());
            return Outcome { error: Some(format!("{}: error: {err}", input.name)), stdout_text, ..Outcome::default() };
        }
    };
    let changed = formatted != source.text;
    if show_diff {
        let diff = changed.then(|| unified_diff(&input.name, &source.text, &formatted));
        return Outcome { changed, diff, ..Outcome::default() };
    }
    match &input.origin {
        Origin::Stdin => Outcome { changed, stdout_text: Some(formatted), ..Outcome::default() },
        Origin::File(path) if changed => match write_atomically(path, &formatted) {
            Ok(()) => Outcome { changed, ..Outcome::default() },
            Err(err) => Outcome {
                error: Some(format!("{}: error: cannot write file: {err}", input.name)),
                ..Outcome::default()
            },
        },
        Origin::File(_) => Outcome::default(),
    }
}
