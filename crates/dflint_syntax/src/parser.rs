//! The parser: reads a Dockerfile line by line as BuildKit's scanner does and emits [`Event`]s.
//!
//! The file level (BOM, parser directives, comments, blank lines, where an instruction's physical
//! lines end, heredoc bodies) is decided here. Each instruction's physical lines are joined into its
//! logical line, which [`crate::line::analyze`] splits; [`Splicer`] then lays the logical tokens back
//! onto the physical text, putting the continuation trivia (escape + newline, comment and empty lines)
//! between them. The parser knows nothing of rowan: `crate::build_tree` turns the events into a tree.

use crate::lexer::{is_go_space, leading_space_len, WordTok};
use crate::line::{self, Args, Instr, LineError, Span};
use crate::SyntaxKind::{self, *};
use crate::{go, SyntaxError, TextRange, TextSize};
use logos::Logos;
use std::borrow::Cow;

/// One step of the tree: open a node, add a token of `len` bytes, close the node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Event {
    Start(SyntaxKind),
    Token(SyntaxKind, u32),
    Finish,
}

/// An event in logical-line coordinates.
#[derive(Clone, Copy, Debug)]
enum LEvent {
    Start(SyntaxKind),
    Tok(SyntaxKind, usize, usize),
    Finish,
}

/// A piece of the logical line and where it stands in the file.
#[derive(Clone, Copy, Debug)]
struct Seg {
    lstart: usize,
    sstart: usize,
    len: usize,
}

/// A heredoc announced on an instruction's line.
#[derive(Debug)]
struct HeredocSpec {
    span: Span,
    name: String,
    chomp: bool,
}

pub(crate) struct Parser<'t> {
    text: &'t str,
    pos: usize,
    pub(crate) escape: char,
    pub(crate) directives_done: bool,
    seen_directives: Vec<String>,
    pub(crate) events: Vec<Event>,
    pub(crate) errors: Vec<SyntaxError>,
    // Buffers reused from one instruction to the next.
    segs: Vec<Seg>,
    trivia: Vec<(SyntaxKind, Span)>,
    levents: Vec<LEvent>,
}

struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

