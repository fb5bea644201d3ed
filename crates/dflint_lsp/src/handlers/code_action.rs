//! `textDocument/codeAction`: a quick fix for each finding that has one, "Ignore CODE for this
//! instruction" (adds or extends the `# dflint ignore=` line above it), and
//! `source.fixAll.dflint`, which applies every safe fix as `dflint check --fix` does.

use std::collections::HashMap;

use dflint_lint::suppression::{PragmaKind, Suppressions};
use dflint_lint::{Applicability, Diagnostic};
use dflint_syntax::ast::AstNode;
use dflint_syntax::{TextRange, TextSize};
use tower_lsp_server::ls_types::*;

use super::{instruction_at, top_level};
use crate::convert;
use crate::world::{Snapshot, World};

/// The code action kind of "fix everything that is safe to fix".
pub const FIX_ALL: &str = "source.fixAll.dflint";

/// How many lint-and-fix rounds fix-all runs at most (as `dflint check --fix`).
const FIX_ROUNDS: usize = 10;

/// Handles `textDocument/codeAction`.
pub fn code_action(world: &World, params: CodeActionParams) -> Option<CodeActionResponse> {
    let snap = world.snapshot(&params.text_document.uri)?;
    let lines = snap.lines();
    let range = lines.text_range(params.range);
    let only = params.context.only.as_deref();
    let wants = |kind: &str| {
        only.is_none_or(|only| only.iter().any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str()))))
    };
    let mut actions = Vec::new();
    if wants(CodeActionKind::QUICKFIX.as_str()) {
        for d in snap.findings.iter().filter(|d| touches(d.range, range)) {
            let lsp = convert::diagnostic(&lines, d);
            if let Some(fix) = d.fix.as_ref().filter(|f| f.applicability != Applicability::DisplayOnly) {
                let edits =
                    fix.edits.iter().map(|e| TextEdit { range: lines.range(e.range), new_text: e.content.clone() });
                let title = match fix.applicability {
                    Applicability::Safe => format!("{} ({})", fix.title, d.rule.code),
                    _ => format!("{} ({}, unsafe)", fix.title, d.rule.code),
                };
                actions.push(action(
                    &snap,
                    title,
                    CodeActionKind::QUICKFIX,
                    edits.collect(),
                    Some(lsp.clone()),
                    fix.applicability == Applicability::Safe,
                ));
            }
            if let Some(edit) = ignore_edit(&snap, d) {
                let title = format!("Ignore {} for this instruction", d.rule.code);
                actions.push(action(&snap, title, CodeActionKind::QUICKFIX, vec![edit], Some(lsp), false));
            }
        }
    }
    if wants(FIX_ALL) {
        if let Some(edit) = fix_all(&snap) {
            actions.push(action(
                &snap,
                "Fix all safely fixable dflint findings".into(),
                FIX_ALL.into(),
                vec![edit],
                None,
                false,
            ));
        }
    }
    Some(actions)
}

fn touches(a: TextRange, b: TextRange) -> bool {
    a.start() <= b.end() && b.start() <= a.end()
}

fn action(
    snap: &Snapshot,
    title: String,
    kind: CodeActionKind,
    edits: Vec<TextEdit>,
    diagnostic: Option<tower_lsp_server::ls_types::Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    let changes = HashMap::from([(snap.uri.clone(), edits)]);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// The edit that makes a `# dflint ignore=` line above the finding's instruction name its rule.
pub(crate) fn ignore_edit(snap: &Snapshot, d: &Diagnostic) -> Option<TextEdit> {
    let file = snap.file();
    let instr = top_level(&instruction_at(file.syntax(), d.range.start())?);
    let target = instr.syntax().text_range();
    let lines = snap.lines();
    let suppressions = Suppressions::from_file(&file);
    let existing =
        suppressions.pragmas.iter().find(|p| p.kind == PragmaKind::Dflint && !p.global && p.target == Some(target));
    if let Some(pragma) = existing {
        if pragma.codes.iter().any(|c| c.rules.iter().any(|r| std::ptr::eq(*r, d.rule))) {
            return None;
        }
        let at = pragma.codes.last().map_or(pragma.range.end(), |c| c.range.end());
        let text = if pragma.codes.is_empty() { d.rule.code.to_string() } else { format!(",{}", d.rule.code) };
        return Some(TextEdit { range: lines.range(TextRange::empty(at)), new_text: text });
    }
    let line_start = lines.line_start(target.start());
    let indent = &snap.text[usize::from(line_start)..usize::from(target.start())];
    let (at, indent) = if indent.chars().all(|c| c == ' ' || c == '\t') {
        (line_start, indent.to_string())
    } else {
        (target.start(), String::new())
    };
    let newline = if snap.text.contains("\r\n") { "\r\n" } else { "\n" };
    let new_text = format!("{indent}# dflint ignore={}{newline}", d.rule.code);
    Some(TextEdit { range: lines.range(TextRange::empty(at)), new_text })
}

/// One edit that applies every safe fix (repeatedly, as `--fix` does), or `None` when there is
/// nothing to fix.
fn fix_all(snap: &Snapshot) -> Option<TextEdit> {
    let safe = |d: &Diagnostic| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe);
    if !snap.findings.iter().any(safe) {
        return None;
    }
    let path = snap.uri.to_file_path().map(|p| p.into_owned());
    let result =
        dflint_lint::fix::fix_file_at(&snap.text, &snap.settings, path.as_deref(), Applicability::Safe, FIX_ROUNDS);
    if result.text == *snap.text {
        return None;
    }
    Some(minimal_edit(snap, &result.text))
}

/// A single edit turning the snapshot's text into `new`, covering only what differs.
fn minimal_edit(snap: &Snapshot, new: &str) -> TextEdit {
    let old = snap.text.as_str();
    let mut prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    let range = TextRange::new(TextSize::from(prefix as u32), TextSize::from((old.len() - suffix) as u32));
    TextEdit { range: snap.lines().range(range), new_text: new[prefix..new.len() - suffix].to_string() }
}
