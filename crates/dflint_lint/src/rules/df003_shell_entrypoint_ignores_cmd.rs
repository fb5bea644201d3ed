//! DF003: a shell-form ENTRYPOINT with a CMD, which it ignores.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::util::{has_shell_syntax, json_array};
use dflint_model::{is_posix_shell_argv, Form, FormKind, Stage};
use dflint_shell::Connector;
use dflint_syntax::ast::AstNode;
use dflint_syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Reports a stage whose image would start with a shell-form `ENTRYPOINT` and also has a
    /// `CMD`: both set in the stage, or the `ENTRYPOINT` inherited from the stage it is built on
    /// in this file and the `CMD` set here (a stage that sets neither is not reported again). The
    /// finding is on the `ENTRYPOINT`, or on the `CMD` when the `ENTRYPOINT` is inherited.
    ///
    /// A `CMD` inherited from a parent stage does not count when the stage sets its own
    /// `ENTRYPOINT`: setting `ENTRYPOINT` clears it, as BuildKit does.
    ///
    /// Not when the SHELL is not a POSIX shell (`cmd`, `powershell` on Windows): Windows joins the
    /// arguments into one command line, so `CMD` is appended to the text there. Nor for `CMD []`,
    /// which only clears the command.
    ///
    /// An `ENTRYPOINT` whose text reads its arguments (`"$@"`, `$1`, ...) is reported too: the
    /// first word of `CMD` becomes `$0`, so `"$@"` starts at the second one.
    ///
    /// ## Why is this bad?
    /// Shell form runs `/bin/sh -c "<text>"`: `CMD` and every argument given to `docker run`
    /// become arguments of `sh -c`, which the text never reads. The `CMD` is silently ignored,
    /// and so is `docker run image --verbose`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ENTRYPOINT python -m app
    /// CMD ["--port", "8080"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ENTRYPOINT ["python", "-m", "app"]
    /// CMD ["--port", "8080"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe, offered only for an `ENTRYPOINT` of this stage under a POSIX SHELL. It rewrites the
    /// `ENTRYPOINT` in exec form so that `CMD` and `docker run` arguments reach the program:
    ///
    /// - Text that reads its arguments keeps its shell, and a `--` is added to fill `$0`:
    ///   `exec app "$@"` becomes `["/bin/sh", "-c", "exec app \"$@\"", "--"]`.
    /// - Text without shell syntax is split into words: `python -m app` becomes
    ///   `["python", "-m", "app"]`. No shell runs any more.
    /// - Otherwise the text stays with the shell, and its last command is run with `exec` (so it
    ///   replaces the shell as PID 1 and receives signals) and given the arguments with `"$@"`:
    ///   `cd /app && ./server` becomes `["/bin/sh", "-c", "cd /app && exec ./server \"$@\"", "--"]`
    ///   (the SHELL in effect instead of `/bin/sh -c`; the `--` fills `$0`, so that `CMD` starts at
    ///   `$1`). This is only offered when that last command ends the text, is not in a pipeline,
    ///   a subshell or a compound command, and the text parses.
    ///
    /// Either way the program now receives arguments it never saw before, which is the point but a
    /// change of behaviour.
    ///
    /// ## References
    /// - [Dockerfile reference: ENTRYPOINT, shell form](https://docs.docker.com/reference/dockerfile/#shell-form-entrypoint-example)
    /// - [Understand how CMD and ENTRYPOINT interact](https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact)
    pub(crate) static RULE = {
        code: "DF003",
        name: "shell-entrypoint-ignores-cmd",
        severity: Warning,
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for stage in &checker.model().stages {
        let start = &stage.start;
        let (Some(entrypoint), Some(cmd)) = (&start.entrypoint, &start.cmd) else { continue };
        let shell = &entrypoint.argv[..entrypoint.argv.len().saturating_sub(1)];
        let clears_cmd = cmd.kind == FormKind::Exec && cmd.args.is_empty();
        if !start.cmd_ignored || clears_cmd || !is_posix_shell_argv(shell) {
            continue;
        }
        let entrypoint_here = in_stage(stage, entrypoint);
        if !entrypoint_here && !in_stage(stage, cmd) {
            continue;
        }
        let ep_line = checker.line_number(entrypoint.instruction.range().start());
        let cmd_line = checker.line_number(cmd.instruction.range().start());
        let reads_args = entrypoint.args.first().is_some_and(|t| reads_positional(t));
        let (range, message, fix) = if entrypoint_here {
            let range = entrypoint.instruction.shell_form().map_or(entrypoint.instruction.range(), |s| s.range());
            let message = if reads_args {
                format!(
                    "Shell-form `ENTRYPOINT` gets the first word of the `CMD` on line {cmd_line} (or of the \
                     `docker run` arguments) as `$0`, not in `\"$@\"`: write it in exec form"
                )
            } else {
                format!(
                    "Shell-form `ENTRYPOINT` ignores the `CMD` on line {cmd_line} and every `docker run` argument: \
                     write it in exec form"
                )
            };
            (range, message, exec_form_fix(entrypoint))
        } else {
            let range = cmd.instruction.range();
            let message = format!(
                "This `CMD` is ignored: the shell-form `ENTRYPOINT` on line {ep_line} does not pass it on; write \
                 the `ENTRYPOINT` in exec form"
            );
            (range, message, None)
        };
        found.push((range, message, fix));
    }
    for (range, message, fix) in found {
        let diagnostic = checker.report(range, message);
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}

fn in_stage(stage: &Stage, form: &Form) -> bool {
    stage.instructions.contains(&form.instruction)
}

/// Commands after which `exec` makes no sense.
const NOT_EXECUTABLE: &[&str] = &[
    "[", "[[", "((", "cd", "export", "set", "unset", "exit", "return", "source", ".", "eval", "true", "false", ":",
    "wait", "shift", "trap", "umask", "ulimit", "alias", "readonly", "local", "declare",
];

/// The exec-form rewrite described under "Fix safety".
fn exec_form_fix(entrypoint: &Form) -> Option<Fix> {
    let shell_form = entrypoint.instruction.shell_form()?;
    let text = entrypoint.args.first()?.trim();
    let shell = &entrypoint.argv[..entrypoint.argv.len().checked_sub(1)?];
    if text.is_empty() || !is_posix_shell_argv(shell) {
        return None;
    }
    let replacement = if reads_positional(text) {
        let mut argv = shell.to_vec();
        argv.extend([text.to_string(), "--".to_string()]);
        json_array(&argv)
    } else if has_shell_syntax(text) {
        let mut argv = shell.to_vec();
        argv.push(exec_with_args(text)?);
        argv.push("--".to_string());
        json_array(&argv)
    } else {
        json_array(&text.split_whitespace().collect::<Vec<_>>())
    };
    let range: TextRange = shell_form.range();
    Some(Fix::unsafe_(format!("Rewrite as `{replacement}`"), vec![Edit::replace(range, replacement)]))
}

/// Does the shell text read its positional parameters (`$@`, `$*`, `$1`...`$9`, `${1}`, `$#`)?
fn reads_positional(text: &str) -> bool {
    let bytes = text.as_bytes();
    let positional = |c: Option<&u8>| c.is_some_and(|c| matches!(c, b'@' | b'*' | b'1'..=b'9'));
    bytes.iter().enumerate().any(|(i, &b)| match (b, bytes.get(i + 1)) {
        // `${#}` is the count, `${#name}` a length.
        (b'$', Some(b'{')) => positional(bytes.get(i + 2)) || bytes.get(i + 2..i + 4) == Some(b"#}"),
        (b'$', next) => positional(next) || next == Some(&b'#'),
        _ => false,
    })
}

/// `text` with its last command run by `exec` and given `"$@"`, when that is a plain command that
/// ends the text.
fn exec_with_args(text: &str) -> Option<String> {
    let script = dflint_shell::parse(text);
    if script.has_errors {
        return None;
    }
    let last = script.commands.iter().rfind(|c| !c.in_substitution)?;
    let name = last.name.as_ref()?;
    let end = last.redirects.iter().map(|r| r.range.end).chain([last.range.end]).max()?;
    let ends_text = text.get(end..).is_some_and(|rest| rest.trim().is_empty());
    let plain_connector = matches!(
        last.connector_before,
        None | Some(Connector::And | Connector::Or | Connector::Semi | Connector::Newline)
    );
    if !ends_text || !plain_connector || last.in_pipeline() || last.in_subshell {
        return None;
    }
    if NOT_EXECUTABLE.contains(&name.value.as_str()) || name.value.starts_with('(') || name.value.starts_with('{') {
        return None;
    }
    let start = name.range.start;
    let exec = if name.value == "exec" { "" } else { "exec " };
    Some(format!("{}{exec}{} \"$@\"", &text[..start], text[start..].trim_end()))
}
