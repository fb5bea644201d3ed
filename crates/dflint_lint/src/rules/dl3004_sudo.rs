//! DL3004: `sudo` in a `RUN`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::package_managers::runs;
use dflint_syntax::TextRange;

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
    /// ## Fix safety
    /// For a `sudo` without options in a shell-form `RUN`, the fix removes `sudo`. It is unsafe:
    /// the command then runs as the current `USER`, which may lack the rights it needs; add
    /// `USER root` before the `RUN` where it does.
    ///
    /// ## References
    /// - [hadolint DL3004](https://github.com/hadolint/hadolint/wiki/DL3004)
    /// - [Best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub(crate) static RULE = {
        code: "DL3004",
        name: "no-sudo",
        severity: Error,
        fix: Sometimes,
        hadolint: "DL3004",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for view in runs(checker.model()) {
        if view.run.onbuild {
            continue;
        }
        let Some(site) = view.commands().find(|site| site.command.is("sudo")) else { continue };
        let command = site.command;
        // `sudo cmd ...` without options: drop `sudo ` (shell form only).
        let fix = match (command.name.as_ref(), command.args.first()) {
            (Some(name), Some(first)) if !site.exec && !first.value.starts_with('-') => {
                let start = site.script.file_range(name.range.clone()).start();
                let end = site.script.file_range(first.range.clone()).start();
                (start < end).then(|| Fix::unsafe_("Remove `sudo`", vec![Edit::delete(TextRange::new(start, end))]))
            }
            _ => None,
        };
        found.push((site.finding_range(), fix));
    }
    for (range, fix) in found {
        let diagnostic = checker
            .report(range, "Do not use `sudo`: it behaves unpredictably in a build; use `USER` or a tool like `gosu`");
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}
