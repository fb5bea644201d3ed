//! DL3052: a schema label of type `url` whose value is not a URL.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::label_util::{check_values, is_uri};
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Reports a `LABEL` value that is not an absolute URL (`scheme:...`, RFC 3986) for a label
    /// the configured `label-schema` declares as `url`.
    ///
    /// ## Why is this bad?
    /// Labels such as `org.opencontainers.image.source` are read by registries and tools that
    /// link to them; a value that is not a URL breaks those links.
    ///
    /// ## Configuration
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.source" = "url"
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="github.com/acme/app"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3052](https://github.com/hadolint/hadolint/wiki/DL3052)
    pub(crate) static RULE = {
        code: "DL3052",
        name: "label-not-url",
        severity: Warning,
        fix: None,
        hadolint: "DL3052",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_values(checker, LabelType::Url, is_uri, "a valid URL");
}
