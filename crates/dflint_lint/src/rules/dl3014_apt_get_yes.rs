//! DL3014: `apt-get install` without `-y`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Fix;
use crate::rules::package_managers::{apt_config_written, apt_get_install, apt_get_sets_option, runs};
use dflint_shell::Command;

declare_rule! {
    /// ## What it does
    /// Reports an `apt-get install` that does not answer its confirmation prompt: no `-y`,
    /// `--yes` or `--assume-yes`, no quiet level 2 (`-qq`, `-q=2`, `--quiet=2`, which implies
    /// `-y`), and no `-o APT::Get::Assume-Yes=true`.
    ///
    /// Not reported: an install fed by `yes |`, and an install after a `RUN` of the stage (or of a
    /// parent stage) that writes `APT::Get::Assume-Yes "true";` to a file under
    /// `/etc/apt/apt.conf.d`.
    ///
    /// ## Why is this bad?
    /// When `apt-get install` has more to install than the packages named (their dependencies), it
    /// asks "Do you want to continue? [Y/n]". A build has no terminal to answer: `apt-get` reads
    /// the end of its input as "no" and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10+deb12u8 \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix adds `-y` after `install`. The only change is that the install proceeds
    /// where it stopped at the prompt (`-y` does not answer the stronger prompt for removing
    /// essential packages).
    ///
    /// ## Differences from hadolint
    /// hadolint accepts a single `-q` as if it were `-qq`; quiet level 1 does not imply `-y`, so
    /// dflint reports it. dflint accepts `-o APT::Get::Assume-Yes=true`, `yes |` and the setting
    /// written to `/etc/apt/apt.conf.d` by an earlier `RUN`, which hadolint reports. hadolint
    /// does not check `ONBUILD RUN`; dflint does, since the trigger fails the build that uses the
    /// image.
    ///
    /// ## References
    /// - [hadolint DL3014](https://github.com/hadolint/hadolint/wiki/DL3014)
    /// - [apt-get(8)](https://manpages.debian.org/stable/apt/apt-get.8.en.html)
    pub(crate) static RULE = {
        code: "DL3014",
        name: "apt-get-yes",
        severity: Warning,
        fix: Always,
        hadolint: "DL3014",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut findings = Vec::new();
    for site in runs(model).iter().flat_map(|run| run.commands()) {
        let Some(install) = apt_get_install(site.command) else { continue };
        if assumes_yes(site.command) || fed_by_yes(site.script, site.command) {
            continue;
        }
        if apt_config_written(model, site.stage, site.run, "APT::Get::Assume-Yes", true) {
            continue;
        }
        findings.push((site.finding_range(), site.insert_after(install, "-y")));
    }
    for (range, edit) in findings {
        checker
            .report(range, "`apt-get install` without `-y` stops at its confirmation prompt and fails the build")
            .with_fix(Fix::safe("Add `-y`", vec![edit]));
    }
}

/// `-y`, `--yes`, `--assume-yes`, quiet level 2, or `-o APT::Get::Assume-Yes=true`.
fn assumes_yes(command: &Command) -> bool {
    if command.has_any_flag(&["-y", "--yes", "--assume-yes"]) {
        return true;
    }
    let quiet_level: usize = command
        .args
        .iter()
        .take_while(|w| w.value != "--")
        .map(|w| {
            let v = w.value.as_str();
            if let Some(level) = v.strip_prefix("--quiet=").or_else(|| v.strip_prefix("-q=")) {
                level.parse().unwrap_or(0)
            } else if v == "--quiet" {
                1
            } else if v.starts_with('-') && !v.starts_with("--") {
                v.chars().filter(|&c| c == 'q').count()
            } else {
                0
            }
        })
        .sum();
    quiet_level >= 2 || apt_get_sets_option(command, "APT::Get::Assume-Yes", true)
}

/// Is the command the last of a pipeline that starts with `yes`?
fn fed_by_yes(script: &dflint_model::RunScript, command: &Command) -> bool {
    let Some(pos) = command.pipeline.filter(|p| p.index > 0) else { return false };
    script.script.pipeline(pos).next().is_some_and(|first| first.is("yes"))
}
