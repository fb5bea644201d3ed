//! DL3002: the last `USER` of a stage is root.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports the last `USER` of a stage when it switches to root (`root`, `0`, `root:group`,
    /// `0:0`). A stage that never sets `USER` is not reported, nor is `ONBUILD USER`.
    ///
    /// ## Why is this bad?
    /// The last `USER` is the user the container runs as. Running as root gives a process that is
    /// compromised full control of the container and an easier way out of it. Switch to root for
    /// the steps that need it, then back to an unprivileged user.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// USER root
    /// RUN apt-get update
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// USER root
    /// RUN apt-get update
    /// USER app
    /// ```
    ///
    /// ## Differences from hadolint
    /// Like hadolint, every stage is checked, not only the final one, and `USER $NAME` is not
    /// resolved.
    ///
    /// ## References
    /// - [hadolint DL3002](https://github.com/hadolint/hadolint/wiki/DL3002)
    /// - [Best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub(crate) static RULE = {
        code: "DL3002",
        name: "last-user-root",
        severity: Warning,
        fix: None,
        hadolint: "DL3002",
        check: check,
    }
}

/// `root`, `0`, `root:...`, `0:...`.
pub(crate) fn is_root(user: &str) -> bool {
    user == "root" || user == "0" || user.starts_with("root:") || user.starts_with("0:")
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for stage in &checker.model().stages {
        let last = stage.instructions.iter().rfind(|i| i.kind() == SyntaxKind::USER_INSTR);
        let Some(user) = last else { continue };
        let Some(word) = user.words().next() else { continue };
        if is_root(&word.logical_text()) {
            found.push(dflint_syntax::TextRange::new(crate::util::keyword_range(user).start(), word.range().end()));
        }
    }
    for range in found {
        checker.report(
            range,
            "The last `USER` of the stage is root: switch to an unprivileged user after the steps that need root",
        );
    }
}
