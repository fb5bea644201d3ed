//! DF204 / ReservedStageName: a stage named `scratch` or `context`.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;

declare_rule! {
    /// ## What it does
    /// Reports a stage named `scratch` or `context` (in any case: BuildKit stores stage names in
    /// lower case).
    ///
    /// ## Why is this bad?
    /// Both names already mean something to BuildKit: `scratch` is the empty image and `context`
    /// the build context. A stage with such a name is confusing at best, and `FROM scratch` or
    /// `--build-context` may not pick what the reader expects.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine AS scratch
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine AS builder
    /// ```
    ///
    /// ## References
    /// - [BuildKit check ReservedStageName](https://docs.docker.com/reference/build-checks/reserved-stage-name/)
    pub(crate) static RULE = {
        code: "DF204",
        name: "reserved-stage-name",
        severity: Warning,
        fix: None,
        buildkit: "ReservedStageName",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.instructions().iter() {
        let Some(name) = instruction.as_from().and_then(|f| f.stage_name()) else { continue };
        let lower = name.logical_text().to_lowercase();
        if lower == "scratch" || lower == "context" {
            found.push((name.range(), lower));
        }
    }
    for (range, name) in found {
        checker.report(range, format!("Stage name should not use the same name as reserved stage \"{name}\""));
    }
}
