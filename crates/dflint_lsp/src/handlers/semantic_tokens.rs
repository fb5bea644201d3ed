//! `textDocument/semanticTokens/full`: keywords, flags, strings, variables, comments and parser
//! directives (legend in `initialize::TOKEN_TYPES`). Tokens never span lines: a multi-line token
//! (a heredoc body) is cut at each line end.

use dflint_syntax::{SyntaxKind, TextRange, TextSize};
use tower_lsp_server::ls_types::{SemanticToken, SemanticTokens, SemanticTokensParams, SemanticTokensResult};

use crate::world::World;

const KEYWORD: u32 = 0;
const PARAMETER: u32 = 1;
const STRING: u32 = 2;
const VARIABLE: u32 = 3;
const COMMENT: u32 = 4;
const MACRO: u32 = 5;
const OPERATOR: u32 = 6;

/// Handles `textDocument/semanticTokens/full`.
pub fn semantic_tokens_full(world: &World, params: SemanticTokensParams) -> Option<SemanticTokensResult> {
    let snap = world.snapshot(&params.text_document.uri)?;
    let lines = snap.lines();
    let root = snap.parse.syntax_node();
    let mut data = Vec::new();
    let (mut last_line, mut last_char) = (0u32, 0u32);
    for token in root.descendants_with_tokens().filter_map(|e| e.into_token()) {
        let in_directive = token.parent().is_some_and(|p| p.kind() == SyntaxKind::DIRECTIVE);
        if in_directive && (token.kind().is_trivia() || token.kind() == SyntaxKind::WHITESPACE) {
            continue;
        }
        let ty = match token.kind() {
            _ if in_directive => MACRO,
            SyntaxKind::KEYWORD => KEYWORD,
            SyntaxKind::FLAG_NAME => PARAMETER,
            SyntaxKind::JSON_STRING | SyntaxKind::HEREDOC_BODY => STRING,
            SyntaxKind::DOLLAR | SyntaxKind::L_CURLY | SyntaxKind::R_CURLY | SyntaxKind::VAR_NAME => VARIABLE,
            SyntaxKind::COMMENT => COMMENT,
            SyntaxKind::HEREDOC_MARKER | SyntaxKind::HEREDOC_END => OPERATOR,
            SyntaxKind::TEXT
                if token.parent().is_some_and(|p| p.kind() == SyntaxKind::WORD) && is_quoted(token.text()) =>
            {
                STRING
            }
            _ => continue,
        };
        // One piece per line.
        let range = token.text_range();
        let mut start = range.start();
        for piece in token.text().split_inclusive('\n') {
            let content = piece.trim_end_matches(['\n', '\r']);
            let piece_range = TextRange::at(start, TextSize::of(content));
            start += TextSize::of(piece);
            if piece_range.is_empty() {
                continue;
            }
            let a = lines.position(piece_range.start());
            let b = lines.position(piece_range.end());
            let delta_line = a.line - last_line;
            let delta_start = if delta_line == 0 { a.character - last_char } else { a.character };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length: b.character.saturating_sub(a.character),
                token_type: ty,
                token_modifiers_bitset: 0,
            });
            last_line = a.line;
            last_char = a.character;
        }
    }
    Some(SemanticTokensResult::Tokens(SemanticTokens { result_id: None, data }))
}

fn is_quoted(text: &str) -> bool {
    text.len() >= 2 && (text.starts_with('"') && text.ends_with('"') || text.starts_with('\'') && text.ends_with('\''))
}
