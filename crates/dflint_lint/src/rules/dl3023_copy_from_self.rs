//! DL3023: `COPY --from` names its own stage.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports a `COPY --from=name` inside the stage called `name` (compared case-insensitively).
    ///
    /// ## Why is this bad?
    /// A stage cannot copy from itself: the builder does not find a stage of that name before
    /// this one and takes the name for an image, or fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// COPY --from=build /src /src
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// COPY /src /src
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint compares the names case-sensitively; the builder does not.
    ///
    /// ## References
    /// - [hadolint DL3023](https://github.com/hadolint/hadolint/wiki/DL3023)
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    pub(crate) static RULE = {
        code: "DL3023",
        name: "copy-from-self",
        severity: Error,
        fix: None,
        hadolint: "DL3023",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for stage in &checker.model().stages {
        let Some(name) = stage.name_lower.as_deref() else { continue };
        for instruction in stage.instructions.iter().filter(|i| i.kind() == SyntaxKind::COPY_INSTR) {
            let Some(flag) = instruction.flag("from") else { continue };
            if flag.value_text().is_some_and(|v| v.to_lowercase() == name) {
                found.push(flag.value().map_or(flag.range(), |v| v.range()));
            }
        }
    }
    for range in found {
        checker.report(range, "`COPY --from` cannot name its own stage");
    }
}
