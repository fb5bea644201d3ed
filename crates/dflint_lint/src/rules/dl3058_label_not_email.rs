//! DL3058: a schema label of type `email` whose value is not an email address.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::label_util::{check_values, is_email};
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Reports a `LABEL` value that is not an email address (RFC 5322) for a label
    /// the configured `label-schema` declares as `email`.
    ///
    /// ## Why is this bad?
    /// Labels such as `maintainer` are read by registries, scanners and release
    /// tooling that expect the declared kind of value; one in another shape is misread or dropped,
    /// and the schema exists to catch that before the image is published.
    ///
    /// ## Configuration
    /// ```toml
    /// [label-schema]
    /// "maintainer" = "email"
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="Jane Doe"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="jane@example.com"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3058](https://github.com/hadolint/hadolint/wiki/DL3058)
    pub(crate) static RULE = {
        code: "DL3058",
        name: "label-not-email",
        severity: Warning,
        fix: None,
        hadolint: "DL3058",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_values(checker, LabelType::Email, is_email, "an email address");
}
