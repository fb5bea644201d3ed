//! DL3054: a schema label of type `spdx` whose value is not an SPDX license identifier.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::label_util::{check_values, is_spdx_id};
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Reports a `LABEL` value that is not an identifier of the SPDX license list (`MIT`, `Apache-2.0`) for a label
    /// the configured `label-schema` declares as `spdx`.
    ///
    /// ## Why is this bad?
    /// Labels such as `org.opencontainers.image.licenses` are read by registries, scanners and release
    /// tooling that expect the declared kind of value; one in another shape is misread or dropped,
    /// and the schema exists to catch that before the image is published.
    ///
    /// ## Configuration
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.licenses" = "spdx"
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache 2"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache-2.0"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3054](https://github.com/hadolint/hadolint/wiki/DL3054)
    pub(crate) static RULE = {
        code: "DL3054",
        name: "label-not-spdx",
        severity: Warning,
        fix: None,
        hadolint: "DL3054",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_values(checker, LabelType::Spdx, is_spdx_id, "an SPDX license identifier");
}
