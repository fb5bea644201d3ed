//! DF314: a `FROM` image that expands to nothing.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;

declare_rule! {
    /// ## What it does
    /// Reports a `FROM` whose image is made of variables that expand to nothing: a variable no
    /// `ARG` before the first `FROM` declares (`FROM $BASE` with no `ARG BASE`), or a
    /// substitution such as `${BASE:+x}` of one.
    ///
    /// ## Why is this bad?
    /// Only the `ARG`s before the first `FROM` (and the automatic platform ones) are visible to
    /// `FROM`; anything else expands to an empty string and `docker build` stops with "base name
    /// should not be blank".
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM $BASE_IMAGE
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG BASE_IMAGE=alpine:3.20
    /// FROM $BASE_IMAGE
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: understand how ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
    pub(crate) static RULE = {
        code: "DF314",
        name: "empty-base-name",
        severity: Error,
        fix: None,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for stage in &checker.model().stages {
        let Some(word) = stage.from.image() else { continue };
        if stage.base.raw.trim().is_empty() || !stage.base.expanded.trim().is_empty() {
            continue;
        }
        let text = word.logical_text();
        found.push((
            word.range(),
            format!(
                "The base image `{text}` expands to nothing: declare its variable with an `ARG` (with a default) \
                 before the first `FROM`"
            ),
        ));
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
