//! DF313: a `STOPSIGNAL` that is not a signal.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind::*;

declare_rule! {
    /// ## What it does
    /// Reports a `STOPSIGNAL` that is neither a signal number nor a signal name (`SIGTERM`,
    /// `TERM`, `SIGRTMIN+3`, in any case).
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "Invalid signal".
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// STOPSIGNAL SIGQUITE
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// STOPSIGNAL SIGQUIT
    /// ```
    ///
    /// ## Differences from dockerfile-utils
    /// Names without the `SIG` prefix (`KILL`) are accepted, as Docker accepts them; names with it
    /// are checked against the signal table. A value holding a variable is not checked, and a
    /// value of several words is DF300's.
    ///
    /// ## References
    /// - [Dockerfile reference: STOPSIGNAL](https://docs.docker.com/reference/dockerfile/#stopsignal)
    pub(crate) static RULE = {
        code: "DF313",
        name: "invalid-stop-signal",
        severity: Error,
        fix: None,
        check: check,
    }
}

const SIGNALS: &[&str] = &[
    "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL",
    "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1",
    "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX",
];

fn valid_signal(s: &str) -> bool {
    if let Ok(n) = s.parse::<i64>() {
        return n != 0;
    }
    let upper = s.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    if SIGNALS.contains(&name) {
        return true;
    }
    let rt = |base: &str, sign: char| {
        name.strip_prefix(base)
            .and_then(|r| r.strip_prefix(sign))
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| (1..=15).contains(&n) || (sign == '-' && n == 14))
    };
    rt("RTMIN", '+') || rt("RTMAX", '-')
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        if instruction.kind() != STOPSIGNAL_INSTR {
            continue;
        }
        let Some(word) = instruction.words().next() else { continue };
        let text = word.logical_text();
        let value = text.trim_matches('"');
        if value.contains('$') || value.contains(char::is_whitespace) || valid_signal(value) {
            continue;
        }
        found.push((word.range(), format!("Invalid signal `{value}`: write a name such as `SIGTERM` or a number")));
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
