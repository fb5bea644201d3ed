//! DF307: `ONBUILD ONBUILD`, `ONBUILD FROM`, `ONBUILD MAINTAINER`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::util::keyword_range;
use dflint_syntax::SyntaxKind::*;

declare_rule! {
    /// ## What it does
    /// Reports an `ONBUILD` whose trigger is `ONBUILD`, `FROM` or `MAINTAINER`.
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed" or
    /// "FROM isn't allowed as an ONBUILD trigger" before building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ONBUILD ONBUILD RUN echo hi
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ONBUILD RUN echo hi
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: ONBUILD](https://docs.docker.com/reference/dockerfile/#onbuild)
    pub(crate) static RULE = {
        code: "DF307",
        name: "invalid-onbuild-trigger",
        severity: Error,
        fix: None,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.instructions().iter() {
        let Some(trigger) = instruction.onbuild_trigger() else { continue };
        let message = match trigger.kind() {
            ONBUILD_INSTR => "Chaining `ONBUILD ONBUILD` is not allowed".to_string(),
            FROM_INSTR | MAINTAINER_INSTR => {
                format!("`{}` is not allowed as an `ONBUILD` trigger", trigger.keyword_text())
            }
            _ => continue,
        };
        found.push((keyword_range(&trigger), message));
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
