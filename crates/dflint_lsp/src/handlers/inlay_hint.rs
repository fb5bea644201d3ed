//! `textDocument/inlayHint`: after the last CMD or ENTRYPOINT of each stage, the command the
//! container starts with; after each variable of a `FROM` line, the value it resolves to.

use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind;
use tower_lsp_server::ls_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintParams, InlayHintTooltip};

use super::shell_join;
use crate::world::World;

/// Handles `textDocument/inlayHint`.
pub fn inlay_hint(world: &World, params: InlayHintParams) -> Option<Vec<InlayHint>> {
    let snap = world.snapshot(&params.text_document.uri)?;
    let lines = snap.lines();
    let wanted = lines.text_range(params.range);
    let model = dflint_model::analyze(&snap.parse);
    let mut out = Vec::new();
    let hint = |position, label: String, tooltip: &str| InlayHint {
        position,
        label: InlayHintLabel::String(label),
        kind: Some(InlayHintKind::TYPE),
        text_edits: None,
        tooltip: Some(InlayHintTooltip::String(tooltip.to_string())),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    };
    for stage in &model.stages {
        let last = stage
            .instructions
            .iter()
            .rev()
            .find(|i| matches!(i.kind(), SyntaxKind::CMD_INSTR | SyntaxKind::ENTRYPOINT_INSTR));
        if let (Some(last), Some(argv)) = (last, &stage.start.argv) {
            if wanted.contains_range(last.range()) || wanted.intersect(last.range()).is_some() {
                let mut label = format!("⇒ {}", shell_join(argv));
                if stage.start.inherits_unknown {
                    label = format!("⇒ [image ENTRYPOINT] {}", shell_join(argv));
                }
                out.push(hint(lines.position(last.range().end()), label, "the effective start command of this stage"));
            }
        }
        let from = stage.from.syntax();
        if wanted.intersect(from.text_range()).is_none() {
            continue;
        }
        let scope = model.global_scope();
        for var in from.descendants().filter_map(dflint_syntax::ast::Var::cast) {
            let Some(name) = var.name() else { continue };
            if let Some(value) = scope.get(name.text()).and_then(|v| v.value.clone()) {
                out.push(hint(lines.position(var.range().end()), format!("= {value}"), "the value of this global ARG"));
            }
        }
    }
    Some(out)
}
