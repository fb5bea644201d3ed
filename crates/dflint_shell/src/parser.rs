//! A hand-written parser for the shell found in `RUN` instructions: POSIX sh plus the bash
//! extensions Dockerfiles use. It reads the text once, left to right, and emits the simple
//! commands as it meets them; there is no syntax tree.
//!
//! Structure: [`Parser::list`] reads statements (and-or lists of pipelines) up to a terminator
//! its caller knows (`)`, `}`, `fi`, `done`, `;;`, ...); [`Parser::command`] reads one compound
//! or simple command; [`Parser::word`] reads one word, with its quotes and expansions, and parses
//! the command substitutions inside it on the way.
//!
//! Robustness: every loop consumes input or stops, so the time is linear; recursion is bounded
//! by [`MAX_DEPTH`] (deeper text is skipped and marked as an error); every position the parser
//! stops at is an ASCII byte or the end of the text, so ranges are on char boundaries.

use std::ops::Range;

use crate::script::{Command, Connector, PipelinePos, Redirect, Script, Word};

/// Deeper nesting than this (substitutions, quotes, compound commands) is not parsed: the rest
/// of the text is skipped and the script marked as having errors.
const MAX_DEPTH: usize = 200;

/// How many times a `$((`/`((` that is not arithmetic may be read again as `$( (`/`( (`.
const MAX_BACKTRACKS: usize = 32;

pub(crate) fn parse(text: &str) -> Script {
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        pos: 0,
        end: text.len(),
        out: Vec::new(),
        errors: false,
        ctx: Ctx::default(),
        next_pipeline: 0,
        depth: 0,
        nest: 0,
        heredocs: Vec::new(),
        backtracks: 0,
        gave_up: false,
    };
    p.list();
    if !p.heredocs.is_empty() {
        p.errors = true;
    }
    let mut commands = p.out;
    commands.sort_by_key(|c| c.range.start);
    Script { commands, has_errors: p.errors }
}

/// What the commands being read inherit from where they stand.
#[derive(Clone, Copy, Default)]
struct Ctx {
    /// The separator met since the last command was emitted.
    pending: Option<Connector>,
    pipeline: Option<PipelinePos>,
    in_substitution: bool,
    in_subshell: bool,
}

/// A heredoc whose body starts after the next newline.
struct PendingHeredoc {
    delimiter: String,
    strip_tabs: bool,
    /// An unquoted delimiter: the body's substitutions run.
    expands: bool,
}

struct Parser<'t> {
    text: &'t str,
    b: &'t [u8],
    pos: usize,
    /// The end of the text being read (a backquoted or heredoc body ends before the text does).
    end: usize,
    out: Vec<Command>,
    errors: bool,
    ctx: Ctx,
    next_pipeline: usize,
    depth: usize,
    /// How many enclosing constructs wait for a terminator (`)`, `}`, `fi`, ...).
    nest: usize,
    heredocs: Vec<PendingHeredoc>,
    backtracks: usize,
    /// Set once nesting went too deep: the rest of the text was skipped, and the commands
    /// around it (whose words would run to the end of the text) are not emitted.
    gave_up: bool,
}

/// Reserved words that end a list; only recognised where a command name could stand.
const TERMINATORS: &[&str] = &["then", "elif", "else", "fi", "do", "done", "esac", "}"];

fn is_blank(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c')
}

/// Bytes that end an unquoted word.
fn is_meta(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')')
}

/// The bytes that end a run of plain word characters: metacharacters, quotes, escapes and
/// expansions (all ASCII, so a run never ends inside a UTF-8 character).
static WORD_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        table[i] = matches!(
            c,
            b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')'
        ) || matches!(c, b'\\' | b'\'' | b'"' | b'$' | b'`');
        i += 1;
    }
    table
};

