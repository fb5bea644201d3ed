//! `textDocument/foldingRange`: stages, instructions over several lines, heredoc bodies, and
//! blocks of two or more comment lines.

use dflint_syntax::ast::AstNode;
use dflint_syntax::{SyntaxElement, SyntaxKind, TextRange};
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind, FoldingRangeParams};

use crate::convert::Lines;
use crate::world::World;

/// Handles `textDocument/foldingRange`.
pub fn folding_range(world: &World, params: FoldingRangeParams) -> Option<Vec<FoldingRange>> {
    let snap = world.snapshot(&params.text_document.uri)?;
    let lines = snap.lines();
    let model = dflint_model::analyze(&snap.parse);
    let file = snap.file();
    let mut out = Vec::new();
    for stage in &model.stages {
        push(&mut out, &lines, stage.range(), None);
    }
    for instr in file.instructions() {
        push(&mut out, &lines, instr.range(), None);
        for heredoc in instr.heredocs() {
            if let Some(body) = heredoc.body {
                push(&mut out, &lines, TextRange::new(heredoc.marker.text_range().start(), body.range().end()), None);
            }
        }
    }
    // Comment blocks: consecutive comment lines at the top level.
    let mut block: Option<TextRange> = None;
    let mut newlines = 0;
    for element in file.syntax().children_with_tokens() {
        match element {
            SyntaxElement::Token(t) if t.kind() == SyntaxKind::COMMENT => {
                block = Some(match block {
                    Some(b) if newlines <= 1 => b.cover(t.text_range()),
                    Some(b) => {
                        push(&mut out, &lines, b, Some(FoldingRangeKind::Comment));
                        t.text_range()
                    }
                    None => t.text_range(),
                });
                newlines = 0;
            }
            SyntaxElement::Token(t) if t.kind() == SyntaxKind::NEWLINE => newlines += 1,
            SyntaxElement::Token(t) if t.kind() == SyntaxKind::WHITESPACE => {}
            _ => {
                if let Some(b) = block.take() {
                    push(&mut out, &lines, b, Some(FoldingRangeKind::Comment));
                }
            }
        }
    }
    if let Some(b) = block {
        push(&mut out, &lines, b, Some(FoldingRangeKind::Comment));
    }
    Some(out)
}

fn push(out: &mut Vec<FoldingRange>, lines: &Lines, range: TextRange, kind: Option<FoldingRangeKind>) {
    let r = lines.range(range);
    // A range ending at the start of a line ends on the line before.
    let end_line = if r.end.character == 0 && r.end.line > r.start.line { r.end.line - 1 } else { r.end.line };
    if end_line > r.start.line {
        out.push(FoldingRange {
            start_line: r.start.line,
            start_character: None,
            end_line,
            end_character: None,
            kind,
            collapsed_text: None,
        });
    }
}