impl<'t> Parser<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Parser {
            text,
            pos: 0,
            escape: '\\',
            directives_done: false,
            seen_directives: Vec::new(),
            events: Vec::with_capacity(text.len() / 4),
            errors: Vec::new(),
            segs: Vec::new(),
            trivia: Vec::new(),
            levents: Vec::new(),
        }
    }

    fn token(&mut self, kind: SyntaxKind, start: usize, end: usize) {
        if end > start {
            self.events.push(Event::Token(kind, (end - start) as u32));
        }
    }

    fn error(&mut self, start: usize, end: usize, message: String, fatal: bool) {
        self.errors.push(SyntaxError {
            range: TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32)),
            message,
            buildkit_fatal: fatal,
        });
    }

    /// The physical line at `pos`: content without its line ending (`\r`s and `\n`), and its end.
    fn line_at(&self, pos: usize) -> Line {
        let bytes = self.text.as_bytes();
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i + 1);
        let mut content_end = end;
        while content_end > pos && matches!(bytes[content_end - 1], b'\r' | b'\n') {
            content_end -= 1;
        }
        Line { start: pos, content_end, end }
    }

    pub(crate) fn parse_file(&mut self) {
        self.events.push(Event::Start(SOURCE_FILE));
        if self.text.starts_with('\u{feff}') {
            self.token(BOM, 0, 3);
            self.pos = 3;
        }
        while self.pos < self.text.len() {
            let line = self.line_at(self.pos);
            let content = &self.text[line.start..line.content_end];
            let lead = leading_space_len(content);
            if !self.directives_done {
                if self.directive(&line, lead) {
                    continue;
                }
                self.directives_done = true;
            }
            let trimmed = &content[lead..];
            if trimmed.starts_with('#') {
                self.token(WHITESPACE, line.start, line.start + lead);
                self.token(COMMENT, line.start + lead, line.content_end);
                self.token(NEWLINE, line.content_end, line.end);
                self.pos = line.end;
            } else if trimmed.is_empty() {
                self.token(WHITESPACE, line.start, line.content_end);
                self.token(NEWLINE, line.content_end, line.end);
                self.pos = line.end;
            } else {
                self.token(WHITESPACE, line.start, line.start + lead);
                self.instruction(line.start + lead);
            }
        }
        self.events.push(Event::Finish);
    }

    /// A parser directive (`# key=value`) while they are still allowed; false if the line is not one.
    fn directive(&mut self, line: &Line, lead: usize) -> bool {
        let start = line.start + lead;
        let content = &self.text[start..line.content_end];
        let Some(d) = match_directive(content) else {
            return false;
        };
        let key = content[d.name.clone()].to_ascii_lowercase();
        if !matches!(key.as_str(), "syntax" | "escape" | "check") {
            return false;
        }
        let value = &content[d.value.clone()];
        let (vs, ve) = (start + d.value.start, start + d.value.end);
        if self.seen_directives.contains(&key) {
            self.error(start + d.name.start, ve, format!("only one {key} parser directive can be used"), true);
        } else if key == "escape" {
            match value {
                "\\" => self.escape = '\\',
                "`" => self.escape = '`',
                _ => self.error(vs, ve, format!("invalid escape token '{value}' does not match ` or \\"), true),
            }
        }
        self.seen_directives.push(key);
        self.token(WHITESPACE, line.start, start);
        self.events.push(Event::Start(DIRECTIVE));
        self.token(HASH, start, start + 1);
        self.token(WHITESPACE, start + 1, start + d.name.start);
        self.token(DIRECTIVE_NAME, start + d.name.start, start + d.name.end);
        self.token(WHITESPACE, start + d.name.end, start + d.eq);
        self.token(EQ, start + d.eq, start + d.eq + 1);
        self.token(WHITESPACE, start + d.eq + 1, vs);
        self.token(DIRECTIVE_VALUE, vs, ve);
        self.token(WHITESPACE, ve, line.content_end);
        self.events.push(Event::Finish);
        self.token(NEWLINE, line.content_end, line.end);
        self.pos = line.end;
        true
    }

    /// Where the line continuation starts in `content`, if the line continues: BuildKit's
    /// `([^E])E[ \t]*$|^E[ \t]*$` for the escape character E.
    fn continuation(&self, content: &str) -> Option<usize> {
        let body = content.trim_end_matches([' ', '\t']);
        let before = body.strip_suffix(self.escape)?;
        if before.ends_with(self.escape) {
            return None;
        }
        Some(before.len())
    }

    fn instruction(&mut self, start: usize) {
        let text = self.text;
        let mut segs = std::mem::take(&mut self.segs);
        let mut trivia = std::mem::take(&mut self.trivia);
        let mut levents = std::mem::take(&mut self.levents);
        segs.clear();
        trivia.clear();
        levents.clear();
        let mut lpos = 0;
        let mut line = self.line_at(self.pos);
        let mut seg_start = start;
        let mut final_newline = None;
        loop {
            let content = &text[seg_start..line.content_end];
            let cont = self.continuation(content);
            let seg_end = cont.map_or(line.content_end, |c| seg_start + c);
            segs.push(Seg { lstart: lpos, sstart: seg_start, len: seg_end - seg_start });
            lpos += seg_end - seg_start;
            self.pos = line.end;
            let newline = line.content_end..line.end;
            if cont.is_none() {
                if !newline.is_empty() {
                    final_newline = Some(newline);
                }
                break;
            }
            trivia.push((LINE_CONTINUATION, seg_end..line.content_end));
            trivia.push((NEWLINE, newline));
            // Comment lines and empty lines inside a continuation are dropped.
            loop {
                if self.pos >= text.len() {
                    break;
                }
                line = self.line_at(self.pos);
                let content = &text[line.start..line.content_end];
                let lead = leading_space_len(content);
                let is_comment = content[lead..].starts_with('#');
                if !is_comment && lead < content.len() {
                    break;
                }
                trivia.push((DROPPED_WHITESPACE, line.start..line.start + lead));
                if is_comment {
                    trivia.push((COMMENT, line.start + lead..line.content_end));
                }
                trivia.push((NEWLINE, line.content_end..line.end));
                self.pos = line.end;
            }
            if self.pos >= text.len() {
                break;
            }
            seg_start = line.start;
        }

        let logical: Cow<str> = if segs.len() == 1 {
            Cow::Borrowed(&text[segs[0].sstart..segs[0].sstart + segs[0].len])
        } else {
            let mut s = String::with_capacity(lpos);
            for seg in &segs {
                s.push_str(&text[seg.sstart..seg.sstart + seg.len]);
            }
            Cow::Owned(s)
        };
        let mut line_errors = Vec::new();
        let instr = line::analyze(&logical, self.escape, &mut line_errors);
        let heredocs = if can_contain_heredoc(&instr) && has_double_lt(logical.as_bytes()) {
            match heredocs_from_line(&logical) {
                Ok(h) => h,
                Err(e) => {
                    line_errors.push(e);
                    Vec::new()
                }
            }
        } else {
            Vec::new()
        };

        let mut builder =
            LBuilder { s: &logical, escape: self.escape, cursor: 0, events: &mut levents, markers: &heredocs };
        builder.instr(&instr);
        builder.gap(logical.len());
        let mut splicer = Splicer { segs: &segs, trivia: &trivia, si: 0, ti: 0, out: &mut self.events };
        splicer.splice(&levents);
        for e in &line_errors {
            let (a, b) = (splicer.map(e.span.start, false), splicer.map(e.span.end, true));
            self.errors.push(SyntaxError {
                range: TextRange::new(TextSize::from(a as u32), TextSize::from(b.max(a) as u32)),
                message: e.message.clone(),
                buildkit_fatal: e.fatal,
            });
        }
        let marker_ranges: Vec<(usize, usize)> =
            heredocs.iter().map(|h| (splicer.map(h.span.start, false), splicer.map(h.span.end, true))).collect();
        splicer.flush(usize::MAX);

        let mut pending_newline = final_newline;
        for (h, (ms, me)) in heredocs.iter().zip(marker_ranges) {
            if let Some(nl) = pending_newline.take() {
                self.token(NEWLINE, nl.start, nl.end);
            }
            match self.heredoc_body(h, ms, me) {
                Ok(nl) => pending_newline = nl,
                Err(()) => break,
            }
        }
        // Close the instruction node (opened by the first logical event).
        self.events.push(Event::Finish);
        if let Some(nl) = pending_newline {
            self.token(NEWLINE, nl.start, nl.end);
        }
        self.segs = segs;
        self.trivia = trivia;
        self.levents = levents;
    }

    /// Reads a heredoc body up to its terminator; returns the terminator line's newline, or `Err`
    /// when the file ends first.
    fn heredoc_body(&mut self, h: &HeredocSpec, marker_start: usize, marker_end: usize) -> Result<Option<Span>, ()> {
        let body_start = self.pos;
        self.events.push(Event::Start(HEREDOC));
        while self.pos < self.text.len() {
            let line = self.line_at(self.pos);
            let mut candidate = &self.text[line.start..line.content_end];
            if h.chomp {
                candidate = candidate.trim_start_matches('\t');
            }
            if candidate == h.name {
                self.token(HEREDOC_BODY, body_start, line.start);
                self.token(HEREDOC_END, line.start, line.content_end);
                self.events.push(Event::Finish);
                self.pos = line.end;
                return Ok((line.end > line.content_end).then_some(line.content_end..line.end));
            }
            self.pos = line.end;
        }
        self.token(HEREDOC_BODY, body_start, self.pos);
        self.events.push(Event::Finish);
        self.error(marker_start, marker_end, format!("unterminated heredoc: no line `{}` ends it", h.name), true);
        Err(())
    }
}

