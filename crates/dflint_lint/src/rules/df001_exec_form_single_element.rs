//! DF001: an exec-form array whose only element holds a whole command line.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::util::{has_shell_syntax, is_command_instruction, json_array};
use dflint_model::{FormKind, Model, Stage};
use dflint_syntax::ast::{self, AstNode};
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports an exec-form (JSON array) command with a single element that contains whitespace,
    /// such as `CMD ["sleep 5"]` or `ENTRYPOINT ["/app --port 80"]`, in `CMD`, `ENTRYPOINT`, `RUN`,
    /// `SHELL` and `HEALTHCHECK CMD`.
    ///
    /// Not in stages that look like Windows: a base image whose name says so (`servercore`,
    /// `nanoserver`, `mcr.microsoft.com/windows/...`), or a SHELL of `cmd` or `powershell`, in
    /// the stage or a stage it is built on. On Windows the exec-form arguments are joined into one
    /// command line and the program parses it, so `CMD ["app --flag"]` runs `app` with `--flag`
    /// there.
    ///
    /// Nor for a `CMD` in a stage whose `ENTRYPOINT` is in exec form: that `CMD` holds the
    /// entrypoint's arguments (`ENTRYPOINT ["run.sh"]` with `CMD ["Media Server"]`), not a command.
    ///
    /// ## Why is this bad?
    /// Exec form runs no shell: Docker looks for an executable literally named `sleep 5`, and the
    /// container fails with "no such file or directory".
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// CMD ["sleep 5"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// CMD ["sleep", "5"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe. When the string holds no shell syntax it is split into words; otherwise the fix
    /// runs it with `/bin/sh -c`. Either way the command now does what it says, which is a change
    /// of behaviour from a container that failed to start.
    ///
    /// ## References
    /// - [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    pub(crate) static RULE = {
        code: "DF001",
        name: "exec-form-single-string",
        severity: Error,
        fix: Always,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    for instruction in checker.all_instructions().iter() {
        if !is_command_instruction(instruction.kind()) {
            continue;
        }
        let Some(exec) = instruction.exec_form() else { continue };
        let elements: Vec<_> = exec.elements().collect();
        let [element] = elements.as_slice() else { continue };
        let Some(value) = element.value() else { continue };
        let trimmed = value.trim();
        if !trimmed.contains(char::is_whitespace)
            || runs_on_windows(checker.model(), instruction)
            || holds_entrypoint_args(checker.model(), instruction)
        {
            continue;
        }
        let replacement = if has_shell_syntax(trimmed) {
            json_array(&["/bin/sh", "-c", trimmed])
        } else {
            json_array(&trimmed.split_whitespace().collect::<Vec<_>>())
        };
        let kw = instruction.keyword_text();
        checker
            .report(
                element.range(),
                format!("`{kw}` runs an executable literally named `{trimmed}`: exec form passes no command line to a shell"),
            )
            .with_fix(Fix::unsafe_(format!("Rewrite as `{replacement}`"), vec![Edit::replace(exec.range(), replacement)]));
    }
}

/// Is `instruction` a `CMD` of a stage whose `ENTRYPOINT` is in exec form, so that it gives
/// arguments?
fn holds_entrypoint_args(model: &Model, instruction: &ast::Instruction) -> bool {
    instruction.kind() == SyntaxKind::CMD_INSTR
        && model.stage_at(instruction.range().start()).is_some_and(|stage| {
            stage.instructions.contains(instruction)
                && stage.start.entrypoint.as_ref().is_some_and(|e| e.kind == FormKind::Exec)
        })
}

/// Does `instruction` stand in a stage that looks like a Windows one (see the docs)?
fn runs_on_windows(model: &Model, instruction: &ast::Instruction) -> bool {
    let Some(stage) = model.stage_at(instruction.range().start()) else { return false };
    let windows_shell = |shell: &[String]| {
        shell.first().is_some_and(|program| {
            let base = program.rsplit(['/', '\\']).next().unwrap_or(program).to_ascii_lowercase();
            matches!(base.strip_suffix(".exe").unwrap_or(&base), "cmd" | "powershell")
        })
    };
    let mut current: Option<&Stage> = Some(stage);
    while let Some(s) = current {
        if s.base.looks_windows() || windows_shell(&s.shell) {
            return true;
        }
        current = s.parent.and_then(|p| model.stages.get(p));
    }
    windows_shell(&stage.shell_at(instruction.range().start()))
}
