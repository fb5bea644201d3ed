//! `dflint check`: find the files, resolve their configuration, lint them in parallel, fix them
//! when asked, print the findings in the chosen format, and choose the exit code.
//!
//! Exit codes: 0 when nothing at or above the fail level was found, 1 when something was (with
//! `--diff`: when there is something to fix), 2 when a file or a configuration could not be used.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use dflint_config::{Config, ConfigError, Discovery, FailLevel, OutputFormat, Overrides, ShellcheckPositions};
use rayon::prelude::*;

use crate::discover::{self, Input, Origin};
use crate::fix_cmd::{self, FixMode};
use crate::output::{self, human, FileReport, Format};
use crate::source::SourceFile;

/// Lint Dockerfiles (the default command: `dflint PATHS...` means `dflint check PATHS...`).
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Files and folders to lint; `-` reads standard input. Folders are searched for Dockerfiles,
    /// honouring .gitignore. Default: standard input when a Dockerfile is piped or redirected
    /// into it, else the current folder.
    paths: Vec<PathBuf>,
    /// How to print findings [default: human, or `output-format` from the configuration].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// When to colour the human format (NO_COLOR turns `auto` off).
    #[arg(long, value_enum, default_value_t = ColorMode::Auto)]
    color: ColorMode,
    /// Rules to run, replacing the configured set: codes, names, prefixes (`DL3`) or ALL.
    #[arg(long, value_name = "RULES", value_delimiter = ',', value_parser = parse_selector)]
    select: Option<Vec<String>>,
    /// Rules to run in addition to the configured set.
    #[arg(long, value_name = "RULES", value_delimiter = ',', value_parser = parse_selector)]
    extend_select: Vec<String>,
    /// Rules not to run.
    #[arg(long, value_name = "RULES", value_delimiter = ',', value_parser = parse_selector)]
    ignore: Vec<String>,
    /// The least severe finding that makes the exit code 1: error, warning, info, style or none
    /// [default: info, or `fail-level` from the configuration].
    #[arg(long, value_name = "LEVEL", value_parser = parse_fail_level)]
    fail_level: Option<FailLevel>,
    /// Exit with 0 even when there are findings (errors reading files still exit with 2).
    #[arg(long)]
    no_fail: bool,
    /// Use this configuration file for every file instead of the nearest `.dflint.toml` (a
    /// `.yaml` or `.yml` file is read as hadolint's configuration).
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Apply safe fixes and report what remains.
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, apply unsafe fixes too.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the changes --fix would make as a unified diff, and write nothing (exit code 1 when
    /// there are changes).
    #[arg(long)]
    diff: bool,
    /// Do not run ShellCheck on RUN scripts.
    #[arg(long)]
    no_shellcheck: bool,
    /// Where ShellCheck findings are reported: `exact` (each where it is) or `hadolint` (one per
    /// RUN, the last, at the RUN's line, as hadolint 2.15 does) [default: `shellcheck-positions`
    /// from the configuration, else exact].
    #[arg(long, value_name = "WHERE")]
    shellcheck_positions: Option<PositionsArg>,
    /// The name of standard input in messages and for configuration (implies `-` when no path
    /// is given).
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Print findings only: no summary, no notes.
    #[arg(short, long)]
    quiet: bool,
}

