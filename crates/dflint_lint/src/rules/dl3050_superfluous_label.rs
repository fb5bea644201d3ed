//! DL3050: with `strict-labels`, a label outside the schema.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::label_util::labels;

declare_rule! {
    /// ## What it does
    /// When `strict-labels` is on, reports a `LABEL` that sets a label the configured
    /// `label-schema` does not list. One finding per `LABEL`, on its first such key.
    ///
    /// ## Why is this bad?
    /// With a strict schema every label is part of a contract; a label outside it is usually a
    /// misspelling of one inside it (`maintaner`), or an ad-hoc key that nobody reads.
    ///
    /// ## Configuration
    /// ```toml
    /// strict-labels = true
    ///
    /// [label-schema]
    /// maintainer = "text"
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="jane@example.com" team="web"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="jane@example.com"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3050](https://github.com/hadolint/hadolint/wiki/DL3050)
    pub(crate) static RULE = {
        code: "DL3050",
        name: "superfluous-label",
        severity: Info,
        fix: None,
        hadolint: "DL3050",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    if !checker.settings.strict_labels {
        return;
    }
    let schema = &checker.settings.label_schema;
    let mut found = Vec::new();
    for label in labels(checker) {
        let extra: Vec<_> = label.pairs.iter().filter(|p| !schema.iter().any(|(name, _)| name == &p.key)).collect();
        let Some(first) = extra.first() else { continue };
        let keys: Vec<String> = extra.iter().map(|p| format!("`{}`", p.key)).collect();
        let message = if keys.len() == 1 {
            format!("label {} is not in the label schema", keys[0])
        } else {
            format!("labels {} are not in the label schema", keys.join(", "))
        };
        found.push((first.key_range, message));
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
