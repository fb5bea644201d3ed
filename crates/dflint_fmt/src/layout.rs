//! Writing one instruction.
//!
//! An instruction is read into its *logical text* (what BuildKit reads: the physical lines joined,
//! continuations and comment lines taken out) with, for every byte, whether it is free whitespace,
//! and the places where the continuations ("joins") were. The text is then cut into *atoms*
//! (written as they are) and *gaps* (runs of free whitespace, and the places between the tokens of
//! an exec-form array), and written again: a gap becomes one space, nothing, a line break, or
//! stays as it was, by the rules in the crate documentation. A join inside an atom (in the middle
//! of a word or a quoted string) is written back exactly where it was.
//!
//! Free whitespace: the blanks BuildKit splits the instruction on (between the keyword, the
//! flags and the arguments, between `ENV`/`LABEL`/`ARG` pairs, between exec-form tokens), and
//! the blanks of a shell-form command that the shell reads as word separators.

use std::ops::Range;

use dflint_syntax::ast::{AstNode, Instruction};
use dflint_syntax::{SyntaxKind, SyntaxKind::*, SyntaxNode};

use crate::shell::{self, ShellScan};
use crate::FormatOptions;

/// What an instruction is written with.
pub(crate) struct Style<'a> {
    pub(crate) options: &'a FormatOptions,
    /// The file's escape character.
    pub(crate) escape: char,
    /// The line ending the file is written with.
    pub(crate) newline: &'a str,
}

/// The instruction `node` formatted, without its final line ending (except when it ends in an
/// unterminated heredoc, whose body runs to the end of the file and is kept as it is).
/// `as_written`: the parser found an error in it, or the safety net a difference, so it is
/// written as it is.
pub(crate) fn instruction(node: &SyntaxNode, as_written: bool, style: &Style) -> String {
    let mut heredoc = false;
    for kind in node.descendants_with_tokens().map(|e| e.kind()) {
        match kind {
            ERROR | UNKNOWN_INSTR => return verbatim(node, false, style),
            HEREDOC_MARKER => heredoc = true,
            _ => {}
        }
    }
    if as_written || node.kind() == UNKNOWN_INSTR {
        return verbatim(node, false, style);
    }
    if heredoc {
        return verbatim(node, style.options.uppercase_keywords, style);
    }
    match Logical::read(node, style) {
        Some(logical) => logical.write(node, style),
        None => verbatim(node, false, style),
    }
}

/// The instruction as written, with the file's line ending and (`upper`) its keywords in upper
/// case. Heredoc bodies keep their own line endings.
///
/// A continuation on the last line of the file leaves a line ending at the end of the node: it is
/// not written, the caller ends the line.
fn verbatim(node: &SyntaxNode, upper: bool, style: &Style) -> String {
    let mut out = String::new();
    let last = node.last_token();
    for token in node.descendants_with_tokens().filter_map(|e| e.into_token()) {
        match token.kind() {
            NEWLINE if Some(&token) == last.as_ref() => {}
            NEWLINE => out.push_str(style.newline),
            KEYWORD if upper => out.push_str(&token.text().to_ascii_uppercase()),
            _ => out.push_str(token.text()),
        }
    }
    out
}

/// How a byte of the logical text may be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// As it is.
    Literal,
    /// A separator BuildKit splits on: one space.
    Separator,
    /// Whitespace between exec-form tokens: none or one space, by the tokens around it.
    Json,
    /// A word separator of a shell-form command: kept as it is unless a join or a top-level `&&`
    /// is in or next to it.
    Shell,
}

/// A continuation: the escape character at the end of a line, and the comment lines after it.
#[derive(Debug)]
struct Join {
    /// Offset in the logical text.
    at: usize,
    /// The comment lines that follow, without their indentation and trailing blanks.
    comments: Vec<String>,
}

/// What happens at a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// By the gap's class and joins.
    Plain,
    /// Before a top-level `&&` of a chain written one command a line: a line break.
    ChainBreak,
    /// Next to a top-level `&&` (after it, in a chain written one command a line): one space.
    Space,
}

#[derive(Debug)]
struct Gap {
    range: Range<usize>,
    class: Class,
    /// Indices of the joins in the gap, in order.
    joins: Vec<usize>,
    role: Role,
}

