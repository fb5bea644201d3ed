//! DL3056: a schema label of type `semver` whose value is not a semantic version.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::label_util::{check_values, is_semver};
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Reports a `LABEL` value that is not a semantic version (`MAJOR.MINOR.PATCH`, semver.org) for a label
    /// the configured `label-schema` declares as `semver`.
    ///
    /// ## Why is this bad?
    /// Labels such as `org.opencontainers.image.version` are read by registries, scanners and release
    /// tooling that expect the declared kind of value; one in another shape is misread or dropped,
    /// and the schema exists to catch that before the image is published.
    ///
    /// ## Configuration
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.version" = "semver"
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="v1.2"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.2.0"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3056](https://github.com/hadolint/hadolint/wiki/DL3056)
    pub(crate) static RULE = {
        code: "DL3056",
        name: "label-not-semver",
        severity: Warning,
        fix: None,
        hadolint: "DL3056",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_values(checker, LabelType::Semver, is_semver, "a semantic version");
}
