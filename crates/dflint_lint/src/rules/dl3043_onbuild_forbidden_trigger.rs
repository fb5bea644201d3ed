//! DL3043: `ONBUILD FROM`, `ONBUILD MAINTAINER`, `ONBUILD ONBUILD`.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports an `ONBUILD` whose trigger is `FROM`, `MAINTAINER` or another `ONBUILD`.
    ///
    /// ## Why is this bad?
    /// The builder does not allow these three as triggers: the image builds, but every build
    /// that uses it as a base fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ONBUILD MAINTAINER someone@example.com
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// ONBUILD RUN echo built
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3043](https://github.com/hadolint/hadolint/wiki/DL3043)
    /// - [Dockerfile reference: ONBUILD](https://docs.docker.com/reference/dockerfile/#onbuild)
    pub(crate) static RULE = {
        code: "DL3043",
        name: "onbuild-forbidden-trigger",
        severity: Error,
        fix: None,
        hadolint: "DL3043",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.instructions().iter() {
        let Some(trigger) = instruction.onbuild_trigger() else { continue };
        if matches!(trigger.kind(), SyntaxKind::FROM_INSTR | SyntaxKind::MAINTAINER_INSTR | SyntaxKind::ONBUILD_INSTR) {
            let range = trigger.keyword().map_or(trigger.range(), |k| k.text_range());
            found.push((range, trigger.keyword_text()));
        }
    }
    for (range, keyword) in found {
        checker.report(range, format!("`ONBUILD {keyword}` is not allowed: builds based on this image fail"));
    }
}
