//! DL3049: an image stage without a label the schema requires.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::label_util::{inherited, intermediate_stages, labels};
use crate::util::keyword_range;
use dflint_syntax::ast::AstNode;

declare_rule! {
    /// ## What it does
    /// When a `label-schema` is configured, reports each image stage that does not set one of its
    /// labels, on the stage's `FROM`. A label set in a stage is inherited by the stages built on
    /// it. Stages that only serve other stages (another stage is built `FROM` them or copies
    /// `--from` them) are not reported.
    ///
    /// ## Why is this bad?
    /// A label schema is a contract: registries, inventories and scanners find an image's owner,
    /// source and version in its labels. An image missing one of them cannot be traced back.
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
    /// CMD ["sh"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="jane@example.com"
    /// CMD ["sh"]
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint also reports a stage that another stage is built on, even when the stage built on
    /// it sets the label; only a later `COPY --from` exempts a stage there.
    ///
    /// ## References
    /// - [hadolint DL3049](https://github.com/hadolint/hadolint/wiki/DL3049)
    pub(crate) static RULE = {
        code: "DL3049",
        name: "missing-label",
        severity: Info,
        fix: None,
        hadolint: "DL3049",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    if checker.settings.label_schema.is_empty() {
        return;
    }
    let labels = labels(checker);
    let intermediate = intermediate_stages(checker);
    let mut found = Vec::new();
    for (name, _) in &checker.settings.label_schema {
        let has = inherited(checker, |stage| {
            labels.iter().any(|l| l.stage == Some(stage) && l.pairs.iter().any(|p| &p.key == name))
        });
        for stage in &checker.model().stages {
            if !has[stage.index] && !intermediate[stage.index] {
                found.push((keyword_of(stage), format!("label `{name}` is missing from this image")));
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}

fn keyword_of(stage: &dflint_model::Stage) -> dflint_syntax::TextRange {
    dflint_syntax::ast::Instruction::cast(stage.from.syntax().clone()).map_or(stage.from.range(), |i| keyword_range(&i))
}
