//! DL3055: a schema label of type `hash` whose value is not a git commit hash.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::label_util::{check_values, is_git_hash};
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Reports a `LABEL` value that is not a git commit hash (7 or 40 lower-case hex digits) for a label
    /// the configured `label-schema` declares as `hash`.
    ///
    /// ## Why is this bad?
    /// Labels such as `org.opencontainers.image.revision` are read by registries, scanners and release
    /// tooling that expect the declared kind of value; one in another shape is misread or dropped,
    /// and the schema exists to catch that before the image is published.
    ///
    /// ## Configuration
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.revision" = "hash"
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="main"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="3f9e2c1"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3055](https://github.com/hadolint/hadolint/wiki/DL3055)
    pub(crate) static RULE = {
        code: "DL3055",
        name: "label-not-git-hash",
        severity: Warning,
        fix: None,
        hadolint: "DL3055",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_values(checker, LabelType::Hash, is_git_hash, "a git commit hash");
}
