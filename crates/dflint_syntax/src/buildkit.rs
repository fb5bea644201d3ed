//! What BuildKit's `parser.Parse(...).AST.Dump()` prints for a file, computed from our tree.
//!
//! `dflint debug buildkit` prints it, and the conformance tests compare it with BuildKit's own test
//! expectations. Each instruction node's logical line (its text without continuation trivia and
//! heredoc bodies) is read back from the tree and split by the same line reader the parser used.

use crate::ast::{logical_text, AstNode};
use crate::line;
use crate::Parse;

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

/// The dump, ending with one `\n`, or the error BuildKit's parser would return.
pub fn dump(parse: &Parse) -> Result<String, BuildkitError> {
    let root = parse.syntax_node();
    let text = root.text().to_string();
    let line_of = |offset: usize| 1 + text[..offset].bytes().filter(|&b| b == b'\n').count() as u32;
    if let Some(e) = parse.errors().iter().filter(|e| e.buildkit_fatal).min_by_key(|e| e.range.start()) {
        return Err(BuildkitError { line: line_of(e.range.start().into()), message: e.message.clone() });
    }
    let file = parse.tree();
    let escape = file.escape_char();
    let mut out = String::new();
    for instruction in file.instructions() {
        let logical = logical_text(instruction.syntax());
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
