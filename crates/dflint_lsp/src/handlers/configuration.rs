//! `workspace/didChangeConfiguration`: the editor's `dflint` settings (`select`, `extendSelect`,
//! `ignore`, `shellcheck`) changed; lint every open document with them.

use std::sync::Arc;

use tower_lsp_server::ls_types::DidChangeConfigurationParams;

use crate::world::{ClientOptions, World};

/// Handles `workspace/didChangeConfiguration`.
pub async fn did_change_configuration(world: &Arc<World>, params: DidChangeConfigurationParams) {
    let Some(options) = ClientOptions::from_value(&params.settings) else { return };
    if world.set_options(options) {
        for snapshot in world.relint_all() {
            world.publish(&snapshot).await;
            world.run_shellcheck(&snapshot);
        }
    }
}
