//! DL3059: consecutive `RUN` instructions of one command each, which could be one layer.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::util::keyword_range;
use dflint_model::Run;
use dflint_shell::Script;
use dflint_syntax::ast::{self, AstNode};
use dflint_syntax::{SyntaxKind, TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that directly follows another `RUN` (comments and blank lines between them
    /// do not count) when both run a single command and have the same flags (`--mount`,
    /// `--network`, `--security`). The later `RUN` is reported.
    ///
    /// Commands are counted as hadolint counts them: every simple command, those inside `$(...)`
    /// included, but not `[ ... ]` and `[[ ... ]]` tests. A `RUN` of two or more commands (`a && b`,
    /// `a; b`, `a | b`) is taken as a deliberate layer of its own, and so is a `RUN` with a heredoc.
    /// Under a `cmd` SHELL (the default on Windows images) commands are the parts joined by `&`,
    /// `&&`, `||` and `|`; under PowerShell also the statements ended by `;`.
    ///
    /// ## Why is this bad?
    /// Each `RUN` makes a layer. Steps that belong together (fetch, install, clean up) spread over
    /// several layers make the image bigger, since a file deleted in a later layer still ships in
    /// the earlier one, and the build slower.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update
    /// RUN apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && \
    ///     apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends the later command to the earlier `RUN` with `&& \` and a new line; comment
    /// lines between the two are kept, indented like the command (BuildKit drops comment lines
    /// inside a continuation), blank lines are dropped. It is offered when both are in shell form and the SHELL is a POSIX
    /// shell, and not when the earlier command line has a `#` (a comment would swallow the later
    /// command) or the joined text would not parse.
    ///
    /// It is safe, since the commands run in the same order and the build still stops at the first
    /// failure, unless the earlier command changes the shell's own state (`cd`, `export`, `set`,
    /// `umask`, `source`, `exit`, a bare `VAR=value`, ...): that used to end with its `RUN` and now
    /// reaches the later command, so the fix is unsafe then.
    ///
    /// ## Differences from hadolint
    /// - hadolint also reports a `RUN` with a heredoc, or one that follows a heredoc `RUN`
    ///   (hadolint #805); their commands cannot be joined with `&&`, so dflint does not.
    /// - hadolint counts commands by parsing the text as sh with ShellCheck whatever the SHELL,
    ///   and counts none when that parse fails, as it does on most PowerShell. So under a
    ///   PowerShell SHELL it reports `RUN` scripts of many statements, and under `cmd` its count
    ///   depends on whether PowerShell code passed to `powershell -Command` happens to parse as
    ///   sh. dflint counts the commands of the shell that runs the text.
    ///
    /// ## References
    /// - [hadolint DL3059](https://github.com/hadolint/hadolint/wiki/DL3059)
    /// - [Best practices: minimize the number of layers](https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers)
    pub(crate) static RULE = {
        code: "DL3059",
        name: "consecutive-run",
        severity: Info,
        fix: Sometimes,
        hadolint: "DL3059",
        check: check,
    }
}

/// A `RUN` that a following `RUN` could be merged into.
struct Candidate<'a> {
    instruction: &'a ast::Instruction,
    run: Option<&'a Run>,
    flags: Vec<String>,
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let escape = model.escape;
    let mut found: Vec<(TextRange, TextSize, Option<Fix>)> = Vec::new();
    for stage in &model.stages {
        let mut previous: Option<Candidate> = None;
        for instruction in &stage.instructions {
            if instruction.kind() != SyntaxKind::RUN_INSTR || !instruction.heredocs().is_empty() {
                previous = None;
                continue;
            }
            let run = stage.run_of(instruction);
            if command_count(instruction, run) > 1 {
                previous = None;
                continue;
            }
            let current = Candidate { instruction, run, flags: flags_of(instruction) };
            if let Some(before) = previous.as_ref().filter(|p| p.flags == current.flags) {
                let fix = merge_fix(&checker.text, escape, before, &current);
                found.push((keyword_range(instruction), before.instruction.range().start(), fix));
            }
            previous = Some(current);
        }
    }
    for (range, before, fix) in found {
        let line = checker.line_number(before);
        let diagnostic = checker.report(
            range,
            format!("`RUN` follows the `RUN` on line {line}, each with a single command: merge them into one layer"),
        );
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}

/// The flags, normalised: `--mount=a,b` and `--mount=b,a` are the same mount.
fn flags_of(instruction: &ast::Instruction) -> Vec<String> {
    let mut flags: Vec<String> = instruction
        .flags()
        .map(|f| {
            let mut parts: Vec<String> =
                f.value_text().unwrap_or_default().split(',').map(|p| p.trim().to_string()).collect();
            parts.sort();
            format!("{}={}", f.name().unwrap_or_default(), parts.join(","))
        })
        .collect();
    flags.sort();
    flags
}

/// How many commands the `RUN` runs, counted as hadolint counts them (see the docs).
fn command_count(instruction: &ast::Instruction, run: Option<&Run>) -> usize {
    if let Some(exec) = instruction.exec_form() {
        return usize::from(exec.elements().next().is_some());
    }
    if let Some(script) = run.and_then(|r| r.scripts.first()) {
        return count_commands(&script.script);
    }
    let Some(text) = instruction.shell_form().map(|s| s.text()) else { return 0 };
    let program = run.and_then(|r| r.shell.first()).map_or("", |p| p.rsplit(['/', '\\']).next().unwrap_or(p));
    let program = program.to_ascii_lowercase();
    match program.strip_suffix(".exe").unwrap_or(&program) {
        "cmd" => count_segments(&text, &['&', '|'], &['"'], '^'),
        "powershell" | "pwsh" => count_segments(&text, &[';', '|', '&', '\n'], &['"', '\''], '`'),
        _ => count_commands(&dflint_shell::parse(&text)),
    }
}

/// The number of non-empty pieces of `text` between `separators` outside quotes (`cmd` joins
/// commands with `&`, `&&`, `||` and `|`; PowerShell also ends statements with `;`).
/// The number of commands `text` runs under a `cmd` or PowerShell SHELL; counting stops past one.
fn count_segments(text: &str, separators: &[char], quotes: &[char], escape: char) -> usize {
    let mut count = 0;
    let mut segment_has_text = false;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == escape => {
                chars.next();
                segment_has_text = true;
            }
            None if quotes.contains(&c) => {
                quote = Some(c);
                segment_has_text = true;
            }
            None if separators.contains(&c) => {
                count += usize::from(std::mem::take(&mut segment_has_text));
                // The rule only asks whether there is more than one.
                if count > 1 {
                    return count;
                }
            }
            None => segment_has_text |= !c.is_whitespace(),
        }
    }
    count + usize::from(segment_has_text)
}

