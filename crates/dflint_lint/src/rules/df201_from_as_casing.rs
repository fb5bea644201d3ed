//! DF201 / FromAsCasing: `FROM x as y` or `from x AS y`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use dflint_syntax::ast::AstNode;

declare_rule! {
    /// ## What it does
    /// Reports the `AS` keyword of `FROM image AS name` when its case differs from the `FROM`
    /// keyword's: `FROM` with `as`, or `from` with `AS`. A `FROM` keyword in mixed case (`From`)
    /// is left to ConsistentInstructionCasing.
    ///
    /// ## Why is this bad?
    /// Keywords in one case read as keywords; a mixed line is harder to scan.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:latest as builder
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:latest AS deb-builder
    /// from debian:latest as deb-builder
    /// ```
    ///
    /// ## Fix safety
    /// Safe: `AS` is read without regard to case; the fix writes it in the case of `FROM`.
    ///
    /// ## References
    /// - [BuildKit check FromAsCasing](https://docs.docker.com/reference/build-checks/from-as-casing/)
    pub(crate) static RULE = {
        code: "DF201",
        name: "from-as-casing",
        severity: Style,
        fix: Always,
        buildkit: "FromAsCasing",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.instructions().iter() {
        let Some(as_word) = instruction.as_from().and_then(|f| f.as_keyword()) else { continue };
        let Some(keyword) = instruction.keyword() else { continue };
        let from = keyword.text().to_string();
        let as_text = as_word.logical_text();
        let wanted = if from == from.to_lowercase() {
            as_text.to_lowercase()
        } else if from == from.to_uppercase() {
            as_text.to_uppercase()
        } else {
            continue;
        };
        if wanted != as_text {
            found.push((as_word.range(), from, as_text, wanted));
        }
    }
    for (range, from, as_text, wanted) in found {
        checker
            .report(range, format!("'{as_text}' and '{from}' keywords' casing do not match"))
            .with_fix(Fix::safe(format!("Write `{wanted}`"), vec![Edit::replace(range, wanted)]));
    }
}
