//! Named things and where they are used: stage names, ARG/ENV variables and heredoc delimiters.
//! Definition, references, rename and document highlight all ask [`symbols`] and pick the symbol
//! under the cursor.
//!
//! - A stage is defined by `FROM ... AS name` and used by `FROM name`, `COPY --from=name` and
//!   `RUN --mount=...,from=name` (names compare case-insensitively, as BuildKit's do).
//! - A variable is defined by an `ARG` or `ENV` pair and used by `$name`/`${name}` in later
//!   instructions of the stage and its child stages (a global ARG by `FROM` lines, and by the bare
//!   `ARG name` that brings it into a stage). Shell-form commands and heredoc bodies count too: the
//!   shell sees ARG and ENV variables.
//! - A heredoc delimiter is defined by its `<<EOF` marker and used by its terminator line.

use std::collections::HashMap;

use dflint_model::Model;
use dflint_syntax::ast::{self, AstNode};
use dflint_syntax::{SyntaxKind, SyntaxNode, TextRange, TextSize};

/// What a symbol names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// A build stage.
    Stage,
    /// An ARG or ENV variable.
    Variable,
    /// A heredoc delimiter.
    Heredoc,
}

/// A named thing with its definition and uses.
#[derive(Clone, Debug)]
pub struct Symbol {
    /// What it is.
    pub kind: SymbolKind,
    /// The name as defined.
    pub name: String,
    /// Where the name is defined.
    pub def: TextRange,
    /// Where it is used.
    pub refs: Vec<TextRange>,
}

impl Symbol {
    /// Does the name at `offset` (a cursor touching either end counts) belong to this symbol?
    pub fn touches(&self, offset: TextSize) -> bool {
        self.def.contains_inclusive(offset) || self.refs.iter().any(|r| r.contains_inclusive(offset))
    }

    /// The definition and the uses, in file order.
    pub fn all_ranges(&self) -> Vec<TextRange> {
        let mut all: Vec<TextRange> = std::iter::once(self.def).chain(self.refs.iter().copied()).collect();
        all.sort_by_key(|r| r.start());
        all.dedup();
        all
    }
}

/// The symbol under `offset`, if any.
pub fn symbol_at(file: &ast::SourceFile, model: &Model, offset: TextSize) -> Option<Symbol> {
    symbols(file, model).into_iter().find(|s| s.touches(offset))
}

/// Every symbol of the file.
pub fn symbols(file: &ast::SourceFile, model: &Model) -> Vec<Symbol> {
    let mut out = stage_symbols(model);
    out.extend(variable_symbols(model));
    out.extend(heredoc_symbols(file));
    out
}

fn stage_symbols(model: &Model) -> Vec<Symbol> {
    let mut out: Vec<Symbol> = Vec::new();
    let mut by_stage: HashMap<usize, usize> = HashMap::new();
    for stage in &model.stages {
        if let (Some(name), Some(word)) = (&stage.name, stage.from.stage_name()) {
            by_stage.insert(stage.index, out.len());
            out.push(Symbol { kind: SymbolKind::Stage, name: name.clone(), def: word.range(), refs: Vec::new() });
        }
    }
    for stage in &model.stages {
        if let (Some(parent), Some(image)) = (stage.parent, stage.from.image()) {
            if let Some(&i) = by_stage.get(&parent) {
                if !image.logical_text().contains('$') {
                    out[i].refs.push(image.range());
                }
            }
        }
        for instr in &stage.instructions {
            for (name, range) in stage_uses(instr) {
                if let Some(&i) = model.stage_by_name(&name).and_then(|s| by_stage.get(&s.index)) {
                    out[i].refs.push(range);
                }
            }
        }
    }
    out
}

