//! `textDocument/didOpen`: lint the text and publish the findings (ShellCheck's once the document
//! is idle).

use std::sync::Arc;

use tower_lsp_server::ls_types::DidOpenTextDocumentParams;

use crate::world::World;

/// Handles `textDocument/didOpen`.
pub async fn did_open(world: &Arc<World>, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let snapshot = world.open(doc.uri, doc.version, doc.text);
    world.publish(&snapshot).await;
    world.run_shellcheck(&snapshot);
}
