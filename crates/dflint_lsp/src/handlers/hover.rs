//! `textDocument/hover`: instruction keywords (what they do, forms, flags, an example; for CMD and
//! ENTRYPOINT how they combine and this stage's effective start command), flags, variables (value
//! and where set), stage names (base image, where defined), parser directives, and rule codes, in
//! pragmas and under diagnostics, rendered by `dflint_lint::docs::markdown`.

use dflint_lint::suppression::Suppressions;
use dflint_model::{Model, StartCommand, VarSource};
use dflint_syntax::ast::{self, AstNode};
use dflint_syntax::{SyntaxKind, SyntaxToken, TextRange, TextSize};
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::{instruction_at, shell_join, stage_index_at};
use crate::instructions;
use crate::symbols::{self, SymbolKind};
use crate::world::{Snapshot, World};

/// Handles `textDocument/hover`.
pub fn hover(world: &World, params: HoverParams) -> Option<Hover> {
    let position = params.text_document_position_params;
    let snap = world.snapshot(&position.text_document.uri)?;
    let offset = snap.offset(position.position);
    let (mut text, range) = match pragma_rule(&snap, offset) {
        Some(found) => found,
        None => content(&snap, offset).unwrap_or_default(),
    };
    for d in snap.findings.iter().filter(|d| d.range.contains_inclusive(offset)) {
        if !text.is_empty() {
            text.push_str("\n---\n\n");
        }
        text.push_str(&dflint_lint::docs::markdown(d.rule));
    }
    if text.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
        range: range.map(|r| snap.lines().range(r)),
    })
}

/// A rule code in a pragma (`# dflint ignore=DL3008`, `# hadolint ignore=...`, `# check=skip=...`).
fn pragma_rule(snap: &Snapshot, offset: TextSize) -> Option<(String, Option<TextRange>)> {
    let suppressions = Suppressions::from_file(&snap.file());
    let code = suppressions
        .pragmas
        .iter()
        .filter(|p| p.range.contains_inclusive(offset))
        .flat_map(|p| &p.codes)
        .find(|c| c.range.contains_inclusive(offset))?;
    let text = match code.rules.as_slice() {
        [] => format!("`{}`: no dflint rule has this name.", code.text),
        rules => rules.iter().map(|r| dflint_lint::docs::markdown(r)).collect::<Vec<_>>().join("\n---\n\n"),
    };
    Some((text, Some(code.range)))
}

fn token_at(snap: &Snapshot, offset: TextSize) -> Option<SyntaxToken> {
    let root = snap.parse.syntax_node();
    let at = root.token_at_offset(offset);
    let right = at.clone().right_biased();
    let blank = |t: &SyntaxToken| t.kind() == SyntaxKind::WHITESPACE || t.kind().is_trivia();
    match right {
        Some(t) if !blank(&t) => Some(t),
        _ => at.left_biased().filter(|t| !blank(t)),
    }
}

fn content(snap: &Snapshot, offset: TextSize) -> Option<(String, Option<TextRange>)> {
    let token = token_at(snap, offset)?;
    let range = Some(token.text_range());
    match token.kind() {
        SyntaxKind::DIRECTIVE_NAME => return Some((directive_doc(&token.text().to_ascii_lowercase())?, range)),
        SyntaxKind::KEYWORD => {
            let instr = token.parent_ancestors().find_map(ast::Instruction::cast)?;
            let doc = instructions::find(&instr.keyword_text())?;
            let mut text = doc.markdown();
            if matches!(instr.kind(), SyntaxKind::CMD_INSTR | SyntaxKind::ENTRYPOINT_INSTR) {
                text.push('\n');
                text.push_str(instructions::START_TABLE);
                let model = dflint_model::analyze(&snap.parse);
                if let Some(stage) = model.stage_at(offset) {
                    text.push('\n');
                    text.push_str(&start_markdown(snap, &model, stage.index));
                }
            }
            return Some((text, range));
        }
        SyntaxKind::FLAG_NAME => {
            let instr = token.parent_ancestors().find_map(ast::Instruction::cast)?;
            let name = token.text().trim_start_matches('-');
            let flag = instructions::find(&instr.keyword_text())?.flag(name)?;
            return Some((flag.markdown(&instr.keyword_text()), range));
        }
        _ => {}
    }
    let model = dflint_model::analyze(&snap.parse);
    let file = snap.file();
    let symbol = symbols::symbol_at(&file, &model, offset)?;
    let hit = symbol.all_ranges().into_iter().find(|r| r.contains_inclusive(offset));
    let text = match symbol.kind {
        SymbolKind::Stage => stage_markdown(snap, &model, &symbol.name)?,
        SymbolKind::Variable => variable_markdown(snap, &model, &symbol, offset)?,
        SymbolKind::Heredoc => format!("Heredoc delimited by `{}`", symbol.name),
    };
    Some((text, hit))
}

fn line_of(snap: &Snapshot, offset: TextSize) -> u32 {
    snap.lines().position(offset).line + 1
}

