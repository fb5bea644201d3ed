//! DF160: ShellCheck on the shell scripts of `RUN` instructions, its `SCxxxx` findings reported
//! where they are in the Dockerfile.
//!
//! Every ShellCheck code is a rule of its own, made the first time it is named (by a finding, a
//! selector or a pragma): [`sc_rule`] gives one [`RuleMeta`] per code, outside the registry's
//! list, so `--ignore SC2086`, `[severity] SC2086 = "error"` and `# hadolint ignore=SC2086` work
//! as for any code, and outputs show the `SCxxxx` code. DF160 is the registered rule that runs
//! ShellCheck: ignoring it (or `shellcheck = false`, `--no-shellcheck`) turns them all off.
//!
//! What ShellCheck gets, as hadolint gives it: the script after a `#!` line naming the SHELL's
//! program (`sh`, `bash`, `dash`, `ksh`, `ash`) and one line `export NAME=1 ...` declaring the
//! variables the instruction sees (its stage's ARGs and ENVs, the parent stages' ENVs, and
//! BuildKit's proxy ARGs), so that SC2154 is not reported for them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::registry::{FixAvailability, RuleMeta};
use crate::rules::shellcheck_process::{self, Comment};
use crate::{Severity, ShellcheckPositions};
use dflint_model::{Run, RunScript};
use dflint_syntax::ast::{self, AstNode, LogicalText};
use dflint_syntax::{TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Runs [ShellCheck](https://www.shellcheck.net) on the shell scripts of `RUN` instructions
    /// (shell form, and heredoc scripts a POSIX shell runs) and reports its findings under their
    /// own codes (`SC2086`, ...), at the exact place in the Dockerfile, as hadolint does. ShellCheck
    /// must be installed (`shellcheck` on `PATH`, or `shellcheck-path` in `.dflint.toml`); without
    /// it nothing is reported. Stages whose `SHELL` is not a POSIX shell (PowerShell, `cmd`,
    /// Windows images) and `zsh` scripts are not checked. The dialect follows `SHELL` (`bash`,
    /// `sh`, `dash`, `ksh`, `ash`), or a heredoc script's `#!` line.
    ///
    /// Each `SCxxxx` code can be selected, ignored, given a severity or suppressed on its own
    /// (`--ignore SC2086`, `# hadolint ignore=SC2086`); ignoring `DF160` (or `shellcheck = false`,
    /// `--no-shellcheck`) stops ShellCheck altogether. A finding's severity is ShellCheck's level
    /// (error, warning, info, style) unless configured for the code (or for `DF160`, then for
    /// every code). SC1090, SC1091 (sourced files) and SC2187
    /// (ash checked as dash) are never reported, as in hadolint; SC2002 (useless `cat`) is
    /// off unless selected, as in ShellCheck 0.11. The variables the `RUN` sees
    /// (ARG and ENV, BuildKit's proxy ARGs) are declared, so ShellCheck does not report them as
    /// unassigned.
    ///
    /// Deliberate differences from hadolint 2.15.1: hadolint reports one ShellCheck finding per
    /// `RUN` (the last), at the `RUN`'s line; dflint reports every finding where it is
    /// (`shellcheck-positions = "hadolint"` in `.dflint.toml`, or `--shellcheck-positions
    /// hadolint`, reports them as hadolint does, e.g. to compare the two or keep a baseline made
    /// with hadolint). hadolint
    /// also runs ShellCheck on `cmd` and PowerShell `RUN`s of Windows images (only a `SHELL`
    /// starting with `pwsh` is skipped), forgets the `SHELL` a stage inherits from its parent
    /// stage, and declares only the ARG/ENV of the stage itself. The ShellCheck installed may be
    /// older than hadolint's (Debian 12 has 0.9.0, hadolint 2.15.1 embeds a newer one): some
    /// codes then differ (0.9.0 reports SC2015 for `a && b || true`).
    ///
    /// ## Why is this bad?
    /// A `RUN` line is a shell script: unquoted expansions, a `cd` whose failure is ignored or a
    /// bashism under `/bin/sh` break builds in the same ways they break scripts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo $1
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo "$1"
    /// ```
    ///
    /// ## References
    /// - [ShellCheck wiki](https://www.shellcheck.net/wiki/)
    /// - [hadolint: ShellCheck integration](https://github.com/hadolint/hadolint#linting)
    pub(crate) static RULE = {
        code: "DF160",
        name: "shellcheck",
        severity: Warning,
        fix: None,
        check: check,
    }
}

/// BuildKit's predefined proxy ARGs: usable in `RUN` without being declared.
const PROXY_ARGS: &[&str] =
    &["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy"];

/// Codes reported only when selected: SC2002 (useless `cat`), off by default since ShellCheck
/// 0.11 (hadolint 2.15 embeds a ShellCheck that no longer reports it).
const OFF_BY_DEFAULT: &[u32] = &[2002];

/// The rule of ShellCheck code `key` (`SC2086`, any case): made on first use, then the same one.
pub(crate) fn sc_rule(key: &str) -> Option<&'static RuleMeta> {
    let digits = key.strip_prefix("SC").or_else(|| key.strip_prefix("sc"))?;
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u32 = digits.parse().ok()?;
    if number < 1000 {
        return None;
    }
    Some(sc_rule_of(number, None))
}

