//! DL3033: `yum install` without version pins.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::check_rpm_pins;

declare_rule! {
    /// ## What it does
    /// Reports a `yum install` that names a package without a version (`httpd` rather than
    /// `httpd-2.4.6`), and a `yum module install` that names a module without a stream
    /// (`nodejs` rather than `nodejs:16`).
    ///
    /// A package counts as pinned when what follows its first `-` reads as a version: parts of
    /// letters, digits and `.~^_:+` separated by `-`, one of them starting with a digit
    /// (`httpd-2.4.6`, `httpd-2.4.6-99.el7`; not `python3-devel`). A `.rpm` file counts as
    /// pinned. A package held in a variable (`$PACKAGES`) is not known to be pinned and is
    /// reported.
    ///
    /// ## Why is this bad?
    /// Without a version, the package installed is whatever the repositories hold on the day of the
    /// build: two builds of the same Dockerfile can differ, and an update can break the image with
    /// no change in the repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd && yum clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the version to pin is not known without asking the repositories.
    ///
    /// ## Differences from hadolint
    /// hadolint reports a `.rpm` file whose name has no `-` (`/tmp/package.rpm`); dflint counts
    /// every `.rpm` file as pinned, since the file is one build of one version. The subcommand is
    /// the first argument that is not an option (values of `--enablerepo`, `--setopt`, ... skipped).
    /// dflint reports each `yum install` (hadolint reports the `RUN` once), and checks
    /// `ONBUILD RUN`.
    ///
    /// ## References
    /// - [hadolint DL3033](https://github.com/hadolint/hadolint/wiki/DL3033)
    /// - [yum(8)](https://man7.org/linux/man-pages/man8/yum.8.html)
    pub(crate) static RULE = {
        code: "DL3033",
        name: "yum-pin-versions",
        severity: Warning,
        fix: None,
        hadolint: "DL3033",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_rpm_pins(checker, &["yum"], "yum");
}