/// `NAME=`, `NAME+=`, `NAME[sub]=` at the start of `raw`: the length of that prefix.
fn assignment_prefix(raw: &[u8]) -> Option<usize> {
    let first = *raw.first()?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let mut i = 1;
    while i < raw.len() && (raw[i].is_ascii_alphanumeric() || raw[i] == b'_') {
        i += 1;
    }
    if raw.get(i) == Some(&b'[') {
        let mut depth = 0usize;
        loop {
            match raw.get(i)? {
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    if raw.get(i) == Some(&b'+') {
        i += 1;
    }
    (raw.get(i) == Some(&b'=')).then_some(i + 1)
}

/// What a simple command collects while it is read.
#[derive(Default)]
struct Simple {
    start: Option<usize>,
    /// End of the last word, assignment, prefix redirection or here-string.
    end: usize,
    name: Option<Word>,
    args: Vec<Word>,
    assignments: Vec<Word>,
    redirects: Vec<Redirect>,
}

impl Simple {
    fn extend(&mut self, range: &Range<usize>) {
        self.start.get_or_insert(range.start);
        self.end = self.end.max(range.end);
    }
}

impl<'t> Parser<'t> {
    // ---------------------------------------------------------------- low-level reading

    fn peek(&self) -> Option<u8> {
        (self.pos < self.end).then(|| self.b[self.pos])
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        let at = self.pos + offset;
        (at < self.end).then(|| self.b[at])
    }

    fn at(&self, s: &[u8]) -> bool {
        self.b[self.pos.min(self.end)..self.end].starts_with(s)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.end
    }

    /// Skips one character (a whole UTF-8 sequence).
    fn bump_char(&mut self) {
        self.pos += 1;
        while self.pos < self.end && (self.b[self.pos] & 0xC0) == 0x80 {
            self.pos += 1;
        }
    }

    /// Enters a nested construct; false (and the rest of the text skipped) when too deep.
    fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            self.errors = true;
            self.gave_up = true;
            self.pos = self.end;
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Spaces, tabs, backslash-newline continuations, and a comment when one starts here.
    fn skip_blanks(&mut self) {
        while let Some(c) = self.peek() {
            if is_blank(c) {
                self.pos += 1;
            } else if c == b'\\' && self.peek_at(1) == Some(b'\n') {
                self.pos += 2;
            } else if c == b'\\' && self.peek_at(1) == Some(b'\r') && self.peek_at(2) == Some(b'\n') {
                self.pos += 3;
            } else if c == b'#' {
                while self.peek().is_some_and(|c| c != b'\n') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Blanks, comments and newlines (reading the heredoc bodies the newlines start).
    fn skip_linebreaks(&mut self) {
        loop {
            self.skip_blanks();
            if self.peek() == Some(b'\n') {
                self.newline();
            } else {
                break;
            }
        }
    }

    /// Consumes a newline token, then the bodies of the heredocs started on its line.
    fn newline(&mut self) {
        self.pos += 1;
        if !self.heredocs.is_empty() {
            self.read_heredocs();
        }
    }

    /// The unquoted run of word characters at the position, if it is a whole word (followed by a
    /// blank, an operator or the end): how keywords are recognised.
    fn plain_word(&self) -> Option<&'t str> {
        let mut i = self.pos;
        while i < self.end && !is_meta(self.b[i]) && !matches!(self.b[i], b'\'' | b'"' | b'\\' | b'$' | b'`') {
            i += 1;
        }
        if i == self.pos || (i < self.end && !is_meta(self.b[i])) {
            return None;
        }
        self.text.get(self.pos..i)
    }

    fn at_keyword(&self, keyword: &str) -> bool {
        self.plain_word() == Some(keyword)
    }

    /// Consumes `keyword` if it stands here; else marks an error.
    fn expect_keyword(&mut self, keyword: &str) -> bool {
        self.skip_linebreaks();
        if self.at_keyword(keyword) {
            self.pos += keyword.len();
            true
        } else {
            self.errors = true;
            false
        }
    }

    // ---------------------------------------------------------------- lists and statements

    /// Statements up to the end or a terminator (`)`, `;;`, a closing reserved word), which is
    /// left for the caller. At the top level a stray terminator is skipped as an error.
    fn list(&mut self) {
        loop {
            let before = self.pos;
            self.skip_linebreaks();
            if self.at_end() {
                return;
            }
            if self.at_list_terminator() {
                if self.nest > 0 {
                    return;
                }
                self.errors = true;
                match self.plain_word() {
                    Some(w) if TERMINATORS.contains(&w) => self.pos += w.len(),
                    _ => {
                        self.pos += if self.at(b";;&") {
                            3
                        } else if self.at(b";;") || self.at(b";&") {
                            2
                        } else {
                            1
                        }
                    }
                }
                continue;
            }
            self.and_or();
            self.skip_blanks();
            match self.peek() {
                Some(b';') if !self.at(b";;") && !self.at(b";&") => {
                    self.ctx.pending = Some(Connector::Semi);
                    self.pos += 1;
                }
                Some(b'&') if !self.at(b"&&") && !self.at(b"&>") => {
                    self.ctx.pending = Some(Connector::Background);
                    self.pos += 1;
                }
                Some(b'\n') => {
                    self.ctx.pending = Some(Connector::Newline);
                    self.newline();
                }
                _ => {}
            }
            if self.pos == before {
                // Nothing could be read here (a stray operator): skip it.
                self.errors = true;
                if self.at(b"&&") || self.at(b"||") || self.at(b"|&") || self.at(b";;") {
                    self.pos += 2;
                } else {
                    self.bump_char();
                }
            }
        }
    }

    fn at_list_terminator(&self) -> bool {
        match self.peek() {
            Some(b')') => true,
            Some(b';') => self.at(b";;") || self.at(b";&"),
            _ => self.plain_word().is_some_and(|w| TERMINATORS.contains(&w)),
        }
    }

    /// `pipeline (&& pipeline | || pipeline)*`
    fn and_or(&mut self) {
        loop {
            self.pipeline();
            self.skip_blanks();
            let connector = if self.at(b"&&") {
                Connector::And
            } else if self.at(b"||") {
                Connector::Or
            } else {
                return;
            };
            self.ctx.pending = Some(connector);
            self.pos += 2;
            self.skip_linebreaks();
            if self.at_end() {
                self.errors = true;
                return;
            }
        }
    }

    /// `[time [-p]] [!] command (| command)*`
    fn pipeline(&mut self) {
        loop {
            self.skip_blanks();
            if self.at_keyword("!") {
                self.pos += 1;
            } else if self.at_keyword("time") {
                self.pos += 4;
                self.skip_blanks();
                if self.at_keyword("-p") {
                    self.pos += 2;
                }
            } else {
                break;
            }
        }
        let id = self.next_pipeline;
        self.next_pipeline += 1;
        let first = self.out.len();
        let saved = self.ctx.pipeline;
        let mut index = 0;
        loop {
            self.ctx.pipeline = Some(PipelinePos { id, index, len: 0 });
            self.command();
            index += 1;
            self.skip_blanks();
            let pipe = if self.at(b"|&") {
                2
            } else if self.peek() == Some(b'|') && !self.at(b"||") {
                1
            } else {
                break;
            };
            self.ctx.pending = Some(Connector::Pipe);
            self.pos += pipe;
            self.skip_linebreaks();
        }
        self.ctx.pipeline = saved;
        for c in &mut self.out[first..] {
            if let Some(p) = c.pipeline.as_mut().filter(|p| p.id == id) {
                if index >= 2 {
                    p.len = index;
                } else {
                    // One command is no pipeline: it stays in the enclosing one, if any.
                    c.pipeline = saved;
                }
            }
        }
    }

    /// A compound command (with its redirections), a function definition, or a simple command.
    /// Nothing to read here (an operator where a command should be) is an error.
    fn command(&mut self) {
        self.skip_blanks();
        let start = self.pos;
        self.command_inner();
        if self.pos == start {
            self.errors = true;
        }
    }

    fn command_inner(&mut self) {
        if self.at(b"((") {
            self.arithmetic_command();
            return;
        }
        let keyword = self.plain_word();
        let compound = match keyword {
            Some("{") => {
                self.pos += 1;
                self.nested(|p| {
                    p.list();
                    p.expect_keyword("}");
                });
                true
            }
            Some("if") => {
                self.pos += 2;
                self.nested(Self::if_rest);
                true
            }
            Some("while" | "until") => {
                self.pos += 5;
                self.nested(|p| {
                    p.list();
                    if p.expect_keyword("do") {
                        p.list();
                        p.expect_keyword("done");
                    }
                });
                true
            }
            Some(k @ ("for" | "select")) => {
                self.pos += k.len();
                self.nested(Self::for_rest);
                true
            }
            Some("case") => {
                self.pos += 4;
                self.nested(Self::case_rest);
                true
            }
            Some("[[") => {
                self.double_bracket();
                return;
            }
            Some("function") => {
                self.pos += 8;
                self.skip_blanks();
                self.word();
                self.skip_blanks();
                if self.at(b"(") {
                    self.pos += 1;
                    self.skip_blanks();
                    if self.peek() == Some(b')') {
                        self.pos += 1;
                    } else {
                        self.errors = true;
                    }
                }
                self.function_body();
                return;
            }
            _ => false,
        };
        if compound {
            self.compound_redirects();
            return;
        }
        if self.peek() == Some(b'(') {
            self.pos += 1;
            self.subshell_rest();
            return;
        }
        self.simple();
    }

    /// After the `(` of a subshell: its commands (marked as in a subshell), the `)`, and the
    /// redirections written after it.
    fn subshell_rest(&mut self) {
        let saved = std::mem::replace(&mut self.ctx.in_subshell, true);
        self.nested(|p| {
            p.list();
            if p.peek() == Some(b')') {
                p.pos += 1;
            } else {
                p.errors = true;
            }
        });
        self.ctx.in_subshell = saved;
        self.compound_redirects();
    }

    /// Runs `f` one nesting level deeper (or skips the rest of the text when too deep).
    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        if !self.enter() {
            return;
        }
        self.nest += 1;
        f(self);
        self.nest -= 1;
        self.leave();
    }

    /// After `if`.
    fn if_rest(&mut self) {
        self.list();
        if !self.expect_keyword("then") {
            return;
        }
        self.list();
        loop {
            self.skip_linebreaks();
            if self.at_keyword("elif") {
                self.pos += 4;
                self.list();
                if !self.expect_keyword("then") {
                    return;
                }
                self.list();
            } else if self.at_keyword("else") {
                self.pos += 4;
                self.list();
            } else {
                self.expect_keyword("fi");
                return;
            }
        }
    }

    /// After `for` or `select`: `name [in words] ; do list done` or `((...)) ; do list done`.
    fn for_rest(&mut self) {
        self.skip_blanks();
        if self.at(b"((") {
            self.pos += 2;
            if !self.arithmetic() {
                self.errors = true;
            }
        } else {
            self.word();
            self.skip_linebreaks();
            if self.at_keyword("in") {
                self.pos += 2;
                loop {
                    self.skip_blanks();
                    match self.peek() {
                        None | Some(b';' | b'\n' | b'&' | b'|' | b')' | b'(') => break,
                        _ => {
                            if self.word().is_none() {
                                break;
                            }
                        }
                    }
                }
            }
        }
        self.skip_blanks();
        if self.peek() == Some(b';') && !self.at(b";;") {
            self.ctx.pending = Some(Connector::Semi);
            self.pos += 1;
        }
        self.skip_linebreaks();
        if self.at_keyword("{") {
            self.pos += 1;
            self.list();
            self.expect_keyword("}");
        } else if self.expect_keyword("do") {
            self.list();
            self.expect_keyword("done");
        }
    }

    /// After `case`: `word in [(]pattern[|pattern]) list ;; ... esac`.
    fn case_rest(&mut self) {
        self.skip_blanks();
        self.word();
        if !self.expect_keyword("in") {
            return;
        }
        loop {
            self.skip_linebreaks();
            if self.at_end() {
                self.errors = true;
                return;
            }
            if self.at_keyword("esac") {
                self.pos += 4;
                return;
            }
            let item_start = self.pos;
            if self.peek() == Some(b'(') {
                self.pos += 1;
            }
            loop {
                self.skip_blanks();
                if self.word().is_none() {
                    break;
                }
                self.skip_blanks();
                if self.peek() == Some(b'|') {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            if self.peek() == Some(b')') {
                self.pos += 1;
            } else {
                self.errors = true;
                if self.pos == item_start {
                    return;
                }
            }
            self.list();
            self.skip_linebreaks();
            if self.at(b";;&") {
                self.pos += 3;
            } else if self.at(b";;") || self.at(b";&") {
                self.pos += 2;
            } else if self.at_keyword("esac") {
                continue;
            } else {
                self.errors = true;
                return;
            }
            self.ctx.pending = Some(Connector::Semi);
        }
    }

    /// After a function's name (and `()`): the compound command that is its body.
    fn function_body(&mut self) {
        self.skip_linebreaks();
        let before = self.pos;
        self.command();
        if self.pos == before {
            self.errors = true;
        }
    }

    /// Redirections after a compound command: read (their substitutions and heredocs count), but
    /// attached to no command.
    fn compound_redirects(&mut self) {
        loop {
            self.skip_blanks();
            let Some(fd_end) = self.redirect_start() else { return };
            let mut sink = Simple::default();
            self.redirect(fd_end, &mut sink);
        }
    }

    /// Where a redirection's operator starts, when one (with an optional fd) stands here.
    fn redirect_start(&self) -> Option<usize> {
        let mut i = self.pos;
        while i < self.end && self.b[i].is_ascii_digit() {
            i += 1;
        }
        let op = *self.b.get(i).filter(|_| i < self.end)?;
        match op {
            b'<' | b'>' if self.b.get(i + 1) != Some(&b'(') || i + 1 >= self.end => Some(i),
            b'&' if i == self.pos && self.b.get(i + 1) == Some(&b'>') => Some(i),
            _ => None,
        }
    }

    // ---------------------------------------------------------------- simple commands

    fn simple(&mut self) {
        let mut cmd = Simple::default();
        loop {
            self.skip_blanks();
            let Some(c) = self.peek() else { break };
            if let Some(op_at) = self.redirect_start() {
                self.redirect(op_at, &mut cmd);
                continue;
            }
            if matches!(c, b'\n' | b';' | b'&' | b'|' | b')') {
                break;
            }
            if c == b'(' {
                // `name()` starts a function definition.
                if cmd.name.is_some() && cmd.args.is_empty() && cmd.assignments.is_empty() {
                    self.pos += 1;
                    self.skip_blanks();
                    if self.peek() == Some(b')') {
                        self.pos += 1;
                        self.function_body();
                        return;
                    }
                }
                self.errors = true;
                break;
            }
            let Some(range) = self.word() else { break };
            if self.gave_up {
                return;
            }
            if cmd.name.is_none() {
                if let Some(prefix) = assignment_prefix(&self.b[range.start..range.end]) {
                    let range = if range.end == range.start + prefix && self.peek() == Some(b'(') {
                        self.array(range.start)
                    } else {
                        range
                    };
                    cmd.extend(&range);
                    cmd.assignments.push(Word::new(self.text, range));
                    continue;
                }
                cmd.extend(&range);
                cmd.name = Some(Word::new(self.text, range));
            } else {
                cmd.extend(&range);
                cmd.args.push(Word::new(self.text, range));
            }
        }
        if cmd.name.as_ref().is_some_and(|n| n.raw == "[") && cmd.args.last().is_some_and(|a| a.raw == "]") {
            cmd.args.pop();
        }
        self.emit(cmd);
    }

    fn emit(&mut self, cmd: Simple) {
        let Some(start) = cmd.start.filter(|_| !self.gave_up) else { return };
        if cmd.name.is_none() && cmd.assignments.is_empty() {
            return;
        }
        self.out.push(Command {
            range: start..cmd.end,
            name: cmd.name,
            args: cmd.args,
            assignments: cmd.assignments,
            redirects: cmd.redirects,
            pipeline: self.ctx.pipeline,
            in_substitution: self.ctx.in_substitution,
            in_subshell: self.ctx.in_subshell,
            connector_before: self.ctx.pending.take(),
        });
    }

    /// `NAME=(a b c)`: the position is at `(`; returns the whole assignment's range.
    fn array(&mut self, start: usize) -> Range<usize> {
        self.pos += 1;
        loop {
            self.skip_linebreaks();
            match self.peek() {
                None => {
                    self.errors = true;
                    break;
                }
                Some(b')') => {
                    self.pos += 1;
                    break;
                }
                _ => {
                    if self.word().is_none() {
                        self.errors = true;
                        self.bump_char();
                    }
                }
            }
        }
        start..self.pos
    }

    /// A redirection whose operator starts at `op_at` (the position is at its fd, if any).
    fn redirect(&mut self, op_at: usize, cmd: &mut Simple) {
        let start = self.pos;
        let fd = self.text.get(start..op_at).and_then(|d| d.parse().ok());
        self.pos = op_at;
        const OPS: &[&str] = &["&>>", "&>", "<<<", "<<-", "<<", "<&", "<>", ">>", ">&", ">|", "<", ">"];
        let op = OPS.iter().find(|op| self.at(op.as_bytes())).copied().unwrap_or(">");
        self.pos += op.len();
        self.skip_blanks();
        let target = match self.peek() {
            Some(c) if !is_meta(c) || self.at(b"<(") || self.at(b">(") => self.word(),
            _ => None,
        };
        if target.is_none() {
            self.errors = true;
        }
        let end = target.as_ref().map_or(self.pos, |t| t.end);
        let target = target.map(|t| Word::new(self.text, t));
        if let (Some(t), "<<" | "<<-") = (&target, op) {
            self.heredocs.push(PendingHeredoc {
                delimiter: t.value.clone(),
                strip_tabs: op == "<<-",
                expands: !t.raw.contains(['\'', '"', '\\']),
            });
        }
        if cmd.name.is_none() || op == "<<<" {
            cmd.extend(&(start..end));
        }
        cmd.redirects.push(Redirect { range: start..end, fd, op: op.to_string(), target });
    }

    /// Reads the bodies of the pending heredocs; the position is at the start of a line.
    fn read_heredocs(&mut self) {
        for heredoc in std::mem::take(&mut self.heredocs) {
            let body_start = self.pos;
            let mut body_end = self.end;
            let mut found = false;
            while self.pos < self.end {
                let line_start = self.pos;
                let line_end =
                    self.b[line_start..self.end].iter().position(|&c| c == b'\n').map_or(self.end, |i| line_start + i);
                let mut line = &self.b[line_start..line_end];
                if heredoc.strip_tabs {
                    while let [b'\t', rest @ ..] = line {
                        line = rest;
                    }
                }
                if let [rest @ .., b'\r'] = line {
                    if rest == heredoc.delimiter.as_bytes() {
                        line = rest;
                    }
                }
                self.pos = (line_end + 1).min(self.end);
                if line == heredoc.delimiter.as_bytes() {
                    body_end = line_start;
                    found = true;
                    break;
                }
            }
            if !found {
                self.errors = true;
            }
            if heredoc.expands && body_start < body_end {
                let (saved_pos, saved_end) = (self.pos, self.end);
                self.pos = body_start;
                self.end = body_end;
                self.expansions_in_text();
                self.pos = saved_pos;
                self.end = saved_end;
            }
        }
    }

    /// Heredoc body text: only its expansions matter.
    fn expansions_in_text(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                b'\\' => self.pos += 2.min(self.end - self.pos),
                b'$' => self.dollar(true),
                b'`' => self.backquote(),
                _ => self.pos += 1,
            }
        }
    }

    // ---------------------------------------------------------------- test commands

    /// `[[ expression ]]`: a command named `[[` whose arguments are the expression's words and
    /// operators.
    fn double_bracket(&mut self) {
        let start = self.pos;
        self.pos += 2;
        let mut args = Vec::new();
        let mut end = self.pos;
        let mut closed = false;
        loop {
            self.skip_linebreaks();
            let Some(c) = self.peek() else { break };
            if self.at_keyword("]]") {
                self.pos += 2;
                end = self.pos;
                closed = true;
                break;
            }
            let token_start = self.pos;
            if self.at(b"&&") || self.at(b"||") {
                self.pos += 2;
            } else if matches!(c, b'(' | b')' | b'<' | b'>') {
                self.pos += 1;
            } else if matches!(c, b';' | b'&' | b'|') || self.word().is_none() {
                break;
            }
            let range = token_start..self.pos;
            end = self.pos;
            let regex = &self.b[range.clone()] == b"=~";
            args.push(Word::new(self.text, range));
            if regex {
                self.skip_blanks();
                let regex_start = self.pos;
                self.regex();
                if self.pos > regex_start {
                    end = self.pos;
                    args.push(Word::new(self.text, regex_start..self.pos));
                }
            }
        }
        if !closed {
            self.errors = true;
        }
        let name = Word::new(self.text, start..start + 2);
        let mut cmd = Simple { start: Some(start), end, name: Some(name), args, ..Simple::default() };
        loop {
            self.skip_blanks();
            let Some(op_at) = self.redirect_start() else { break };
            self.redirect(op_at, &mut cmd);
        }
        self.emit(cmd);
    }

    /// The right side of `=~`: up to a blank outside parentheses.
    fn regex(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'(' => depth += 1,
                b')' if depth > 0 => depth -= 1,
                b' ' | b'\t' | b'\n' => break,
                b')' | b';' | b'&' if depth == 0 => break,
                b'|' if depth == 0 => break,
                b'\\' => self.pos += 1.min(self.end - self.pos - 1),
                b'\'' | b'"' | b'$' | b'`' => {
                    self.word_part();
                    continue;
                }
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// `(( expression ))` where a command stands: a command named `((`. When the text is not
    /// arithmetic after all (`((a); b)`), it is read again as nested subshells.
    fn arithmetic_command(&mut self) {
        let start = self.pos;
        let (saved_out, saved_errors) = (self.out.len(), self.errors);
        self.pos += 2;
        if !self.arithmetic() && self.backtracks < MAX_BACKTRACKS && !self.at_end() {
            self.backtracks += 1;
            self.out.truncate(saved_out);
            self.errors = saved_errors;
            self.pos = start + 1;
            self.subshell_rest();
            return;
        }
        let end = self.pos;
        let inner_end = if self.b[..end].ends_with(b"))") { end - 2 } else { end };
        let args = arithmetic_words(self.text, start + 2..inner_end.max(start + 2));
        let name = Word::new(self.text, start..start + 2);
        let mut cmd = Simple { start: Some(start), end, name: Some(name), args, ..Simple::default() };
        loop {
            self.skip_blanks();
            let Some(op_at) = self.redirect_start() else { break };
            self.redirect(op_at, &mut cmd);
        }
        self.emit(cmd);
    }

    /// Arithmetic text after `((` or `$((`, up to and including the closing `))`. False when a
    /// `)` closes the first parenthesis alone (the text was `$( (...) ...)`), or at the end.
    fn arithmetic(&mut self) -> bool {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'(' => depth += 1,
                b')' if depth > 0 => depth -= 1,
                b')' => {
                    if self.peek_at(1) == Some(b')') {
                        self.pos += 2;
                        return true;
                    }
                    return false;
                }
                b'\\' => self.pos += 1.min(self.end - self.pos - 1),
                b'\'' | b'"' | b'$' | b'`' => {
                    self.word_part();
                    continue;
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.errors = true;
        false
    }

    // ---------------------------------------------------------------- words

    /// One word at the position; `None` (nothing consumed) at an operator or the end.
    fn word(&mut self) -> Option<Range<usize>> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if is_meta(c) {
                let process_substitution = matches!(c, b'<' | b'>') && self.peek_at(1) == Some(b'(');
                let extglob = c == b'('
                    && self.pos > start
                    && matches!(self.b[self.pos - 1], b'?' | b'*' | b'+' | b'@' | b'!')
                    && !self.b[..self.pos].ends_with(b"\\!");
                if process_substitution && self.pos == start {
                    self.pos += 2;
                    self.substitution_body();
                    continue;
                }
                if extglob {
                    self.extglob();
                    continue;
                }
                break;
            }
            // Plain characters in one go (most of most words).
            let plain = self.b[self.pos..self.end].iter().position(|&b| WORD_STOP[usize::from(b)]);
            let plain = plain.unwrap_or(self.end - self.pos);
            if plain > 0 {
                self.pos += plain;
                continue;
            }
            self.word_part();
        }
        (self.pos > start).then_some(start..self.pos)
    }

    /// One piece of a word: a quoted string, an expansion, an escape, or one character.
    fn word_part(&mut self) {
        let Some(c) = self.peek() else { return };
        match c {
            b'\\' => {
                self.pos += 1;
                if !self.at_end() {
                    self.bump_char();
                }
            }
            b'\'' => self.single_quoted(),
            b'"' => {
                self.pos += 1;
                self.double_quoted();
            }
            b'$' => self.dollar(false),
            b'`' => self.backquote(),
            _ => self.bump_char(),
        }
    }

    /// From an opening `'` to after the closing one.
    fn single_quoted(&mut self) {
        self.pos += 1;
        match self.b[self.pos.min(self.end)..self.end].iter().position(|&c| c == b'\'') {
            Some(i) => self.pos += i + 1,
            None => {
                self.errors = true;
                self.pos = self.end;
            }
        }
    }

    /// After an opening `"`: up to and including the closing one.
    fn double_quoted(&mut self) {
        self.until_closing(b'"', true);
    }

    /// Up to and including `close` (`"` or the `}` of `${`), reading escapes, expansions and
    /// backquotes on the way, and inside `${...}` nested quotes too. `in_double_quotes`: the text
    /// is inside `"..."`, where a `'` is an ordinary character.
    fn until_closing(&mut self, close: u8, in_double_quotes: bool) {
        if !self.enter() {
            return;
        }
        let nested_quotes = close == b'}';
        loop {
            let Some(c) = self.peek() else {
                self.errors = true;
                break;
            };
            match c {
                c if c == close => {
                    self.pos += 1;
                    break;
                }
                b'\\' => self.pos += 2.min(self.end - self.pos),
                b'\'' if nested_quotes && !in_double_quotes => self.single_quoted(),
                b'"' if nested_quotes => {
                    self.pos += 1;
                    self.double_quoted();
                }
                b'$' => self.dollar(in_double_quotes),
                b'`' => self.backquote(),
                _ => self.pos += 1,
            }
        }
        self.leave();
    }

    /// At a `$`: an expansion (its substitutions parsed), a `$'...'`/`$"..."` string, or a lone `$`.
    fn dollar(&mut self, in_double_quotes: bool) {
        self.pos += 1;
        match self.peek() {
            Some(b'(') if self.peek_at(1) == Some(b'(') => {
                let (start, saved_out, saved_errors) = (self.pos, self.out.len(), self.errors);
                self.pos += 2;
                if !self.enter() {
                    return;
                }
                let arithmetic = self.arithmetic();
                self.leave();
                if !arithmetic && self.backtracks < MAX_BACKTRACKS && !self.at_end() {
                    self.backtracks += 1;
                    self.out.truncate(saved_out);
                    self.errors = saved_errors;
                    self.pos = start + 1;
                    self.substitution_body();
                } else if !arithmetic && self.peek() == Some(b')') {
                    self.pos += 1;
                }
            }
            Some(b'(') => {
                self.pos += 1;
                self.substitution_body();
            }
            Some(b'{') => {
                self.pos += 1;
                self.parameter(in_double_quotes);
            }
            Some(b'[') => {
                self.pos += 1;
                if !self.enter() {
                    return;
                }
                self.old_arithmetic();
                self.leave();
            }
            Some(b'\'') if !in_double_quotes => {
                self.pos += 1;
                loop {
                    match self.peek() {
                        None => {
                            self.errors = true;
                            break;
                        }
                        Some(b'\'') => {
                            self.pos += 1;
                            break;
                        }
                        Some(b'\\') => self.pos += 2.min(self.end - self.pos),
                        Some(_) => self.pos += 1,
                    }
                }
            }
            Some(b'"') if !in_double_quotes => {
                self.pos += 1;
                self.double_quoted();
            }
            _ => {}
        }
    }

    /// After `$[`: up to and including the matching `]`.
    fn old_arithmetic(&mut self) {
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            match c {
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                b'$' | b'`' | b'"' | b'\'' | b'\\' => {
                    self.word_part();
                    continue;
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.errors = true;
    }

    /// After `${`: up to and including the matching `}`.
    fn parameter(&mut self, in_double_quotes: bool) {
        self.until_closing(b'}', in_double_quotes);
    }

    /// After `$(`, `<(` or `>(`: the commands up to the matching `)`, as a substitution.
    fn substitution_body(&mut self) {
        if !self.enter() {
            return;
        }
        let saved = (self.ctx, self.nest);
        self.ctx = Ctx { pending: None, pipeline: None, in_substitution: true, in_subshell: false };
        self.nest = 1;
        self.list();
        if self.peek() == Some(b')') {
            self.pos += 1;
        } else {
            self.errors = true;
        }
        (self.ctx, self.nest) = saved;
        self.leave();
    }

    /// At a backquote: the commands up to the closing one, as a substitution.
    fn backquote(&mut self) {
        self.pos += 1;
        let start = self.pos;
        let mut close = None;
        let mut i = start;
        while i < self.end {
            match self.b[i] {
                b'\\' => i += 2,
                b'`' => {
                    close = Some(i);
                    break;
                }
                _ => i += 1,
            }
        }
        let Some(close) = close else {
            self.errors = true;
            self.pos = self.end;
            return;
        };
        if !self.enter() {
            return;
        }
        let saved = (self.ctx, self.nest, self.end, std::mem::take(&mut self.heredocs));
        self.ctx = Ctx { pending: None, pipeline: None, in_substitution: true, in_subshell: false };
        self.nest = 0;
        self.end = close;
        self.list();
        if !self.heredocs.is_empty() {
            self.errors = true;
        }
        (self.ctx, self.nest, self.end, self.heredocs) = saved;
        self.pos = close + 1;
        self.leave();
    }

    /// At the `(` of `@(a|b)`, `!(x)`, ...: up to the matching `)`.
    fn extglob(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                b'\n' => break,
                b'\\' | b'\'' | b'"' | b'$' | b'`' => {
                    self.word_part();
                    continue;
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.errors = true;
    }
}

/// The words and operators of an arithmetic expression, for the arguments of `((`.
fn arithmetic_words(text: &str, range: Range<usize>) -> Vec<Word> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = range.start;
    let is_operand = |c: u8| {
        c.is_ascii_alphanumeric()
            || matches!(c, b'_' | b'.' | b'#' | b'$' | b'[' | b']' | b'{' | b'}' | b'@')
            || c >= 0x80
    };
    let is_operator = |c: u8| b"+-*/%=<>!&|^~?:,".contains(&c);
    while i < range.end {
        let c = b[i];
        let start = i;
        if c.is_ascii_whitespace() || c == b'\\' {
            i += 1;
            continue;
        }
        if c == b'(' || c == b')' {
            i += 1;
        } else if is_operator(c) {
            while i < range.end && is_operator(b[i]) {
                i += 1;
            }
        } else if c == b'$' && b.get(i + 1) == Some(&b'(') || c == b'"' || c == b'\'' || c == b'`' {
            // A quoted or substituted operand: up to the matching close (already parsed).
            i = skip_balanced(b, i, range.end);
        } else if is_operand(c) {
            while i < range.end && is_operand(b[i]) {
                if b[i] == b'$' && b.get(i + 1) == Some(&b'(') {
                    i = skip_balanced(b, i, range.end);
                } else {
                    i += 1;
                }
            }
        } else {
            i += 1;
        }
        while i < range.end && !text.is_char_boundary(i) {
            i += 1;
        }
        out.push(Word::new(text, start..i));
    }
    out
}

/// From a quote, backquote or `$(` at `i`: the position after its end (at most `end`).
fn skip_balanced(b: &[u8], mut i: usize, end: usize) -> usize {
    let open = b[i];
    if matches!(open, b'"' | b'\'' | b'`') {
        i += 1;
        while i < end && b[i] != open {
            i += if b[i] == b'\\' && open != b'\'' { 2 } else { 1 };
        }
        return (i + 1).min(end);
    }
    let mut depth = 0usize;
    i += 1;
    while i < end {
        match b[i] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    end
}