struct DirectiveMatch {
    name: Span,
    eq: usize,
    value: Span,
}

/// BuildKit's directive syntax after the `#`: `^\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`,
/// spans relative to `content` (which starts with `#`).
fn match_directive(content: &str) -> Option<DirectiveMatch> {
    let rest = content.strip_prefix('#')?;
    let is_re_s = |c: char| matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' ');
    let name_start = 1 + (rest.len() - rest.trim_start_matches(is_go_space).len());
    let b = content.as_bytes();
    if !b.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let mut name_end = name_start + 1;
    while name_end < b.len() && b[name_end].is_ascii_alphanumeric() {
        name_end += 1;
    }
    let eq = name_end + (content[name_end..].len() - content[name_end..].trim_start_matches(is_re_s).len());
    if b.get(eq) != Some(&b'=') {
        return None;
    }
    let after_eq = &content[eq + 1..];
    let value_start = eq + 1 + (after_eq.len() - after_eq.trim_start_matches(is_re_s).len());
    let value_end = value_start + content[value_start..].trim_end_matches(is_re_s).len();
    if value_end > value_start {
        return Some(DirectiveMatch { name: name_start..name_end, eq, value: value_start..value_end });
    }
    // Only blanks after `=`: the regex backtracks and takes the last blank as the value.
    let last = content[eq + 1..].chars().next_back()?;
    let value_start = content.len() - last.len_utf8();
    Some(DirectiveMatch { name: name_start..name_end, eq, value: value_start..content.len() })
}

