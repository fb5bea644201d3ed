//! DF310: `ENV`, `LABEL` or `ARG` with a blank name or an unterminated quote.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::{AstNode, Word};
use dflint_syntax::SyntaxKind::{self, *};

declare_rule! {
    /// ## What it does
    /// Reports an `ENV`, `LABEL` or `ARG` pair with nothing before the `=` (`ENV =value`), and a
    /// name or value whose quote is never closed (`ENV GREETING="hello`).
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "names can not be blank" or "unexpected end of statement while
    /// looking for matching double-quote" before building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV GREETING="hello world
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV GREETING="hello world"
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    pub(crate) static RULE = {
        code: "DF310",
        name: "invalid-key-value",
        severity: Error,
        fix: None,
        check: check,
    }
}

/// The quote left open at the end of the word, if any: BuildKit reads the word with its shell
/// lexer, where an opened quote must close.
fn open_quote(word: &Word) -> Option<SyntaxKind> {
    let mut open = None;
    dflint_syntax::ast::for_each_token(word.syntax(), |kind, _, _| match (kind, open) {
        (DQUOTE | SQUOTE, None) => open = Some(kind),
        (k, Some(o)) if k == o => open = None,
        _ => {}
    });
    open
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        if !matches!(instruction.kind(), ENV_INSTR | LABEL_INSTR | ARG_INSTR) {
            continue;
        }
        let keyword = instruction.keyword_text();
        for pair in instruction.pairs() {
            let key = pair.key();
            if pair.eq_token().is_some() && key.as_ref().is_none_or(|k| k.logical_text().is_empty()) {
                found.push((pair.range(), format!("`{keyword}` names cannot be blank: write `name=value`")));
                continue;
            }
            for word in key.into_iter().chain(pair.value()) {
                let message = match open_quote(&word) {
                    Some(DQUOTE) => "This double quote is never closed: BuildKit stops looking for its match",
                    Some(_) => "This single quote is never closed: BuildKit stops looking for its match",
                    None => continue,
                };
                found.push((word.range(), message.to_string()));
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
