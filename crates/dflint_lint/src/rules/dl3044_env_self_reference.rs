//! DL3044: an `ENV` that uses a variable it defines itself.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use dflint_syntax::ast::{AstNode, Instruction, KeyValue};
use dflint_syntax::SyntaxKind;
use dflint_syntax::TextRange;
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
    /// ## Fix safety
    /// When a value uses a variable that an earlier pair defines, the fix splits the `ENV` before
    /// that pair (`ENV A=1` and `ENV B=$A`). It is unsafe: the value changes from the variable's
    /// old value (usually empty) to the one this `ENV` sets, which is almost always what was meant.
    /// It is not offered for the legacy `ENV key value` form or when a comment is in the way.
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
        fix: Sometimes,
        hadolint: "DL3044",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut defined: HashSet<String> = HashSet::new();
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        match instruction.kind() {
            SyntaxKind::ARG_INSTR => {
                defined.extend(instruction.pairs().filter_map(|p| p.key()).map(|k| k.logical_text()));
            }
            SyntaxKind::ENV_INSTR => {
                let nodes: Vec<KeyValue> = instruction.pairs().collect();
                // A self-reference needs two pairs and a `$`.
                if nodes.len() < 2 || !checker.text[instruction.range()].contains('$') {
                    defined.extend(nodes.iter().filter_map(|p| p.key()).map(|k| k.logical_text()));
                    continue;
                }
                let pairs: Vec<(String, Vec<String>)> = nodes
                    .iter()
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
                    let fix =
                        (pairs.len() == nodes.len()).then(|| split_fix(checker, instruction, &nodes, &pairs)).flatten();
                    found.push((crate::util::keyword_range(instruction), name, fix));
                }
                defined.extend(pairs.into_iter().map(|(k, _)| k));
            }
            _ => {}
        }
    }
    for (range, name, fix) in found {
        let diagnostic = checker.report(
            range,
            format!("`${name}` refers to the `{name}` this `ENV` defines, which is not set until the `ENV` ends"),
        );
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}

/// Splits the `ENV` before the first pair whose value uses a variable an earlier pair of the same
/// `ENV` defines: `ENV A=1 B=$A` becomes `ENV A=1` and `ENV B=$A`.
fn split_fix(
    checker: &Checker,
    instruction: &Instruction,
    nodes: &[KeyValue],
    pairs: &[(String, Vec<String>)],
) -> Option<Fix> {
    let k = (1..pairs.len()).find(|&j| pairs[..j].iter().any(|(key, _)| pairs[j].1.contains(key)))?;
    let in_onbuild = instruction.syntax().parent().is_some_and(|p| p.kind() == SyntaxKind::ONBUILD_INSTR);
    if in_onbuild || nodes.iter().any(|p| p.is_legacy()) {
        return None;
    }
    let gap = TextRange::new(nodes[k - 1].range().end(), nodes[k].range().start());
    if checker.slice(gap).contains('#') {
        return None;
    }
    let keyword = checker.slice(crate::util::keyword_range(instruction)).to_string();
    let newline = checker.newline();
    Some(Fix::unsafe_(
        "Split the `ENV` so that the later values see the earlier variables",
        vec![Edit::replace(gap, format!("{newline}{keyword} "))],
    ))
}
