//! DL3046: `useradd` with a high UID and without `-l`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Fix;
use crate::rules::package_managers::runs;
use dflint_shell::Command;

declare_rule! {
    /// ## What it does
    /// Reports a `useradd` that sets a UID of more than five digits (`-u 1000000`,
    /// `--uid=1000000`) without `-l` (`--no-log-init`). One finding per `RUN`.
    ///
    /// ## Why is this bad?
    /// `useradd` writes the user's entry into `/var/log/lastlog` and `/var/log/faillog` at an
    /// offset proportional to the UID. Those files are sparse on disk, but image layers do not
    /// keep holes: a UID such as 1000000 adds hundreds of megabytes of zeros to the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd -u 1000000 app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd -l -u 1000000 app
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-l` after `useradd`. It is safe: the only effect of `-l` is that the user
    /// is not added to the lastlog and faillog databases, which a container does not use.
    ///
    /// ## Differences from hadolint
    /// hadolint measures the text after `-u` only, so it reports `-u ${APP_UID}` (a variable
    /// name of more than five characters) and misses `--uid 1000000`. dflint reads `-u` and
    /// `--uid` alike and skips values held in variables, which it cannot know.
    ///
    /// ## References
    /// - [hadolint DL3046](https://github.com/hadolint/hadolint/wiki/DL3046)
    /// - [Best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub(crate) static RULE = {
        code: "DL3046",
        name: "useradd-high-uid",
        severity: Warning,
        fix: Always,
        hadolint: "DL3046",
        check: check,
    }
}

/// Does this `useradd` set a long UID without `-l`?
fn forgets_l(command: &Command) -> bool {
    command.name_str() == Some("useradd")
        && !command.has_any_flag(&["-l", "--no-log-init"])
        && command
            .flag_values("-u")
            .into_iter()
            .chain(command.flag_values("--uid"))
            .any(|v| !v.value.contains('$') && v.value.chars().count() > 5)
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for view in runs(checker.model()) {
        if view.run.onbuild {
            continue;
        }
        if let Some(site) = view.commands().find(|s| forgets_l(s.command)) {
            let Some(name) = site.command.name.as_ref() else { continue };
            let edit = site.insert_after(name, "-l");
            found.push((site.finding_range(), edit));
        }
    }
    for (range, edit) in found {
        checker
            .report(range, "`useradd` with a high UID and without `-l` makes the image excessively large")
            .with_fix(Fix::safe("Add `-l` (`--no-log-init`)", vec![edit]));
    }
}
