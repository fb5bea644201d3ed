//! What BuildKit's `parser.Parse(...).AST.Dump()` prints for a file, computed from our tree.
//!
//! `dflint debug buildkit` prints it, and the conformance tests compare it with BuildKit's own test
//! expectations. Each instruction node's logical line (its text without continuation trivia and
//! heredoc bodies) is read back from the tree and split by the same line reader the parser used.

use crate::line;
use crate::{Parse, SyntaxKind, SyntaxNode};

/// An error BuildKit's parser would return, with the 1-based line it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildkitError {
    /// 1-based line number.
    pub line: u32,
    /// BuildKit's message.
    pub message: String,
}

impl std::fmt::Display for BuildkitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The escape character in force: the `escape` directive's value when it is valid, else `\`.
pub fn escape_char(root: &SyntaxNode) -> char {
    root.children()
        .filter(|n| n.kind() == SyntaxKind::DIRECTIVE)
        .find_map(|d| {
            let mut name = None;
            let mut value = None;
            for t in d.children_with_tokens().filter_map(|e| e.into_token()) {
                match t.kind() {
                    SyntaxKind::DIRECTIVE_NAME => name = Some(t.text().to_ascii_lowercase()),
                    SyntaxKind::DIRECTIVE_VALUE => value = Some(t.text().to_string()),
                    _ => {}
                }
            }
            match (name?.as_str(), value?.as_str()) {
                ("escape", "`") => Some('`'),
                ("escape", "\\") => Some('\\'),
                _ => None,
            }
        })
        .unwrap_or('\\')
}

/// The logical line of an instruction node: its text without trivia and heredoc bodies.
pub fn logical_text(node: &SyntaxNode) -> String {
    let mut out = String::new();
    for t in node.descendants_with_tokens().filter_map(|e| e.into_token()) {
        let kind = t.kind();
        if !kind.is_trivia() && kind != SyntaxKind::HEREDOC_BODY && kind != SyntaxKind::HEREDOC_END {
            out.push_str(t.text());
        }
    }
    out
}

/// The dump, ending with one `\n`, or the error BuildKit's parser would return.
pub fn dump(parse: &Parse) -> Result<String, BuildkitError> {
    let root = parse.syntax_node();
    let text = root.text().to_string();
    let line_of = |offset: usize| 1 + text[..offset].bytes().filter(|&b| b == b'\n').count() as u32;
    if let Some(e) = parse.errors().iter().filter(|e| e.buildkit_fatal).min_by_key(|e| e.range.start()) {
        return Err(BuildkitError { line: line_of(e.range.start().into()), message: e.message.clone() });
    }
    let escape = escape_char(&root);
    let mut out = String::new();
    for node in root.children().filter(|n| n.kind().is_instruction()) {
        let logical = logical_text(&node);
        let instr = line::analyze(&logical, escape, &mut Vec::new());
        out.push('(');
        out.push_str(&line::dump(&logical, &instr));
        out.push_str(")\n");
    }
    if out.is_empty() {
        return Err(BuildkitError { line: line_of(text.len()), message: "file with no instructions".into() });
    }
    Ok(out)
}