/// The stage names an instruction uses: `COPY --from=x`, `RUN --mount=from=x`, with their ranges.
pub fn stage_uses(instr: &ast::Instruction) -> Vec<(String, TextRange)> {
    let mut out = Vec::new();
    let instr = match instr.onbuild_trigger() {
        Some(trigger) => trigger,
        None => instr.clone(),
    };
    for flag in instr.flags() {
        let (Some(name), Some(value)) = (flag.name(), flag.value()) else { continue };
        let text = value.syntax().text().to_string();
        let start = value.range().start();
        match (instr.kind(), name.as_str()) {
            (SyntaxKind::COPY_INSTR | SyntaxKind::ADD_INSTR, "from") if is_plain(&text) => {
                out.push((text.clone(), value.range()));
            }
            (SyntaxKind::RUN_INSTR, "mount") => {
                let mut pos = 0usize;
                for part in text.split(',') {
                    if let Some(v) = part.strip_prefix("from=") {
                        if is_plain(v) {
                            let s = start + TextSize::from((pos + 5) as u32);
                            out.push((v.to_string(), TextRange::at(s, TextSize::of(v))));
                        }
                    }
                    pos += part.len() + 1;
                }
            }
            _ => {}
        }
    }
    out
}

fn is_plain(text: &str) -> bool {
    !text.is_empty() && !text.contains(['$', '"', '\'', '\\', '\n', ' '])
}

fn variable_symbols(model: &Model) -> Vec<Symbol> {
    let mut out: Vec<Symbol> = Vec::new();
    let mut global: HashMap<String, usize> = HashMap::new();
    for decl in &model.global_args {
        let Some(key) = decl.pair.key() else { continue };
        match global.get(&decl.name) {
            Some(&i) if decl.default.is_none() => out[i].refs.push(key.range()),
            _ => {
                global.insert(decl.name.clone(), out.len());
                out.push(Symbol {
                    kind: SymbolKind::Variable,
                    name: decl.name.clone(),
                    def: key.range(),
                    refs: vec![],
                });
            }
        }
    }
    for decl in &model.global_args {
        for (name, range) in uses_in(decl.instruction.syntax()) {
            if let Some(&i) = global.get(&name) {
                if !out[i].refs.contains(&range) {
                    out[i].refs.push(range);
                }
            }
        }
    }
    let mut finals: Vec<HashMap<String, usize>> = Vec::new();
    for stage in &model.stages {
        for (name, range) in uses_in(stage.from.syntax()) {
            if let Some(&i) = global.get(&name) {
                out[i].refs.push(range);
            }
        }
        let mut scope = stage.parent.and_then(|p| finals.get(p).cloned()).unwrap_or_default();
        for instr in &stage.instructions {
            for (name, range) in uses_in(instr.syntax()) {
                if let Some(&i) = scope.get(&name) {
                    out[i].refs.push(range);
                }
            }
            let is_arg = instr.kind() == SyntaxKind::ARG_INSTR;
            if !is_arg && instr.kind() != SyntaxKind::ENV_INSTR {
                continue;
            }
            for pair in instr.pairs() {
                let Some(key) = pair.key() else { continue };
                let name = key.logical_text();
                let bare = is_arg && pair.value().is_none() && pair.eq_token().is_none();
                let existing = scope.get(&name).copied().or_else(|| global.get(&name).copied());
                match existing {
                    Some(i) if bare => {
                        out[i].refs.push(key.range());
                        scope.insert(name, i);
                    }
                    _ => {
                        scope.insert(name.clone(), out.len());
                        out.push(Symbol { kind: SymbolKind::Variable, name, def: key.range(), refs: vec![] });
                    }
                }
            }
        }
        finals.push(scope);
    }
    out
}