/// `--shellcheck-positions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum PositionsArg {
    /// Every finding where it is.
    Exact,
    /// One finding per RUN, at the RUN's line, as hadolint 2.15.
    Hadolint,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ColorMode {
    /// Colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

fn parse_selector(selector: &str) -> Result<String, String> {
    if dflint_lint::registry::select(selector).is_empty() {
        Err(format!("unknown rule or prefix `{selector}` (see `dflint rules`)"))
    } else {
        Ok(selector.to_owned())
    }
}

fn parse_fail_level(level: &str) -> Result<FailLevel, String> {
    level.parse()
}

/// What became of one input.
#[derive(Default)]
struct Outcome {
    /// The file and its findings; `None` when it could not be read.
    report: Option<FileReport>,
    /// Why this file makes the run exit with 2.
    error: Option<String>,
    /// A finding at or above the fail level.
    fails: bool,
    /// Fixes applied (or, with --diff, that would be).
    fixed: usize,
    /// With --diff: the changes, as a unified diff.
    diff: Option<String>,
    /// Standard input with --fix: the fixed text, for stdout.
    stdout_text: Option<String>,
}

pub(crate) fn run(mut args: CheckArgs) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    if args.paths.is_empty() && (args.stdin_filename.is_some() || crate::source::piped_stdin()) {
        args.paths.push(PathBuf::from("-"));
    }
    let (inputs, walk_errors) = discover::collect(&args.paths, &cwd, args.stdin_filename.as_deref());
    let jobs = match configure(&args, &cwd, inputs) {
        Ok((jobs, configured_format)) => {
            args.format = args.format.or(configured_format.map(Format::from));
            jobs
        }
        Err(config_errors) => {
            for err in config_errors {
                eprintln!("{err}");
            }
            return Ok(ExitCode::from(2));
        }
    };

    let mode = FixMode { write: args.fix && !args.diff, diff: args.diff, unsafe_fixes: args.unsafe_fixes };
    prefetch_shellcheck(&jobs);
    // One file (a pre-commit hook, an editor shelling out): no thread pool to start.
    let outcomes: Vec<Outcome> = if jobs.len() <= 1 {
        jobs.iter().map(|(input, config)| check_one(input, config, mode, args.format)).collect()
    } else {
        jobs.par_iter().map(|(input, config)| check_one(input, config, mode, args.format)).collect()
    };

    let mut errors: Vec<String> = walk_errors.iter().map(ToString::to_string).collect();
    errors.extend(outcomes.iter().filter_map(|o| o.error.clone()));
    for error in &errors {
        eprintln!("{error}");
    }
    let code = if args.diff { print_diffs(&args, &outcomes)? } else { print_findings(&args, outcomes)? };
    Ok(ExitCode::from(if errors.is_empty() { code } else { 2 }))
}

/// The inputs paired with their configuration, and the output format the configuration of the
/// current folder asks for.
type Configured = (Vec<(Input, Arc<Config>)>, Option<OutputFormat>);

/// Pairs each input with its configuration, or returns every configuration error (each once).
fn configure(args: &CheckArgs, cwd: &Path, inputs: Vec<Input>) -> Result<Configured, Vec<ConfigError>> {
    let overrides = Overrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        fail_level: args.fail_level,
        shellcheck: args.no_shellcheck.then_some(false),
        shellcheck_positions: args.shellcheck_positions.map(|p| match p {
            PositionsArg::Exact => ShellcheckPositions::Exact,
            PositionsArg::Hadolint => ShellcheckPositions::Hadolint,
        }),
    };
    let discovery = match &args.config {
        Some(path) => Discovery::with_config_file(cwd, path, overrides),
        None => Discovery::new(cwd, overrides),
    };
    let mut discovery = discovery.map_err(|err| vec![err])?;
    // A broken configuration here is reported only if a linted file uses it.
    let format = discovery.config_for_folder(cwd).ok().and_then(|config| config.output_format);
    let mut jobs = Vec::with_capacity(inputs.len());
    let mut errors = Vec::new();
    for input in inputs {
        match discovery.config_for_folder(input.path.parent().unwrap_or(Path::new("/"))) {
            Ok(config) => jobs.push((input, config)),
            Err(err) if !errors.contains(&err) => errors.push(err),
            Err(_) => {}
        }
    }
    if errors.is_empty() {
        Ok((jobs, format))
    } else {
        Err(errors)
    }
}

/// `--diff`: the diffs on stdout, a count on stderr; exit code 1 when there is something to fix.
fn print_diffs(args: &CheckArgs, outcomes: &[Outcome]) -> io::Result<u8> {
    let mut stdout = BufWriter::new(io::stdout().lock());
    for diff in outcomes.iter().filter_map(|o| o.diff.as_deref()) {
        stdout.write_all(diff.as_bytes())?;
    }
    stdout.flush()?;
    let fixed: usize = outcomes.iter().map(|o| o.fixed).sum();
    if !args.quiet && !outcomes.is_empty() {
        eprintln!("Would fix {}.", output::count(fixed, "problem"));
    }
    Ok(u8::from(fixed > 0))
}

