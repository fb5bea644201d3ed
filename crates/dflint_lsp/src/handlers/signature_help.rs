//! `textDocument/signatureHelp`: the forms of the instruction under the cursor, its flags and
//! arguments as parameters, the active one being the word the cursor is in.

use dflint_syntax::ast::AstNode;
use dflint_syntax::TextRange;
use tower_lsp_server::ls_types::*;

use super::instruction_at;
use crate::instructions;
use crate::world::World;

/// Handles `textDocument/signatureHelp`.
pub fn signature_help(world: &World, params: SignatureHelpParams) -> Option<SignatureHelp> {
    let position = params.text_document_position_params;
    let snap = world.snapshot(&position.text_document.uri)?;
    let offset = snap.offset(position.position);
    let instr = instruction_at(&snap.parse.syntax_node(), offset)?;
    let doc = instructions::find(&instr.keyword_text())?;
    let keyword_end = instr.keyword()?.text_range().end();
    if offset < keyword_end {
        return None;
    }
    // The word the cursor is in, counted from the keyword.
    let typed = &snap.text[TextRange::new(keyword_end, offset.max(keyword_end))];
    let words = typed.split_whitespace().count();
    let in_word = typed.chars().last().is_some_and(|c| !c.is_whitespace());
    let index = if in_word { words.saturating_sub(1) } else { words };
    let current = if in_word { typed.split_whitespace().last().unwrap_or("") } else { "" };
    let exec = instr.exec_form().is_some();

    let signatures: Vec<SignatureInformation> = doc
        .forms
        .iter()
        .map(|form| {
            let parameters = parameters(form);
            SignatureInformation {
                label: form.to_string(),
                documentation: Some(Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: doc.summary.to_string(),
                })),
                parameters: Some(
                    parameters
                        .iter()
                        .map(|(s, e)| ParameterInformation {
                            label: ParameterLabel::LabelOffsets([*s, *e]),
                            documentation: None,
                        })
                        .collect(),
                ),
                active_parameter: None,
            }
        })
        .collect();
    let active_signature = doc.forms.iter().position(|f| f.contains('[') && f.contains("\"") == exec).unwrap_or(0);
    let params_of_active = parameters(doc.forms[active_signature]);
    let active_parameter = if current.starts_with("--") {
        let name = current.trim_start_matches('-').split('=').next().unwrap_or("");
        params_of_active
            .iter()
            .position(|(s, e)| doc.forms[active_signature][*s as usize..*e as usize].contains(&format!("--{name}")))
    } else {
        let flags = params_of_active
            .iter()
            .filter(|(s, e)| doc.forms[active_signature][*s as usize..*e as usize].starts_with("[--"))
            .count();
        let written_flags = instr.flags().filter(|f| f.range().end() < offset).count();
        Some((flags + index.saturating_sub(written_flags)).min(params_of_active.len().saturating_sub(1)))
    };
    Some(SignatureHelp {
        signatures,
        active_signature: Some(active_signature as u32),
        active_parameter: active_parameter.map(|p| p as u32),
    })
}

/// The parameters of a form: its whitespace-separated parts after the keyword, as UTF-16 offsets
/// (the forms are ASCII), an exec-form array counting as one.
fn parameters(form: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let keyword_end = form.find(' ').unwrap_or(form.len());
    if let Some(open) = form.find('[').filter(|&i| form[i..].starts_with("[\"")) {
        let close = form.rfind(']').map_or(form.len(), |i| i + 1);
        out.push((open as u32, close as u32));
        return out;
    }
    let mut depth = 0i32;
    let mut start = None;
    for (i, c) in form.char_indices().skip(keyword_end) {
        match c {
            '[' | '<' => depth += 1,
            ']' | '>' => depth -= 1,
            _ => {}
        }
        if c == ' ' && depth == 0 {
            if let Some(s) = start.take() {
                out.push((s as u32, i as u32));
            }
        } else if c != ' ' && start.is_none() {
            start = Some(i);
        }
        if c == '(' {
            // A trailing "(shell form)" remark is not a parameter.
            start = None;
            break;
        }
    }
    if let Some(s) = start {
        out.push((s as u32, form.len() as u32));
    }
    out
}