/// The variable uses in `node`: `VAR` nodes, and `$name`/`${name}` in shell-form text and heredoc
/// bodies (not in single quotes).
pub fn uses_in(node: &SyntaxNode) -> Vec<(String, TextRange)> {
    let mut out = Vec::new();
    for element in node.descendants_with_tokens() {
        match element {
            dflint_syntax::SyntaxElement::Node(n) if n.kind() == SyntaxKind::VAR => {
                if let Some(name) = ast::Var::cast(n).and_then(|v| v.name()) {
                    out.push((name.text().to_string(), name.text_range()));
                }
            }
            dflint_syntax::SyntaxElement::Token(t) => {
                let in_shell = t.parent().is_some_and(|p| p.kind() == SyntaxKind::SHELL_FORM);
                if (t.kind() == SyntaxKind::TEXT && in_shell) || t.kind() == SyntaxKind::HEREDOC_BODY {
                    out.extend(shell_vars(t.text(), t.text_range().start()));
                }
            }
            _ => {}
        }
    }
    out
}

/// `$name` and `${name...}` in shell text starting at `start`, outside single quotes.
pub fn shell_vars(text: &str, start: TextSize) -> Vec<(String, TextRange)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut single = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => single = !single,
            b'\\' if !single => i += 1,
            b'$' if !single => {
                let name_start = if bytes.get(i + 1) == Some(&b'{') { i + 2 } else { i + 1 };
                let mut end = name_start;
                while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
                    end += 1;
                }
                let first_ok = bytes.get(name_start).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
                if end > name_start && first_ok {
                    let range =
                        TextRange::new(start + TextSize::from(name_start as u32), start + TextSize::from(end as u32));
                    out.push((text[name_start..end].to_string(), range));
                    i = end;
                    continue;
                }
            }
            b'\n' => single = false,
            _ => {}
        }
        i += 1;
    }
    out
}

fn heredoc_symbols(file: &ast::SourceFile) -> Vec<Symbol> {
    let mut out = Vec::new();
    for instr in file.syntax().descendants().filter_map(ast::Instruction::cast) {
        if instr.kind() == SyntaxKind::ONBUILD_INSTR {
            continue;
        }
        for heredoc in instr.heredocs() {
            let delimiter = heredoc.delimiter();
            if delimiter.is_empty() {
                continue;
            }
            let marker = heredoc.marker.text();
            let Some(at) = marker.find(delimiter.as_str()) else { continue };
            let def = TextRange::at(
                heredoc.marker.text_range().start() + TextSize::from(at as u32),
                TextSize::of(delimiter.as_str()),
            );
            let refs = heredoc
                .terminator()
                .map(|t| {
                    let lead = t.text().len() - t.text().trim_start_matches('\t').len();
                    TextRange::new(t.text_range().start() + TextSize::from(lead as u32), t.text_range().end())
                })
                .into_iter()
                .collect();
            out.push(Symbol { kind: SymbolKind::Heredoc, name: delimiter, def, refs });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str, at: &str) -> Vec<String> {
        let parse = dflint_syntax::parse(text);
        let model = dflint_model::analyze(&parse);
        let offset = TextSize::from(text.find(at).unwrap() as u32 + 1);
        let symbol = symbol_at(&parse.tree(), &model, offset).expect("a symbol");
        symbol.all_ranges().iter().map(|r| format!("{}@{}", &text[*r], u32::from(r.start()))).collect()
    }

    #[test]
    fn stages() {
        let text =
            "FROM a AS Build\nFROM build\nCOPY --from=build x y\nRUN --mount=type=bind,from=BUILD,target=/s true\n";
        assert_eq!(ranges(text, "Build"), ["Build@10", "build@21", "build@39", "BUILD@76"]);
    }

    #[test]
    fn variables_follow_scopes() {
        let text = "ARG V=1\nFROM img:$V\nARG V\nRUN echo $V '$V'\nENV V=2\nRUN echo ${V}\n";
        assert_eq!(ranges(text, "V=1"), ["V@4", "V@18", "V@24", "V@36"]);
        assert_eq!(ranges(text, "V=2"), ["V@47", "V@62"]);
    }

    #[test]
    fn heredoc_delimiters() {
        let text = "FROM a\nRUN <<-\"EOT\" sh\n\techo\n\tEOT\n";
        assert_eq!(ranges(text, "EOT"), ["EOT@15", "EOT@30"]);
    }
}
