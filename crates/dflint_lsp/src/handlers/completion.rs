//! `textDocument/completion`: instructions (as snippets), flags per instruction with their values
//! (`RUN --mount` types and keys, `--network`, `--security`, `--platform`, ...), stage names after
//! `--from=` and `from=`, variables after `$` and `${`, parser directives with BuildKit check names,
//! and rule codes after `ignore=` in pragmas.

use dflint_model::Model;
use dflint_syntax::ast::{self, AstNode};
use dflint_syntax::{SyntaxKind, TextRange, TextSize};
use tower_lsp_server::ls_types::*;

use super::instruction_at;
use crate::instructions::{self, MOUNT_TYPES};
use crate::world::{Snapshot, World};

/// Handles `textDocument/completion`.
pub fn completion(world: &World, params: CompletionParams) -> Option<CompletionResponse> {
    let position = params.text_document_position;
    let snap = world.snapshot(&position.text_document.uri)?;
    let offset = snap.offset(position.position);
    let items = items(&snap, offset);
    (!items.is_empty()).then_some(CompletionResponse::Array(items))
}

/// What is being typed: the text from `start` to the cursor, replaced by the chosen item.
struct Typed {
    start: TextSize,
    end: TextSize,
}

fn items(snap: &Snapshot, offset: TextSize) -> Vec<CompletionItem> {
    let lines = snap.lines();
    let line_start = lines.line_start(offset);
    let before = &snap.text[usize::from(line_start)..usize::from(offset)];
    let edit = |from: usize| TextRange::new(line_start + TextSize::from(from as u32), offset);
    let trimmed = before.trim_start();
    let file = snap.file();
    let root = file.syntax().clone();
    let instr = instruction_at(&root, offset).filter(|i| i.range().start() < offset || !before.trim().is_empty());

    if trimmed.starts_with('#') && instr.as_ref().is_none_or(|i| i.kind() != SyntaxKind::RUN_INSTR) {
        return comment_items(snap, before, &edit);
    }
    // The word under the cursor.
    let word_start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let word = &before[word_start..];
    let typed = Typed { start: line_start + TextSize::from(word_start as u32), end: offset };

    let Some(instr) = instr else { return instruction_items(snap, &typed) };
    let keyword_end = instr.keyword().map(|k| k.text_range().end());
    if keyword_end.is_some_and(|end| offset <= end) {
        return instruction_items(snap, &typed);
    }
    if instr.kind() == SyntaxKind::ONBUILD_INSTR && instr.onbuild_trigger().is_none() {
        return instruction_items(snap, &typed);
    }
    if let Some(dollar) = word.rfind('$') {
        let name_from = if word[dollar..].starts_with("${") { dollar + 2 } else { dollar + 1 };
        let rest = &word[name_from..];
        if rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            let range = edit(word_start + name_from);
            return variable_items(snap, &instr, offset, range);
        }
    }
    let keyword = instr.keyword_text();
    if let Some(flag) = word.strip_prefix("--") {
        return match flag.split_once('=') {
            Some((name, value)) => {
                let value_start = word_start + 2 + name.len() + 1;
                flag_value_items(snap, &instr, name, value, value_start, &edit)
            }
            None => flag_items(snap, &keyword, &typed),
        };
    }
    if instr.kind() == SyntaxKind::HEALTHCHECK_INSTR {
        let has_type = ast::Healthcheck::cast(instr.syntax().clone())
            .and_then(|h| h.type_word())
            .is_some_and(|w| w.range().end() < typed.start);
        if !has_type {
            return ["CMD", "NONE"]
                .iter()
                .map(|k| simple(snap, k, CompletionItemKind::KEYWORD, "HEALTHCHECK type", &typed))
                .collect();
        }
    }
    if instr.kind() == SyntaxKind::FROM_INSTR {
        let words: Vec<_> = instr.words().filter(|w| w.range().end() < typed.start).collect();
        if words.len() == 1 {
            return vec![simple(snap, "AS", CompletionItemKind::KEYWORD, "name this stage", &typed)];
        }
        if words.is_empty() {
            let model = dflint_model::analyze(&snap.parse);
            let mut items: Vec<CompletionItem> = stage_names(&model, instr.range().start())
                .into_iter()
                .map(|n| simple(snap, &n, CompletionItemKind::MODULE, "stage", &typed))
                .collect();
            items.push(simple(snap, "scratch", CompletionItemKind::VALUE, "an empty image", &typed));
            return items;
        }
    }
    Vec::new()
}

fn text_edit(range: TextRange, snap: &Snapshot, new_text: String) -> Option<CompletionTextEdit> {
    Some(CompletionTextEdit::Edit(TextEdit { range: snap.lines().range(range), new_text }))
}

fn simple(snap: &Snapshot, label: &str, kind: CompletionItemKind, detail: &str, typed: &Typed) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail.to_string()),
        text_edit: text_edit(TextRange::new(typed.start, typed.end), snap, label.to_string()),
        ..CompletionItem::default()
    }
}

