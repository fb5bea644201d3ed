//! DL3030: `yum install` without `-y`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Fix;
use crate::rules::package_managers::{runs, subcommand_of, RPM_VALUE_FLAGS};

declare_rule! {
    /// ## What it does
    /// Reports a `yum install` (`groupinstall`, `localinstall`) without `-y` or `--assumeyes`.
    ///
    /// ## Why is this bad?
    /// Without `-y`, yum asks "Is this ok [y/N]" before it installs. A build has no terminal to
    /// answer: yum reads the end of its input as "no" and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix adds `-y` after the subcommand; the install proceeds where it stopped at the
    /// prompt.
    ///
    /// ## Differences from hadolint
    /// dflint reports each `yum install` (hadolint reports the `RUN` once), and checks
    /// `ONBUILD RUN`.
    ///
    /// ## References
    /// - [hadolint DL3030](https://github.com/hadolint/hadolint/wiki/DL3030)
    /// - [yum(8)](https://man7.org/linux/man-pages/man8/yum.8.html)
    pub(crate) static RULE = {
        code: "DL3030",
        name: "yum-yes",
        severity: Warning,
        fix: Always,
        hadolint: "DL3030",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let Some(sub) = subcommand_of(site.command, &["yum"], RPM_VALUE_FLAGS)
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
            .report(range, "`yum install` without `-y` stops at its confirmation prompt and fails the build")
            .with_fix(Fix::safe("Add `-y`", vec![edit]));
    }
}
