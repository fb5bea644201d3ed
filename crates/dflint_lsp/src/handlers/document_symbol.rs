//! `textDocument/documentSymbol`: global ARGs, then one symbol per stage with its instructions
//! nested (ARG and ENV as variables, named by their keys).

use dflint_syntax::ast::{self, AstNode};
use dflint_syntax::SyntaxKind;
use tower_lsp_server::ls_types::{DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind};

use crate::convert::Lines;
use crate::world::World;

/// Handles `textDocument/documentSymbol`.
pub fn document_symbol(world: &World, params: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let snap = world.snapshot(&params.text_document.uri)?;
    let model = dflint_model::analyze(&snap.parse);
    let lines = snap.lines();
    let file = snap.file();
    let mut out: Vec<DocumentSymbol> = Vec::new();
    let first_from = model.stages.first().map(|s| s.from.range().start());
    for instr in file.instructions().take_while(|i| first_from.is_none_or(|f| i.range().start() < f)) {
        out.push(instruction_symbol(&lines, &instr));
    }
    for stage in &model.stages {
        let name = match &stage.name {
            Some(name) => format!("{name} ({})", stage.base.raw),
            None => format!("stage {} ({})", stage.index, stage.base.raw),
        };
        let selection =
            stage.from.stage_name().or_else(|| stage.from.image()).map_or(stage.from.range(), |w| w.range());
        let children = stage.instructions.iter().map(|i| instruction_symbol(&lines, i)).collect();
        #[allow(deprecated)]
        out.push(DocumentSymbol {
            name,
            detail: Some("FROM".to_string()),
            kind: SymbolKind::MODULE,
            tags: None,
            deprecated: None,
            range: lines.range(stage.range()),
            selection_range: lines.range(selection),
            children: Some(children),
        });
    }
    Some(DocumentSymbolResponse::Nested(out))
}

fn instruction_symbol(lines: &Lines, instr: &ast::Instruction) -> DocumentSymbol {
    let keyword = instr.keyword_text();
    let range = lines.range(instr.range());
    let selection = instr.keyword().map_or(range, |k| lines.range(k.text_range()));
    let children: Vec<DocumentSymbol> = if matches!(instr.kind(), SyntaxKind::ARG_INSTR | SyntaxKind::ENV_INSTR) {
        instr
            .pairs()
            .filter_map(|p| {
                let key = p.key()?;
                #[allow(deprecated)]
                Some(DocumentSymbol {
                    name: key.logical_text(),
                    detail: p.value().map(|v| v.logical_text()),
                    kind: if instr.kind() == SyntaxKind::ENV_INSTR {
                        SymbolKind::CONSTANT
                    } else {
                        SymbolKind::VARIABLE
                    },
                    tags: None,
                    deprecated: None,
                    range: lines.range(p.range()),
                    selection_range: lines.range(key.range()),
                    children: None,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let text = instr.logical_text();
    let detail = text.trim_start().get(keyword.len()..).unwrap_or("").trim();
    let detail: String = detail.chars().take(60).collect();
    #[allow(deprecated)]
    DocumentSymbol {
        name: keyword,
        detail: (!detail.is_empty()).then_some(detail),
        kind: SymbolKind::FIELD,
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!children.is_empty()).then_some(children),
    }
}
