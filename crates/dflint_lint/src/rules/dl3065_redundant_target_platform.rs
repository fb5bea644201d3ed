//! DL3065: `FROM --platform=$TARGETPLATFORM`, which is the default.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::instr_util::flag_with_blank;
use dflint_syntax::ast::AstNode;

declare_rule! {
    /// ## What it does
    /// Reports `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`).
    ///
    /// ## Why is this bad?
    /// A stage is built for the target platform unless told otherwise: the flag repeats the
    /// default and suggests to the reader that something special happens.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM debian:12
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the flag. It is safe: the stage's platform is the target platform either way.
    ///
    /// ## References
    /// - [hadolint DL3065](https://github.com/hadolint/hadolint/wiki/DL3065)
    /// - [BuildKit check RedundantTargetPlatform](https://docs.docker.com/reference/build-checks/redundant-target-platform/)
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    pub(crate) static RULE = {
        code: "DL3065",
        name: "redundant-target-platform",
        severity: Warning,
        fix: Always,
        hadolint: "DL3065",
        buildkit: "RedundantTargetPlatform",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.instructions().iter() {
        let Some(from) = instruction.as_from() else { continue };
        let Some(flag) = from.platform() else { continue };
        let Some(value) = flag.value().map(|v| v.logical_text()) else { continue };
        if value != "$TARGETPLATFORM" && value != "${TARGETPLATFORM}" {
            continue;
        }
        let Some(delete) = flag_with_blank(checker, instruction, "platform") else { continue };
        found.push((flag.range(), delete));
    }
    for (range, delete) in found {
        checker
            .report(
                range,
                "`--platform=$TARGETPLATFORM` is redundant: stages are built for the target platform by default",
            )
            .with_fix(Fix::safe("Remove `--platform=$TARGETPLATFORM`", vec![Edit::delete(delete)]));
    }
}
