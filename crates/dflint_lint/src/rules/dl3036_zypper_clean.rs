//! DL3036: `zypper install` without `zypper clean`.

use dflint_shell::Command;

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{check_cache_cleanup, removes, subcommand_of, CacheCleanup, ZYPPER_VALUE_FLAGS};

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that runs `zypper install` (`zypper in`) and no `zypper clean` (`zypper cc`)
    /// after it.
    ///
    /// Not reported: a `RUN` that deletes the cache after the install (`rm -rf /var/cache/zypp`),
    /// and a `RUN` that mounts it (`--mount=type=cache,target=/var/cache/zypp`), so that it is not
    /// in the layer.
    ///
    /// ## Why is this bad?
    /// zypper keeps the repository metadata and the packages it downloads in `/var/cache/zypp`.
    /// Left in the layer, they make the image larger for nothing; deleting them in a later `RUN`
    /// does not help.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl=8.6.0
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends ` && zypper clean` to the end of the `RUN`'s script. It is safe in a
    /// shell-form `RUN` whose script ends with its last statement. It is unsafe in a heredoc script
    /// and when the script ends in a comment or a `&`; the command then goes right after the last
    /// zypper command. An exec-form `RUN` gets no fix.
    ///
    /// ## Differences from hadolint
    /// hadolint reports a `RUN` that deletes the cache with `rm -rf /var/cache/zypp` rather than
    /// `zypper clean`; dflint does not, since the cache is gone either way. Like hadolint, dflint
    /// skips a cache mount.
    ///
    /// ## References
    /// - [hadolint DL3036](https://github.com/hadolint/hadolint/wiki/DL3036)
    /// - [zypper(8): clean](https://en.opensuse.org/SDB:Zypper_manual)
    pub(crate) static RULE = {
        code: "DL3036",
        name: "zypper-clean",
        severity: Warning,
        fix: Sometimes,
        hadolint: "DL3036",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_cache_cleanup(
        checker,
        &CacheCleanup {
            tool: "zypper",
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
const CACHE_DIRS: &[&str] = &["/var/cache/zypp"];
/// hadolint wants the clean after the install.
const CLEAN_ANYWHERE: bool = false;

fn installs(command: &Command) -> bool {
    subcommand_of(command, &["zypper"], ZYPPER_VALUE_FLAGS)
        .is_some_and(|w| matches!(w.value.as_str(), "install" | "in"))
}

fn cleans(command: &Command) -> bool {
    subcommand_of(command, &["zypper"], ZYPPER_VALUE_FLAGS).is_some_and(|w| matches!(w.value.as_str(), "clean" | "cc"))
        || removes(command, "/var/cache/zypp")
}

fn is_tool(command: &Command) -> bool {
    command.is("zypper")
}

fn cleanup_for(_install: &Command) -> String {
    "zypper clean".to_string()
}