/// The findings in the chosen format (and, for fixed standard input, the fixed text); exit code 1
/// when a finding is at or above its file's fail level.
fn print_findings(args: &CheckArgs, outcomes: Vec<Outcome>) -> io::Result<u8> {
    // With --fix on standard input, stdout carries the fixed text, and findings go to stderr.
    let stdout_text: Vec<&str> = outcomes.iter().filter_map(|o| o.stdout_text.as_deref()).collect();
    let to_stderr = !stdout_text.is_empty();
    if to_stderr {
        let mut stdout = io::stdout().lock();
        for text in stdout_text {
            stdout.write_all(text.as_bytes())?;
        }
        stdout.flush()?;
    }

    let fails = outcomes.iter().any(|o| o.fails);
    let fixed: usize = outcomes.iter().map(|o| o.fixed).sum();
    let had_errors = outcomes.iter().any(|o| o.error.is_some());
    let reports: Vec<FileReport> = outcomes.into_iter().filter_map(|o| o.report).collect();
    let mut out = writer(to_stderr, use_color(args.color, to_stderr));
    let format = args.format.unwrap_or(Format::Human);
    output::write(format, &mut *out, &reports)?;
    if !args.quiet {
        if format == Format::Human {
            if !reports.is_empty() {
                let mut summary = human::Summary::of(&reports, args.unsafe_fixes);
                summary.fixed = fixed;
                human::write_summary(&mut *out, &summary)?;
            }
        } else if fixed > 0 {
            eprintln!("Fixed {}.", output::count(fixed, "problem"));
        }
        if reports.is_empty() && !had_errors {
            eprintln!("dflint: warning: no Dockerfiles found");
        }
    }
    out.flush()?;
    Ok(u8::from(fails && !args.no_fail))
}

/// Runs ShellCheck once over the `RUN` scripts of all the files (a few processes, not one per
/// file); linting each file then finds its results cached.
fn prefetch_shellcheck(jobs: &[(Input, Arc<Config>)]) {
    if jobs.len() < 2 {
        return;
    }
    // Only the files ShellCheck runs on are read and parsed here (none with --no-shellcheck).
    let runs_shellcheck = |settings: &dflint_lint::Settings| {
        settings.shellcheck && settings.is_enabled(dflint_lint::registry::dynamic_runner())
    };
    if !jobs.iter().any(|(input, config)| runs_shellcheck(&config.settings_for(&input.path))) {
        return;
    }
    let files: Vec<_> = jobs
        .par_iter()
        .filter_map(|(input, config)| match &input.origin {
            Origin::File(path) => {
                let settings = config.settings_for(&input.path);
                if !runs_shellcheck(&settings) {
                    return None;
                }
                std::fs::read_to_string(path).ok().map(|text| (dflint_syntax::parse(&text), settings))
            }
            Origin::Stdin => None,
        })
        .collect();
    dflint_lint::prefetch_shellcheck(files.iter().map(|(parse, settings)| (parse, &**settings)));
}

/// Reads, lints and (when asked) fixes one input.
fn check_one(input: &Input, config: &Config, mode: FixMode, format: Option<Format>) -> Outcome {
    let source = match &input.origin {
        Origin::Stdin => SourceFile::read_stdin(input.name.clone()),
        Origin::File(path) => SourceFile::read_file(path, input.name.clone()),
    };
    let source = match source {
        Ok(source) => source,
        Err(err) => return Outcome { error: Some(err.to_string()), ..Outcome::default() },
    };
    let settings = config.settings_for(&input.path);
    let mut outcome = Outcome::default();
    let (source, diagnostics) = if mode.write || mode.diff {
        let fixed = fix_cmd::fix(input, source, &settings, mode);
        outcome.error = fixed.error;
        outcome.fixed = fixed.applied;
        outcome.diff = fixed.diff;
        outcome.stdout_text = fixed.stdout_text;
        (fixed.source, fixed.remaining)
    } else {
        let diagnostics = dflint_lint::lint_file(&dflint_syntax::parse(&source.text), &settings, Some(&input.path));
        (source, diagnostics)
    };
    outcome.fails = diagnostics.iter().any(|d| config.fail_level.fails_on(d.severity));
    let mut report = FileReport { source, diagnostics, rendered: None };
    // With --diff the findings are not printed.
    if !mode.diff {
        output::prerender(format, &mut report);
    }
    outcome.report = Some(report);
    outcome
}

/// Colour for the human format: `auto` means a terminal and no NO_COLOR.
fn use_color(mode: ColorMode, to_stderr: bool) -> bool {
    match mode {
        ColorMode::Always => true,
        ColorMode::Never => false,
        ColorMode::Auto => {
            let terminal = if to_stderr { io::stderr().is_terminal() } else { io::stdout().is_terminal() };
            terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn writer(to_stderr: bool, color: bool) -> Box<dyn WriteColor> {
    let inner: Box<dyn Write> =
        if to_stderr { Box::new(BufWriter::new(io::stderr())) } else { Box::new(BufWriter::new(io::stdout())) };
    if color {
        Box::new(Ansi::new(inner))
    } else {
        Box::new(NoColor::new(inner))
    }
}
