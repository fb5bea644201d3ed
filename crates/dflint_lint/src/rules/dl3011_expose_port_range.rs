//! DL3011: an `EXPOSE` port outside 0-65535.

use crate::checker::Checker;
use crate::declare_rule;
use crate::util::keyword_range;
use dflint_syntax::ast::AstNode;
use dflint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports an `EXPOSE` port, or an end of a port range (`8000-8080/tcp`), above 65535. Ports
    /// held in variables are not checked.
    ///
    /// ## Why is this bad?
    /// TCP and UDP ports are 16-bit numbers: a larger one is a typo that the build rejects or that
    /// documents a port nothing can listen on.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80800
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3011](https://github.com/hadolint/hadolint/wiki/DL3011)
    /// - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    pub(crate) static RULE = {
        code: "DL3011",
        name: "expose-port-range",
        severity: Error,
        fix: None,
        hadolint: "DL3011",
        check: check,
    }
}

/// Is any number of `80/tcp` or `8000-8080/udp` above 65535?
fn out_of_range(spec: &str) -> bool {
    let ports = spec.split('/').next().unwrap_or(spec);
    ports
        .split('-')
        .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        .any(|p| p.parse::<u64>().map_or(true, |n| n > 65535))
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        if instruction.kind() != SyntaxKind::EXPOSE_INSTR {
            continue;
        }
        for word in instruction.words() {
            let text = word.logical_text();
            if out_of_range(text.trim_matches(['"', '\''])) {
                found.push((TextRange::new(keyword_range(instruction).start(), word.range().end()), text));
            }
        }
    }
    for (range, text) in found {
        checker.report(range, format!("`{text}`: valid ports range from 0 to 65535"));
    }
}
