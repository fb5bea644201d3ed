//! `textDocument/didOpen`: lint the text and publish the findings.

use tower_lsp_server::ls_types::DidOpenTextDocumentParams;

use crate::world::World;

/// Handles `textDocument/didOpen`.
pub async fn did_open(world: &World, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let snapshot = world.open(doc.uri, doc.version, doc.text);
    world.publish(&snapshot).await;
}
