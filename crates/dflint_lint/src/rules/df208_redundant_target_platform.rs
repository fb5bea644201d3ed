//! DF208 / RedundantTargetPlatform: `FROM --platform=$TARGETPLATFORM`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use dflint_syntax::ast::AstNode;
use dflint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`): a platform that is
    /// nothing but the target platform.
    ///
    /// ## Why is this bad?
    /// A stage is built for the target platform unless told otherwise, so the flag says nothing
    /// and suggests to the reader that it does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine AS builder
    /// RUN apk add --no-cache git
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine AS builder
    /// RUN apk add --no-cache git
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the flag is removed, and the stage is built for the target platform as before.
    ///
    /// ## References
    /// - [BuildKit check RedundantTargetPlatform](https://docs.docker.com/reference/build-checks/redundant-target-platform/)
    pub(crate) static RULE = {
        code: "DF208",
        name: "redundant-target-platform",
        severity: Style,
        fix: Always,
        buildkit: "RedundantTargetPlatform",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found: Vec<(TextRange, TextRange, String)> = Vec::new();
    for instruction in checker.file.instructions() {
        let Some(flag) = instruction.as_from().and_then(|f| f.platform()) else { continue };
        let (Some(value), Some(text)) = (flag.value(), flag.value_text()) else { continue };
        let vars: Vec<_> = value.vars().collect();
        let [var] = vars.as_slice() else { continue };
        let only = var.name().is_some_and(|n| n.text() == "TARGETPLATFORM");
        if !only || text != var.logical_text() {
            continue;
        }
        let mut delete = flag.range();
        if let Some(ws) = flag.syntax().next_sibling_or_token().and_then(|e| e.into_token()) {
            if ws.kind() == SyntaxKind::WHITESPACE {
                delete = TextRange::new(delete.start(), ws.text_range().end());
            }
        }
        found.push((flag.range(), delete, value.logical_text()));
    }
    for (range, delete, raw) in found {
        checker
            .report(
                range,
                format!("Setting platform to predefined {raw} in FROM is redundant as this is the default behavior"),
            )
            .with_fix(Fix::safe("Remove `--platform`", vec![Edit::delete(delete)]));
    }
}
