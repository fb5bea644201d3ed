//! Lowering a tree-sitter-bash tree to a [`Script`]. The only module that knows tree-sitter.
//!
//! The walk is generic: statement containers (program, lists, bodies, `if`/`for`/`while`/`case`,
//! error nodes, ...) are walked child by child, noting the separators between statements, and
//! the nodes that make commands (`command`, `declaration_command`, `unset_command`,
//! `test_command`, bare assignments) are emitted where they are met. Pipelines, redirected
//! statements, subshells and substitutions set context for the commands inside them.

use std::cell::RefCell;
use std::ops::Range;

use tree_sitter::{Node, Parser};

use crate::script::{Command, Connector, PipelinePos, Redirect, Script, Word};

thread_local! {
    /// One parser per thread, created on first use and reused; `None` if the grammar could not be
    /// loaded (an ABI mismatch between tree-sitter and tree-sitter-bash, caught by the tests).
    static PARSER: RefCell<Option<Parser>> = RefCell::new(new_parser());
}

fn new_parser() -> Option<Parser> {
    let mut parser = Parser::new();
    parser.set_language(&tree_sitter_bash::LANGUAGE.into()).ok()?;
    Some(parser)
}

/// Deeper nesting than this is not walked (it only comes from pathological input, and the walk is
/// recursive).
const MAX_DEPTH: usize = 200;

pub(crate) fn parse(text: &str) -> Script {
    let tree = PARSER
        .try_with(|cell| {
            let mut parser = cell.try_borrow_mut().ok()?;
            parser.as_mut()?.parse(text, None)
        })
        .ok()
        .flatten()
        .or_else(|| new_parser()?.parse(text, None));
    let Some(tree) = tree else {
        return Script { commands: Vec::new(), has_errors: !text.trim().is_empty() };
    };
    let root = tree.root_node();
    let mut lower = Lower {
        text,
        commands: Vec::new(),
        pending: None,
        pipeline: None,
        in_substitution: false,
        in_subshell: false,
        next_pipeline: 0,
        depth: 0,
    };
    lower.visit(root);
    let mut commands = lower.commands;
    commands.sort_by_key(|c| c.range.start);
    Script { commands, has_errors: root.has_error() }
}

struct Lower<'t> {
    text: &'t str,
    commands: Vec<Command>,
    /// The separator seen since the last emitted command.
    pending: Option<Connector>,
    pipeline: Option<PipelinePos>,
    in_substitution: bool,
    in_subshell: bool,
    next_pipeline: usize,
    depth: usize,
}

/// Node kinds that emit exactly one command for themselves.
const SIMPLE: &[&str] =
    &["command", "declaration_command", "unset_command", "test_command", "variable_assignment", "variable_assignments"];

/// Node kinds that stand as statements in a list or body.
fn is_statement(kind: &str) -> bool {
    SIMPLE.contains(&kind)
        || matches!(
            kind,
            "redirected_statement"
                | "pipeline"
                | "list"
                | "subshell"
                | "compound_statement"
                | "if_statement"
                | "while_statement"
                | "for_statement"
                | "c_style_for_statement"
                | "case_statement"
                | "function_definition"
                | "negated_command"
        )
}

/// Parents under which a `variable_assignment` is part of an expression, not a statement.
fn is_expression_parent(kind: &str) -> bool {
    matches!(
        kind,
        "c_style_for_statement"
            | "binary_expression"
            | "unary_expression"
            | "parenthesized_expression"
            | "postfix_expression"
            | "ternary_expression"
            | "arithmetic_expansion"
            | "subscript"
            | "array"
            | "variable_assignment"
            | "declaration_command"
    )
}

fn connector(kind: &str) -> Option<Connector> {
    Some(match kind {
        "&&" => Connector::And,
        "||" => Connector::Or,
        ";" | ";;" | ";&" | ";;&" => Connector::Semi,
        "&" => Connector::Background,
        "|" | "|&" => Connector::Pipe,
        _ => return None,
    })
}

fn children<'a>(node: Node<'a>) -> Vec<Node<'a>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).collect()
}

