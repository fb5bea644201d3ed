//! DL3053: a schema label of type `rfc3339` whose value is not an RFC 3339 date and time.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::label_util::{check_values, is_rfc3339};
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Reports a `LABEL` value that is not an RFC 3339 date and time (`2024-05-01T12:00:00Z`) for a label
    /// the configured `label-schema` declares as `rfc3339`.
    ///
    /// ## Why is this bad?
    /// Labels such as `org.opencontainers.image.created` are read by registries, scanners and release
    /// tooling that expect the declared kind of value; one in another shape is misread or dropped,
    /// and the schema exists to catch that before the image is published.
    ///
    /// ## Configuration
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.created" = "rfc3339"
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3053](https://github.com/hadolint/hadolint/wiki/DL3053)
    pub(crate) static RULE = {
        code: "DL3053",
        name: "label-not-rfc3339",
        severity: Warning,
        fix: None,
        hadolint: "DL3053",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_values(checker, LabelType::Rfc3339, is_rfc3339, "an RFC 3339 date and time");
}
