//! Small helpers shared by rules.

use dflint_syntax::ast::{AstNode, Instruction};
use dflint_syntax::{SyntaxKind, TextRange};

/// `s` as a JSON string literal.
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON array of strings, as the formatter writes it: `["a", "b"]`.
pub(crate) fn json_array<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<String> = items.iter().map(|s| json_string(s.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}

/// Does `s` hold anything a shell would interpret (beyond splitting words on blanks)?
pub(crate) fn has_shell_syntax(s: &str) -> bool {
    s.contains(|c: char| "|&;<>()$`\\\"'*?[]#{}\n".contains(c))
        || s.split_whitespace().next().is_some_and(|w| w.contains('='))
        || s.split_whitespace().any(|w| w.starts_with('~'))
}

/// The instructions that take a command (exec or shell form), including HEALTHCHECK CMD and ONBUILD triggers.
pub(crate) fn is_command_instruction(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::CMD_INSTR
            | SyntaxKind::ENTRYPOINT_INSTR
            | SyntaxKind::RUN_INSTR
            | SyntaxKind::SHELL_INSTR
            | SyntaxKind::HEALTHCHECK_INSTR
    )
}

/// The kinds and ranges of the tokens of `node`, in order, leaving out the subtrees of kind `skip`,
/// read from the green tree (no syntax nodes are built).
pub(crate) fn token_ranges(node: &dflint_syntax::SyntaxNode, skip: SyntaxKind) -> Vec<(SyntaxKind, TextRange)> {
    fn walk(
        node: &rowan::GreenNodeData,
        mut at: dflint_syntax::TextSize,
        skip: rowan::SyntaxKind,
        out: &mut Vec<(SyntaxKind, TextRange)>,
    ) {
        use rowan::Language;
        for child in node.children() {
            let len = child.text_len();
            match child {
                rowan::NodeOrToken::Node(n) if n.kind() != skip => walk(n, at, skip, out),
                rowan::NodeOrToken::Node(_) => {}
                rowan::NodeOrToken::Token(t) => {
                    out.push((dflint_syntax::DockerfileLang::kind_from_raw(t.kind()), TextRange::at(at, len)));
                }
            }
            at += len;
        }
    }
    let mut out = Vec::new();
    walk(node.green(), node.text_range().start(), skip.into(), &mut out);
    out
}

/// The keyword's range, or the instruction's when it has none.
pub(crate) fn keyword_range(instruction: &Instruction) -> TextRange {
    instruction.keyword().map_or(instruction.range(), |k| k.text_range())
}
