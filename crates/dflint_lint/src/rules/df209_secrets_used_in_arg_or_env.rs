//! DF209 / SecretsUsedInArgOrEnv: `ARG` or `ENV` names that say they hold a secret.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;
use dflint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports an `ARG` (in a stage) or `ENV` whose name has, between underscores or at either
    /// end, one of the words `apikey`, `auth`, `credential(s)`, `key`, `password`, `pword`,
    /// `passwd`, `secret` or `token` (any case), unless it also has `public`, `file` or
    /// `version`: `AWS_SECRET_ACCESS_KEY`, `github_token`, but not `MONKEY`, `PUBLIC_KEY` or
    /// `GPG_KEY_FILE`. Global ARGs (before the first `FROM`) are not checked, as in BuildKit.
    ///
    /// ## Why is this bad?
    /// ARG and ENV values stay in the image: ENV in its configuration, ARG in the build history of
    /// every `RUN` that follows. Anyone who can pull the image can read them. Pass secrets with
    /// `RUN --mount=type=secret` instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM scratch
    /// ARG AWS_SECRET_ACCESS_KEY
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine
    /// RUN --mount=type=secret,id=aws,env=AWS_SECRET_ACCESS_KEY aws s3 ls
    /// ```
    ///
    /// ## References
    /// - [BuildKit check SecretsUsedInArgOrEnv](https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/)
    /// - [Build secrets](https://docs.docker.com/build/building/secrets/)
    pub(crate) static RULE = {
        code: "DF209",
        name: "secrets-used-in-arg-or-env",
        severity: Warning,
        fix: None,
        buildkit: "SecretsUsedInArgOrEnv",
        check: check,
    }
}

const DENY: &[&str] =
    &["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"];
const ALLOW: &[&str] = &["public", "file", "version"];

/// BuildKit's `validateNoSecretKey`.
pub(crate) fn looks_secret(key: &str) -> bool {
    let has = |words: &[&str]| key.split('_').any(|p| words.iter().any(|w| p.eq_ignore_ascii_case(w)));
    has(DENY) && !has(ALLOW)
}

fn check(checker: &mut Checker) {
    let mut found: Vec<(TextRange, String)> = Vec::new();
    for stage in &checker.model().stages {
        for instruction in &stage.instructions {
            let kw = match instruction.kind() {
                SyntaxKind::ARG_INSTR => "ARG",
                SyntaxKind::ENV_INSTR => "ENV",
                _ => continue,
            };
            for key in instruction.pairs().filter_map(|p| p.key()) {
                let name = key.logical_text();
                if looks_secret(&name) {
                    found.push((
                        key.range(),
                        format!("Do not use ARG or ENV instructions for sensitive data ({kw} \"{name}\")"),
                    ));
                }
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn secret_names() {
        for yes in
            ["SECRET_PASSPHRASE", "SUPER_Secret", "password", "super_duper_secret_token", "auth", "apikey", "git_key"]
        {
            assert!(super::looks_secret(yes), "{yes}");
        }
        for no in ["sunflower", "MONKEY", "PUBLIC_KEY", "GPG_KEY_FILE", "NODE_VERSION", "api-key", "KEYRING"] {
            assert!(!super::looks_secret(no), "{no}");
        }
    }
}