fn count_commands(script: &Script) -> usize {
    let named =
        script.commands.iter().filter(|c| c.name_str().is_some_and(|n| !matches!(n, "[" | "[[" | "(("))).count();
    // A command with an argument that is a substitution (`echo $(date)`) runs at least one more:
    // make sure it counts as two even where the script lists no command for the substitution.
    let substitutes = script
        .commands
        .iter()
        .flat_map(|c| &c.args)
        .any(|w| ["$(", "`", "<(", ">("].iter().any(|open| w.raw.starts_with(open)) && !w.raw.starts_with("$(("));
    if substitutes {
        named.max(2)
    } else {
        named
    }
}

/// Shell builtins whose effect outlives the command: after a merge they reach the next command.
const STATEFUL: &[&str] = &[
    "cd", "pushd", "popd", "export", "unset", "set", "shopt", "source", ".", "alias", "unalias", "umask", "ulimit",
    "trap", "exec", "exit", "return", "readonly", "declare", "typeset", "local", "eval", "shift", "hash", "enable",
];

/// Appends `current`'s command to `before`'s with `&& \`, keeping the comment lines between them.
fn merge_fix(text: &str, escape: char, before: &Candidate, current: &Candidate) -> Option<Fix> {
    let first = before.run?.scripts.first()?;
    current.run?.scripts.first()?;
    let first_shell = before.instruction.shell_form()?;
    let second_shell = current.instruction.shell_form()?;
    let first_text = first_shell.text();
    let second_text = second_shell.text();
    if first_text.contains('#') {
        return None;
    }
    let merged = format!("{} && {}", first_text.trim_end(), second_text.trim_start());
    if first.script.has_errors || dflint_shell::parse(&merged).has_errors {
        return None;
    }
    let (first_end, second_start) = (first_shell.range().end(), second_shell.range().start());
    if !text[TextRange::new(first_end, before.instruction.range().end())].trim().is_empty() {
        return None;
    }
    let gap = &text[TextRange::new(first_end, second_start)];
    let newline = if gap.contains("\r\n") { "\r\n" } else { "\n" };
    let mut replacement = format!(" && {escape}{newline}");
    for comment in gap.lines().map(str::trim).filter(|l| l.starts_with('#')) {
        replacement.push_str("    ");
        replacement.push_str(comment);
        replacement.push_str(newline);
    }
    replacement.push_str("    ");
    let stateful = first.script.commands.iter().any(|c| match c.name_str() {
        Some(name) => STATEFUL.contains(&name),
        None => !c.assignments.is_empty(),
    });
    let edits = vec![Edit::replace(TextRange::new(first_end, second_start), replacement)];
    let title = "Merge into the previous `RUN` with `&&`";
    Some(if stateful { Fix::unsafe_(title, edits) } else { Fix::safe(title, edits) })
}
