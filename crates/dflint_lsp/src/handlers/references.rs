//! `textDocument/references`: the uses of a stage name, variable or heredoc delimiter (with its
//! definition when the client asks for declarations).

use tower_lsp_server::ls_types::{Location, ReferenceParams};

use crate::world::World;

/// Handles `textDocument/references`.
pub fn references(world: &World, params: ReferenceParams) -> Option<Vec<Location>> {
    let position = params.text_document_position;
    let snap = world.snapshot(&position.text_document.uri)?;
    let symbol = super::symbol_at(&snap, position.position)?;
    let lines = snap.lines();
    let ranges = if params.context.include_declaration { symbol.all_ranges() } else { symbol.refs.clone() };
    Some(ranges.into_iter().map(|r| Location::new(snap.uri.clone(), lines.range(r))).collect())
}
