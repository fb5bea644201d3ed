//! DL3008: `apt-get install` without version pins.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{apt_get_install, apt_get_packages, runs, simplified, unpinned_message};

declare_rule! {
    /// ## What it does
    /// Reports an `apt-get install` that names a package without a version (`curl` rather than
    /// `curl=8.5.0-2ubuntu10.6`).
    ///
    /// A package counts as pinned when it has a version (`name=version`), names a release
    /// (`name/bookworm-backports`), or is a path or a `.deb` file. A package held in a variable
    /// (`$PACKAGES`) is not known to be pinned and is reported.
    ///
    /// ## Why is this bad?
    /// Without a pin, the package installed is whatever version the archive has on the day of the
    /// build: two builds of the same Dockerfile can differ, and an update can break the image with
    /// no change in the repository. A pin makes the build fail loudly when the version is gone,
    /// instead of changing silently.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update \
    ///     && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update \
    ///     && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the version to pin is not known without asking the archive.
    ///
    /// ## Differences from hadolint
    /// The subcommand is the first argument that is not an option (skipping the values of `-o`,
    /// `-t`, `-c`, `-a`), where hadolint takes any argument reading `install`. Like hadolint, the
    /// rule reads `apt-get` only: `apt install` is the interactive front end (hadolint's DL3027).
    /// hadolint does not check `ONBUILD RUN`; dflint does, since the trigger installs into the
    /// images built on this one.
    ///
    /// ## References
    /// - [hadolint DL3008](https://github.com/hadolint/hadolint/wiki/DL3008)
    /// - [Dockerfile best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub(crate) static RULE = {
        code: "DL3008",
        name: "apt-get-pin-versions",
        severity: Warning,
        fix: None,
        hadolint: "DL3008",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        if apt_get_install(site.command).is_none() {
            continue;
        }
        let unpinned: Vec<&str> = apt_get_packages(site.command)
            .into_iter()
            .filter(|w| !is_pinned(&simplified(w)))
            .map(|w| w.value.as_str())
            .collect();
        if unpinned.is_empty() {
            continue;
        }
        let message = unpinned_message("apt-get install", &unpinned, "`package=version`");
        findings.push((site.finding_range(), message));
    }
    for (range, message) in findings {
        checker.report(range, message);
    }
}

/// `name=version`, `name/release`, a path, or a `.deb` file.
fn is_pinned(package: &str) -> bool {
    package.contains('=') || package.contains('/') || package.ends_with(".deb")
}
