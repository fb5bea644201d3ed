//! DF309: `HEALTHCHECK` with an unknown type, `CMD` without a command, or `NONE` with arguments.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind::*;
use dflint_syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Reports a `HEALTHCHECK` whose first word is neither `CMD` nor `NONE`, a `HEALTHCHECK CMD`
    /// without a command, and a `HEALTHCHECK NONE` followed by anything.
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "Unknown type in HEALTHCHECK (try CMD)", "Missing command after
    /// HEALTHCHECK CMD" or "HEALTHCHECK NONE takes no arguments" before building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK curl -f http://localhost/
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD curl -f http://localhost/
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    pub(crate) static RULE = {
        code: "DF309",
        name: "invalid-healthcheck",
        severity: Error,
        fix: None,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    for instruction in checker.all_instructions().iter() {
        if instruction.kind() != HEALTHCHECK_INSTR {
            continue;
        }
        let Some(typ) = instruction.words().next() else { continue };
        let text = typ.logical_text();
        let rest: Option<TextRange> =
            instruction.exec_form().map(|e| e.range()).or_else(|| instruction.shell_form().map(|s| s.range()));
        match text.to_ascii_uppercase().as_str() {
            "NONE" => {
                if let Some(range) = rest {
                    checker.report(range, "`HEALTHCHECK NONE` takes no arguments");
                }
            }
            "CMD" => {
                let empty = match instruction.exec_form() {
                    Some(exec) => exec.elements().next().is_none(),
                    None => rest.is_none(),
                };
                if empty {
                    checker.report(typ.range(), "Missing command after `HEALTHCHECK CMD`");
                }
            }
            _ => {
                checker.report(typ.range(), format!("Unknown type `{text}` in `HEALTHCHECK`: write `CMD` or `NONE`"));
            }
        }
    }
}
