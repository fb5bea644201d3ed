//! DL4003: more than one `CMD` in a stage.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::stage_util::report_repeated;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports every `CMD` after the first in the same build stage. `ONBUILD CMD` is not counted:
    /// it applies to the images built on this one.
    ///
    /// ## Why is this bad?
    /// An image has one default command: only the last `CMD` of the stage takes effect, and the
    /// earlier ones are dead text that misleads the reader about what the container runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12
    /// CMD ["python", "manage.py", "migrate"]
    /// CMD ["python", "manage.py", "runserver"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12
    /// CMD ["python", "manage.py", "runserver"]
    /// ```
    ///
    /// ## References
    /// - [hadolint DL4003](https://github.com/hadolint/hadolint/wiki/DL4003)
    /// - [BuildKit check MultipleInstructionsDisallowed](https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/)
    /// - [Dockerfile reference: CMD](https://docs.docker.com/reference/dockerfile/#cmd)
    pub(crate) static RULE = {
        code: "DL4003",
        name: "multiple-cmd",
        severity: Warning,
        fix: None,
        hadolint: "DL4003",
        buildkit: "MultipleInstructionsDisallowed",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    report_repeated(checker, SyntaxKind::CMD_INSTR);
}
