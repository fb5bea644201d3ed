//! DL3064: `ARG` or `ENV` names that suggest secrets.

use crate::checker::Checker;
use crate::declare_rule;
use crate::util::keyword_range;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind;

/// hadolint's list of well-known secret variable names.
const KNOWN: &[&str] = &[
    "ACCESS_TOKEN",
    "APPLICATION_KEY",
    "APP_SECRET",
    "AUTH_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "BITTREX_API_KEY",
    "BITTREX_API_SECRET",
    "CF_PASSWORD",
    "CF_USERNAME",
    "CIRCLE_TOKEN",
    "CI_DEPLOY_PASSWORD",
    "CI_DEPLOY_USER",
    "DOCKERHUB_PASSWORD",
    "DOCKER_EMAIL",
    "DOCKER_PASSWORD",
    "DOCKER_USERNAME",
    "FACEBOOK_ACCESS_TOKEN",
    "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET",
    "FIREBASE_API_TOKEN",
    "FIREBASE_TOKEN",
    "FOSSA_API_KEY",
    "GH_ENTERPRISE_TOKEN",
    "GH_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GITHUB_TOKEN",
    "HEROKU_API_KEY",
    "HEROKU_API_USER",
    "NPM_AUTH_TOKEN",
    "NPM_TOKEN",
    "OKTA_AUTHN_GROUPID",
    "OKTA_CLIENT_ORGURL",
    "OKTA_CLIENT_TOKEN",
    "OKTA_OAUTH2_CLIENTID",
    "OKTA_OAUTH2_CLIENTSECRET",
    "OPENAI_API_KEY",
    "OS_PASSWORD",
    "OS_USERNAME",
    "POSTGRES_PASSWORD",
    "SLACK_TOKEN",
    "STRIPE_API_KEY",
    "STRIPE_DEVICE_NAME",
    "TRAVIS_OS_NAME",
    "TRAVIS_SECURE_ENV_VARS",
    "TRAVIS_SUDO",
    "VAULT_CLIENT_KEY",
    "VAULT_TOKEN",
];

/// Parts of a name that suggest a secret.
const SUSPICIOUS: &[&str] = &["api_key", "client_key", "password", "private", "secret", "token", "username"];

declare_rule! {
    /// ## What it does
    /// Reports an `ARG` or `ENV` (`ONBUILD` ones included) that declares a variable whose name
    /// suggests a secret: a well-known one (`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, ...) or one
    /// containing `password`, `secret`, `token`, `api_key`, `client_key`, `private` or
    /// `username` (in any case). One finding per instruction.
    ///
    /// ## Why is this bad?
    /// `ENV` values are stored in the image config, and `ARG` values in the build history
    /// and provenance: anyone who can pull the image can read them. Pass secrets with
    /// `RUN --mount=type=secret`, which keeps them out of the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// ARG NPM_TOKEN
    /// RUN npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22
    /// RUN --mount=type=secret,id=npm_token NPM_TOKEN="$(cat /run/secrets/npm_token)" npm ci
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3064](https://github.com/hadolint/hadolint/wiki/DL3064)
    /// - [BuildKit check SecretsUsedInArgOrEnv](https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/)
    /// - [Build secrets](https://docs.docker.com/build/building/secrets/)
    pub(crate) static RULE = {
        code: "DL3064",
        name: "sensitive-variable",
        severity: Warning,
        fix: None,
        hadolint: "DL3064",
        check: check,
    }
}

/// Does the name suggest a secret?
pub(crate) fn is_sensitive(name: &str) -> bool {
    if KNOWN.iter().any(|known| known.eq_ignore_ascii_case(name)) {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    SUSPICIOUS.iter().any(|s| lower.contains(s))
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        if !matches!(instruction.kind(), SyntaxKind::ARG_INSTR | SyntaxKind::ENV_INSTR) {
            continue;
        }
        let names: Vec<String> =
            instruction.pairs().filter_map(|p| p.key()).map(|k| k.logical_text()).filter(|n| is_sensitive(n)).collect();
        if !names.is_empty() {
            found.push((keyword_range(instruction), names));
        }
    }
    for (range, names) in found {
        let list = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        checker.report(
            range,
            format!("{list}: potentially sensitive data should not be passed with `ARG` or `ENV`; use a secret mount"),
        );
    }
}
