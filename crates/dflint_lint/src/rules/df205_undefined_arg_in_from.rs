//! DF205 / UndefinedArgInFrom: a `FROM` line using a variable no global `ARG` declares.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::buildkit_util::suggest;
use dflint_model::AUTOMATIC_ARGS;
use dflint_syntax::ast::{AstNode, Word};
use dflint_syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Reports a variable in a `FROM` line (the image or `--platform`) that is neither declared by
    /// an `ARG` before the first `FROM` (with or without a default) nor one of BuildKit's
    /// automatic platform ARGs (`BUILDPLATFORM`, `TARGETARCH`, ...). A close match among those is
    /// suggested, which catches misspelt automatic ARGs.
    ///
    /// ## Why is this bad?
    /// `FROM` lines see only the global ARGs: an undeclared name expands to nothing, so
    /// `node:22${VARIANT}` silently becomes `node:22`, and an empty `--platform` fails the build.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22${VARIANT} AS jsbuilder
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG VARIANT="-alpine3.20"
    /// FROM node:22${VARIANT} AS jsbuilder
    /// ```
    ///
    /// ## References
    /// - [BuildKit check UndefinedArgInFrom](https://docs.docker.com/reference/build-checks/undefined-arg-in-from/)
    pub(crate) static RULE = {
        code: "DF205",
        name: "undefined-arg-in-from",
        severity: Warning,
        fix: None,
        buildkit: "UndefinedArgInFrom",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut known: Vec<String> = model.global_args.iter().map(|a| a.name.clone()).collect();
    known.extend(AUTOMATIC_ARGS.iter().map(|s| s.to_string()));
    let mut found: Vec<(TextRange, String)> = Vec::new();
    for instruction in checker.instructions().iter() {
        let Some(from) = instruction.as_from() else { continue };
        let words: Vec<Word> = from.image().into_iter().chain(from.platform().and_then(|p| p.value())).collect();
        for word in words {
            let mut seen: Vec<String> = Vec::new();
            for var in word.vars() {
                let Some(name) = var.name().map(|t| t.text().to_string()) else { continue };
                if known.contains(&name) || seen.contains(&name) {
                    continue;
                }
                seen.push(name.clone());
                let mut message = format!("FROM argument '{name}' is not declared");
                if let Some(s) = suggest(&name, known.iter().map(String::as_str), true) {
                    message.push_str(&format!(" (did you mean {s}?)"));
                }
                found.push((var.range(), message));
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
