//! DF000: the parser's own errors.

use crate::checker::Checker;
use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports text that Docker's parser cannot read: an invalid or repeated escape directive, an
    /// unterminated heredoc, a JSON array holding something other than strings, an `ENV` without a
    /// value, an unknown instruction.
    ///
    /// ## Why is this bad?
    /// `docker build` stops at the first of these before building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// ENV PATH
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine
    /// ENV PATH=/usr/local/bin:$PATH
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    pub(crate) static RULE = {
        code: "DF000",
        name: "syntax-error",
        severity: Error,
        fix: None,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    for e in checker.parse.errors() {
        checker.report(e.range, e.message.clone());
    }
}
