//! `textDocument/didChange`: apply the edits (full or incremental), lint, publish. An edit older
//! than the document's text is dropped; a text the document had just before (a character typed
//! and deleted, undo) reuses its analysis.

use tower_lsp_server::ls_types::DidChangeTextDocumentParams;

use crate::world::World;

/// Handles `textDocument/didChange`.
pub async fn did_change(world: &World, params: DidChangeTextDocumentParams) {
    let doc = params.text_document;
    if let Some((snapshot, dropped)) = world.change(&doc.uri, doc.version, params.content_changes) {
        world.publish(&snapshot).await;
        // Freeing the old trees after publishing keeps it off the edit-to-diagnostics path.
        drop(dropped);
    }
}