/// An instruction read for writing.
struct Logical {
    text: String,
    class: Vec<Class>,
    /// Offsets between exec-form tokens (gaps even when no whitespace is there).
    boundaries: Vec<usize>,
    joins: Vec<Join>,
    /// The shell-form command, whether it is a `RUN`'s, and what [`shell::scan`] found in it.
    shell: Option<(Range<usize>, bool, ShellScan)>,
}

impl Logical {
    /// Reads `node`; `None` when it holds something this module does not write (then the
    /// instruction is kept as it is).
    fn read(node: &SyntaxNode, style: &Style) -> Option<Logical> {
        let upper = style.options.uppercase_keywords;
        let as_word = if upper { as_keyword(node) } else { None };
        let mut text = String::new();
        let mut class = Vec::new();
        let mut boundaries = Vec::new();
        let mut joins: Vec<Join> = Vec::new();
        let mut shell: Option<(Range<usize>, bool)> = None;
        let mut last_exec: Option<(SyntaxKind, usize)> = None;
        for token in node.descendants_with_tokens().filter_map(|e| e.into_token()) {
            let kind = token.kind();
            match kind {
                LINE_CONTINUATION => joins.push(Join { at: text.len(), comments: Vec::new() }),
                NEWLINE | DROPPED_WHITESPACE => {}
                COMMENT => joins.last_mut()?.comments.push(token.text().trim_end().to_string()),
                HEREDOC_MARKER | HEREDOC_BODY | HEREDOC_END | ERROR | BOM | HASH | DIRECTIVE_NAME | DIRECTIVE_VALUE => {
                    return None
                }
                _ => {
                    let parent = token.parent()?;
                    let start = text.len();
                    let upper_here = (kind == KEYWORD && upper) || as_word.as_ref() == Some(&parent);
                    if upper_here {
                        text.push_str(&token.text().to_ascii_uppercase());
                    } else {
                        text.push_str(token.text());
                    }
                    let c = match (kind, parent.kind()) {
                        (WHITESPACE, FLAG | KEY_VALUE) => Class::Separator,
                        (WHITESPACE, p) if p.is_instruction() => Class::Separator,
                        (WHITESPACE, EXEC_FORM) => Class::Json,
                        (WHITESPACE, SHELL_FORM) => Class::Shell,
                        _ => Class::Literal,
                    };
                    class.resize(text.len(), c);
                    if parent.kind() == EXEC_FORM && kind != WHITESPACE {
                        // A token cut in two by a continuation comes as two tokens of one kind.
                        if last_exec != Some((kind, start)) {
                            boundaries.push(start);
                        }
                        last_exec = Some((kind, text.len()));
                    }
                    if parent.kind() == SHELL_FORM {
                        let is_run = parent.parent().is_some_and(|p| p.kind() == RUN_INSTR);
                        let range = shell.as_ref().map_or(start..text.len(), |(r, _)| r.start..text.len());
                        shell = Some((range, is_run));
                    }
                }
            }
        }
        let shell = shell.map(|(range, is_run)| {
            let scan = shell::scan(&text[range.clone()]);
            for (i, &free) in scan.free.iter().enumerate() {
                if free {
                    class[range.start + i] = Class::Shell;
                }
            }
            (range, is_run, scan)
        });
        Some(Logical { text, class, boundaries, joins, shell })
    }

