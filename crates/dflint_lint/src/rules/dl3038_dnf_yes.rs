//! DL3038: `dnf install` without `-y`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Fix;
use crate::rules::package_managers::{runs, subcommand_of, RPM_VALUE_FLAGS};

declare_rule! {
    /// ## What it does
    /// Reports a `dnf install` or `microdnf install` (also `groupinstall`, `localinstall`)
    /// without `-y` or `--assumeyes`.
    ///
    /// ## Why is this bad?
    /// Without `-y`, dnf asks "Is this ok [y/N]" before it installs. A build has no terminal to
    /// answer: dnf reads the end of its input as "no" and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix adds `-y` after the subcommand; the install proceeds where it stopped at the
    /// prompt.
    ///
    /// ## Differences from hadolint
    /// dflint reports each `dnf install` (hadolint reports the `RUN` once).
    ///
    /// ## References
    /// - [hadolint DL3038](https://github.com/hadolint/hadolint/wiki/DL3038)
    /// - [dnf: options](https://dnf.readthedocs.io/en/latest/command_ref.html#options)
    pub(crate) static RULE = {
        code: "DL3038",
        name: "dnf-yes",
        severity: Warning,
        fix: Always,
        hadolint: "DL3038",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let Some(sub) = subcommand_of(site.command, &["dnf", "microdnf"], RPM_VALUE_FLAGS)
            .filter(|w| matches!(w.value.as_str(), "install" | "groupinstall" | "localinstall"))
        else {
            continue;
        };
        if site.command.has_any_flag(&["-y", "--assumeyes"]) {
            continue;
        }
        findings.push((site.finding_range(), site.insert_after(sub, "-y")));
    }
    for (range, edit) in findings {
        checker
            .report(range, "`dnf install` without `-y` stops at its confirmation prompt and fails the build")
            .with_fix(Fix::safe("Add `-y`", vec![edit]));
    }
}
