//! `workspace/didChangeWatchedFiles`: a `.dflint.toml` changed; read the configuration files again
//! and lint every open document.

use std::sync::Arc;

use tower_lsp_server::ls_types::DidChangeWatchedFilesParams;

use crate::world::World;

/// Handles `workspace/didChangeWatchedFiles`.
pub async fn did_change_watched_files(world: &Arc<World>, params: DidChangeWatchedFilesParams) {
    let config_changed =
        params.changes.iter().any(|c| c.uri.path().as_str().ends_with(dflint_config::CONFIG_FILE_NAME));
    if !config_changed {
        return;
    }
    world.reload_configuration();
    for snapshot in world.relint_all() {
        world.publish(&snapshot).await;
        world.run_shellcheck(&snapshot);
    }
}