fn markdown(value: String) -> Option<Documentation> {
    Some(Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value }))
}

fn instruction_items(snap: &Snapshot, typed: &Typed) -> Vec<CompletionItem> {
    let range = TextRange::new(typed.start, typed.end);
    instructions::INSTRUCTIONS
        .iter()
        .map(|doc| CompletionItem {
            label: doc.name.to_string(),
            kind: Some(CompletionItemKind::KEYWORD),
            detail: Some(doc.forms[0].to_string()),
            documentation: markdown(doc.markdown()),
            insert_text_format: Some(InsertTextFormat::SNIPPET),
            text_edit: text_edit(range, snap, doc.snippet.to_string()),
            deprecated: Some(doc.name == "MAINTAINER"),
            ..CompletionItem::default()
        })
        .collect()
}

fn flag_items(snap: &Snapshot, keyword: &str, typed: &Typed) -> Vec<CompletionItem> {
    let Some(doc) = instructions::find(keyword) else { return Vec::new() };
    let range = TextRange::new(typed.start, typed.end);
    doc.flags
        .iter()
        .map(|f| {
            let insert = match f.value {
                Some(_) => format!("--{}=", f.name),
                None => format!("--{}", f.name),
            };
            CompletionItem {
                label: format!("--{}", f.name),
                kind: Some(CompletionItemKind::PROPERTY),
                detail: Some(f.usage()),
                documentation: markdown(f.markdown(doc.name)),
                text_edit: text_edit(range, snap, insert),
                // Values follow: ask for their completions right away.
                command: f.value.map(|_| Command::new("suggest".into(), "editor.action.triggerSuggest".into(), None)),
                ..CompletionItem::default()
            }
        })
        .collect()
}

fn flag_value_items(
    snap: &Snapshot,
    instr: &ast::Instruction,
    name: &str,
    value: &str,
    value_start: usize,
    edit: &dyn Fn(usize) -> TextRange,
) -> Vec<CompletionItem> {
    let keyword = instr.keyword_text();
    let value_item = |label: &str, kind: CompletionItemKind, detail: &str, from: usize| CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail.to_string()),
        text_edit: text_edit(edit(from), snap, label.to_string()),
        ..CompletionItem::default()
    };
    match (keyword.as_str(), name) {
        ("COPY" | "ADD", "from") => {
            let model = dflint_model::analyze(&snap.parse);
            stage_names(&model, instr.range().start())
                .iter()
                .map(|n| value_item(n, CompletionItemKind::MODULE, "stage", value_start))
                .collect()
        }
        ("RUN", "mount") => {
            let segment_start = value.rfind(',').map_or(0, |i| i + 1);
            let segment = &value[segment_start..];
            let from = value_start + segment_start;
            match segment.split_once('=') {
                Some((key, _)) => {
                    let at = from + key.len() + 1;
                    if key == "from" {
                        let model = dflint_model::analyze(&snap.parse);
                        return stage_names(&model, instr.range().start())
                            .iter()
                            .map(|n| value_item(n, CompletionItemKind::MODULE, "stage", at))
                            .collect();
                    }
                    instructions::mount_key_values(key)
                        .iter()
                        .map(|v| {
                            let doc = MOUNT_TYPES.iter().find(|t| t.name == *v).map_or("", |t| t.doc);
                            value_item(v, CompletionItemKind::ENUM_MEMBER, doc, at)
                        })
                        .collect()
                }
                None => {
                    let mount_type = value
                        .split(',')
                        .find_map(|p| p.strip_prefix("type="))
                        .and_then(|t| MOUNT_TYPES.iter().find(|m| m.name == t))
                        .unwrap_or(&MOUNT_TYPES[0]);
                    let mut keys: Vec<(&str, &str)> = vec![("type", "Mount type: bind, cache, tmpfs, secret, ssh.")];
                    keys.extend(mount_type.keys.iter().copied());
                    keys.iter()
                        .filter(|(k, _)| !value.split(',').any(|p| p.split('=').next() == Some(*k)))
                        .map(|(k, doc)| CompletionItem {
                            label: format!("{k}="),
                            kind: Some(CompletionItemKind::PROPERTY),
                            detail: Some(format!("--mount type={}", mount_type.name)),
                            documentation: markdown(doc.to_string()),
                            text_edit: text_edit(edit(from), snap, format!("{k}=")),
                            ..CompletionItem::default()
                        })
                        .collect()
                }
            }
        }
        _ => {
            let Some(flag) = instructions::find(&keyword).and_then(|d| d.flag(name)) else { return Vec::new() };
            flag.values.iter().map(|v| value_item(v, CompletionItemKind::ENUM_MEMBER, flag.doc, value_start)).collect()
        }
    }
}