/// The rule of ShellCheck code `number`; `level` is the default severity of a rule made now.
fn sc_rule_of(number: u32, level: Option<Severity>) -> &'static RuleMeta {
    static RULES: OnceLock<Mutex<HashMap<u32, &'static RuleMeta>>> = OnceLock::new();
    let mut rules = RULES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    rules.entry(number).or_insert_with(|| {
        let code: &'static str = Box::leak(format!("SC{number}").into_boxed_str());
        let docs: &'static str = Box::leak(sc_docs(code).into_boxed_str());
        Box::leak(Box::new(RuleMeta {
            code,
            name: "shellcheck",
            severity: level.unwrap_or(Severity::Warning),
            fix: FixAvailability::None,
            hadolint: Some(code),
            buildkit: None,
            enabled_by_default: !OFF_BY_DEFAULT.contains(&number),
            docs,
            check: |_| {},
        }))
    })
}

fn sc_docs(code: &str) -> String {
    format!(
        " ## What it does\n \
         ShellCheck's check {code}, reported by DF160 (`shellcheck`) in the shell script of a `RUN`.\n \
         See [the ShellCheck wiki on {code}](https://www.shellcheck.net/wiki/{code}).\n\n \
         ## Why is this bad?\n See the ShellCheck wiki.\n\n \
         ## Example\n See the ShellCheck wiki.\n\n \
         ## Use instead\n See the ShellCheck wiki.\n\n \
         ## References\n - [{code}](https://www.shellcheck.net/wiki/{code})\n"
    )
}

fn severity_of(level: &str) -> Severity {
    match level {
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        "style" => Severity::Style,
        _ => Severity::Error,
    }
}

/// Where a stretch of the checked text comes from.
#[derive(Clone, Debug)]
enum Origin {
    /// A stretch of a logical text, from this logical offset.
    Logical(LogicalText, usize),
    /// File text, from this file offset.
    File(TextSize),
    /// Text we added (the `#!` and `export` lines, heredoc terminators): findings here are ours.
    Added,
}

/// A script as ShellCheck gets it, with the way back to the Dockerfile.
#[derive(Clone, Debug)]
struct Job {
    text: String,
    /// The start of the `RUN` instruction (of its `ONBUILD`) whose script this is.
    anchor: TextSize,
    /// `(start in text, origin)`, in order.
    pieces: Vec<(usize, Origin)>,
}

impl Job {
    fn push(&mut self, s: &str, origin: Origin) {
        self.pieces.push((self.text.len(), origin));
        self.text.push_str(s);
    }

    /// The file offset of `offset` of the text; `None` in added text.
    fn to_file(&self, offset: usize, is_end: bool) -> Option<TextSize> {
        // An end offset where two pieces meet belongs to the earlier piece.
        let i = self.pieces.partition_point(|(s, _)| if is_end { *s < offset } else { *s <= offset });
        let (start, origin) = self.pieces.get(i.checked_sub(1)?)?;
        let local = offset - start;
        match origin {
            Origin::Logical(lt, from) => Some(if is_end && local > 0 {
                lt.range_to_source(from + local - 1..from + local).end()
            } else {
                lt.to_source(from + local)
            }),
            Origin::File(at) => Some(*at + TextSize::from(local as u32)),
            Origin::Added => None,
        }
    }

