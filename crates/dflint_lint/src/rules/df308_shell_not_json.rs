//! DF308: `SHELL` in shell form.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::util::{has_shell_syntax, json_array};
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind::*;

declare_rule! {
    /// ## What it does
    /// Reports a `SHELL` whose argument is not a JSON array of strings (`SHELL /bin/bash -c`).
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "SHELL requires the arguments to be in JSON form" before building
    /// anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL /bin/bash -o pipefail -c
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// ```
    ///
    /// ## Fix safety
    /// When the text holds no quotes, variables or other shell syntax, the fix writes its words as
    /// a JSON array. Unsafe: the file then builds, with a shell that nobody has tried yet.
    ///
    /// ## References
    /// - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    pub(crate) static RULE = {
        code: "DF308",
        name: "shell-not-json",
        severity: Error,
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    for instruction in checker.all_instructions().iter() {
        if instruction.kind() != SHELL_INSTR {
            continue;
        }
        let Some(shell) = instruction.shell_form() else { continue };
        let text = shell.text();
        let diagnostic =
            checker.report(shell.range(), "`SHELL` requires a JSON array: `SHELL [\"executable\", \"parameters\"]`");
        if !has_shell_syntax(&text) {
            let words: Vec<&str> = text.split_whitespace().collect();
            let replacement = json_array(&words);
            diagnostic.with_fix(Fix::unsafe_(
                format!("Rewrite as `{replacement}`"),
                vec![Edit::replace(shell.range(), replacement)],
            ));
        }
    }
}