/// Stage names (and indexes) defined before `before`.
fn stage_names(model: &Model, before: TextSize) -> Vec<String> {
    let earlier = model.stages.iter().filter(|s| s.from.range().start() < before);
    earlier.map(|s| s.name.clone().unwrap_or_else(|| s.index.to_string())).collect()
}

fn variable_items(
    snap: &Snapshot,
    instr: &ast::Instruction,
    offset: TextSize,
    range: TextRange,
) -> Vec<CompletionItem> {
    let model = dflint_model::analyze(&snap.parse);
    let instr = super::top_level(instr);
    let stage = super::stage_index_at(&model, offset).unwrap_or(usize::MAX);
    let scope = model.scope_at(stage, &instr);
    scope
        .iter()
        .map(|v| CompletionItem {
            label: v.name.clone(),
            kind: Some(CompletionItemKind::VARIABLE),
            detail: Some(match &v.value {
                Some(value) => format!("= {value}"),
                None => "set at build time".to_string(),
            }),
            text_edit: text_edit(range, snap, v.name.clone()),
            ..CompletionItem::default()
        })
        .collect()
}

/// Completions in a comment: parser directives at the top of the file, rule codes in pragmas.
fn comment_items(snap: &Snapshot, before: &str, edit: &dyn Fn(usize) -> TextRange) -> Vec<CompletionItem> {
    let body = before.trim_start().trim_start_matches('#');
    let body_start = before.len() - body.len();
    let lower = body.to_ascii_lowercase();
    let code_item = |label: String, detail: String, doc: String, from: usize| CompletionItem {
        text_edit: text_edit(edit(from), snap, label.clone()),
        label,
        kind: Some(CompletionItemKind::CONSTANT),
        detail: Some(detail),
        documentation: markdown(doc),
        ..CompletionItem::default()
    };
    let list_start = |s: &str| s.rfind([',', '=']).map_or(0, |i| i + 1);
    // `# dflint ignore=` / `# hadolint ignore=`: rule codes.
    let pragma = lower.trim_start();
    if (pragma.starts_with("dflint") || pragma.starts_with("hadolint"))
        && lower.contains("ignore")
        && lower.contains('=')
    {
        let hadolint = pragma.starts_with("hadolint");
        let from = body_start + list_start(body);
        let from = from + (before.len() - from - before[from..].trim_start().len());
        return dflint_lint::registry::all()
            .iter()
            .flat_map(|r| {
                let mut labels = vec![r.code.to_string()];
                if let Some(h) = r.hadolint.filter(|h| hadolint && *h != r.code) {
                    labels.push(h.to_string());
                }
                labels.into_iter().map(move |label| (label, r))
            })
            .map(|(label, r)| code_item(label, r.name.to_string(), dflint_lint::docs::summary(r), from))
            .collect();
    }
    // Parser directives, only above the first instruction.
    let first = snap.file().instructions().next().map(|i| i.range().start());
    let here = edit(0).end();
    if first.is_some_and(|f| f < here) {
        return Vec::new();
    }
    if let Some(eq) = body.find('=') {
        let name = body[..eq].trim().to_ascii_lowercase();
        let value_from = body_start + eq + 1;
        return match name.as_str() {
            "check" => {
                let value = &body[eq + 1..];
                if !value.contains("skip=") {
                    return ["skip=", "error=true"]
                        .iter()
                        .map(|v| {
                            code_item(
                                v.to_string(),
                                "check option".into(),
                                String::new(),
                                value_from + list_start_semicolon(value),
                            )
                        })
                        .collect();
                }
                let from = value_from + list_start(value);
                let mut names: Vec<&str> = instructions::BUILDKIT_CHECKS.to_vec();
                names.push("all");
                names
                    .into_iter()
                    .map(|n| {
                        let rule = dflint_lint::registry::find(n).filter(|r| r.buildkit == Some(n));
                        let doc = rule.map(dflint_lint::docs::summary).unwrap_or_default();
                        code_item(n.to_string(), "BuildKit check".into(), doc, from)
                    })
                    .collect()
            }
            "escape" => ["\\", "`"]
                .iter()
                .map(|v| code_item(v.to_string(), "escape character".into(), String::new(), value_from))
                .collect(),
            "syntax" => ["docker/dockerfile:1", "docker/dockerfile:1-labs"]
                .iter()
                .map(|v| code_item(v.to_string(), "frontend image".into(), String::new(), value_from))
                .collect(),
            _ => Vec::new(),
        };
    }
    let from = body_start + (body.len() - body.trim_start().len());
    ["syntax=docker/dockerfile:1", "escape=`", "check=skip="]
        .iter()
        .map(|d| CompletionItem {
            label: d.split('=').next().unwrap_or(d).to_string(),
            kind: Some(CompletionItemKind::KEYWORD),
            detail: Some("parser directive".to_string()),
            text_edit: text_edit(edit(from), snap, d.to_string()),
            ..CompletionItem::default()
        })
        .collect()
}

fn list_start_semicolon(value: &str) -> usize {
    value.rfind(';').map_or(0, |i| i + 1)
}
