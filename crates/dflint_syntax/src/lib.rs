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
    /// The escape character the parser used (for [`Parse::reparse`]).
    escape: char,
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

    /// The parse of `new_text`, the text of this parse once the bytes `deleted` (in this text)
    /// were replaced by `inserted` bytes: exactly [`parse`]`(new_text)`, computed by parsing the
    /// edited instruction alone when the edit stays inside one instruction and cannot change how
    /// the rest of the file reads (see [`Parse::try_reparse`]), else by parsing it all again.
    pub fn reparse(&self, new_text: &str, deleted: TextRange, inserted: TextSize) -> Parse {
        self.try_reparse(new_text, deleted, inserted).unwrap_or_else(|| parse(new_text))
    }

    /// The incremental part of [`Parse::reparse`]: `None` when the edit needs a full parse.
    ///
    /// The parser reads a file item by item (directive, comment or blank line, instruction with
    /// its continuation lines and heredoc bodies), and how an instruction reads depends only on
    /// its own lines and on the escape character. So when the edit lies inside one top-level
    /// instruction node, that node and the newline after it are parsed again on their own (with
    /// the file's escape character, directives over); if that gives exactly one instruction node
    /// followed by that same newline (or one node and the end of the file, as before), the full
    /// parse would have read the same node there and everything around it as before: the node is
    /// spliced into the old tree and the errors of the old node are replaced by the new ones. Any
    /// other outcome (the edit ends the instruction early, makes its last line continue, opens a
    /// heredoc that runs past it, turns it into a comment, ...) falls back.
    pub fn try_reparse(&self, new_text: &str, deleted: TextRange, inserted: TextSize) -> Option<Parse> {
        let old_len = usize::from(self.green.text_len());
        if usize::from(deleted.end()) > old_len
            || old_len - usize::from(deleted.len()) + usize::from(inserted) != new_text.len()
        {
            return None;
        }
        // The top-level instruction holding the edit, and the newline token after it.
        let mut offset = TextSize::from(0);
        let mut found = None;
        let mut children = self.green.children().enumerate();
        // Whether a line continuation stands between the previous node and this child: an
        // instruction whose first physical lines hold no word (`\` alone on a line) starts
        // there, before its node (the parser leaves that trivia outside the node, or takes it in
        // when the instruction has no word at all), so it cannot be parsed from its node alone.
        let mut lead_in = false;
        for (index, child) in children.by_ref() {
            let len = match child {
                rowan::NodeOrToken::Node(n) => n.text_len(),
                rowan::NodeOrToken::Token(t) => t.text_len(),
            };
            let end = offset + len;
            if offset > deleted.start() {
                return None;
            }
            if deleted.start() >= offset && deleted.end() <= end {
                match child {
                    rowan::NodeOrToken::Node(n) if n.kind() != SyntaxKind::DIRECTIVE.into() && !lead_in => {
                        found = Some((index, offset, end));
                        break;
                    }
                    // Inside a token or a directive, or across items: parse it all.
                    _ => return None,
                }
            }
            lead_in = match child {
                rowan::NodeOrToken::Node(_) => false,
                rowan::NodeOrToken::Token(t) => {
                    lead_in
                        || t.kind() == SyntaxKind::LINE_CONTINUATION.into()
                        || t.kind() == SyntaxKind::DROPPED_WHITESPACE.into()
                }
            };
            offset = end;
        }
        let (index, node_start, node_end) = found?;
        let newline = match children.next() {
            None => None,
            Some((_, rowan::NodeOrToken::Token(t))) if t.kind() == SyntaxKind::NEWLINE.into() => Some(t.to_owned()),
            Some(_) => return None,
        };
        let old_fragment_end = node_end + newline.as_ref().map_or(TextSize::from(0), |t| t.text_len());
        let new_fragment_end = usize::from(old_fragment_end) - usize::from(deleted.len()) + usize::from(inserted);
        let fragment = new_text.get(usize::from(node_start)..new_fragment_end)?;

        let mut parser = parser::Parser::new(fragment);
        parser.escape = self.escape;
        parser.directives_done = true;
        parser.parse_file();
        let root = build_tree(fragment, &parser.events);
        let mut parts = root.children();
        let node = match parts.next()? {
            rowan::NodeOrToken::Node(n) if n.kind() != SyntaxKind::DIRECTIVE.into() => n.to_owned(),
            _ => return None,
        };
        match (parts.next(), &newline) {
            (None, None) => {}
            (Some(rowan::NodeOrToken::Token(t)), Some(old)) if t.kind() == old.kind() && t.text() == old.text() => {}
            _ => return None,
        }
        if parts.next().is_some() {
            return None;
        }

        // The errors: those before the node, the node's new ones, those after it (shifted).
        let shift = |size: TextSize, by: TextSize| size + by;
        let at_end = newline.is_none();
        let inside = |e: &SyntaxError| e.range.start() >= node_start && (at_end || e.range.start() < old_fragment_end);
        let before = self.errors.iter().take_while(|e| e.range.start() < node_start).count();
        let old_inside = self.errors[before..].iter().take_while(|e| inside(e)).count();
        let after = &self.errors[before + old_inside..];
        if after.iter().any(|e| e.range.start() < old_fragment_end) {
            // Not in source order: parse it all rather than guess.
            return None;
        }
        let mut errors = Vec::with_capacity(before + parser.errors.len() + after.len());
        errors.extend_from_slice(&self.errors[..before]);
        errors.extend(parser.errors.into_iter().map(|mut e| {
            e.range = TextRange::new(shift(e.range.start(), node_start), shift(e.range.end(), node_start));
            e
        }));
        for e in after {
            let move_by =
                |size: TextSize| TextSize::from((u32::from(size) + u32::from(inserted)) - u32::from(deleted.len()));
            errors.push(SyntaxError {
                range: TextRange::new(move_by(e.range.start()), move_by(e.range.end())),
                ..e.clone()
            });
        }
        let green = self.green.replace_child(index, rowan::NodeOrToken::Node(node));
        Some(Parse { green, errors, text: new_text.into(), escape: self.escape })
    }
}

