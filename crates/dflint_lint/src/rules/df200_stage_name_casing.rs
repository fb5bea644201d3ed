//! DF200 / StageNameCasing: a stage name that is not all lower case.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use dflint_syntax::ast::AstNode;

declare_rule! {
    /// ## What it does
    /// Reports a stage name (`FROM image AS Name`) with upper-case letters.
    ///
    /// ## Why is this bad?
    /// Lower-case stage names tell them apart from instruction keywords at a glance. BuildKit
    /// matches stage names case-insensitively anyway (`--from=Builder` finds `builder`), so the
    /// capitals carry no meaning.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine AS BuilderBase
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine AS builder-base
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the name is lower-cased where it is declared. References to it (`FROM`, `COPY
    /// --from`, `RUN --mount=from=`) still resolve, since BuildKit compares stage names without
    /// regard to case.
    ///
    /// ## References
    /// - [BuildKit check StageNameCasing](https://docs.docker.com/reference/build-checks/stage-name-casing/)
    pub(crate) static RULE = {
        code: "DF200",
        name: "stage-name-casing",
        severity: Style,
        fix: Sometimes,
        buildkit: "StageNameCasing",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.instructions().iter() {
        let Some(name) = instruction.as_from().and_then(|f| f.stage_name()) else { continue };
        let text = name.logical_text();
        let lower = text.to_lowercase();
        if text != lower {
            let exact = checker.slice(name.range()) == text;
            found.push((name.range(), text, lower, exact));
        }
    }
    for (range, text, lower, exact) in found {
        let d = checker.report(range, format!("Stage name '{text}' should be lowercase"));
        if exact {
            d.with_fix(Fix::safe(format!("Rename to `{lower}`"), vec![Edit::replace(range, lower)]));
        }
    }
}