/// BuildKit's `canContainHeredoc`: RUN, COPY and ADD (also under ONBUILD), not in JSON form.
/// Whether `<<` occurs in `s` (`str::contains` searches byte by byte; this jumps between `<`s).
fn has_double_lt(s: &[u8]) -> bool {
    memchr::memchr_iter(b'<', s).any(|i| s.get(i + 1) == Some(&b'<'))
}

fn can_contain_heredoc(instr: &Instr) -> bool {
    let instr = match &instr.args {
        Args::Sub(sub) if instr.kind == ONBUILD_INSTR => sub,
        _ => instr,
    };
    matches!(instr.kind, RUN_INSTR | COPY_INSTR | ADD_INSTR) && !matches!(instr.args, Args::Json { .. })
}

/// Shell words of the line, raw (quotes and escapes kept), as BuildKit's `heredocsFromLine` sees them.
fn shell_words(s: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut end = s.len();
        while let Some((i, c)) = chars.next() {
            match c {
                c if c.is_whitespace() => {
                    end = i;
                    break;
                }
                '\\' => {
                    chars.next();
                }
                '\'' => {
                    for (_, c) in chars.by_ref() {
                        if c == '\'' {
                            break;
                        }
                    }
                }
                '"' => {
                    while let Some((_, c)) = chars.next() {
                        match c {
                            '\\' => {
                                chars.next();
                            }
                            '"' => break,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(start..end);
    }
    out
}

/// The heredoc word's name with quotes removed, `Ok(None)` if it is not one shell word.
fn heredoc_name(rest: &str) -> Result<Option<String>, String> {
    let mut name = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => return Ok(None),
            '\\' => name.extend(chars.next()),
            '\'' => loop {
                match chars.next() {
                    Some('\'') => break,
                    Some(c) => name.push(c),
                    None => return Err("unexpected end of statement while looking for matching single-quote".into()),
                }
            },
            '"' => loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => name.extend(chars.next()),
                    Some(c) => name.push(c),
                    None => return Err("unexpected end of statement while looking for matching double-quote".into()),
                }
            },
            c => name.push(c),
        }
    }
    Ok((!name.is_empty()).then_some(name))
}

