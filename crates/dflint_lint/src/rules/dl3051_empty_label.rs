//! DL3051: a schema label set to an empty value.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::label_util::labels;

declare_rule! {
    /// ## What it does
    /// Reports a `LABEL` that sets a label of the configured `label-schema` to an empty value
    /// (`maintainer=""`).
    ///
    /// ## Why is this bad?
    /// An empty value satisfies the letter of the schema (the label is there) but not its
    /// purpose: whoever reads the label learns nothing.
    ///
    /// ## Configuration
    /// ```toml
    /// [label-schema]
    /// maintainer = "text"
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer=""
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="jane@example.com"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3051](https://github.com/hadolint/hadolint/wiki/DL3051)
    pub(crate) static RULE = {
        code: "DL3051",
        name: "empty-label",
        severity: Warning,
        fix: None,
        hadolint: "DL3051",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let schema = &checker.settings.label_schema;
    if schema.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for label in labels(checker) {
        for pair in &label.pairs {
            if pair.value.is_empty() && schema.iter().any(|(name, _)| name == &pair.key) {
                found.push((pair.value_range, format!("label `{}` is empty", pair.key)));
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
