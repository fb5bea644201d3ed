//! DL3037: `zypper install` without version pins.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{runs, simplified, unpinned_message, ZYPPER_VALUE_FLAGS};

declare_rule! {
    /// ## What it does
    /// Reports a `zypper install` (`zypper in`) that names a package without a version (`curl`
    /// rather than `curl=8.6.0`).
    ///
    /// A package counts as pinned when it has a version constraint (`=`, `<`, `>`, `<=`, `>=`) or is
    /// a `.rpm` file. A package held in a variable (`$PACKAGES`) is not known to be pinned and is
    /// reported.
    ///
    /// ## Why is this bad?
    /// Without a version, the package installed is whatever the repositories hold on the day of the
    /// build: two builds of the same Dockerfile can differ, and an update can break the image with
    /// no change in the repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl && zypper clean
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the version to pin is not known without asking the repositories.
    ///
    /// ## Differences from hadolint
    /// A constraint such as `curl>=7` must be quoted in a shell (`'curl>=7'`), or the shell reads
    /// `>` as a redirection; like hadolint, dflint then sees `curl` alone and reports it. dflint
    /// skips the values of options (`--repo`, `--from`, ...) and reports each `zypper install`
    /// (hadolint reports the `RUN` once).
    ///
    /// ## References
    /// - [hadolint DL3037](https://github.com/hadolint/hadolint/wiki/DL3037)
    /// - [zypper(8)](https://en.opensuse.org/SDB:Zypper_manual)
    pub(crate) static RULE = {
        code: "DL3037",
        name: "zypper-pin-versions",
        severity: Warning,
        fix: None,
        hadolint: "DL3037",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let command = site.command;
        if !command.program().is_some_and(|p| ["zypper"].contains(&p)) {
            continue;
        }
        let positional = command.positional_args(ZYPPER_VALUE_FLAGS);
        let (packages, modules) = match positional.first().map(|w| w.value.as_str()) {
            Some("install" | "in") => (&positional[1..], false),
            _ => continue,
        };
        let unpinned: Vec<&str> = packages
            .iter()
            .filter(|w| {
                let p = simplified(w);
                if modules {
                    !p.contains(':')
                } else {
                    !is_pinned(&p)
                }
            })
            .map(|w| w.value.as_str())
            .collect();
        if unpinned.is_empty() {
            continue;
        }
        let message = unpinned_message("zypper install", &unpinned, "`package=version`");
        findings.push((site.finding_range(), message));
    }
    for (range, message) in findings {
        checker.report(range, message);
    }
}

/// `name=version`, `name>=version`, ..., or a `.rpm` file.
fn is_pinned(package: &str) -> bool {
    package.contains(['=', '<', '>']) || package.ends_with(".rpm")
}
