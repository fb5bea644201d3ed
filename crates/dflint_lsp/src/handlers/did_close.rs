//! `textDocument/didClose`: forget the document and clear its diagnostics.

use tower_lsp_server::ls_types::DidCloseTextDocumentParams;

use crate::world::World;

/// Handles `textDocument/didClose`.
pub async fn did_close(world: &World, params: DidCloseTextDocumentParams) {
    world.close(&params.text_document.uri);
    world.publish_closed(params.text_document.uri).await;
}
