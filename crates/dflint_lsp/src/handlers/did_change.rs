//! `textDocument/didChange`: apply the edits (full or incremental), lint, publish. An edit older
//! than the document's text is dropped; when edits come faster than analyses, only the newest text
//! is analysed; a text the document had just before (a character typed and deleted, undo) reuses
//! its findings. ShellCheck runs later, once the document is idle.

use std::sync::Arc;

use tower_lsp_server::ls_types::DidChangeTextDocumentParams;

use crate::world::World;

/// Handles `textDocument/didChange`.
pub async fn did_change(world: &Arc<World>, params: DidChangeTextDocumentParams) {
    let doc = params.text_document;
    // The edits are applied in the order they arrive, before this handler first waits.
    if !world.edit(&doc.uri, doc.version, params.content_changes) {
        return;
    }
    // Let the messages already received be read: when they hold a newer edit, this version is
    // not analysed at all.
    tokio::task::yield_now().await;
    if let Some((snapshot, dropped)) = world.analyzed(&doc.uri, doc.version) {
        world.publish(&snapshot).await;
        // Freeing the old tree after publishing keeps it off the edit-to-diagnostics path.
        // (Not on another thread: mimalloc returns memory freed by another thread late, which
        // quadrupled the peak memory.)
        drop(dropped);
        world.run_shellcheck(&snapshot);
    }
}
