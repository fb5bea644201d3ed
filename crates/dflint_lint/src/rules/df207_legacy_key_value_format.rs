//! DF207 / LegacyKeyValueFormat: `ENV key value` and `LABEL key value`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use dflint_syntax::ast::AstNode;
use dflint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports `ENV` and `LABEL` written in the legacy form, key and value separated by blanks
    /// (`ENV key value`) instead of `=`.
    ///
    /// ## Why is this bad?
    /// The legacy form is deprecated. It also reads wrongly: `ENV a b c` sets `a` to `b c`, not
    /// three variables, and it can set only one variable per instruction.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// ENV foo bar
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine
    /// ENV foo=bar
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the blanks after the key become `=`, and a value with blanks is put in double
    /// quotes, which BuildKit reads as the same value. Not offered when the value holds quotes or
    /// the escape character beside blanks (other than one double-quoted string), where quoting
    /// would change it.
    ///
    /// ## Differences from BuildKit's documentation
    /// The documentation's first example is `ARG foo bar`, but BuildKit reads that as two
    /// arguments, `foo` and `bar`, and its check does not report it (it looks at `ENV` and `LABEL`
    /// only); dflint does the same.
    ///
    /// ## References
    /// - [BuildKit check LegacyKeyValueFormat](https://docs.docker.com/reference/build-checks/legacy-key-value-format/)
    pub(crate) static RULE = {
        code: "DF207",
        name: "legacy-key-value-format",
        severity: Warning,
        fix: Sometimes,
        buildkit: "LegacyKeyValueFormat",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let escape = checker.file.escape_char();
    let mut found: Vec<(TextRange, String, Option<Vec<Edit>>)> = Vec::new();
    for instruction in checker.instructions().iter() {
        if !matches!(instruction.kind(), SyntaxKind::ENV_INSTR | SyntaxKind::LABEL_INSTR) {
            continue;
        }
        let mut kw = None;
        for pair in instruction.pairs() {
            if !pair.is_legacy() {
                continue;
            }
            let kw = kw.get_or_insert_with(|| instruction.keyword().map(|k| k.text().to_string()).unwrap_or_default());
            let (Some(key), Some(value)) = (pair.key(), pair.value()) else { continue };
            let logical = value.logical_text();
            let blanks = logical.contains([' ', '\t']);
            let special = logical.contains(['"', '\'', escape]);
            let sep = TextRange::new(key.range().end(), value.range().start());
            let one_quoted = logical.len() >= 2
                && logical.starts_with('"')
                && logical.ends_with('"')
                && !logical[1..logical.len() - 1].contains(['"', '\'', escape]);
            let edits = match (blanks, special) {
                _ if one_quoted => Some(vec![Edit::replace(sep, "=")]),
                (_, true) if blanks => None,
                (false, _) => Some(vec![Edit::replace(sep, "=")]),
                (true, _) => Some(vec![Edit::replace(sep, "=\""), Edit::insert(value.range().end(), "\"")]),
            };
            found.push((
                pair.range(),
                format!("\"{kw} key=value\" should be used instead of legacy \"{kw} key value\" format"),
                edits,
            ));
        }
    }
    for (range, message, edits) in found {
        let d = checker.report(range, message);
        if let Some(edits) = edits {
            d.with_fix(Fix::safe("Use `key=value`", edits));
        }
    }
}
