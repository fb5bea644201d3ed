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
    /// there, nor a placeholder like `${templateOption:name}`.
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

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.file.instructions() {
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
