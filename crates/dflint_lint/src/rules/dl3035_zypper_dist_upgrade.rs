//! DL3035: `zypper dist-upgrade` in a `RUN`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{runs, subcommand_of, ZYPPER_VALUE_FLAGS};

declare_rule! {
    /// ## What it does
    /// Reports `zypper dist-upgrade` (`zypper dup`) in a `RUN`.
    ///
    /// ## Why is this bad?
    /// A distribution upgrade moves the image to whatever the repositories hold on the day of the
    /// build, possibly a new release of the distribution, with packages removed or replaced. The
    /// result is neither reproducible nor what the base image's tag promises. Use a newer base
    /// image instead, or `zypper patch` / `zypper update` for fixes.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n dup && zypper clean
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n patch && zypper clean
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: which update to run instead is a choice.
    ///
    /// ## Differences from hadolint
    /// dflint reports each such command (hadolint reports the `RUN` once), and checks
    /// `ONBUILD RUN`.
    ///
    /// ## References
    /// - [hadolint DL3035](https://github.com/hadolint/hadolint/wiki/DL3035)
    /// - [zypper(8)](https://en.opensuse.org/SDB:Zypper_manual)
    pub(crate) static RULE = {
        code: "DL3035",
        name: "zypper-dist-upgrade",
        severity: Warning,
        fix: None,
        hadolint: "DL3035",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        if subcommand_of(site.command, &["zypper"], ZYPPER_VALUE_FLAGS)
            .is_some_and(|w| matches!(w.value.as_str(), "dist-upgrade" | "dup"))
        {
            findings.push(site.finding_range());
        }
    }
    for range in findings {
        checker.report(range, "Do not use `zypper dist-upgrade` in an image: use a newer base image instead");
    }
}