/// BuildKit's `heredocsFromLine`: words matching `^(\d*)<<(-?)([^<]*)$`.
fn heredocs_from_line(s: &str) -> Result<Vec<HeredocSpec>, LineError> {
    let mut out = Vec::new();
    for span in shell_words(s) {
        let word = &s[span.clone()];
        let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let Some(after) = word[digits..].strip_prefix("<<") else {
            continue;
        };
        let (chomp, rest) = match after.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, after),
        };
        if rest.is_empty() || rest.contains('<') {
            continue;
        }
        match heredoc_name(rest) {
            Ok(Some(name)) => out.push(HeredocSpec { span, name, chomp }),
            Ok(None) => {}
            Err(message) => return Err(LineError { span, message, fatal: true }),
        }
    }
    Ok(out)
}

/// Builds logical events for an [`Instr`], filling the gaps between parts with whitespace tokens.
struct LBuilder<'a> {
    s: &'a str,
    escape: char,
    cursor: usize,
    events: &'a mut Vec<LEvent>,
    markers: &'a [HeredocSpec],
}

/// Instructions whose arguments BuildKit expands (`$VAR`), so quotes and escapes matter in them.
fn expands(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        ADD_INSTR
            | ARG_INSTR
            | COPY_INSTR
            | ENV_INSTR
            | EXPOSE_INSTR
            | FROM_INSTR
            | LABEL_INSTR
            | STOPSIGNAL_INSTR
            | USER_INSTR
            | VOLUME_INSTR
            | WORKDIR_INSTR
    )
}

