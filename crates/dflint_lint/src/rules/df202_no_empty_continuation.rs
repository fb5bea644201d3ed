//! DF202 / NoEmptyContinuation: an empty line inside a line continuation.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use dflint_syntax::ast::AstNode;
use dflint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports an instruction continued (with `\` at the end of a line) over an empty line. One
    /// finding per instruction, on its first empty line. Comment lines are not empty.
    ///
    /// ## Why is this bad?
    /// BuildKit skips such lines today, but their support is deprecated and a future Dockerfile
    /// syntax will reject them; an empty line also looks like the end of the instruction.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// EXPOSE \
    ///
    /// 80
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine
    /// EXPOSE \
    /// # Port
    /// 80
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the empty lines of the instruction are removed, which BuildKit skips anyway.
    ///
    /// ## References
    /// - [BuildKit check NoEmptyContinuation](https://docs.docker.com/reference/build-checks/no-empty-continuation/)
    pub(crate) static RULE = {
        code: "DF202",
        name: "no-empty-continuation",
        severity: Warning,
        fix: Always,
        buildkit: "NoEmptyContinuation",
        check: check,
    }
}

/// Are there two line breaks in `text` with only blanks between them? A quick test that most
/// instructions fail, before their tokens are read.
fn may_have_empty_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', bytes).any(|at| {
        let mut rest = &text[at + 1..];
        if bytes[at] == b'\r' {
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        }
        // Blanks as the lexer counts them: any Unicode white space.
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() && c != '\n' && c != '\r');
        rest.starts_with(['\n', '\r'])
    })
}

fn check(checker: &mut Checker) {
    let mut found: Vec<Vec<TextRange>> = Vec::new();
    for instruction in checker.instructions().iter() {
        // The instruction's tokens (its ONBUILD trigger's included), heredoc bodies aside.
        if !may_have_empty_line(&checker.text[instruction.range()]) {
            continue;
        }
        let mut empty = Vec::new();
        let tokens = crate::util::token_ranges(instruction.syntax(), SyntaxKind::HEREDOC);
        for (i, &(kind, range)) in tokens.iter().enumerate() {
            if kind != SyntaxKind::NEWLINE || i == 0 {
                continue;
            }
            let (prev_kind, prev_range) = tokens[i - 1];
            let start = match prev_kind {
                SyntaxKind::NEWLINE => Some(range.start()),
                SyntaxKind::DROPPED_WHITESPACE | SyntaxKind::WHITESPACE
                    if i >= 2 && tokens[i - 2].0 == SyntaxKind::NEWLINE =>
                {
                    Some(prev_range.start())
                }
                _ => None,
            };
            if let Some(start) = start {
                empty.push(TextRange::new(start, range.end()));
            }
        }
        if !empty.is_empty() {
            found.push(empty);
        }
    }
    for empty in found {
        let edits = empty.iter().map(|r| Edit::delete(*r)).collect();
        checker
            .report(empty[0], "Empty continuation line")
            .with_fix(Fix::safe("Remove the empty continuation lines", edits));
    }
}
