//! `dflint_syntax`: a lossless, BuildKit-faithful Dockerfile syntax tree.
//!
//! [`parse`] never fails: it returns a [`Parse`] holding a rowan tree whose text is exactly the input, and
//! the errors found on the way, each with a range. The tree reads the file the way BuildKit's parser
//! (`moby/buildkit/frontend/dockerfile/parser`) does: parser directives, the escape character, line
//! continuations with comment and empty lines inside them, heredocs, flags, exec form vs shell form.

pub mod ast;
pub mod buildkit;
pub mod go;
mod lexer;
mod line;
mod parser;
mod syntax_kind;

pub use rowan::{TextRange, TextSize};
pub use syntax_kind::{DockerfileLang, SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};

use rowan::GreenNode;

/// An error found while parsing, with the range of text it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the error is, in bytes.
    pub range: TextRange,
    /// What is wrong, in one sentence.
    pub message: String,
    /// True when BuildKit's own parser rejects the file for this (it would fail `docker build`
    /// before any instruction runs). False for problems BuildKit's parser lets through but the
    /// builder rejects later, such as an unknown instruction.
    pub buildkit_fatal: bool,
}

/// The result of [`parse`]: the tree and the errors.
#[derive(Clone, Debug)]
pub struct Parse {
    green: GreenNode,
    errors: Vec<SyntaxError>,
    text: std::sync::Arc<str>,
}

impl Parse {
    /// The root of the tree (`SOURCE_FILE`).
    pub fn syntax_node(&self) -> SyntaxNode {
        SyntaxNode::new_root(self.green.clone())
    }

    /// The green (immutable, shareable) tree.
    pub fn green(&self) -> &GreenNode {
        &self.green
    }

    /// The typed root.
    pub fn tree(&self) -> ast::SourceFile {
        use ast::AstNode;
        ast::SourceFile::cast(self.syntax_node()).expect("the root is a SOURCE_FILE")
    }

    /// Errors in source order.
    pub fn errors(&self) -> &[SyntaxError] {
        &self.errors
    }

    /// The text parsed (the tree's text, kept so that it need not be read back from the tree).
    pub fn text(&self) -> &std::sync::Arc<str> {
        &self.text
    }
}

/// Parses a Dockerfile. Never fails; see [`Parse::errors`].
pub fn parse(text: &str) -> Parse {
    let mut parser = parser::Parser::new(text);
    parser.parse_file();
    let green = build_tree(text, &parser.events);
    Parse { green, errors: parser.errors, text: text.into() }
}

/// Turns the parser's events into a rowan tree over `text`.
///
/// Nodes are built directly (rowan's interning cache hashes every node and token, which costs more
/// than it saves here); short tokens, which repeat a lot (blanks, newlines, keywords, `=`), are
/// shared through a per-thread table that is dropped once it has grown large, so a long-running
/// language server does not keep every token it ever saw.
fn build_tree(text: &str, events: &[parser::Event]) -> GreenNode {
    use rowan::{GreenToken, NodeOrToken};
    use std::cell::RefCell;
    const MAX_SHARED_LEN: usize = 16;
    const MAX_TABLE: usize = 1 << 16;
    thread_local! {
        static TOKENS: RefCell<rustc_hash::FxHashMap<u64, GreenToken>> = RefCell::default();
    }
    TOKENS.with(|cell| {
        let mut table = cell.borrow_mut();
        if table.len() > MAX_TABLE {
            table.clear();
        }
        let mut stack: Vec<(SyntaxKind, usize)> = Vec::with_capacity(16);
        let mut children: Vec<NodeOrToken<GreenNode, GreenToken>> = Vec::with_capacity(64);
        let mut pos = 0usize;
        for event in events {
            match *event {
                parser::Event::Start(kind) => stack.push((kind, children.len())),
                parser::Event::Token(kind, len) => {
                    let end = pos + len as usize;
                    let t = &text[pos..end];
                    let token = if t.len() <= MAX_SHARED_LEN {
                        let key = {
                            use std::hash::{BuildHasher, Hash, Hasher};
                            let mut h = rustc_hash::FxBuildHasher.build_hasher();
                            (kind as u16).hash(&mut h);
                            t.hash(&mut h);
                            h.finish()
                        };
                        match table.get(&key) {
                            Some(tok) if tok.text() == t && tok.kind() == kind.into() => tok.clone(),
                            Some(_) => GreenToken::new(kind.into(), t),
                            None => {
                                let tok = GreenToken::new(kind.into(), t);
                                table.insert(key, tok.clone());
                                tok
                            }
                        }
                    } else {
                        GreenToken::new(kind.into(), t)
                    };
                    children.push(NodeOrToken::Token(token));
                    pos = end;
                }
                parser::Event::Finish => {
                    let (kind, start) = stack.pop().expect("balanced events");
                    let node = GreenNode::new(kind.into(), children.drain(start..));
                    children.push(NodeOrToken::Node(node));
                }
            }
        }
        debug_assert_eq!(pos, text.len(), "the tree must hold every byte");
        match children.pop() {
            Some(NodeOrToken::Node(root)) if children.is_empty() => root,
            _ => unreachable!("the events describe one SOURCE_FILE node"),
        }
    })
}

/// The indented tree dump used by `dflint debug tree` and the gold-file tests: one line per node or
/// token, `KIND@start..end`, tokens followed by their text in Rust debug quoting.
pub fn debug_tree(node: &SyntaxNode) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut depth = 0usize;
    for event in node.preorder_with_tokens() {
        match event {
            rowan::WalkEvent::Enter(element) => {
                let range = element.text_range();
                let _ = write!(
                    out,
                    "{:indent$}{:?}@{}..{}",
                    "",
                    element.kind(),
                    u32::from(range.start()),
                    u32::from(range.end()),
                    indent = depth * 2
                );
                match element {
                    rowan::NodeOrToken::Node(_) => depth += 1,
                    rowan::NodeOrToken::Token(t) => {
                        let _ = write!(out, " {:?}", t.text());
                    }
                }
                out.push('\n');
            }
            rowan::WalkEvent::Leave(rowan::NodeOrToken::Node(_)) => depth -= 1,
            rowan::WalkEvent::Leave(rowan::NodeOrToken::Token(_)) => {}
        }
    }
    out
}
