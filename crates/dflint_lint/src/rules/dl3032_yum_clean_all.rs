//! DL3032: `yum install` without `yum clean all`.

use dflint_shell::Command;

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{check_cache_cleanup, removes, subcommand_of, CacheCleanup, RPM_VALUE_FLAGS};

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that runs `yum install` and no `yum clean all` after it.
    ///
    /// Not reported: a `RUN` that deletes yum's cache after the install (`rm -rf /var/cache/yum`),
    /// and a `RUN` that
    /// mounts it (`--mount=type=cache,target=/var/cache/yum`), so that it is not in the layer.
    ///
    /// ## Why is this bad?
    /// yum keeps the repository metadata and the packages it downloads in `/var/cache/yum`, often
    /// a hundred megabytes or more. Left in the layer, they make the image larger for nothing;
    /// deleting them in a later `RUN` does not help.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends ` && yum clean all` to the end of the `RUN`'s script. It is safe in a
    /// shell-form `RUN` whose script ends with its last statement: yum downloads the metadata again
    /// when it next needs it. It is unsafe in a heredoc script and when the script ends in a comment
    /// or a `&`; the command then goes right after the last yum command. An exec-form `RUN` gets no
    /// fix.
    ///
    /// ## Differences from hadolint
    /// hadolint reports a `RUN` that mounts yum's cache (hadolint issue #497); dflint does not,
    /// since the cache is then not in the layer.
    ///
    /// ## References
    /// - [hadolint DL3032](https://github.com/hadolint/hadolint/wiki/DL3032)
    /// - [yum(8): clean](https://man7.org/linux/man-pages/man8/yum.8.html)
    pub(crate) static RULE = {
        code: "DL3032",
        name: "yum-clean-all",
        severity: Warning,
        fix: Sometimes,
        hadolint: "DL3032",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_cache_cleanup(
        checker,
        &CacheCleanup {
            tool: "yum",
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
const CACHE_DIRS: &[&str] = &["/var/cache/yum"];
/// Like hadolint, the clean must come after the install.
const CLEAN_ANYWHERE: bool = false;

fn installs(command: &Command) -> bool {
    subcommand_of(command, &["yum"], RPM_VALUE_FLAGS).is_some_and(|w| w.value == "install")
}

fn cleans(command: &Command) -> bool {
    let clean_all = subcommand_of(command, &["yum"], RPM_VALUE_FLAGS).is_some_and(|w| w.value == "clean")
        && command.args.iter().any(|w| w.value == "all");
    clean_all || removes(command, "/var/cache/yum")
}

fn is_tool(command: &Command) -> bool {
    command.is("yum")
}

fn cleanup_for(_install: &Command) -> String {
    "yum clean all".to_string()
}
