//! DL3057: a stage without `HEALTHCHECK` (off by default).

use crate::checker::Checker;
use crate::declare_rule;
use crate::util::keyword_range;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports the `FROM` of a stage that has no `HEALTHCHECK` and is not built on a stage of
    /// this file that has one. Off by default, as in hadolint: many images (build stages, jobs,
    /// images run by orchestrators with their own probes) need none.
    ///
    /// ## Why is this bad?
    /// Without a health check, Docker only knows whether the main process runs, not whether the
    /// service answers.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3057](https://github.com/hadolint/hadolint/wiki/DL3057)
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    pub(crate) static RULE = {
        code: "DL3057",
        name: "healthcheck-missing",
        severity: Info,
        fix: None,
        hadolint: "DL3057",
        enabled_by_default: false,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut good: Vec<bool> = Vec::with_capacity(model.stages.len());
    let mut found = Vec::new();
    for stage in &model.stages {
        let own = stage.instructions.iter().any(|i| i.kind() == SyntaxKind::HEALTHCHECK_INSTR);
        let inherited = stage.parent.and_then(|p| good.get(p).copied()).unwrap_or(false);
        good.push(own || inherited);
        if !own && !inherited {
            let from = dflint_syntax::ast::Instruction::cast(stage.from.syntax().clone());
            found.push(from.map_or(stage.from.range(), |f| keyword_range(&f)));
        }
    }
    for range in found {
        checker.report(range, "This stage has no `HEALTHCHECK`");
    }
}