    /// The gaps, in order, each with its joins; and the joins at the very end (a continuation
    /// on the last line of the file).
    fn gaps(&self) -> (Vec<Gap>, Vec<usize>) {
        let mut gaps: Vec<Gap> = Vec::new();
        let mut i = 0;
        while i < self.text.len() {
            if self.class[i] == Class::Literal {
                i += 1;
                continue;
            }
            let start = i;
            while i < self.text.len() && self.class[i] != Class::Literal {
                i += 1;
            }
            let has = |c: Class| self.class[start..i].contains(&c);
            let class = if has(Class::Separator) {
                Class::Separator
            } else if has(Class::Json) {
                Class::Json
            } else {
                Class::Shell
            };
            gaps.push(Gap { range: start..i, class, joins: Vec::new(), role: Role::Plain });
        }
        for &b in &self.boundaries {
            if !gaps.iter().any(|g| g.range.start <= b && b <= g.range.end) {
                gaps.push(Gap { range: b..b, class: Class::Json, joins: Vec::new(), role: Role::Plain });
            }
        }
        gaps.sort_by_key(|g| g.range.start);
        gaps.dedup_by_key(|g| g.range.clone());
        // Joins in the trailing blanks, or after the last byte: a continuation on the last line of
        // the file.
        let mut at_end = Vec::new();
        for (j, join) in self.joins.iter().enumerate() {
            match gaps.iter_mut().find(|g| g.range.start <= join.at && join.at <= g.range.end) {
                Some(gap) if gap.range.end < self.text.len() => gap.joins.push(j),
                _ if join.at == self.text.len() => at_end.push(j),
                Some(_) => at_end.push(j),
                None => {}
            }
        }
        (gaps, at_end)
    }

    /// Writes the instruction (`node` is what it was read from).
    fn write(&self, node: &SyntaxNode, style: &Style) -> String {
        let (mut gaps, at_end) = self.gaps();
        let options = style.options;
        // Top-level `&&` of a RUN: normalise the blanks around them, or break the chain.
        let mut chain = false;
        if let Some((range, true, scan)) = self.shell.as_ref().filter(|_| options.break_long_and_chains) {
            let range = range.clone();
            let mut sides = Vec::new();
            for &op in &scan.and_ops {
                let at = range.start + op;
                let before = gaps.iter().position(|g| g.range.end == at);
                let after = gaps.iter().position(|g| g.range.start == at + 2);
                if let (Some(before), Some(after)) = (before, after) {
                    sides.push((before, after));
                }
            }
            for &(before, after) in &sides {
                if gaps[before].joins.is_empty() && gaps[after].joins.is_empty() {
                    gaps[before].role = Role::Space;
                    gaps[after].role = Role::Space;
                }
            }
            let candidate = !sides.is_empty() && sides.len() == scan.and_ops.len() && !scan.sequential && !scan.gave_up;
            chain = candidate
                && (!self.joins.is_empty() || {
                    let flat = self.render(&gaps, &at_end, false, style);
                    flat.chars().count() > options.line_width
                });
            if chain {
                for &(before, after) in &sides {
                    gaps[before].role = Role::ChainBreak;
                    gaps[after].role = Role::Space;
                }
                let written = self.render(&gaps, &at_end, true, style);
                // A script the shell parser cannot read cleanly is not restructured (unless it is
                // written so already: then the verdict changes nothing, and is not asked for).
                if node.text() == written.as_str() || !dflint_shell::parse(&self.text[range]).has_errors {
                    return written;
                }
                for &(before, after) in &sides {
                    let plain = gaps[before].joins.is_empty() && gaps[after].joins.is_empty();
                    let role = if plain { Role::Space } else { Role::Plain };
                    gaps[before].role = role;
                    gaps[after].role = role;
                }
                chain = false;
            }
        }
        self.render(&gaps, &at_end, chain, style)
    }

