//! DL3012: more than one `HEALTHCHECK` in a stage.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::stage_util::report_repeated;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports every `HEALTHCHECK` after the first in the same build stage, `HEALTHCHECK NONE`
    /// included. `ONBUILD HEALTHCHECK` is not counted: it applies to the images built on this one.
    ///
    /// ## Why is this bad?
    /// An image has one health check: only the last `HEALTHCHECK` of the stage takes effect, and
    /// the earlier ones are dead text that misleads the reader about how the container is probed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
    /// HEALTHCHECK --interval=10s CMD ["curl", "-f", "http://localhost/healthz"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK --interval=10s CMD ["curl", "-f", "http://localhost/healthz"]
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3012](https://github.com/hadolint/hadolint/wiki/DL3012)
    /// - [BuildKit check MultipleInstructionsDisallowed](https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/)
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    pub(crate) static RULE = {
        code: "DL3012",
        name: "multiple-healthcheck",
        severity: Error,
        fix: None,
        hadolint: "DL3012",
        buildkit: "MultipleInstructionsDisallowed",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    report_repeated(checker, SyntaxKind::HEALTHCHECK_INSTR);
}
