//! DL4004: more than one `ENTRYPOINT` in a stage.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::stage_util::report_repeated;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports every `ENTRYPOINT` after the first in the same build stage. `ONBUILD ENTRYPOINT`
    /// is not counted: it applies to the images built on this one.
    ///
    /// ## Why is this bad?
    /// An image has one entrypoint: only the last `ENTRYPOINT` of the stage takes effect, and the
    /// earlier ones are dead text that misleads the reader about what the container runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENTRYPOINT ["/usr/local/bin/setup"]
    /// ENTRYPOINT ["/usr/local/bin/server"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENTRYPOINT ["/usr/local/bin/server"]
    /// ```
    ///
    /// ## References
    /// - [hadolint DL4004](https://github.com/hadolint/hadolint/wiki/DL4004)
    /// - [BuildKit check MultipleInstructionsDisallowed](https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/)
    /// - [Dockerfile reference: ENTRYPOINT](https://docs.docker.com/reference/dockerfile/#entrypoint)
    pub(crate) static RULE = {
        code: "DL4004",
        name: "multiple-entrypoint",
        severity: Error,
        fix: None,
        hadolint: "DL4004",
        buildkit: "MultipleInstructionsDisallowed",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    report_repeated(checker, SyntaxKind::ENTRYPOINT_INSTR);
}
