//! DL3003: `cd` in a `RUN` instead of `WORKDIR`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::instr_util::report_runs;

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that runs `cd`, anywhere in its script: in a list, a subshell
    /// (`(cd src && make)`), a loop, or a heredoc body run by the shell. One finding per `RUN`.
    ///
    /// ## Why is this bad?
    /// A `cd` lasts until the end of its `RUN`: the next instruction starts again in the
    /// working directory, which surprises readers and makes long chains of `cd dir && ...` hard
    /// to follow. `WORKDIR` changes the directory for every later instruction, creates it when
    /// missing, and documents where the build works.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN cd /usr/src/app && make
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// WORKDIR /usr/src/app
    /// RUN make
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint does not check `ONBUILD RUN`; neither does dflint. hadolint parses a script as
    /// bash whatever the `SHELL`; dflint does not read the script of a `RUN` whose `SHELL` is not a
    /// POSIX shell (`pwsh`, `cmd`), where `cd` is PowerShell's or cmd's own command.
    ///
    /// ## References
    /// - [hadolint DL3003](https://github.com/hadolint/hadolint/wiki/DL3003)
    /// - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    pub(crate) static RULE = {
        code: "DL3003",
        name: "use-workdir",
        severity: Warning,
        fix: None,
        hadolint: "DL3003",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    report_runs(
        checker,
        |site| site.command.name_str() == Some("cd"),
        |_| "Use `WORKDIR` to switch to a directory: a `cd` ends with its `RUN`".to_string(),
    );
}
