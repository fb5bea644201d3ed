//! One handler a file. Each takes the [`World`](crate::world::World) and the method's parameters.

pub mod code_action;
pub mod completion;
pub mod configuration;
pub mod definition;
pub mod did_change;
pub mod did_close;
pub mod did_open;
pub mod did_save;
pub mod document_highlight;
pub mod document_link;
pub mod document_symbol;
pub mod folding_range;
pub mod hover;
pub mod initialize;
pub mod inlay_hint;
pub mod references;
pub mod rename;
pub mod semantic_tokens;
pub mod signature_help;
pub mod watched_files;

use dflint_syntax::ast::{self, AstNode};
use dflint_syntax::{SyntaxNode, TextSize};

/// The innermost instruction holding `offset` (an `ONBUILD`'s trigger rather than the `ONBUILD`),
/// counting an offset at an instruction's end as inside it.
pub(crate) fn instruction_at(root: &SyntaxNode, offset: TextSize) -> Option<ast::Instruction> {
    let token = root.token_at_offset(offset);
    let candidates = [token.clone().left_biased(), token.right_biased()];
    candidates.into_iter().flatten().find_map(|t| t.parent_ancestors().find_map(ast::Instruction::cast))
}

/// The index of the stage holding `offset`.
pub(crate) fn stage_index_at(model: &dflint_model::Model, offset: TextSize) -> Option<usize> {
    model.stage_at(offset).map(|s| s.index)
}

/// The top-level instruction that holds `instr` (itself, or the `ONBUILD` around a trigger).
pub(crate) fn top_level(instr: &ast::Instruction) -> ast::Instruction {
    instr.syntax().ancestors().skip(1).find_map(ast::Instruction::cast).unwrap_or_else(|| instr.clone())
}

/// `argv` as a shell would read it: words quoted only when they need to be.
pub(crate) fn shell_join(argv: &[String]) -> String {
    argv.iter()
        .map(|a| {
            let plain = !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
            if plain {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The stage name, variable or heredoc delimiter at `position`.
pub(crate) fn symbol_at(
    snap: &crate::world::Snapshot,
    position: tower_lsp_server::ls_types::Position,
) -> Option<crate::symbols::Symbol> {
    let offset = snap.offset(position);
    let model = dflint_model::analyze(&snap.parse);
    crate::symbols::symbol_at(&snap.file(), &model, offset)
}