    /// The byte offset of ShellCheck's (line, column) (1-based; columns count characters).
    fn offset(&self, line: usize, column: usize) -> usize {
        let mut start = 0;
        for _ in 1..line {
            match self.text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return self.text.len(),
            }
        }
        let line_text = &self.text[start..];
        let line_end = line_text.find('\n').unwrap_or(line_text.len());
        let within = line_text[..line_end].char_indices().nth(column.saturating_sub(1)).map_or(line_end, |(i, _)| i);
        start + within
    }

    /// The file range of a comment; `None` when it lies in text we added.
    fn range(&self, c: &Comment) -> Option<TextRange> {
        let start = self.offset(c.line, c.column);
        let end = self.offset(c.end_line, c.end_column).max(start);
        let file_start = self.to_file(start, false)?;
        let file_end = self.to_file(end, true).filter(|e| *e >= file_start).unwrap_or(file_start);
        Some(TextRange::new(file_start, file_end))
    }
}

/// ShellCheck's dialect for a shell program (a path or a name); `None` when ShellCheck cannot
/// check its language.
fn dialect(program: &str) -> Option<&'static str> {
    let base = program.rsplit(['/', '\\']).next().unwrap_or(program).to_ascii_lowercase();
    Some(match base.strip_suffix(".exe").unwrap_or(&base) {
        "sh" => "sh",
        "bash" => "bash",
        "dash" => "dash",
        "ksh" | "mksh" | "ksh93" => "ksh",
        "ash" | "busybox" => "ash",
        _ => return None,
    })
}

/// The program of a SHELL argv (`/usr/bin/env bash -c` gives `bash`).
fn shell_program(shell: &[String]) -> Option<&str> {
    let mut words = shell.iter();
    let first = words.next()?;
    if first.rsplit('/').next() == Some("env") {
        return words.find(|w| !w.starts_with('-')).map(String::as_str);
    }
    Some(first)
}

/// The `#!` interpreter of a script's first line.
fn shebang_program(text: &str) -> Option<&str> {
    let line = text.strip_prefix("#!")?.lines().next().unwrap_or_default();
    let mut words = line.split_whitespace();
    let program = words.next()?;
    if program.rsplit('/').next() == Some("env") {
        return words.find(|w| !w.starts_with('-'));
    }
    Some(program)
}

fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The `#!` and `export` lines for `dialect` and `vars`.
fn header(job: &mut Job, dialect: &str, vars: &[String]) {
    job.push(&format!("#!/bin/{dialect}\n"), Origin::Added);
    export_line(job, vars);
}

fn export_line(job: &mut Job, vars: &[String]) {
    let mut line = String::from("export");
    for v in vars {
        line.push_str(&format!(" {v}=1"));
    }
    line.push('\n');
    job.push(&line, Origin::Added);
}

/// A heredoc body run as a script of its own, in `dialect` unless its `#!` line says otherwise.
fn body_job(body: &RunScript, dialect: &str, vars: &[String]) -> Option<Job> {
    let text = body.text();
    let start = body.source.to_source(0);
    let mut job = Job { text: String::new(), anchor: TextSize::from(0), pieces: Vec::new() };
    match shebang_program(text) {
        Some(program) => {
            self::dialect(program)?;
            let first_line = text.find('\n').map_or(text.len(), |i| i + 1);
            job.push(&text[..first_line], Origin::File(start));
            if !text[..first_line].ends_with('\n') {
                job.push("\n", Origin::Added);
            }
            export_line(&mut job, vars);
            job.push(&text[first_line..], Origin::File(start + TextSize::from(first_line as u32)));
        }
        None => {
            header(&mut job, dialect, vars);
            job.push(text, Origin::File(start));
        }
    }
    Some(job)
}

/// The jobs of one `RUN`.
fn run_jobs(run: &Run, vars: &[String]) -> Vec<Job> {
    let Some(stage_dialect) = shell_program(&run.shell).and_then(dialect) else { return Vec::new() };
    let mut jobs = Vec::new();
    let mut scripts = run.scripts.iter();
    let Some(first) = scripts.next() else { return jobs };
    if first.from_heredoc {
        // `RUN <<EOF`: the body alone.
        jobs.extend(body_job(first, stage_dialect, vars));
        return jobs;
    }
    // The command line, with the heredoc bodies it reads appended as the shell gets them.
    let mut job = Job { text: String::new(), anchor: TextSize::from(0), pieces: Vec::new() };
    header(&mut job, stage_dialect, vars);
    job.push(first.text(), Origin::Logical(first.source.clone(), 0));
    let owner = match run.instruction.syntax().parent().and_then(ast::Instruction::cast) {
        Some(parent) if run.onbuild => parent,
        _ => run.instruction.clone(),
    };
    let heredocs = owner.heredocs();
    if !heredocs.is_empty() {
        job.push("\n", Origin::Added);
        for heredoc in &heredocs {
            let (Some(body), Some(range)) = (heredoc.body_text(), heredoc.body_range()) else { continue };
            job.push(&body, Origin::File(range.start()));
            if !body.is_empty() && !body.ends_with('\n') {
                job.push("\n", Origin::Added);
            }
            job.push(&format!("{}\n", heredoc.delimiter()), Origin::Added);
        }
    }
    jobs.push(job);
    // Bodies a shell reads from stdin (`bash <<EOF`): scripts of their own, in the reader's dialect.
    for body in scripts {
        let reader = reader_dialect(first, &heredocs, body).unwrap_or(stage_dialect);
        jobs.extend(body_job(body, reader, vars));
    }
    jobs
}