impl Lower<'_> {
    fn visit(&mut self, node: Node) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        match node.kind() {
            "command" => self.command(node),
            "declaration_command" | "unset_command" => self.declaration(node),
            "test_command" => self.test_command(node),
            "variable_assignment" | "variable_assignments"
                if !node.parent().is_some_and(|p| is_expression_parent(p.kind())) =>
            {
                self.assignments(node)
            }
            "redirected_statement" => self.redirected(node),
            "pipeline" => self.pipeline(node, None),
            "command_substitution" | "process_substitution" => self.substitution(node),
            "subshell" => {
                let saved = std::mem::replace(&mut self.in_subshell, true);
                self.children(node);
                self.in_subshell = saved;
            }
            "comment" | "heredoc_start" | "heredoc_end" | "heredoc_content" => {}
            _ => self.children(node),
        }
        self.depth -= 1;
    }

    /// Walks the children of a container, turning separators into the pending connector.
    fn children(&mut self, node: Node) {
        let mut last_statement: Option<Node> = None;
        let mut separated = false;
        for child in children(node) {
            if !child.is_named() {
                if let Some(c) = connector(child.kind()) {
                    self.pending = Some(c);
                    separated = true;
                }
                continue;
            }
            if child.kind() == "ERROR" && self.glue_error(last_statement, child) {
                continue;
            }
            if is_statement(child.kind()) {
                if let Some(last) = last_statement {
                    if !separated
                        && self.text.get(last.end_byte()..child.start_byte()).is_some_and(|t| t.contains('\n'))
                    {
                        self.pending = Some(Connector::Newline);
                    }
                }
                last_statement = Some(child);
                separated = false;
            }
            self.visit(child);
        }
    }

    /// Half-typed text such as `apt-get install 'unterminated` parses as a command followed by an
    /// error node. When the error sits on the same line right after a command, starts like a word
    /// (not an operator) and holds no command, it is taken as one more argument of that command.
    fn glue_error(&mut self, previous: Option<Node>, error: Node) -> bool {
        let Some(previous) = previous.filter(|p| p.kind() == "command") else { return false };
        let between = self.text.get(previous.end_byte()..error.start_byte()).unwrap_or("\n");
        let starts_like_word = self
            .text
            .get(error.byte_range())
            .and_then(|t| t.chars().next())
            .is_some_and(|c| !matches!(c, '&' | '|' | ';' | '<' | '>' | '(' | ')' | '\n'));
        if !between.chars().all(|c| c == ' ' || c == '\t') || !starts_like_word || contains_command(error) {
            return false;
        }
        let Some(command) = self.commands.iter_mut().rev().find(|c| c.range == previous.byte_range()) else {
            return false;
        };
        command.args.push(Word::new(self.text, error.byte_range()));
        command.range.end = error.end_byte();
        true
    }

    fn word(&self, node: Node) -> Word {
        Word::new(self.text, node.byte_range())
    }

    fn emit(
        &mut self,
        range: Range<usize>,
        name: Option<Word>,
        args: Vec<Word>,
        assignments: Vec<Word>,
        redirects: Vec<Redirect>,
    ) -> Option<usize> {
        // A zero-width command is one tree-sitter made up to recover (`a &&` at the end).
        if range.is_empty() {
            return None;
        }
        self.commands.push(Command {
            range,
            name,
            args,
            assignments,
            redirects,
            pipeline: self.pipeline,
            in_substitution: self.in_substitution,
            in_subshell: self.in_subshell,
            connector_before: self.pending.take(),
        });
        Some(self.commands.len() - 1)
    }

    fn command(&mut self, node: Node) {
        let (mut name, mut args, mut assignments, mut redirects) = (None, Vec::new(), Vec::new(), Vec::new());
        let mut inner = Vec::new();
        let mut cursor = node.walk();
        if cursor.goto_first_child() {
            loop {
                let child = cursor.node();
                let field = cursor.field_name();
                if child.is_missing() {
                    // Made up by error recovery: nothing was written there.
                } else if field == Some("name") {
                    name = Some(self.word(child));
                } else if field == Some("redirect") || child.kind().ends_with("_redirect") {
                    redirects.push(self.redirect(child));
                } else if child.kind() == "variable_assignment" && name.is_none() {
                    assignments.push(self.word(child));
                } else if field == Some("argument") || (child.is_named() && child.kind() != "comment") {
                    args.push(self.word(child));
                }
                if child.is_named() {
                    inner.push(child);
                }
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        self.emit(node.byte_range(), name, args, assignments, redirects);
        for child in inner {
            self.substitutions(child);
        }
    }

    /// `export A=1 B`, `declare -x A`, `local a`, `readonly A`, `unset A`: the keyword is the name.
    fn declaration(&mut self, node: Node) {
        let parts = children(node);
        let name = parts.first().filter(|k| !k.is_named()).map(|k| self.word(*k));
        let args = parts.iter().filter(|c| c.is_named() && c.kind() != "comment").map(|c| self.word(*c)).collect();
        self.emit(node.byte_range(), name, args, Vec::new(), Vec::new());
        for child in parts {
            self.substitutions(child);
        }
    }

    /// `[ ... ]`, `[[ ... ]]`, `(( ... ))`: the opening bracket is the name, the expression's words
    /// and operators the arguments.
    fn test_command(&mut self, node: Node) {
        let parts = children(node);
        let name = parts.first().filter(|k| !k.is_named()).map(|k| self.word(*k));
        let mut args = Vec::new();
        for child in &parts {
            self.test_words(*child, &mut args, 0);
        }
        self.emit(node.byte_range(), name, args, Vec::new(), Vec::new());
        for child in parts {
            self.substitutions(child);
        }
    }

    fn test_words(&self, node: Node, out: &mut Vec<Word>, depth: usize) {
        match node.kind() {
            "[" | "]" | "[[" | "]]" | "((" | "))" => {}
            "binary_expression"
            | "unary_expression"
            | "parenthesized_expression"
            | "postfix_expression"
            | "ternary_expression"
                if depth < MAX_DEPTH =>
            {
                for child in children(node) {
                    self.test_words(child, out, depth + 1);
                }
            }
            _ if node.is_missing() || node.byte_range().is_empty() => {}
            _ => out.push(self.word(node)),
        }
    }

    /// A line of bare assignments, `A=1 B=2`.
    fn assignments(&mut self, node: Node) {
        let assignments = match node.kind() {
            "variable_assignments" => {
                children(node).into_iter().filter(|c| c.is_named()).map(|c| self.word(c)).collect()
            }
            _ => vec![self.word(node)],
        };
        self.emit(node.byte_range(), None, Vec::new(), assignments, Vec::new());
        self.substitutions(node);
    }

    /// `body > file`, `body <<EOF ...`: redirections written after a statement belong to it when it
    /// is a simple command.
    fn redirected(&mut self, node: Node) {
        let body = node.child_by_field_name("body");
        let first = self.commands.len();
        if let Some(body) = body {
            self.visit(body);
        }
        // Redirections bind to a simple command: tree-sitter-bash hangs a heredoc after `a && b`
        // on the whole list, where the shell gives it to `b`.
        let target = body.and_then(last_simple).and_then(|simple| {
            let range = simple.byte_range();
            self.commands[first..].iter().position(|c| c.range == range).map(|i| first + i)
        });
        for child in children(node) {
            if Some(child) == body {
                continue;
            }
            match child.kind() {
                "heredoc_redirect" => self.heredoc_redirect(child, target),
                kind if kind.ends_with("_redirect") => {
                    let redirect = self.redirect(child);
                    self.attach(target, redirect);
                    self.substitutions(child);
                }
                _ if child.is_named() => self.visit(child),
                kind => {
                    if let Some(c) = connector(kind) {
                        self.pending = Some(c);
                    }
                }
            }
        }
    }

    fn attach(&mut self, target: Option<usize>, redirect: Redirect) {
        if let Some(command) = target.and_then(|i| self.commands.get_mut(i)) {
            command.redirects.push(redirect);
        }
    }

    /// `<<EOF` with what tree-sitter-bash hangs under it: more redirections, the rest of the line
    /// (`&& next`, `| next`), and the body.
    fn heredoc_redirect(&mut self, node: Node, target: Option<usize>) {
        let parts = children(node);
        let start = parts.iter().find(|c| c.kind() == "heredoc_start");
        let op = parts.iter().find(|c| matches!(c.kind(), "<<" | "<<-")).map_or("<<", |c| c.kind());
        let end = start.map_or(node.start_byte(), |s| s.end_byte());
        let redirect = Redirect {
            range: node.start_byte()..end,
            fd: self.fd(node),
            op: op.to_string(),
            target: start.map(|s| self.word(*s)),
        };
        self.attach(target, redirect);
        for child in parts {
            match child.kind() {
                "heredoc_start" | "heredoc_end" | "file_descriptor" => {}
                "pipeline" => self.pipeline(child, target),
                "heredoc_body" => self.substitutions(child),
                kind if kind.ends_with("_redirect") => {
                    let redirect = self.redirect(child);
                    self.attach(target, redirect);
                    self.substitutions(child);
                }
                _ if child.is_named() => self.visit(child),
                kind => {
                    if let Some(c) = connector(kind) {
                        self.pending = Some(c);
                    }
                }
            }
        }
    }

    fn fd(&self, node: Node) -> Option<u32> {
        let fd = node.child_by_field_name("descriptor")?;
        self.text.get(fd.byte_range())?.parse().ok()
    }

    /// `> file`, `2>&1`, `<<< word`.
    fn redirect(&self, node: Node) -> Redirect {
        let parts = children(node);
        let op = parts.iter().find(|c| !c.is_named()).map_or("", |c| c.kind()).to_string();
        let target = node
            .child_by_field_name("destination")
            .or_else(|| parts.iter().copied().find(|c| c.is_named() && c.kind() != "file_descriptor"))
            .filter(|t| !t.is_missing())
            .map(|t| self.word(t));
        Redirect { range: node.byte_range(), fd: self.fd(node), op, target }
    }

    /// A pipeline; `leading` is a command already emitted that tree-sitter-bash put outside the
    /// pipeline node (`cat <<EOF | sh` hangs `| sh` under the heredoc).
    fn pipeline(&mut self, node: Node, leading: Option<usize>) {
        let elements = children(node).into_iter().filter(|c| c.is_named() && c.kind() != "comment").count();
        let offset = usize::from(leading.is_some());
        let len = elements + offset;
        let id = self.next_pipeline;
        self.next_pipeline += 1;
        if len >= 2 {
            if let Some(command) = leading.and_then(|i| self.commands.get_mut(i)) {
                command.pipeline = Some(PipelinePos { id, index: 0, len });
            }
        }
        let saved = self.pipeline;
        let mut index = offset;
        for child in children(node) {
            if !child.is_named() {
                if let Some(c) = connector(child.kind()) {
                    self.pending = Some(c);
                }
                continue;
            }
            if child.kind() == "comment" {
                continue;
            }
            self.pipeline = (len >= 2).then_some(PipelinePos { id, index, len });
            index += 1;
            self.visit(child);
        }
        self.pipeline = saved;
    }

    /// `$(...)`, backquotes, `<(...)`, `>(...)`: their commands, marked as such.
    fn substitution(&mut self, node: Node) {
        let saved = (self.pending.take(), self.pipeline.take(), self.in_substitution, self.in_subshell);
        self.in_substitution = true;
        self.in_subshell = false;
        self.children(node);
        (self.pending, self.pipeline, self.in_substitution, self.in_subshell) = saved;
    }

    /// Finds the substitutions inside words (arguments, assignments, redirect targets, heredoc
    /// bodies, `for` lists, ...) and walks them.
    fn substitutions(&mut self, node: Node) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        for child in children(node) {
            match child.kind() {
                "command_substitution" | "process_substitution" => self.substitution(child),
                _ if child.child_count() > 0 => self.substitutions(child),
                _ => {}
            }
        }
        self.depth -= 1;
    }
}

/// The simple command that a redirection written after `node` binds to: `node` itself, or the
/// last command of a list or pipeline; `None` for a subshell, group or compound command.
fn last_simple(node: Node) -> Option<Node> {
    let mut node = node;
    for _ in 0..MAX_DEPTH {
        node = match node.kind() {
            kind if SIMPLE.contains(&kind) => return Some(node),
            "redirected_statement" => node.child_by_field_name("body")?,
            "list" | "pipeline" => children(node).into_iter().rev().find(|c| c.is_named() && c.kind() != "comment")?,
            _ => return None,
        };
    }
    None
}

/// Does `node` hold a command node anywhere below it?
fn contains_command(node: Node) -> bool {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n != node && (is_statement(n.kind()) || n.kind() == "command_substitution") {
            return true;
        }
        stack.extend(n.children(&mut cursor));
    }
    false
}
