//! DL3057: an image stage without a `HEALTHCHECK` (off by default).

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::label_util::{inherited, intermediate_stages};
use crate::util::keyword_range;
use dflint_syntax::ast::{AstNode, Instruction};
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports each image stage that has no `HEALTHCHECK` (`HEALTHCHECK NONE` counts as one), on
    /// the stage's `FROM`. A stage built on a stage with a `HEALTHCHECK` inherits it. Stages that
    /// only serve other stages (another stage is built `FROM` them or copies `--from` them) are
    /// not reported. Off by default, as in hadolint: select it to use it.
    ///
    /// ## Why is this bad?
    /// Without a health check an orchestrator only knows whether the process runs, not whether it
    /// serves: a hung server stays in rotation. Many images get their probe from the orchestrator
    /// instead, which is why the rule is not on by default.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY site/ /usr/share/nginx/html/
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY site/ /usr/share/nginx/html/
    /// HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint reports every stage without a `HEALTHCHECK`, build stages included.
    ///
    /// ## References
    /// - [hadolint DL3057](https://github.com/hadolint/hadolint/wiki/DL3057)
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    pub(crate) static RULE = {
        code: "DL3057",
        name: "missing-healthcheck",
        severity: Info,
        fix: None,
        hadolint: "DL3057",
        enabled_by_default: false,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let has = inherited(checker, |stage| {
        model.stages[stage].instructions.iter().any(|i| i.kind() == SyntaxKind::HEALTHCHECK_INSTR)
    });
    let intermediate = intermediate_stages(checker);
    let mut found = Vec::new();
    for stage in &model.stages {
        if !has[stage.index] && !intermediate[stage.index] {
            let range =
                Instruction::cast(stage.from.syntax().clone()).map_or(stage.from.range(), |i| keyword_range(&i));
            found.push(range);
        }
    }
    for range in found {
        checker.report(range, "this image has no `HEALTHCHECK`: nothing tells whether the container is serving");
    }
}
