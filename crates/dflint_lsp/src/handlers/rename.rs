//! `textDocument/prepareRename` and `textDocument/rename`: a stage name, variable or heredoc
//! delimiter, at its definition and every use.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, WorkspaceEdit,
};

use crate::symbols::SymbolKind;
use crate::world::World;

/// Handles `textDocument/prepareRename`: the range of the name under the cursor.
pub fn prepare_rename(world: &World, params: TextDocumentPositionParams) -> Option<PrepareRenameResponse> {
    let snap = world.snapshot(&params.text_document.uri)?;
    let offset = snap.offset(params.position);
    let symbol = super::symbol_at(&snap, params.position)?;
    let range = symbol.all_ranges().into_iter().find(|r| r.contains_inclusive(offset))?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: snap.lines().range(range),
        placeholder: snap.text[range].to_string(),
    })
}

/// Handles `textDocument/rename`.
pub fn rename(world: &World, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let position = params.text_document_position;
    let Some(snap) = world.snapshot(&position.text_document.uri) else { return Ok(None) };
    let Some(symbol) = super::symbol_at(&snap, position.position) else { return Ok(None) };
    let new_name = params.new_name;
    if !valid_name(symbol.kind, &new_name) {
        return Err(Error::invalid_params(format!("`{new_name}` is not a valid name here")));
    }
    let lines = snap.lines();
    let edits = symbol
        .all_ranges()
        .into_iter()
        .map(|r| TextEdit { range: lines.range(r), new_text: new_name.clone() })
        .collect();
    Ok(Some(WorkspaceEdit { changes: Some(HashMap::from([(snap.uri.clone(), edits)])), ..WorkspaceEdit::default() }))
}

fn valid_name(kind: SymbolKind, name: &str) -> bool {
    let mut chars = name.chars();
    let first = chars.next();
    match kind {
        // BuildKit: stage names match ^[a-z][a-z0-9-_.]*$ (case-insensitively).
        SymbolKind::Stage => {
            first.is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        }
        SymbolKind::Variable | SymbolKind::Heredoc => {
            first.is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
    }
}