fn stage_markdown(snap: &Snapshot, model: &Model, name: &str) -> Option<String> {
    let stage = model.stage_by_name(name)?;
    let mut text = format!(
        "**Stage `{}`** (#{}), defined on line {}\n\nBuilt FROM `{}`",
        stage.name.as_deref().unwrap_or(name),
        stage.index,
        line_of(snap, stage.from.range().start()),
        stage.base.raw
    );
    if stage.base.expanded != stage.base.raw {
        text.push_str(&format!(" (`{}`)", stage.base.expanded));
    }
    if let Some(parent) = stage.parent.and_then(|p| model.stages.get(p)) {
        text.push_str(&format!(", the stage `{}`", parent.name.as_deref().unwrap_or("?")));
    } else if stage.base.is_scratch {
        text.push_str(", an empty image");
    }
    text.push('.');
    Some(text)
}

fn variable_markdown(snap: &Snapshot, model: &Model, symbol: &symbols::Symbol, offset: TextSize) -> Option<String> {
    let root = snap.parse.syntax_node();
    let instr = super::top_level(&instruction_at(&root, offset)?);
    let stage = stage_index_at(model, offset).unwrap_or(usize::MAX);
    let in_stage = instr.kind() != SyntaxKind::FROM_INSTR && stage != usize::MAX;
    let defining = symbol.def.contains_inclusive(offset);
    let scope = if defining && in_stage {
        // The scope after the defining instruction: what the next instruction sees.
        let next = model.stages[stage].instructions.iter().find(|i| i.range().start() > instr.range().start());
        match next {
            Some(next) => model.scope_at(stage, next),
            None => model.stages[stage].final_scope().clone(),
        }
    } else {
        model.scope_at(stage, &instr)
    };
    let mut text = format!("**`{}`**", symbol.name);
    match scope.get(&symbol.name) {
        Some(var) => {
            match &var.value {
                Some(value) => text.push_str(&format!(" = `{value}`")),
                None => text.push_str(" — value given at build time (`--build-arg`)"),
            }
            let kind = match var.source {
                VarSource::Automatic => "automatic platform ARG, set by BuildKit",
                VarSource::GlobalArg => "global ARG",
                VarSource::Arg => "ARG",
                VarSource::Env => "ENV",
            };
            text.push_str(&format!("\n\n{kind}"));
            if let Some(def) = &var.instruction {
                text.push_str(&format!(", set on line {}: `{}`", line_of(snap, def.range().start()), first_line(def)));
            }
        }
        None if scope.is_open() => text.push_str(" — not set in this file; may come from the base image's ENV"),
        None => text.push_str(" — not set here: expands to an empty string"),
    }
    Some(text)
}

fn first_line(instr: &ast::Instruction) -> String {
    let text = instr.logical_text();
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > 80 {
        format!("{}…", line.chars().take(80).collect::<String>())
    } else {
        line.to_string()
    }
}

/// "Effective start command" section for stage `index`: the command, and where it comes from.
pub(crate) fn start_markdown(snap: &Snapshot, model: &Model, index: usize) -> String {
    let stage = &model.stages[index];
    let label = stage.name.as_deref().map_or(format!("#{index}"), |n| format!("`{n}`"));
    let start: &StartCommand = &stage.start;
    let mut text = format!("**Effective start command** of stage {label}:\n\n");
    match &start.argv {
        Some(argv) => text.push_str(&format!("```sh\n{}\n```\n", shell_join(argv))),
        None => {
            text.push_str("none set in this file");
            if start.inherits_unknown {
                text.push_str(": the base image's ENTRYPOINT and CMD apply");
            }
            text.push_str(".\n");
            return text;
        }
    }
    for (what, form) in [("ENTRYPOINT", &start.entrypoint), ("CMD", &start.cmd)] {
        if let Some(form) = form {
            let kind = if form.is_shell() { "shell form" } else { "exec form" };
            text.push_str(&format!(
                "- {what} ({kind}), line {}: `{}`\n",
                line_of(snap, form.instruction.range().start()),
                first_line(&form.instruction)
            ));
        }
    }
    if start.cmd_ignored {
        text.push_str("- CMD is ignored: a shell-form ENTRYPOINT does not pass it on (use the exec form `ENTRYPOINT [\"...\"]`).\n");
    }
    if start.inherits_unknown {
        text.push_str("- No ENTRYPOINT here: the base image's ENTRYPOINT, if it has one, comes first.\n");
    }
    text
}

fn directive_doc(name: &str) -> Option<String> {
    Some(
        match name {
            "syntax" => "**# syntax=** — the BuildKit frontend image that reads this Dockerfile, e.g. `docker/dockerfile:1`.",
            "escape" => "**# escape=** — the escape character: `\\` (default) or `` ` `` (handy on Windows paths).",
            "check" => "**# check=** — BuildKit build checks: `skip=<check>,...` or `skip=all`, and `error=true` to fail the build on a violation.",
            _ => return None,
        }
        .to_string(),
    )
}
