//! DF001: an exec-form array whose only element holds a whole command line.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::util::{all_instructions, has_shell_syntax, is_command_instruction, json_array};
use dflint_syntax::ast::AstNode;

declare_rule! {
    /// ## What it does
    /// Reports an exec-form (JSON array) command with a single element that contains whitespace,
    /// such as `CMD ["sleep 5"]` or `ENTRYPOINT ["/app --port 80"]`, in `CMD`, `ENTRYPOINT`, `RUN`,
    /// `SHELL` and `HEALTHCHECK CMD`.
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
    for instruction in all_instructions(&checker.file) {
        if !is_command_instruction(instruction.kind()) {
            continue;
        }
        let Some(exec) = instruction.exec_form() else { continue };
        let elements: Vec<_> = exec.elements().collect();
        let [element] = elements.as_slice() else { continue };
        let Some(value) = element.value() else { continue };
        let trimmed = value.trim();
        if !trimmed.contains(char::is_whitespace) {
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
