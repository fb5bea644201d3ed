//! DL3047: `wget` without `--progress`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Fix;
use crate::rules::package_managers::runs;

declare_rule! {
    /// ## What it does
    /// Reports a `wget` that shows its default progress bar: no `--progress`, and no option that
    /// quiets or redirects its log (`-q`/`--quiet`, `-nv`/`--no-verbose`,
    /// `-o`/`--output-file`, `-a`/`--append-output`).
    ///
    /// ## Why is this bad?
    /// Without a terminal, wget prints a line of dots for every few kilobytes it downloads: a
    /// large download fills the build log with thousands of lines, which slows the build output
    /// down and hides what matters. `--progress=dot:giga` prints one dot per 1 MiB instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget https://example.com/release.tar.gz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget --progress=dot:giga https://example.com/release.tar.gz
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix adds `--progress=dot:giga` after `wget`, which changes only what wget writes
    /// to its log. (BusyBox `wget` takes no `--progress`; in an Alpine image without GNU wget,
    /// use `-q` instead.)
    ///
    /// ## Differences from hadolint
    /// dflint reports each `wget` (hadolint reports the `RUN` once), and checks `ONBUILD RUN`.
    /// dflint reads the scripts of heredoc `RUN`s (`RUN <<EOF`), which hadolint does not check.
    ///
    /// ## References
    /// - [hadolint DL3047](https://github.com/hadolint/hadolint/wiki/DL3047)
    /// - [wget: --progress](https://www.gnu.org/software/wget/manual/wget.html#index-progress-indicator)
    pub(crate) static RULE = {
        code: "DL3047",
        name: "wget-progress",
        severity: Info,
        fix: Always,
        hadolint: "DL3047",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let command = site.command;
        if !command.is("wget") {
            continue;
        }
        let quiet = command.has_any_flag(&[
            "--progress",
            "-q",
            "--quiet",
            "-o",
            "--output-file",
            "-a",
            "--append-output",
            "--no-verbose",
        ]) || command.args.iter().any(|w| w.value == "-nv");
        if quiet {
            continue;
        }
        let Some(name) = command.name.as_ref() else { continue };
        findings.push((site.finding_range(), site.insert_after(name, "--progress=dot:giga")));
    }
    for (range, edit) in findings {
        checker
            .report(range, "`wget` without `--progress` fills the build log with its progress bar")
            .with_fix(Fix::safe("Add `--progress=dot:giga`", vec![edit]));
    }
}
