//! DL3044: an `ENV` that uses a variable it defines itself.

use crate::checker::Checker;
use crate::declare_rule;
use crate::util::all_instructions;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports an `ENV` with several pairs where a value refers to a variable that another pair
    /// of the same `ENV` defines (`ENV A=1 B=$A`), when no earlier `ARG` or `ENV` of the file
    /// defines that variable.
    ///
    /// ## Why is this bad?
    /// All the values of one `ENV` are expanded before any of its variables is set: `$A` in
    /// `ENV A=1 B=$A` is not `1` but whatever `A` was before (usually empty).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// ENV APP_HOME=/opt/app
    /// ENV APP_BIN=$APP_HOME/bin
    /// ```
    ///
    /// ## Differences from hadolint
    /// None known: like hadolint, a variable used by an earlier pair (`ENV B=$A A=1`) counts too,
    /// a pair's own name in its value (`ENV PATH=/x:$PATH`) does not, and variables an earlier
    /// `ARG` or `ENV` anywhere in the file defines are taken as intended.
    ///
    /// ## References
    /// - [hadolint DL3044](https://github.com/hadolint/hadolint/wiki/DL3044)
    /// - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    pub(crate) static RULE = {
        code: "DL3044",
        name: "env-self-reference",
        severity: Error,
        fix: None,
        hadolint: "DL3044",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut defined: HashSet<String> = HashSet::new();
    let mut found = Vec::new();
    for instruction in all_instructions(&checker.file) {
        match instruction.kind() {
            SyntaxKind::ARG_INSTR => {
                defined.extend(instruction.pairs().filter_map(|p| p.key()).map(|k| k.logical_text()));
            }
            SyntaxKind::ENV_INSTR => {
                let pairs: Vec<(String, Vec<String>)> = instruction
                    .pairs()
                    .filter_map(|p| {
                        let key = p.key()?.logical_text();
                        let vars = p
                            .value()
                            .map(|v| v.vars().filter_map(|var| Some(var.name()?.text().to_string())).collect())
                            .unwrap_or_default();
                        Some((key, vars))
                    })
                    .collect();
                let culprit = pairs.iter().enumerate().find_map(|(i, (key, _))| {
                    let used = pairs.iter().enumerate().any(|(j, (_, vars))| j != i && vars.contains(key));
                    (used && !defined.contains(key)).then(|| key.clone())
                });
                if let Some(name) = culprit {
                    found.push((crate::util::keyword_range(&instruction), name));
                }
                defined.extend(pairs.into_iter().map(|(k, _)| k));
            }
            _ => {}
        }
    }
    for (range, name) in found {
        checker.report(
            range,
            format!("`${name}` refers to the `{name}` this `ENV` defines, which is not set until the `ENV` ends"),
        );
    }
}
