//! `textDocument/didSave`: publish the newest findings again (a configuration file may have
//! changed without a watcher to say so).

use tower_lsp_server::ls_types::DidSaveTextDocumentParams;

use crate::world::World;

/// Handles `textDocument/didSave`.
pub async fn did_save(world: &World, params: DidSaveTextDocumentParams) {
    if let Some(snapshot) = world.snapshot(&params.text_document.uri) {
        world.publish(&snapshot).await;
    }
}
