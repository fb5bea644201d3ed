//! Helpers shared by the BuildKit checks (DF200-DF229).

use std::borrow::Cow;

use dflint_syntax::ast::{AstNode, Instruction, SourceFile};
use dflint_syntax::{SyntaxElement, SyntaxKind, SyntaxToken};

/// Each top-level instruction with the comment lines directly above it (no blank line between),
/// as BuildKit's parser attaches them to the instruction's node.
pub(crate) fn instructions_with_comments(file: &SourceFile) -> Vec<(Instruction, Vec<SyntaxToken>)> {
    let mut out = Vec::new();
    let mut comments: Vec<SyntaxToken> = Vec::new();
    let mut newlines = 0;
    for element in file.syntax().children_with_tokens() {
        match element {
            SyntaxElement::Token(t) => match t.kind() {
                SyntaxKind::COMMENT => {
                    if newlines > 1 {
                        comments.clear();
                    }
                    newlines = 0;
                    comments.push(t);
                }
                SyntaxKind::NEWLINE => newlines += 1,
                _ => {}
            },
            SyntaxElement::Node(n) => {
                if newlines > 1 {
                    comments.clear();
                }
                if let Some(i) = Instruction::cast(n) {
                    out.push((i, std::mem::take(&mut comments)));
                }
                comments.clear();
                newlines = 0;
            }
        }
    }
    out
}

/// The closest of `options` to `name`, BuildKit's "did you mean" (`util/suggest`): a small edit
/// distance, compared case-insensitively unless `case_sensitive`.
pub(crate) fn suggest<'a>(
    name: &str,
    options: impl IntoIterator<Item = &'a str>,
    case_sensitive: bool,
) -> Option<String> {
    suggest_within(name, options, case_sensitive, 2)
}

/// [`suggest`] with at most `max` edits (a swap of two neighbours counts as one).
pub(crate) fn suggest_within<'a>(
    name: &str,
    options: impl IntoIterator<Item = &'a str>,
    case_sensitive: bool,
    max: usize,
) -> Option<String> {
    fn norm(s: &str, case_sensitive: bool) -> Cow<'_, str> {
        if case_sensitive {
            Cow::Borrowed(s)
        } else {
            Cow::Owned(s.to_lowercase())
        }
    }
    let wanted = norm(name, case_sensitive);
    let wanted_len = wanted.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for opt in options {
        if opt == name {
            continue;
        }
        let opt_norm = norm(opt, case_sensitive);
        // The distance is at least the difference in length: most options are ruled out by
        // that alone (a file may define thousands of names).
        let at_least = wanted_len.abs_diff(opt_norm.chars().count());
        if at_least > max || best.is_some_and(|(bd, _)| at_least >= bd) {
            continue;
        }
        let d = levenshtein(&wanted, &opt_norm);
        if d <= max && d < name.chars().count() && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, opt));
        }
    }
    best.map(|(_, s)| s.to_string())
}

/// Edit distance with swaps of neighbours (optimal string alignment).
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut prev2: Vec<usize> = prev.clone();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

/// All lower case or all upper case.
pub(crate) fn is_self_consistent(s: &str) -> bool {
    if s.is_ascii() {
        return !s.bytes().any(|b| b.is_ascii_uppercase()) || !s.bytes().any(|b| b.is_ascii_lowercase());
    }
    s == s.to_lowercase() || s == s.to_uppercase()
}

/// One port of an `EXPOSE`, expanded as BuildKit expands it.
pub(crate) struct ExposedPort {
    /// The word's range.
    pub range: dflint_syntax::TextRange,
    /// The port spec after expansion.
    pub value: String,
    /// The spec is written as is in the file (no variable, quote or continuation), so edits to
    /// parts of it are exact.
    pub exact: bool,
}

/// The ports of every `EXPOSE` in a stage (ONBUILD triggers aside), skipping words whose value is
/// unknown until build time.
pub(crate) fn expose_ports(checker: &crate::checker::Checker) -> Vec<ExposedPort> {
    let model = checker.model();
    let mut out = Vec::new();
    for stage in &model.stages {
        for instruction in &stage.instructions {
            if instruction.kind() != SyntaxKind::EXPOSE_INSTR {
                continue;
            }
            for word in instruction.words() {
                let raw = word.logical_text();
                let value = model.expand(stage.index, instruction, &raw);
                if value.contains('$') {
                    continue;
                }
                let exact = value == raw && checker.slice(word.range()) == raw;
                for part in value.split_whitespace() {
                    let exact = exact && part == value;
                    out.push(ExposedPort { range: word.range(), value: part.to_string(), exact });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggest("PAHT", ["PATH", "HOME"], true).as_deref(), Some("PATH"));
        assert_eq!(suggest("BULIDPLATFORM", ["BUILDPLATFORM"], true).as_deref(), Some("BUILDPLATFORM"));
        assert_eq!(suggest("foo", ["PATH"], true), None);
        assert_eq!(suggest_within("PAHT", ["PATH"], true, 1).as_deref(), Some("PATH"));
        assert_eq!(suggest_within("GOPATH", ["PATH"], true, 1), None);
    }
}
