//! DL3001: commands that make no sense in a container build (`ssh`, `vim`, `shutdown`, ...).

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::instr_util::report_runs;

/// hadolint's list.
const POINTLESS: &[&str] = &["free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"];

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that runs one of `free`, `kill`, `mount`, `ps`, `service`, `shutdown`,
    /// `ssh`, `top` or `vim`. One finding per `RUN`.
    ///
    /// ## Why is this bad?
    /// A build step runs once, without a terminal, without services or an init system: interactive
    /// tools, process inspection and service control do nothing useful there, and usually mean
    /// the step expects a running machine rather than an image being built.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN service nginx start
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// ## Differences from hadolint
    /// The command is matched by its name without directory (`/usr/sbin/service` too), where
    /// hadolint compares the name as written.
    ///
    /// ## References
    /// - [hadolint DL3001](https://github.com/hadolint/hadolint/wiki/DL3001)
    pub(crate) static RULE = {
        code: "DL3001",
        name: "pointless-command",
        severity: Info,
        fix: None,
        hadolint: "DL3001",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    report_runs(
        checker,
        |site| site.command.program().is_some_and(|p| POINTLESS.contains(&p)),
        |site| {
            format!(
                "`{}` makes no sense in a container build (no terminal, services or running system)",
                site.command.program().unwrap_or_default()
            )
        },
    );
}