/// The dialect of the shell that reads `body` on the command line `line` (`bash <<EOF`).
fn reader_dialect(line: &RunScript, heredocs: &[ast::Heredoc], body: &RunScript) -> Option<&'static str> {
    let start = body.source.to_source(0);
    let heredoc = heredocs.iter().find(|h| h.body_range().is_some_and(|r| r.start() == start))?;
    let delimiter = heredoc.delimiter();
    let command = line.script.commands.iter().find(|c| {
        c.redirects.iter().any(|r| r.op.starts_with("<<") && r.target.as_ref().is_some_and(|t| t.value == delimiter))
    })?;
    dialect(command.program()?)
}

/// The program to run: `shellcheck-path`, else `shellcheck` from `PATH`.
fn program(checker: &Checker) -> PathBuf {
    checker.settings.shellcheck_path.clone().unwrap_or_else(|| PathBuf::from("shellcheck"))
}

/// The ShellCheck jobs of a file's `RUN`s.
fn jobs_of(model: &dflint_model::Model) -> Vec<Job> {
    let mut jobs = Vec::new();
    for stage in &model.stages {
        for run in &stage.runs {
            if run.scripts.is_empty() {
                continue;
            }
            let mut vars: Vec<String> = model
                .vars_defined_at(stage.index, &run.instruction)
                .into_iter()
                .chain(PROXY_ARGS.iter().map(|s| s.to_string()))
                .filter(|v| is_name(v))
                .collect();
            vars.sort();
            vars.dedup();
            let anchor = match run.instruction.syntax().parent().and_then(ast::Instruction::cast) {
                Some(parent) if run.onbuild => parent.syntax().text_range().start(),
                _ => run.instruction.syntax().text_range().start(),
            };
            jobs.extend(run_jobs(run, &vars).into_iter().map(|job| Job { anchor, ..job }));
        }
    }
    jobs
}

/// Runs ShellCheck over the scripts of many files at once (a few processes in parallel) so that
/// linting them afterwards finds the results cached: a batch run then spawns a handful of
/// ShellCheck processes instead of one per file. Files whose settings do not run DF160 are
/// skipped; failures are left for [`crate::lint`] to report.
pub fn prefetch<'a>(files: impl IntoIterator<Item = (&'a dflint_syntax::Parse, &'a crate::Settings)>) {
    let mut by_program: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for (parse, settings) in files {
        if !settings.shellcheck || !settings.is_enabled(&RULE) {
            continue;
        }
        let program = settings.shellcheck_path.clone().unwrap_or_else(|| PathBuf::from("shellcheck"));
        let texts = jobs_of(&dflint_model::analyze(parse)).into_iter().map(|j| j.text);
        match by_program.iter_mut().find(|(p, _)| *p == program) {
            Some((_, all)) => all.extend(texts),
            None => by_program.push((program, texts.collect())),
        }
    }
    for (program, texts) in by_program {
        if shellcheck_process::available(&program) {
            let _ = shellcheck_process::check_scripts(&program, &texts);
        }
    }
}

