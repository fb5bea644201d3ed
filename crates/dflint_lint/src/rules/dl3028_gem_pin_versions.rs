//! DL3028: `gem install` without a version.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{runs, simplified, unpinned_message};

/// `gem install` options that take their value as the next argument.
const GEM_VALUE_FLAGS: &[&str] = &[
    "-i",
    "--install-dir",
    "-n",
    "--bindir",
    "-s",
    "--source",
    "-p",
    "--http-proxy",
    "-P",
    "--trust-policy",
    "--platform",
    "--build-root",
    "-g",
    "--file",
    "--config-file",
];

declare_rule! {
    /// ## What it does
    /// Reports a `gem install` (or `gem i`) that names a gem without a version (`rails` rather
    /// than `rails:8.0.1`), unless the command gives one with `-v`/`--version`.
    ///
    /// ## Why is this bad?
    /// Without a version, RubyGems installs the newest release on the day of the build: two
    /// builds of the same Dockerfile can differ, and a new major release can break the image with
    /// no change in the repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ruby:3.4-slim
    /// RUN gem install bundler
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ruby:3.4-slim
    /// RUN gem install bundler:2.6.3
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the version to pin is not known without asking the gem server.
    ///
    /// ## Differences from hadolint
    /// hadolint reads the word after any option as that option's value, so it does not report
    /// `gem install --no-document bundler`; dflint knows which options take a value
    /// (`--install-dir`, `--source`, ...) and reports the unpinned `bundler`. dflint ignores what
    /// follows `--` (build options for the gem), and reports each `gem install` (hadolint reports
    /// the `RUN` once).
    ///
    /// ## References
    /// - [hadolint DL3028](https://github.com/hadolint/hadolint/wiki/DL3028)
    /// - [gem install](https://guides.rubygems.org/command-reference/#gem-install)
    pub(crate) static RULE = {
        code: "DL3028",
        name: "gem-pin-versions",
        severity: Warning,
        fix: None,
        hadolint: "DL3028",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let command = site.command;
        if !command.is("gem")
            || command.subcommand(GEM_VALUE_FLAGS).is_none_or(|w| !matches!(w.value.as_str(), "install" | "i"))
        {
            continue;
        }
        if command.has_any_flag(&["-v", "--version"]) {
            continue;
        }
        // Arguments after `--` are build options of the gem.
        let end = command.args.iter().position(|w| w.value == "--").unwrap_or(command.args.len());
        let unpinned: Vec<&str> = command
            .args_after_subcommand(GEM_VALUE_FLAGS)
            .into_iter()
            .filter(|w| command.args[..end].iter().any(|a| std::ptr::eq(a, *w)))
            .filter(|w| !simplified(w).contains(':'))
            .map(|w| w.value.as_str())
            .collect();
        if unpinned.is_empty() {
            continue;
        }
        let message = unpinned_message("gem install", &unpinned, "`gem:version` or `-v version`");
        findings.push((site.finding_range(), message));
    }
    for (range, message) in findings {
        checker.report(range, message);
    }
}
