//! DL4000: `MAINTAINER` is deprecated.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::util::keyword_range;
use dflint_syntax::ast::AstNode;
use dflint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports a `MAINTAINER` instruction.
    ///
    /// ## Why is this bad?
    /// `MAINTAINER` has been deprecated since Docker 1.13: it sets the image's `Author` field,
    /// which tools no longer show. The `org.opencontainers.image.authors` label, or a
    /// `maintainer` label, carries the information where tools look for it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// MAINTAINER Jane Doe <jane@example.com>
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// LABEL maintainer="Jane Doe <jane@example.com>"
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the instruction with `LABEL maintainer="..."`, the value quoted (`"`, `\`
    /// and `$` escaped, since `LABEL` expands variables and `MAINTAINER` does not). It is offered
    /// when the instruction is on one line. It is safe for everything that reads labels; the
    /// deprecated `Author` field of the image config is no longer set.
    ///
    /// ## References
    /// - [hadolint DL4000](https://github.com/hadolint/hadolint/wiki/DL4000)
    /// - [BuildKit check MaintainerDeprecated](https://docs.docker.com/reference/build-checks/maintainer-deprecated/)
    /// - [Dockerfile reference: MAINTAINER](https://docs.docker.com/reference/dockerfile/#maintainer-deprecated)
    pub(crate) static RULE = {
        code: "DL4000",
        name: "maintainer-deprecated",
        severity: Error,
        fix: Sometimes,
        hadolint: "DL4000",
        buildkit: "MaintainerDeprecated",
        check: check,
    }
}

/// `s` as a double-quoted `LABEL` value.
fn label_value(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if matches!(c, '"' | '\\' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        if instruction.kind() != SyntaxKind::MAINTAINER_INSTR {
            continue;
        }
        let keyword = keyword_range(instruction);
        let words: Vec<_> = instruction.words().collect();
        let fix = match (words.first(), words.last()) {
            (Some(first), Some(last)) => {
                let range = TextRange::new(keyword.start(), last.range().end());
                let written = &checker.text[range];
                let value = instruction.words().map(|w| w.logical_text()).collect::<Vec<_>>().join(" ");
                let _ = first;
                (!written.contains('\n') && !value.trim().is_empty()).then(|| {
                    let label = if checker.text[keyword].starts_with('m') { "label" } else { "LABEL" };
                    Fix::safe(
                        "Replace with `LABEL maintainer=...`",
                        vec![Edit::replace(range, format!("{label} maintainer={}", label_value(value.trim())))],
                    )
                })
            }
            _ => None,
        };
        found.push((keyword, fix));
    }
    for (range, fix) in found {
        let diagnostic = checker.report(range, "`MAINTAINER` is deprecated: use `LABEL maintainer=...` instead");
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}
