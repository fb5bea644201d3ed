//! `textDocument/definition`: where a stage name, variable or heredoc delimiter is defined.

use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse, Location};

use crate::world::World;

/// Handles `textDocument/definition`.
pub fn goto_definition(world: &World, params: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let position = params.text_document_position_params;
    let snap = world.snapshot(&position.text_document.uri)?;
    let symbol = super::symbol_at(&snap, position.position)?;
    Some(GotoDefinitionResponse::Scalar(Location::new(snap.uri.clone(), snap.lines().range(symbol.def))))
}
