//! DL4001: both `wget` and `curl` in one stage.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::runs;

declare_rule! {
    /// ## What it does
    /// Reports the `RUN`s of a stage that use `wget` or `curl` once the stage has used both.
    ///
    /// ## Why is this bad?
    /// Both tools download files; an image that needs both carries two HTTP clients, their
    /// libraries and their vulnerabilities, where one would do. Pick one and use it throughout.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget -q https://example.com/a.tar.gz && curl -fsSLO https://example.com/b.tar.gz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLO https://example.com/a.tar.gz && curl -fsSLO https://example.com/b.tar.gz
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the options of the two tools differ.
    ///
    /// ## Differences from hadolint
    /// Like hadolint, each stage starts afresh and the finding is on every `RUN` that uses one of
    /// the tools once both were seen. `ONBUILD RUN`s are counted apart from the stage's `RUN`s,
    /// since they run in another build.
    ///
    /// ## References
    /// - [hadolint DL4001](https://github.com/hadolint/hadolint/wiki/DL4001)
    pub(crate) static RULE = {
        code: "DL4001",
        name: "wget-and-curl",
        severity: Warning,
        fix: None,
        hadolint: "DL4001",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    // (stage, onbuild) -> (curl seen, wget seen)
    let mut state: Vec<((usize, bool), (bool, bool))> = Vec::new();
    for view in runs(checker.model()) {
        let key = (view.stage.index, view.run.onbuild);
        let commands: Vec<_> = view.commands().filter(|c| c.command.is("curl") || c.command.is("wget")).collect();
        let Some(first) = commands.first() else { continue };
        let at = match state.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                state.push((key, (false, false)));
                state.len() - 1
            }
        };
        let seen = &mut state[at].1;
        for c in &commands {
            if c.command.is("curl") {
                seen.0 = true;
            } else {
                seen.1 = true;
            }
        }
        if seen.0 && seen.1 {
            findings.push(first.finding_range());
        }
    }
    for range in findings {
        checker.report(range, "The stage uses both `wget` and `curl`: use one of them");
    }
}
