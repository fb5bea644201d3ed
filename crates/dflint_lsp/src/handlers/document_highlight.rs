//! `textDocument/documentHighlight`: the definition (written) and uses (read) of the symbol under
//! the cursor.

use tower_lsp_server::ls_types::{DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams};

use crate::world::World;

/// Handles `textDocument/documentHighlight`.
pub fn document_highlight(world: &World, params: DocumentHighlightParams) -> Option<Vec<DocumentHighlight>> {
    let position = params.text_document_position_params;
    let snap = world.snapshot(&position.text_document.uri)?;
    let symbol = super::symbol_at(&snap, position.position)?;
    let lines = snap.lines();
    let def = DocumentHighlight { range: lines.range(symbol.def), kind: Some(DocumentHighlightKind::WRITE) };
    let uses = symbol
        .refs
        .iter()
        .map(|r| DocumentHighlight { range: lines.range(*r), kind: Some(DocumentHighlightKind::READ) });
    Some(std::iter::once(def).chain(uses).collect())
}
