//! DF100: `curl` that downloads without `--fail`.

use dflint_shell::Command;

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Fix;
use crate::rules::package_managers::runs;

declare_rule! {
    /// ## What it does
    /// Reports a `curl` that fetches a URL without `-f` (`--fail`, or `--fail-with-body`).
    ///
    /// Not reported: a `curl` that looks at the response itself (`-I`/`--head`,
    /// `-w`/`--write-out`, `-i`/`--include`), and one that only uploads (`-T`/`--upload-file`).
    ///
    /// ## Why is this bad?
    /// Without `--fail`, curl treats an HTTP error as a success: a 404 or 500 page is saved (or
    /// piped to `sh`, `tar`, `gpg`) as if it were the file, curl exits with 0, and the build goes
    /// on with an HTML error page in place of a binary or a script. The failure then shows up
    /// later, far from its cause, or not at all. With `--fail`, curl exits with code 22 and the
    /// build stops at the download.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -sSLo /usr/local/bin/tini https://github.com/krallin/tini/releases/download/v0.19.0/tini
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLo /usr/local/bin/tini https://github.com/krallin/tini/releases/download/v0.19.0/tini
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix adds `-f` after `curl`, so an HTTP error now fails the command (and the
    /// `RUN`, unless the script tolerates it). That is the point, but a Dockerfile that relied on
    /// an error page being accepted (a probe whose failure is fine) would change.
    ///
    /// ## References
    /// - [curl: --fail](https://curl.se/docs/manpage.html#-f)
    pub(crate) static RULE = {
        code: "DF100",
        name: "curl-without-fail",
        severity: Warning,
        fix: Always,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let command = site.command;
        if !command.is("curl") || !fetches_url(command) || tolerates_errors(command) {
            continue;
        }
        let Some(name) = command.name.as_ref() else { continue };
        findings.push((site.finding_range(), site.insert_after(name, "-f")));
    }
    for (range, edit) in findings {
        checker
            .report(range, "`curl` without `-f` (`--fail`) takes an HTTP error page for the file and exits with 0")
            .with_fix(Fix::unsafe_("Add `-f`", vec![edit]));
    }
}

/// Does an argument look like a URL curl fetches over HTTP(S) (or a bare host/path, which curl
/// reads as HTTP)?
fn fetches_url(command: &Command) -> bool {
    command.args.iter().any(|w| {
        let v = w.value.trim_start_matches(['"', '\'']);
        v.starts_with("http://") || v.starts_with("https://")
    })
}

/// `--fail` in any spelling, or an option that means the response is looked at or only sent.
fn tolerates_errors(command: &Command) -> bool {
    command.has_any_flag(&[
        "-f",
        "--fail",
        "--fail-with-body",
        "-I",
        "--head",
        "-w",
        "--write-out",
        "-i",
        "--include",
        "-T",
        "--upload-file",
    ])
}
