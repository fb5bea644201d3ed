//! DL3061: the file must begin with FROM.

use crate::checker::Checker;
use crate::declare_rule;
use crate::util::keyword_range;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports instructions that come before the first `FROM`, other than `ARG`. Only parser
    /// directives, comments, blank lines and `ARG` may precede it.
    ///
    /// ## Why is this bad?
    /// Every build stage starts with `FROM`; an instruction before it belongs to no stage and
    /// `docker build` rejects the file.
    ///
    /// ## Example
    /// ```dockerfile
    /// LABEL maintainer="me@example.com"
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="me@example.com"
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    pub(crate) static RULE = {
        code: "DL3061",
        name: "instruction-before-from",
        severity: Error,
        fix: None,
        hadolint: "DL3061",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.instructions().iter() {
        match instruction.kind() {
            SyntaxKind::FROM_INSTR => break,
            SyntaxKind::ARG_INSTR => {}
            _ => found.push(instruction.clone()),
        }
    }
    for instruction in found {
        let range = keyword_range(&instruction);
        let kw = instruction.keyword_text();
        checker.report(
            range,
            format!("`{kw}` comes before the first `FROM`: a Dockerfile must begin with `FROM`, `ARG` or a comment"),
        );
    }
}