impl LBuilder<'_> {
    fn gap(&mut self, to: usize) {
        if to > self.cursor {
            let kind = if self.s[self.cursor..to].chars().all(is_go_space) { WHITESPACE } else { ERROR };
            self.events.push(LEvent::Tok(kind, self.cursor, to));
            self.cursor = to;
        }
    }

    fn tok(&mut self, kind: SyntaxKind, start: usize, end: usize) {
        self.gap(start);
        if end > start {
            self.events.push(LEvent::Tok(kind, start, end));
            self.cursor = end;
        }
    }

    fn start(&mut self, kind: SyntaxKind) {
        self.events.push(LEvent::Start(kind));
    }

    fn finish(&mut self) {
        self.events.push(LEvent::Finish);
    }

    fn node(&mut self, kind: SyntaxKind, span: &Span, expand: bool) {
        self.gap(span.start);
        self.start(kind);
        if expand {
            self.word(span.start, span.end);
        } else {
            self.shell(span.start, span.end);
        }
        self.finish();
    }

    /// The instruction node is opened here and closed by the parser after its heredocs.
    fn instr(&mut self, instr: &Instr) {
        self.start(instr.kind);
        self.tok(KEYWORD, instr.keyword.start, instr.keyword.end);
        for flag in &instr.flags {
            self.gap(flag.span.start);
            self.start(FLAG);
            if let Some(name) = &flag.name {
                self.tok(FLAG_NAME, name.start, name.end);
            }
            if let Some(eq) = flag.eq {
                self.tok(EQ, eq, eq + 1);
            }
            if let Some(value) = &flag.value {
                self.node(FLAG_VALUE, value, true);
            }
            self.gap(flag.span.end);
            self.finish();
        }
        self.args(&instr.args, instr.kind);
        self.gap(instr.end);
    }

    fn args(&mut self, args: &Args, kind: SyntaxKind) {
        let expand = expands(kind);
        match args {
            Args::None => {}
            Args::Json { span, arr } => {
                self.gap(span.start);
                self.start(EXEC_FORM);
                for (k, r) in &arr.tokens {
                    let kind = match k {
                        go::JsonTokenKind::LBrack => L_BRACK,
                        go::JsonTokenKind::RBrack => R_BRACK,
                        go::JsonTokenKind::Comma => COMMA,
                        go::JsonTokenKind::Whitespace => WHITESPACE,
                        go::JsonTokenKind::String => JSON_STRING,
                        go::JsonTokenKind::Other => JSON_OTHER,
                    };
                    self.tok(kind, span.start + r.start, span.start + r.end);
                }
                self.finish();
            }
            Args::Shell(span) => self.node(SHELL_FORM, span, false),
            Args::Words(words) => {
                for w in words {
                    if self.markers.iter().any(|m| m.span == *w) {
                        self.gap(w.start);
                        self.start(WORD);
                        self.tok(HEREDOC_MARKER, w.start, w.end);
                        self.finish();
                    } else {
                        self.node(WORD, w, expand);
                    }
                }
            }
            Args::Text(span) => self.node(ARGUMENT, span, expand),
            Args::Unknown(span) => {
                if let Some(span) = span {
                    self.node(ARGUMENT, span, false);
                }
            }
            Args::Pairs(pairs) => {
                for p in pairs {
                    self.gap(p.span.start);
                    self.start(KEY_VALUE);
                    match p.eq {
                        Some(eq) => {
                            self.node(KEY, &(p.span.start..eq), true);
                            self.tok(EQ, eq, eq + 1);
                            if eq + 1 < p.span.end {
                                self.node(VALUE, &(eq + 1..p.span.end), true);
                            }
                        }
                        None => self.node(KEY, &p.span, true),
                    }
                    self.finish();
                }
            }
            Args::Legacy { key, value } => {
                self.gap(key.start);
                self.start(KEY_VALUE);
                self.node(KEY, key, true);
                self.node(VALUE, value, true);
                self.finish();
            }
            Args::Health { typ, rest } => {
                self.node(WORD, typ, false);
                self.args(rest, kind);
            }
            Args::Sub(sub) => {
                self.instr(sub);
                self.finish();
            }
        }
    }

    /// Shell-form text: words, blanks and heredoc markers.
    fn shell(&mut self, start: usize, end: usize) {
        let mut pos = start;
        for m in self.markers {
            if m.span.start >= pos && m.span.end <= end {
                self.shell_plain(pos, m.span.start);
                self.tok(HEREDOC_MARKER, m.span.start, m.span.end);
                pos = m.span.end;
            }
        }
        self.shell_plain(pos, end);
    }

    /// Shell text is one `TEXT` token per run: the shell parser (`dflint_shell`) reads it, so
    /// splitting it into words here would only cost time.
    fn shell_plain(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let (a, b) = crate::lexer::trim_space(self.s, start, end);
        if a == b {
            self.tok(WHITESPACE, start, end);
            return;
        }
        self.tok(WHITESPACE, start, a);
        self.tok(TEXT, a, b);
        self.tok(WHITESPACE, b, end);
    }

    /// Text that BuildKit expands: quotes, escapes and variables.
    fn word(&mut self, start: usize, end: usize) {
        let s = self.s;
        // One entry per open `${`: whether its VAR_ARG node is open.
        let mut stack: Vec<bool> = Vec::new();
        // `${` opened beyond `MAX_VAR_DEPTH`, kept as text.
        let mut flat = 0usize;
        let (mut squote, mut dquote) = (false, false);
        let mut base = start;
        let mut lex = WordTok::lexer(&s[base..end]);
        while let Some(tok) = lex.next() {
            let span = base + lex.span().start..base + lex.span().end;
            let Ok(tok) = tok else {
                self.tok(TEXT, span.start, span.end);
                continue;
            };
            match tok {
                WordTok::Text | WordTok::LCurly => self.tok(TEXT, span.start, span.end),
                WordTok::Ws => self.tok(WHITESPACE, span.start, span.end),
                WordTok::DQuote if stack.is_empty() && !squote => {
                    dquote = !dquote;
                    self.tok(DQUOTE, span.start, span.end);
                }
                WordTok::SQuote if stack.is_empty() && !dquote => {
                    squote = !squote;
                    self.tok(SQUOTE, span.start, span.end);
                }
                WordTok::DQuote | WordTok::SQuote => self.tok(TEXT, span.start, span.end),
                WordTok::Backslash | WordTok::Backtick => {
                    let c = if tok == WordTok::Backslash { '\\' } else { '`' };
                    if c == self.escape && !squote {
                        let next = s[span.end..end].chars().next().map_or(0, char::len_utf8);
                        lex.bump(next);
                        self.tok(ESCAPED, span.start, span.end + next);
                    } else {
                        self.tok(TEXT, span.start, span.end);
                    }
                }
                WordTok::RCurly if flat > 0 => {
                    flat -= 1;
                    self.tok(TEXT, span.start, span.end);
                }
                WordTok::RCurly => match stack.pop() {
                    Some(in_arg) => {
                        if in_arg {
                            self.finish();
                        }
                        self.tok(R_CURLY, span.start, span.end);
                        self.finish();
                    }
                    None => self.tok(TEXT, span.start, span.end),
                },
                WordTok::Dollar if squote => self.tok(TEXT, span.start, span.end),
                WordTok::Dollar => {
                    let rest = &s[span.end..end];
                    if rest.starts_with('{') && stack.len() >= MAX_VAR_DEPTH {
                        // Too deep: the `${` stays text (its `}` too), so the tree's depth is bounded.
                        flat += 1;
                        self.tok(TEXT, span.start, span.end);
                    } else if rest.starts_with('{') {
                        self.start(VAR);
                        self.tok(DOLLAR, span.start, span.end);
                        self.tok(L_CURLY, span.end, span.end + 1);
                        let p = span.end + 1;
                        let name_end = p + var_name_len(&s[p..end]);
                        self.tok(VAR_NAME, p, name_end);
                        let op_end = name_end + var_op_len(&s[name_end..end]);
                        self.tok(VAR_OP, name_end, op_end);
                        let mut resume = op_end;
                        if op_end == name_end && s[op_end..end].starts_with('}') {
                            self.tok(R_CURLY, op_end, op_end + 1);
                            self.finish();
                            resume = op_end + 1;
                        } else {
                            self.start(VAR_ARG);
                            stack.push(true);
                        }
                        base = resume;
                        lex = WordTok::lexer(&s[base..end]);
                    } else {
                        let n = var_name_len(rest);
                        if n == 0 {
                            self.tok(TEXT, span.start, span.end);
                            continue;
                        }
                        self.start(VAR);
                        self.tok(DOLLAR, span.start, span.end);
                        self.tok(VAR_NAME, span.end, span.end + n);
                        self.finish();
                        base = span.end + n;
                        lex = WordTok::lexer(&s[base..end]);
                    }
                }
            }
        }
        while let Some(in_arg) = stack.pop() {
            if in_arg {
                self.finish();
            }
            self.finish();
        }
    }
}

