//! DF305: `FROM image <not AS> name`, or a stage name BuildKit rejects.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;

declare_rule! {
    /// ## What it does
    /// Reports a `FROM` with three words whose second is not `AS`, and a stage name that does not
    /// start with a letter or holds characters other than letters, digits, `-`, `_` and `.`.
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "invalid name for build stage" (or "FROM requires either one or
    /// three arguments") before building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS 1-build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build-1
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    pub(crate) static RULE = {
        code: "DF305",
        name: "invalid-stage-name",
        severity: Error,
        fix: None,
        check: check,
    }
}

/// BuildKit's `^[a-z][a-z0-9-_.]*$`, on the lower-cased name.
fn valid_stage_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    let mut chars = lower.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.instructions().iter() {
        let Some(from) = instruction.as_from() else { continue };
        let words: Vec<_> = instruction.words().collect();
        if words.len() != 3 {
            continue;
        }
        if from.as_keyword().is_none() {
            let text = words[1].logical_text();
            found.push((words[1].range(), format!("The second word of `FROM` should be `AS`, not `{text}`")));
            continue;
        }
        if let Some(name) = from.stage_name() {
            let text = name.logical_text();
            if !valid_stage_name(&text) {
                found.push((
                    name.range(),
                    format!(
                        "Invalid stage name `{text}`: it must start with a letter and hold only letters, digits, \
                         `-`, `_` and `.`"
                    ),
                ));
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
