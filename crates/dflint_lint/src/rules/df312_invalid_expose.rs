//! DF312: an `EXPOSE` port or protocol Docker cannot read.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind::*;
use dflint_syntax::{TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Reports an `EXPOSE` argument whose container port is not a number or a range (`EXPOSE http`)
    /// and a protocol other than `tcp`, `udp` or `sctp` (`EXPOSE 80/tpc`).
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "invalid containerPort" or "invalid proto".
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80/tpc
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80/tcp
    /// ```
    ///
    /// ## Differences from dockerfile-utils
    /// Numbers above 65535 are left to DL3011. Arguments holding a variable are not checked.
    ///
    /// ## References
    /// - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    pub(crate) static RULE = {
        code: "DF312",
        name: "invalid-expose",
        severity: Error,
        fix: None,
        check: check,
    }
}

/// A port or a `low-high` range, by digits only (values above 65535 are DL3011's).
fn is_port_spec(s: &str) -> bool {
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    match s.split_once('-') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(s),
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        if instruction.kind() != EXPOSE_INSTR {
            continue;
        }
        for word in instruction.words() {
            let raw = word.logical_text();
            if raw.contains('$') {
                continue;
            }
            let exact = checker.slice(word.range()) == raw;
            let quoted = raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"');
            let offset = usize::from(quoted);
            let value = if quoted { &raw[1..raw.len() - 1] } else { raw.as_str() };
            let (port, proto) = match value.split_once('/') {
                Some((p, rest)) => (p, Some(rest.split('/').next().unwrap_or(""))),
                None => (value, None),
            };
            let container = port.rsplit(':').next().unwrap_or(port);
            if !is_port_spec(container) {
                found.push((word.range(), format!("Invalid container port `{value}`: write a number or a range")));
                continue;
            }
            if let Some(proto) = proto.filter(|p| !p.is_empty()) {
                if !matches!(proto.to_ascii_lowercase().as_str(), "tcp" | "udp" | "sctp") {
                    let range = if exact {
                        let start = word.range().start() + TextSize::from((offset + port.len() + 1) as u32);
                        TextRange::new(start, word.range().end() - TextSize::from(offset as u32))
                    } else {
                        word.range()
                    };
                    found.push((range, format!("Invalid protocol `{proto}`: write `tcp`, `udp` or `sctp`")));
                }
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
