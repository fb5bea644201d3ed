//! DL3004: `sudo` in a `RUN`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::instr_util::report_runs;

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that runs `sudo` (written bare or as a path). One finding per `RUN`.
    ///
    /// ## Why is this bad?
    /// `RUN` already runs as the current `USER`; `sudo` adds a TTY and password configuration
    /// that behaves unpredictably in a build, and leaves a setuid tool in the image. Switch with
    /// `USER root` for the steps that need it, or use a tool such as `gosu` in an entrypoint.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// USER app
    /// RUN sudo apt-get update
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update
    /// USER app
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3004](https://github.com/hadolint/hadolint/wiki/DL3004)
    /// - [Best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub(crate) static RULE = {
        code: "DL3004",
        name: "no-sudo",
        severity: Error,
        fix: None,
        hadolint: "DL3004",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    report_runs(
        checker,
        |site| site.command.is("sudo"),
        |_| "Do not use `sudo`: it behaves unpredictably in a build; use `USER` or a tool like `gosu`".to_string(),
    );
}