fn check(checker: &mut Checker) {
    if !checker.settings.shellcheck {
        return;
    }
    let program = program(checker);
    if !shellcheck_process::available(&program) {
        if checker.settings.shellcheck_path.is_some() {
            let message = format!("ShellCheck cannot be run: `{}` --version failed", program.display());
            checker.report(TextRange::empty(TextSize::from(0)), message);
        }
        return;
    }
    let jobs = jobs_of(checker.model());
    if jobs.is_empty() {
        return;
    }
    let texts: Vec<String> = jobs.iter().map(|j| j.text.clone()).collect();
    let results = match shellcheck_process::check_scripts(&program, &texts) {
        Ok(results) => results,
        Err(message) => {
            checker.report(TextRange::empty(TextSize::from(0)), format!("ShellCheck failed: {message}"));
            return;
        }
    };
    // A severity given to DF160 itself (or `SC`) applies to every code without one of its own.
    let all_codes = Some(checker.settings.severity(&RULE)).filter(|s| *s != RULE.severity);
    let mut found = Vec::new();
    for (job, comments) in jobs.iter().zip(results) {
        for c in comments.iter() {
            let Some(range) = job.range(c) else { continue };
            let rule = sc_rule_of(c.code, Some(severity_of(&c.level)));
            if !checker.settings.is_enabled(rule) {
                continue;
            }
            let severity =
                checker.settings.severity_override(rule).or(all_codes).unwrap_or_else(|| severity_of(&c.level));
            found.push((Diagnostic { rule, range, message: c.message.clone(), severity, fix: None }, job.anchor));
        }
    }
    found.dedup_by(|a, b| a.0 == b.0);
    match checker.settings.shellcheck_positions {
        ShellcheckPositions::Exact => checker.diagnostics.extend(found.into_iter().map(|(d, _)| d)),
        ShellcheckPositions::Hadolint => checker.diagnostics.extend(hadolint_positions(found)),
    }
}

/// hadolint 2.15's reporting: the findings of one `RUN` all go to the `RUN`'s line, in a set
/// ordered by line only, so the last one ShellCheck gives replaces the others. Each finding comes
/// with the start of its `RUN`; they come grouped by `RUN`, in ShellCheck's order.
fn hadolint_positions(found: Vec<(Diagnostic, TextSize)>) -> Vec<Diagnostic> {
    let mut kept: Vec<Diagnostic> = Vec::new();
    let mut last_anchor = None;
    for (mut d, anchor) in found {
        d.range = TextRange::empty(anchor);
        if last_anchor == Some(anchor) {
            kept.pop();
        }
        last_anchor = Some(anchor);
        kept.push(d);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sc_rules_are_made_once() {
        let a = sc_rule("SC2086").expect("a code");
        let b = crate::registry::find("sc2086").expect("found");
        assert!(std::ptr::eq(a, b));
        assert_eq!(a.code, "SC2086");
        assert!(sc_rule("SC20").is_none());
        assert!(sc_rule("DL3008").is_none());
        assert!(crate::docs::markdown(a).contains("shellcheck.net/wiki/SC2086"));
    }

    #[test]
    fn settings_per_code() {
        let mut s = crate::Settings::default();
        let rule = sc_rule("SC2086").unwrap();
        assert!(s.is_enabled(rule));
        s.ignore(["SC2086"]).unwrap();
        assert!(!s.is_enabled(rule));
        assert!(s.is_enabled(sc_rule("SC2046").unwrap()));
        s.select_only(["DL3008"]).unwrap();
        assert!(!s.is_enabled(sc_rule("SC2046").unwrap()));
        assert!(!s.is_enabled(&RULE));
        s.extend_select(["SC2046"]).unwrap();
        assert!(s.is_enabled(&RULE) && s.is_enabled(sc_rule("SC2046").unwrap()));
        assert!(!s.is_enabled(sc_rule("SC2154").unwrap()));
        s.set_severity("SC2046", Severity::Error).unwrap();
        assert_eq!(s.severity_override(sc_rule("SC2046").unwrap()), Some(Severity::Error));
        s.select_only(["SC"]).unwrap();
        assert!(s.is_enabled(sc_rule("SC2154").unwrap()));
        assert!(!s.is_enabled(sc_rule("SC2002").unwrap()));
        s.extend_select(["SC2002"]).unwrap();
        assert!(s.is_enabled(sc_rule("SC2002").unwrap()));
    }

    #[test]
    fn positions_map_through_continuations() {
        let text = "FROM a\nRUN echo \\\n  $1\n";
        let parse = dflint_syntax::parse(text);
        let model = dflint_model::analyze(&parse);
        let jobs = run_jobs(&model.stages[0].runs[0], &[]);
        assert_eq!(jobs.len(), 1);
        let job = &jobs[0];
        assert_eq!(job.text, "#!/bin/sh\nexport\necho   $1");
        let c = Comment {
            line: 3,
            column: 8,
            end_line: 3,
            end_column: 10,
            level: "info".into(),
            code: 2086,
            message: String::new(),
        };
        let range = job.range(&c).unwrap();
        assert_eq!(&text[range], "$1");
    }
}
