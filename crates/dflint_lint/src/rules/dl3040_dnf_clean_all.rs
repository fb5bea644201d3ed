//! DL3040: `dnf install` without `dnf clean all`.

use dflint_shell::Command;

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{check_cache_cleanup, removes, subcommand_of, CacheCleanup, RPM_VALUE_FLAGS};

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that runs `dnf install` (or `microdnf install`) and no `dnf clean all` after
    /// it.
    ///
    /// Not reported: a `RUN` that deletes the cache after the install (`rm -rf /var/cache/dnf`,
    /// `rm -rf /var/cache/yum`), and a `RUN` that mounts it (`--mount=type=cache,target=/var/cache/dnf`,
    /// or `/var/cache/yum`, or `/var/cache/libdnf5`), so that it is not in the layer.
    ///
    /// ## Why is this bad?
    /// dnf keeps the repository metadata and the packages it downloads in `/var/cache/dnf` (or
    /// `/var/cache/yum`), often a hundred megabytes or more. Left in the layer, they make the image
    /// larger for nothing; deleting them in a later `RUN` does not help.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install -y httpd-2.4.62
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends ` && dnf clean all` (or `microdnf clean all`) to the end of the `RUN`'s
    /// script. It is safe in a shell-form `RUN` whose script ends with its last statement: dnf
    /// downloads the metadata again when it next needs it. It is unsafe in a heredoc script and
    /// when the script ends in a comment or a `&`; the command then goes right after the last dnf
    /// command. An exec-form `RUN` gets no fix.
    ///
    /// ## Differences from hadolint
    /// hadolint accepts only `rm -rf /var/cache/yum/*` written just so, and reports a `RUN` that
    /// mounts the cache (hadolint issue #497); dflint accepts an `rm` of the dnf or yum cache in
    /// any spelling (`rm -rf /var/cache/dnf`), and a cache mount. hadolint wants the clean of `microdnf` by `microdnf` and of `dnf` by `dnf`; dflint
    /// accepts either.
    ///
    /// ## References
    /// - [hadolint DL3040](https://github.com/hadolint/hadolint/wiki/DL3040)
    /// - [dnf clean](https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command)
    pub(crate) static RULE = {
        code: "DL3040",
        name: "dnf-clean-all",
        severity: Warning,
        fix: Sometimes,
        hadolint: "DL3040",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_cache_cleanup(
        checker,
        &CacheCleanup {
            tool: "dnf",
            cache_dirs: CACHE_DIRS,
            clean_anywhere: CLEAN_ANYWHERE,
            only_shipped: false,
            installs,
            cleans,
            is_tool,
            cleanup_for,
        },
    );
}

/// Directories whose mount keeps the cache out of the layer.
const CACHE_DIRS: &[&str] = &["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"];
/// hadolint wants the clean after the install.
const CLEAN_ANYWHERE: bool = false;

fn installs(command: &Command) -> bool {
    subcommand_of(command, &["dnf", "microdnf"], RPM_VALUE_FLAGS).is_some_and(|w| w.value == "install")
}

fn cleans(command: &Command) -> bool {
    let clean_all = subcommand_of(command, &["dnf", "microdnf", "yum"], RPM_VALUE_FLAGS)
        .is_some_and(|w| w.value == "clean")
        && command.args.iter().any(|w| w.value == "all");
    clean_all || CACHE_DIRS.iter().any(|dir| removes(command, dir))
}

fn is_tool(command: &Command) -> bool {
    command.is("dnf") || command.is("microdnf")
}

fn cleanup_for(install: &Command) -> String {
    format!("{} clean all", install.program().unwrap_or("dnf"))
}
