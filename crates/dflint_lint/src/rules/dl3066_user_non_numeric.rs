//! DL3066: `USER` with a user name instead of a numeric UID.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports a `USER` whose user (before any `:group`) is not a number: `USER app`,
    /// `USER $APP_UID`. A user taken from an `ARG` of the Dockerfile (`USER $USERNAME` after
    /// `ARG USERNAME=...`) is not reported, as in hadolint: the build can pass a UID.
    ///
    /// ## Why is this bad?
    /// A user name is resolved inside the container through `/etc/passwd`. Platforms that
    /// enforce non-root containers (Kubernetes `runAsNonRoot`, OpenShift) look at the image
    /// config and cannot tell whether `app` is root; a numeric UID they can check.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd --uid 10001 app
    /// USER app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd --uid 10001 app
    /// USER 10001
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3066](https://github.com/hadolint/hadolint/wiki/DL3066)
    /// - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    pub(crate) static RULE = {
        code: "DL3066",
        name: "user-non-numeric",
        severity: Info,
        fix: None,
        hadolint: "DL3066",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut found = Vec::new();
    for stage in &model.stages {
        for instruction in stage.instructions.iter().filter(|i| i.kind() == SyntaxKind::USER_INSTR) {
            let Some(word) = instruction.words().next() else { continue };
            let text = word.logical_text();
            let user = text.split(':').next().unwrap_or_default();
            if user.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let args: Vec<String> = model.args_at(stage.index, instruction).into_iter().map(|(n, _)| n).collect();
            let from_arg = word.vars().filter_map(|v| v.name()).any(|n| {
                let name = n.text();
                args.iter().any(|a| a == name) || model.global_args.iter().any(|g| g.name == name)
            });
            if !from_arg {
                found.push((
                    dflint_syntax::TextRange::new(crate::util::keyword_range(instruction).start(), word.range().end()),
                    user.to_string(),
                ));
            }
        }
    }
    for (range, user) in found {
        checker.report(
            range,
            format!("`USER {user}`: a non-numeric user may not be resolvable by the host system; use a UID"),
        );
    }
}
