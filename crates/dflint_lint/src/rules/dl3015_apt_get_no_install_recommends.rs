//! DL3015: `apt-get install` without `--no-install-recommends`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Fix;
use crate::rules::package_managers::{apt_config_written, apt_get_install, apt_get_sets_option, runs};

declare_rule! {
    /// ## What it does
    /// Reports an `apt-get install` that installs recommended packages: no
    /// `--no-install-recommends` and no `-o APT::Install-Recommends=false`.
    ///
    /// Not reported: an install after a `RUN` of the stage (or of a parent stage) that writes
    /// `APT::Install-Recommends "false";` to a file under `/etc/apt/apt.conf.d`.
    ///
    /// ## Why is this bad?
    /// By default apt installs the packages the named ones recommend as well, often many times
    /// more than was asked for (documentation, GUI helpers, compilers). They make the image
    /// larger and slower to pull, and widen what a vulnerability scanner finds, for software
    /// nobody meant to ship.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*
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
    /// Unsafe: the fix adds `--no-install-recommends` after `install`, so the recommended
    /// packages are no longer installed. The image may have relied on one of them without naming
    /// it (`python3-pip` recommends the compiler that `pip install` needs for packages with C
    /// extensions); check that the image still builds and runs.
    ///
    /// ## Differences from hadolint
    /// dflint reads the apt configuration an earlier `RUN` writes (see above), and checks
    /// `ONBUILD RUN`, which hadolint does not.
    ///
    /// ## References
    /// - [hadolint DL3015](https://github.com/hadolint/hadolint/wiki/DL3015)
    /// - [Dockerfile best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub(crate) static RULE = {
        code: "DL3015",
        name: "apt-get-no-install-recommends",
        severity: Info,
        fix: Always,
        hadolint: "DL3015",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut findings = Vec::new();
    for site in runs(model).iter().flat_map(|run| run.commands()) {
        let Some(install) = apt_get_install(site.command) else { continue };
        if site.command.has_flag("--no-install-recommends")
            || apt_get_sets_option(site.command, "APT::Install-Recommends", false)
            || apt_config_written(model, site.stage, site.run, "APT::Install-Recommends", false)
        {
            continue;
        }
        findings.push((site.finding_range(), site.insert_after(install, "--no-install-recommends")));
    }
    for (range, edit) in findings {
        checker
            .report(range, "`apt-get install` without `--no-install-recommends` installs recommended packages too")
            .with_fix(Fix::unsafe_("Add `--no-install-recommends`", vec![edit]));
    }
}
