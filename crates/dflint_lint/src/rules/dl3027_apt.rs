//! DL3027: `apt` in a `RUN`.

use dflint_syntax::TextRange;

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::package_managers::runs;

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that runs `apt`, the interactive front end of the Debian package tools,
    /// rather than `apt-get` or `apt-cache`.
    ///
    /// ## Why is this bad?
    /// `apt` is meant for people at a terminal: its output and behavior may change between
    /// releases, and it warns "apt does not have a stable CLI interface. Use with caution in
    /// scripts." `apt-get` and `apt-cache` are the stable interfaces for scripts. The other rules
    /// about apt (DL3008, DL3014, DL3015) read `apt-get` command lines.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    ///     && rm -rf /var/lib/apt/lists/*
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
    /// The fix replaces `apt` with `apt-get` for the subcommands both have; it is safe for
    /// `update`, `install`, `reinstall`, `remove`, `purge`, `autoremove`, `clean` and `autoclean`,
    /// which do the same in both. It is unsafe for `upgrade` (`apt upgrade` installs new
    /// dependencies, `apt-get upgrade` holds such packages back) and for `full-upgrade`, which
    /// becomes `apt-get dist-upgrade`. `search`, `show`, `policy`, `depends` and `rdepends`
    /// become `apt-cache` (unsafe: the output format differs). Other subcommands (`list`,
    /// `edit-sources`) get no fix.
    ///
    /// ## Differences from hadolint
    /// dflint reports each `apt` command (hadolint reports the `RUN` once), and checks
    /// `ONBUILD RUN`.
    ///
    /// ## References
    /// - [hadolint DL3027](https://github.com/hadolint/hadolint/wiki/DL3027)
    /// - [apt(8)](https://manpages.debian.org/stable/apt/apt.8.en.html)
    pub(crate) static RULE = {
        code: "DL3027",
        name: "apt",
        severity: Warning,
        fix: Sometimes,
        hadolint: "DL3027",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        if !site.command.is("apt") {
            continue;
        }
        let Some(name) = site.command.name.as_ref() else { continue };
        let sub = site.command.subcommand(&["-o", "--option", "-c", "--config-file", "-t", "--target-release"]);
        let fix = sub.and_then(|sub| {
            let name_range = site.script.file_range(name.range.clone());
            // The program name without its directory.
            let at = name_range.end() - dflint_syntax::TextSize::from(3);
            let program = TextRange::new(at, name_range.end());
            let sub_range = site.script.file_range(sub.range.clone());
            match sub.value.as_str() {
                "update" | "install" | "reinstall" | "remove" | "purge" | "autoremove" | "clean" | "autoclean" => {
                    Some(Fix::safe("Use `apt-get`", vec![Edit::replace(program, "apt-get")]))
                }
                "upgrade" => Some(Fix::unsafe_("Use `apt-get`", vec![Edit::replace(program, "apt-get")])),
                "full-upgrade" => Some(Fix::unsafe_(
                    "Use `apt-get dist-upgrade`",
                    vec![Edit::replace(program, "apt-get"), Edit::replace(sub_range, "dist-upgrade")],
                )),
                "search" | "show" | "policy" | "depends" | "rdepends" | "showsrc" => {
                    Some(Fix::unsafe_("Use `apt-cache`", vec![Edit::replace(program, "apt-cache")]))
                }
                _ => None,
            }
        });
        let fix = if name.raw.ends_with("apt") { fix } else { None };
        findings.push((site.finding_range(), fix));
    }
    for (range, fix) in findings {
        let diagnostic = checker
            .report(range, "`apt` is meant for terminals and has no stable interface: use `apt-get` or `apt-cache`");
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}
