//! DL3018: `apk add` without version pins.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{packages_of, runs, simplified, subcommand_of, unpinned_message, APK_VALUE_FLAGS};

declare_rule! {
    /// ## What it does
    /// Reports an `apk add` that names a package without a version (`curl` rather than
    /// `curl=8.12.1-r1`).
    ///
    /// A package counts as pinned when it has a version constraint (`name=1.2-r0`,
    /// `name~1.2`, `name>=1.2`, `name<2`) or is a `.apk` file. The name of a virtual package
    /// (`--virtual .build-deps`, `-t .build-deps`) is not a package. A package held in a variable
    /// (`$PACKAGES`) is not known to be pinned and is reported.
    ///
    /// ## Why is this bad?
    /// Without a pin, the package installed is whatever version the repository has on the day of
    /// the build: two builds of the same Dockerfile can differ, and an update can break the image
    /// with no change in the repository. A pin makes the build fail loudly when the version is
    /// gone, instead of changing silently.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk add --no-cache curl=8.12.1-r1
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the version to pin is not known without asking the repository.
    ///
    /// ## Differences from hadolint
    /// The subcommand is the first argument that is not an option (values of `--root`,
    /// `--repository`, `--arch`, ... skipped), where hadolint takes any argument reading `add`.
    /// dflint reports each `apk add` (hadolint reports the `RUN` once).
    /// dflint reads the scripts of heredoc `RUN`s (`RUN <<EOF`), which hadolint does not check.
    ///
    /// ## References
    /// - [hadolint DL3018](https://github.com/hadolint/hadolint/wiki/DL3018)
    /// - [Alpine: apk world constraints](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_APK_Usage)
    pub(crate) static RULE = {
        code: "DL3018",
        name: "apk-pin-versions",
        severity: Warning,
        fix: None,
        hadolint: "DL3018",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        if subcommand_of(site.command, &["apk"], APK_VALUE_FLAGS).is_none_or(|w| w.value != "add") {
            continue;
        }
        let unpinned: Vec<&str> = packages_of(site.command, APK_VALUE_FLAGS)
            .into_iter()
            .filter(|w| !is_pinned(&simplified(w)))
            .map(|w| w.value.as_str())
            .collect();
        if unpinned.is_empty() {
            continue;
        }
        let message = unpinned_message("apk add", &unpinned, "`package=version`");
        findings.push((site.finding_range(), message));
    }
    for (range, message) in findings {
        checker.report(range, message);
    }
}

/// `name=version`, `name~version`, `name>version`, `name<version`, or a `.apk` file.
fn is_pinned(package: &str) -> bool {
    package.contains(['=', '~', '<', '>']) || package.ends_with(".apk")
}
