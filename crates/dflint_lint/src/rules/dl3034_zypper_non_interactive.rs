//! DL3034: `zypper install` without `-n`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Fix;
use crate::rules::package_managers::{runs, subcommand_of, ZYPPER_VALUE_FLAGS};

declare_rule! {
    /// ## What it does
    /// Reports a `zypper` command that asks for confirmation (`install`/`in`, `remove`/`rm`,
    /// `source-install`/`si`, `patch`) without the global `-n` (`--non-interactive`) or the
    /// command's `-y` (`--no-confirm`).
    ///
    /// ## Why is this bad?
    /// Without them, zypper asks "Continue? [y/n/v/...? shows all options] (y)" and a build has
    /// no terminal to answer: the build fails or hangs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix adds the global option `-n` after `zypper`; zypper then takes the default
    /// answer where it would have stopped to ask.
    ///
    /// ## Differences from hadolint
    /// dflint reports each `zypper` command (hadolint reports the `RUN` once), and checks
    /// `ONBUILD RUN`.
    ///
    /// ## References
    /// - [hadolint DL3034](https://github.com/hadolint/hadolint/wiki/DL3034)
    /// - [zypper(8)](https://en.opensuse.org/SDB:Zypper_manual)
    pub(crate) static RULE = {
        code: "DL3034",
        name: "zypper-non-interactive",
        severity: Warning,
        fix: Always,
        hadolint: "DL3034",
        check: check,
    }
}

const ASKS: &[&str] = &["install", "in", "remove", "rm", "source-install", "si", "patch"];

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        if subcommand_of(site.command, &["zypper"], ZYPPER_VALUE_FLAGS)
            .is_none_or(|w| !ASKS.contains(&w.value.as_str()))
        {
            continue;
        }
        if site.command.has_any_flag(&["-n", "--non-interactive", "-y", "--no-confirm"]) {
            continue;
        }
        let Some(name) = site.command.name.as_ref() else { continue };
        findings.push((site.finding_range(), site.insert_after(name, "-n")));
    }
    for (range, edit) in findings {
        checker
            .report(range, "`zypper` without `-n` (`--non-interactive`) stops at its confirmation prompt")
            .with_fix(Fix::safe("Add `-n`", vec![edit]));
    }
}
