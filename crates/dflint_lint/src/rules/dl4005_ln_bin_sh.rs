//! DL4005: `ln ... /bin/sh` to change the shell instead of `SHELL`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::instr_util::report_runs;

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` with an `ln` command that has `/bin/sh` as an argument
    /// (`ln -sf /bin/bash /bin/sh`). One finding per `RUN`.
    ///
    /// ## Why is this bad?
    /// Replacing `/bin/sh` changes the shell of every program in the image that runs `sh`, not
    /// only of the build, and hides which shell `RUN` uses. `SHELL` changes the shell of the
    /// later `RUN`, `CMD` and `ENTRYPOINT` instructions, visibly, and nothing else.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN ln -sf /bin/bash /bin/sh
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-c"]
    /// ```
    ///
    /// ## References
    /// - [hadolint DL4005](https://github.com/hadolint/hadolint/wiki/DL4005)
    /// - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    pub(crate) static RULE = {
        code: "DL4005",
        name: "use-shell-to-change-shell",
        severity: Warning,
        fix: None,
        hadolint: "DL4005",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    report_runs(
        checker,
        |site| site.command.name_str() == Some("ln") && site.command.args.iter().any(|a| a.value == "/bin/sh"),
        |_| "Use `SHELL` to change the default shell instead of linking `/bin/sh`".to_string(),
    );
}
