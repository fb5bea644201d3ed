//! DF311: `${name<modifier>word}` with a modifier BuildKit does not support.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::{AstNode, Var};
use dflint_syntax::SyntaxKind::*;
use dflint_syntax::{TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Reports a `${...}` substitution, in an instruction Docker's builder expands (`ARG`, `ENV`,
    /// `LABEL`, `FROM`, `COPY`, `ADD`, `WORKDIR`, `USER`, `EXPOSE`, `VOLUME`, `STOPSIGNAL`), whose
    /// modifier is not one BuildKit supports: `:-`, `:+`, `:?`, `-`, `+`, `?`, `#`, `##`, `%`,
    /// `%%`, `/`, `//`. Shell forms such as `${x:=y}`, `${x=y}` or `${x:1:2}` are not supported
    /// there, nor a placeholder like `${templateOption:name}`. The body of a `COPY`/`ADD` heredoc
    /// whose delimiter is not quoted is expanded too, and checked.
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "unsupported modifier in substitution". (In `RUN`, `CMD` and
    /// `ENTRYPOINT` the shell does the expanding, so these forms are fine there.)
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ARG VERSION
    /// ENV VERSION=${VERSION:=1.0}
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ARG VERSION
    /// ENV VERSION=${VERSION:-1.0}
    /// ```
    ///
    /// ## Differences from dockerfile-utils
    /// Modifiers without a colon (`${x=y}`) and other characters after the name (`${x.y}`) are
    /// reported as well: BuildKit rejects them the same way.
    ///
    /// ## References
    /// - [Dockerfile reference: environment replacement](https://docs.docker.com/reference/dockerfile/#environment-replacement)
    pub(crate) static RULE = {
        code: "DF311",
        name: "unsupported-modifier",
        severity: Error,
        fix: None,
        check: check,
    }
}

const SUPPORTED: &[&str] = &[":-", ":+", ":?", "-", "+", "?", "#", "##", "%", "%%", "/", "//"];

/// The unsupported modifier's range and text, if the variable has one.
fn unsupported(var: &Var) -> Option<(TextRange, String)> {
    if !var.is_braced() {
        return None;
    }
    match var.op() {
        Some(op) => {
            let text = op.text();
            if SUPPORTED.contains(&text) {
                return None;
            }
            let r = op.text_range();
            // `${x:i}`: the character after the colon is the modifier BuildKit names.
            if text.len() == 2 && text.starts_with(':') {
                let start = r.start() + TextSize::from(1);
                return Some((TextRange::new(start, r.end()), text[1..].to_string()));
            }
            Some((r, text.to_string()))
        }
        None => {
            let arg = var.arg()?;
            let first = arg.first_token()?;
            let c = first.text().chars().next()?;
            let start = first.text_range().start();
            Some((TextRange::at(start, TextSize::of(c)), c.to_string()))
        }
    }
}

/// Unsupported modifiers in the body of a `COPY`/`ADD` heredoc with an unquoted delimiter, which
/// BuildKit expands like a word. The body is one token in the tree, so it is scanned here:
/// `(offset in body, modifier, the `${...}` text)`.
fn heredoc_modifiers(body: &str, escape: char) -> Vec<(std::ops::Range<usize>, String, String)> {
    let mut out = Vec::new();
    let b = body.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] as char == escape {
            i += 2;
            continue;
        }
        if !(b[i] == b'$' && b[i + 1] == b'{') {
            i += 1;
            continue;
        }
        let start = i;
        let name_start = i + 2;
        let mut j = name_start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
            j += 1;
        }
        if j == name_start || j >= b.len() || b[j] == b'}' {
            i = j.max(i + 2);
            continue;
        }
        let end = body[j..].find('}').map_or(body.len(), |k| j + k + 1);
        let text = &body[start..end];
        let rest = &body[j..];
        let op_len = if rest.starts_with("##") || rest.starts_with("%%") || rest.starts_with("//") {
            2
        } else if rest.starts_with(':') {
            rest.chars().nth(1).map_or(1, |c| if c == '}' { 1 } else { 1 + c.len_utf8() })
        } else {
            rest.chars().next().map_or(0, char::len_utf8)
        };
        let op = &rest[..op_len.min(rest.len())];
        if !SUPPORTED.contains(&op) {
            let (range, modifier) = match op.strip_prefix(':') {
                Some(m) if !m.is_empty() => (j + 1..j + op.len(), m.to_string()),
                _ => (j..j + op.len(), op.to_string()),
            };
            out.push((range, modifier, text.to_string()));
        }
        i = end;
    }
    out
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    let escape = checker.file.escape_char();
    for instruction in checker.instructions().iter() {
        if !matches!(instruction.kind(), COPY_INSTR | ADD_INSTR) {
            continue;
        }
        for heredoc in instruction.heredocs() {
            let (Some(range), Some(body)) = (heredoc.body_range(), heredoc.body_text()) else { continue };
            if heredoc.is_quoted() {
                continue;
            }
            for (r, modifier, text) in heredoc_modifiers(&body, escape) {
                let start = range.start() + TextSize::from(r.start as u32);
                found.push((
                    TextRange::new(start, start + TextSize::from(r.len() as u32)),
                    format!(
                        "Unsupported modifier `{modifier}` in `{text}`: the builder expands this heredoc and supports \
                         `:-`, `:+`, `:?`, `#`, `%` and `/` forms only"
                    ),
                ));
            }
        }
    }
    for instruction in checker.instructions().iter() {
        // A variable starts with `$`.
        if !checker.text[instruction.range()].contains('$') {
            continue;
        }
        for node in instruction.syntax().descendants() {
            if node.kind() == FLAG {
                continue;
            }
            let Some(var) = Var::cast(node) else { continue };
            if var.syntax().ancestors().any(|a| a.kind() == FLAG) {
                continue;
            }
            if let Some((range, modifier)) = unsupported(&var) {
                let text = checker.slice(var.range()).to_string();
                found.push((
                    range,
                    format!(
                        "Unsupported modifier `{modifier}` in `{text}`: the builder supports `:-`, `:+`, `:?`, `#`, `%` \
                         and `/` forms only"
                    ),
                ));
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heredoc_scan() {
        let found = heredoc_modifiers("a ${A:=x} ${B:-y} \\${C:=z} ${D} ${E.f}\n", '\\');
        let mods: Vec<&str> = found.iter().map(|(_, m, _)| m.as_str()).collect();
        assert_eq!(mods, ["=", "."]);
        assert_eq!(found[0].0, 6..7);
    }
}
