//! DL3063: a Dockerfile with no `USER` anywhere (off by default).

use crate::checker::Checker;
use crate::declare_rule;
use crate::util::keyword_range;
use dflint_syntax::ast::{AstNode, Instruction};
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports a Dockerfile in which no stage has a `USER` instruction, on the last `FROM`: the
    /// final image then runs as whatever user the base image sets, root for most images. Off by
    /// default, as in hadolint (whose default severity for it is "ignore"): select it to use it.
    ///
    /// ## Why is this bad?
    /// A process that runs as root in the container is root on the host's kernel: a breakout or
    /// a mounted volume gives it far more than the service needs. Naming the user makes the
    /// choice visible, even when it is root on purpose.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY app /app
    /// CMD ["/app"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY app /app
    /// USER 10001
    /// CMD ["/app"]
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint reports it on the line after the last `FROM`; dflint reports the `FROM` itself.
    /// A `USER` in any stage counts; an `ONBUILD USER` does not (it sets the user of other
    /// images), as in hadolint.
    ///
    /// ## References
    /// - [hadolint DL3063](https://github.com/hadolint/hadolint/wiki/DL3063)
    /// - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    pub(crate) static RULE = {
        code: "DL3063",
        name: "missing-user",
        severity: Info,
        fix: None,
        hadolint: "DL3063",
        enabled_by_default: false,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let root = checker.file.syntax().clone();
    let mut last_from = None;
    for node in root.children() {
        match node.kind() {
            SyntaxKind::USER_INSTR => return,
            SyntaxKind::FROM_INSTR => last_from = Instruction::cast(node).map(|i| keyword_range(&i)),
            _ => {}
        }
    }
    if let Some(range) = last_from {
        checker.report(range, "No `USER` in this Dockerfile: the image runs as the base image's user, usually root");
    }
}
