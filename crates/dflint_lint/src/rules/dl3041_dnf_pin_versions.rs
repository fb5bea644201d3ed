//! DL3041: `dnf install` without version pins.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::check_rpm_pins;

declare_rule! {
    /// ## What it does
    /// Reports a `dnf install` or `microdnf install` that names a package without a version
    /// (`httpd` rather than `httpd-2.4.62`), and a `dnf module install` that names a module
    /// without a stream (`nodejs` rather than `nodejs:20`).
    ///
    /// A package counts as pinned when what follows its first `-` reads as a version: parts of
    /// letters, digits and `.~^_:+` separated by `-`, one of them starting with a digit
    /// (`python3-3.12.8`, `httpd-2.4.62-1.fc41`). A `.rpm` file counts as pinned. A package held in
    /// a variable (`$PACKAGES`) is not known to be pinned and is reported.
    ///
    /// ## Why is this bad?
    /// Without a version, the package installed is whatever the repositories hold on the day of the
    /// build: two builds of the same Dockerfile can differ, and an update can break the image with
    /// no change in the repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the version to pin is not known without asking the repositories.
    ///
    /// ## Differences from hadolint
    /// hadolint reports a `.rpm` file whose name has no `-` (`https://example.com/pkg.rpm`); dflint
    /// counts every `.rpm` file as pinned, since the file is one build of one version. dflint reads
    /// `dnf group install` as hadolint does (not checked), skips the values of options
    /// (`--setopt`, `--enablerepo`, ...), and reports each `dnf install` (hadolint reports the `RUN`
    /// once).
    ///
    /// ## References
    /// - [hadolint DL3041](https://github.com/hadolint/hadolint/wiki/DL3041)
    /// - [dnf: specifying packages](https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages-label)
    pub(crate) static RULE = {
        code: "DL3041",
        name: "dnf-pin-versions",
        severity: Warning,
        fix: None,
        hadolint: "DL3041",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_rpm_pins(checker, &["dnf", "microdnf"], "dnf");
}

#[cfg(test)]
mod tests {
    use crate::rules::package_managers::rpm_version_pinned as is_pinned;

    #[test]
    fn pins() {
        for p in ["httpd-2.4.62", "python3-3.13.1-1.fc41", "https://x/pkg.rpm", "x-1:2.0"] {
            assert!(is_pinned(p), "{p}");
        }
        for p in ["httpd", "epel-release", "python3-devel", "dnf-command(config-manager)"] {
            assert!(!is_pinned(p), "{p}");
        }
    }
}