    fn render(&self, gaps: &[Gap], at_end: &[usize], chain: bool, style: &Style) -> String {
        let width = style.options.indent_width;
        let shell_start = self.shell.as_ref().map_or(usize::MAX, |(r, _, _)| r.start);
        let is_head = |g: &Gap| chain && g.range.end <= shell_start;
        // The indentation a continuation line had, beyond that of the least indented line.
        let column = |g: &Gap| {
            let last = self.joins[*g.joins.last().expect("a gap with joins")].at;
            self.text[last..g.range.end].chars().map(|c| if c == '\t' { width } else { 1 }).sum::<usize>()
        };
        let inner = gaps.iter().filter(|g| g.role == Role::Plain && !g.joins.is_empty() && !is_head(g));
        let least = inner.map(column).min().unwrap_or(0);
        let level = if chain { 2 } else { 1 };

        let mut out = String::with_capacity(self.text.len() + 16);
        let mut pos = 0;
        // Joins in the middle of a word or a quoted string: written back where they were.
        let fixed: Vec<&Join> = self
            .joins
            .iter()
            .filter(|j| j.at < self.text.len() && !gaps.iter().any(|g| g.range.start <= j.at && j.at <= g.range.end))
            .collect();
        // Lines after a join in a word or a quoted string keep their indentation (it is part of the
        // text): the other continuation lines of the instruction keep theirs too, not to look
        // different.
        let keep_indentation = !fixed.is_empty();
        let mut fixed = fixed.into_iter().peekable();
        let mut atom = |out: &mut String, pos: usize, end: usize| {
            let mut pos = pos;
            while let Some(join) = fixed.next_if(|j| j.at < end) {
                out.push_str(&self.text[pos..join.at]);
                pos = join.at;
                out.push(style.escape);
                out.push_str(style.newline);
                for comment in &join.comments {
                    push_indent(out, width);
                    out.push_str(comment);
                    out.push_str(style.newline);
                }
            }
            out.push_str(&self.text[pos..end]);
        };
        for (index, gap) in gaps.iter().enumerate() {
            atom(&mut out, pos, gap.range.start);
            pos = gap.range.end;
            if gap.range.end == self.text.len() {
                // Trailing blanks are dropped (the joins at the end are written below), unless
                // the line would then end with the escape character and continue.
                if at_end.is_empty() && out.ends_with(style.escape) {
                    out.push_str(&self.text[gap.range.clone()]);
                }
                continue;
            }
            if gap.range.start == 0 && gap.joins.is_empty() {
                continue;
            }
            match gap.role {
                Role::Space => out.push(' '),
                Role::ChainBreak => {
                    out.push(' ');
                    out.push(style.escape);
                    out.push_str(style.newline);
                    let absorbed = gaps.get(index + 1).filter(|g| g.role == Role::Space);
                    let joins = gap.joins.iter().chain(absorbed.into_iter().flat_map(|g| &g.joins));
                    for comment in joins.flat_map(|&j| &self.joins[j].comments) {
                        push_indent(&mut out, width);
                        out.push_str(comment);
                        out.push_str(style.newline);
                    }
                    push_indent(&mut out, width);
                }
                Role::Plain if !gap.joins.is_empty() => {
                    let indent = if keep_indentation {
                        let last = self.joins[*gap.joins.last().expect("a gap with joins")].at;
                        self.text[last..gap.range.end].to_string()
                    } else {
                        let n = if is_head(gap) { width } else { level * width + column(gap) - least };
                        " ".repeat(n)
                    };
                    out.push(' ');
                    out.push(style.escape);
                    out.push_str(style.newline);
                    for (k, &j) in gap.joins.iter().enumerate() {
                        if k > 0 {
                            out.push_str(&indent);
                            out.push(style.escape);
                            out.push_str(style.newline);
                        }
                        for comment in &self.joins[j].comments {
                            out.push_str(&indent);
                            out.push_str(comment);
                            out.push_str(style.newline);
                        }
                    }
                    out.push_str(&indent);
                }
                Role::Plain => match gap.class {
                    Class::Separator => out.push(' '),
                    Class::Json => {
                        let before = self.text[..gap.range.start].chars().next_back();
                        let after = self.text[gap.range.end..].chars().next();
                        if before != Some('[') && !matches!(after, Some(']' | ',')) {
                            out.push(' ');
                        }
                    }
                    Class::Shell | Class::Literal => out.push_str(&self.text[gap.range.clone()]),
                },
            }
        }
        atom(&mut out, pos, self.text.len());
        for (k, &j) in at_end.iter().enumerate() {
            if k == 0 {
                out.push(' ');
            } else {
                out.push_str(style.newline);
                push_indent(&mut out, width);
            }
            out.push(style.escape);
            for comment in &self.joins[j].comments {
                out.push_str(style.newline);
                push_indent(&mut out, width);
                out.push_str(comment);
            }
        }
        out
    }
}

fn push_indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// The `AS` word of `FROM image AS name`.
fn as_keyword(node: &SyntaxNode) -> Option<SyntaxNode> {
    let from = Instruction::cast(node.clone())?.as_from()?;
    let words = from.syntax().children().filter(|n| n.kind() == WORD).count();
    (words == 3).then(|| from.as_keyword()).flatten().map(|w| w.syntax().clone())
}