/// Parses a Dockerfile. Never fails; see [`Parse::errors`].
pub fn parse(text: &str) -> Parse {
    let mut parser = parser::Parser::new(text);
    parser.parse_file();
    let green = build_tree(text, &parser.events);
    Parse { green, errors: parser.errors, text: text.into(), escape: parser.escape }
}

/// Turns the parser's events into a rowan tree over `text`.
///
/// Nodes are built directly (rowan's interning cache hashes every node and token, which costs more
/// than it saves here); short tokens, which repeat a lot (blanks, newlines, keywords, `=`), are
/// shared through a small per-thread direct-mapped cache (a slot per hash of kind and text; a
/// different token with the same slot replaces it), so its size is fixed and a long-running
/// language server does not keep every token it ever saw.
fn build_tree(text: &str, events: &[parser::Event]) -> GreenNode {
    use rowan::{GreenToken, NodeOrToken};
    use std::cell::RefCell;
    const MAX_SHARED_LEN: usize = 16;
    const SLOT_BITS: u32 = 12;
    thread_local! {
        static TOKENS: RefCell<Vec<Option<GreenToken>>> = RefCell::new(vec![None; 1 << SLOT_BITS]);
    }
    /// The slot of a token of at most 16 bytes: its bytes as two words, mixed with its kind and length.
    fn slot(kind: SyntaxKind, t: &[u8]) -> usize {
        let mut words = [0u8; 16];
        words[..t.len()].copy_from_slice(t);
        let a = u64::from_le_bytes(words[..8].try_into().expect("8 bytes"));
        let b = u64::from_le_bytes(words[8..].try_into().expect("8 bytes"));
        let k = ((kind as u64) << 8) | t.len() as u64;
        let h = (a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.rotate_left(29) ^ k).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        (h >> (64 - SLOT_BITS)) as usize
    }
    TOKENS.with(|cell| {
        let mut table = cell.borrow_mut();
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
                        let entry = &mut table[slot(kind, t.as_bytes())];
                        match entry {
                            Some(tok) if tok.kind() == kind.into() && tok.text() == t => tok.clone(),
                            _ => {
                                let tok = GreenToken::new(kind.into(), t);
                                *entry = Some(tok.clone());
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