/// How deeply `${...}` nodes nest in the tree; deeper ones are left as text. Real files nest a
/// few levels; hostile ones nest 100,000, which would make every walk up the tree (`ancestors`)
/// cost the depth, and recursive walks overflow the stack.
const MAX_VAR_DEPTH: usize = 64;

/// Length of a variable name at the start of `s`: a letter or `_` then letters, digits, `_`; or digits.
fn var_name_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    match chars.next() {
        Some((_, c)) if c.is_ascii_digit() => s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len(),
        Some((_, c)) if c.is_alphabetic() || c == '_' => {
            s.len() - s.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_').len()
        }
        _ => 0,
    }
}

/// Length of a `${name<op>word}` modifier at the start of `s`.
fn var_op_len(s: &str) -> usize {
    let b = s.as_bytes();
    match b.first() {
        Some(b':') => match b.get(1) {
            Some(c) if !matches!(c, b'}') && c.is_ascii() => 2,
            _ => 1,
        },
        Some(b'-' | b'+' | b'?') => 1,
        Some(&c @ (b'#' | b'%' | b'/')) => {
            if b.get(1) == Some(&c) {
                2
            } else {
                1
            }
        }
        _ => 0,
    }
}

/// Lays logical-line events onto the file, interleaving the continuation trivia.
struct Splicer<'a> {
    segs: &'a [Seg],
    trivia: &'a [(SyntaxKind, Span)],
    si: usize,
    ti: usize,
    out: &'a mut Vec<Event>,
}

