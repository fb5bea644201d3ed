//! DL3025 / JSONArgsRecommended: CMD and ENTRYPOINT in shell form.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::util::{has_shell_syntax, json_array};
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind::*;

declare_rule! {
    /// ## What it does
    /// Reports `CMD` and `ENTRYPOINT` written in shell form (`CMD node server.js`) instead of exec
    /// form (`CMD ["node", "server.js"]`).
    ///
    /// ## Why is this bad?
    /// Shell form runs the command under `/bin/sh -c`: the shell becomes PID 1 and does not pass
    /// on signals, so `docker stop` waits for its timeout and then kills the process without a
    /// clean shutdown. A shell-form `ENTRYPOINT` also ignores `CMD` and every argument given to
    /// `docker run`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// CMD node server.js
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe, and only offered when the command holds no shell syntax (no variables, quotes,
    /// pipes, globs...): the words are then the same, but the process no longer runs under a shell.
    ///
    /// ## Differences from hadolint
    /// The form is decided as BuildKit decides it: exec form only when the text is a valid JSON
    /// array of strings. hadolint's parser accepts some invalid arrays as lists (an unescaped
    /// backslash such as `["C:\app\run.exe"]`), which BuildKit runs through the shell, and reads
    /// some valid arrays in files with `# escape=`` ` as shell form. dflint follows BuildKit in
    /// both cases. BuildKit's own JSONArgsRecommended check is skipped in stages that set `SHELL`;
    /// this rule, like hadolint's, is not.
    ///
    /// ## References
    /// - [hadolint DL3025](https://github.com/hadolint/hadolint/wiki/DL3025)
    /// - [BuildKit check JSONArgsRecommended](https://docs.docker.com/reference/build-checks/json-args-recommended/)
    pub(crate) static RULE = {
        code: "DL3025",
        name: "json-args-recommended",
        severity: Warning,
        fix: Sometimes,
        hadolint: "DL3025",
        buildkit: "JSONArgsRecommended",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    for instruction in checker.all_instructions().iter() {
        if !matches!(instruction.kind(), CMD_INSTR | ENTRYPOINT_INSTR) {
            continue;
        }
        let Some(shell) = instruction.shell_form() else { continue };
        let text = shell.text();
        let kw = instruction.keyword_text();
        let diagnostic = checker.report(
            shell.range(),
            format!("Use exec form (JSON array) for `{kw}` so the process receives signals: `{kw} [\"...\"]`"),
        );
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