impl Splicer<'_> {
    fn flush(&mut self, before: usize) {
        while let Some((kind, span)) = self.trivia.get(self.ti) {
            if span.start >= before {
                break;
            }
            if !span.is_empty() {
                self.out.push(Event::Token(*kind, span.len() as u32));
            }
            self.ti += 1;
        }
    }

    /// The file offset of logical offset `l` (`at_end`: the end of a range ending there).
    fn map(&self, l: usize, at_end: bool) -> usize {
        let idx = self.segs.partition_point(|s| if at_end { s.lstart + s.len < l } else { s.lstart + s.len <= l });
        match self.segs.get(idx) {
            Some(seg) => seg.sstart + (l - seg.lstart).min(seg.len),
            None => self.segs.last().map_or(0, |s| s.sstart + s.len),
        }
    }

    fn splice(&mut self, events: &[LEvent]) {
        for (i, ev) in events.iter().enumerate() {
            match *ev {
                LEvent::Start(kind) => {
                    // Trivia before the node's first token stays outside the node.
                    if let Some(LEvent::Tok(_, a, _)) = events[i + 1..].iter().find(|e| matches!(e, LEvent::Tok(..))) {
                        let src = self.map(*a, false);
                        self.flush(src);
                    }
                    self.out.push(Event::Start(kind));
                }
                LEvent::Finish => self.out.push(Event::Finish),
                LEvent::Tok(kind, mut a, b) => {
                    while a < b {
                        while self.segs[self.si].lstart + self.segs[self.si].len <= a {
                            self.si += 1;
                        }
                        let seg = self.segs[self.si];
                        let piece_end = b.min(seg.lstart + seg.len);
                        let src = seg.sstart + (a - seg.lstart);
                        self.flush(src);
                        self.out.push(Event::Token(kind, (piece_end - a) as u32));
                        a = piece_end;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_regex() {
        let m = match_directive("# escape = `  ").unwrap();
        assert_eq!(&"# escape = `  "[m.value], "`");
        assert!(match_directive("#").is_none());
        assert!(match_directive("# 1a=b").is_none());
        assert!(match_directive("# a b=c").is_none());
    }

    /// 100,000 nested `${` (closed or not): the tree holds every byte, and its depth is bounded.
    #[test]
    fn deep_variables_are_capped() {
        for text in [
            format!("FROM a\nENV B={}\n", "${".repeat(100_000)),
            format!("FROM a\nENV B={}x{}\n", "${A:-".repeat(20_000), "}".repeat(20_000)),
        ] {
            let parse = crate::parse(&text);
            let root = parse.syntax_node();
            assert_eq!(root.text().to_string(), text);
            let depth = root.descendants().map(|n| n.ancestors().count()).max().unwrap();
            assert!(depth < 2 * MAX_VAR_DEPTH + 16, "depth {depth}");
        }
        // Below the cap, nothing changes: every `${` is a VAR node.
        let text = format!("FROM a\nENV B={}x{}\n", "${A:-".repeat(10), "}".repeat(10));
        let vars = crate::parse(&text).syntax_node().descendants().filter(|n| n.kind() == VAR).count();
        assert_eq!(vars, 10);
    }

    #[test]
    fn heredoc_words() {
        let h = heredocs_from_line("RUN python3 <<EOF > out && cat <<-'E 2' <<<x").unwrap();
        let names: Vec<_> = h.iter().map(|h| (h.name.as_str(), h.chomp)).collect();
        assert_eq!(names, [("EOF", false), ("E 2", true)]);
    }
}
