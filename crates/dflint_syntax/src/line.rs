//! One instruction's logical line, read the way BuildKit's line parsers read it.
//!
//! BuildKit joins an instruction's physical lines (dropping continuations, comment lines and empty
//! lines) into one *logical line*, then splits it with `splitCommand`/`extractBuilderFlags` and a
//! parser per instruction (`parseMaybeJSON`, `parseNameVal`, `parseWords`, ...). [`analyze`] does
//! the same on our side and records where every part is (byte spans into the logical line), so
//! the tree can be built from it; [`dump`] prints what BuildKit's `Node.Dump()` prints for it.
//! Both read the same [`Instr`], so the tree and the dump cannot disagree.

use crate::go;
use crate::lexer::{is_go_space, is_re_ws, trim_space};
use crate::SyntaxKind::{self, *};

pub(crate) type Span = std::ops::Range<usize>;

/// An instruction as BuildKit splits it. All spans index the logical line.
#[derive(Debug)]
pub(crate) struct Instr {
    pub kind: SyntaxKind,
    /// The keyword (empty when the logical line is blank, e.g. a lone continuation).
    pub keyword: Span,
    pub flags: Vec<Flag>,
    pub args: Args,
    /// Whole extent of the instruction (after trimming), used to close the node.
    pub end: usize,
}

/// A flag word as `extractBuilderFlags` returns it.
#[derive(Debug)]
pub(crate) struct Flag {
    pub span: Span,
    /// `--name` (or a bare `--`).
    pub name: Option<Span>,
    /// Position of the `=` after the name, if any.
    pub eq: Option<usize>,
    /// The value, after `=`.
    pub value: Option<Span>,
    /// What BuildKit keeps: quotes removed, backslash escapes applied.
    /// `None` for a bare `--`, which BuildKit drops.
    pub decoded: Option<String>,
}

#[derive(Debug)]
pub(crate) enum Args {
    None,
    /// A JSON array (of strings when `arr.strings` is `Some`).
    Json {
        span: Span,
        arr: go::JsonArray,
    },
    /// Shell form: the text as one string.
    Shell(Span),
    /// Whitespace-separated words.
    Words(Vec<Span>),
    /// The rest of the line as one string.
    Text(Span),
    /// `key=value` words (ENV, LABEL) or ARG's `name[=value]` words.
    Pairs(Vec<Pair>),
    /// Legacy `ENV key value`.
    Legacy {
        key: Span,
        value: Span,
    },
    /// HEALTHCHECK: the type word, then a command.
    Health {
        typ: Span,
        rest: Box<Args>,
    },
    /// ONBUILD's instruction.
    Sub(Box<Instr>),
    /// The arguments of an unknown instruction.
    Unknown(Option<Span>),
}

/// One word of `parseWords`.
#[derive(Debug)]
pub(crate) struct Pair {
    pub span: Span,
    /// End of the word as BuildKit keeps it (quotes and escapes raw): `span.start..raw_end`.
    pub raw_end: usize,
    /// Position of the first `=` in the logical line.
    pub eq: Option<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct LineError {
    pub span: Span,
    pub message: String,
    pub fatal: bool,
}

/// Splits a logical line like BuildKit's `newNodeFromLine`.
pub(crate) fn analyze(s: &str, escape: char, errors: &mut Vec<LineError>) -> Instr {
    analyze_range(s, 0, s.len(), escape, errors)
}

fn analyze_range(s: &str, lo: usize, hi: usize, escape: char, errors: &mut Vec<LineError>) -> Instr {
    let (t0, t1) = trim_space(s, lo, hi);
    let bytes = s.as_bytes();
    let kw_end = (t0..t1).find(|&i| is_re_ws(bytes[i])).unwrap_or(t1);
    let keyword = t0..kw_end;
    let kind = SyntaxKind::from_keyword(&s[keyword.clone()]).unwrap_or(UNKNOWN_INSTR);
    let (flags, args_range) = if kw_end == t1 {
        (Vec::new(), t1..t1)
    } else {
        let mut rest = kw_end;
        while rest < t1 && is_re_ws(bytes[rest]) {
            rest += 1;
        }
        let (flags, args_start) = extract_builder_flags(s, rest, t1);
        let (a, b) = trim_space(s, args_start, t1);
        (flags, a..b)
    };
    let args = match kind {
        RUN_INSTR | CMD_INSTR | ENTRYPOINT_INSTR | SHELL_INSTR => maybe_json(s, args_range, errors),
        ADD_INSTR | COPY_INSTR | VOLUME_INSTR => maybe_json_to_list(s, args_range, errors),
        FROM_INSTR | EXPOSE_INSTR => words(s, args_range),
        USER_INSTR | WORKDIR_INSTR | MAINTAINER_INSTR | STOPSIGNAL_INSTR => {
            if args_range.is_empty() {
                Args::None
            } else {
                Args::Text(args_range)
            }
        }
        ENV_INSTR | LABEL_INSTR => name_val(s, args_range, escape, kind, errors),
        ARG_INSTR => {
            let words = parse_words(s, args_range, escape);
            if words.is_empty() {
                Args::None
            } else {
                Args::Pairs(words)
            }
        }
        HEALTHCHECK_INSTR => health(s, args_range, errors),
        ONBUILD_INSTR => {
            if args_range.is_empty() {
                Args::None
            } else {
                Args::Sub(Box::new(analyze_range(s, args_range.start, args_range.end, escape, errors)))
            }
        }
        _ => {
            if !keyword.is_empty() {
                errors.push(LineError {
                    span: keyword.clone(),
                    message: format!("unknown instruction: {}", &s[keyword.clone()]),
                    fatal: false,
                });
            }
            Args::Unknown((!args_range.is_empty()).then_some(args_range))
        }
    };
    Instr { kind, keyword, flags, args, end: t1 }
}

/// Go's `unicode.IsSpace(rune(b))` for one byte. The bytes 0x85 and 0xA0, which Go would also
/// count, are left out: in UTF-8 text they are never whole characters.
fn is_space_byte(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ')
}

/// BuildKit's `extractBuilderFlags`: leading `--flag` words, with the index where the arguments start.
fn extract_builder_flags(s: &str, lo: usize, hi: usize) -> (Vec<Flag>, usize) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let b = s.as_bytes();
    let mut flags: Vec<Flag> = Vec::new();
    let mut phase = Phase::Spaces;
    // BuildKit walks bytes and appends each as a rune: non-ASCII bytes come out as Latin-1.
    let mut word = String::new();
    let mut word_start = lo;
    let mut quote = 0u8;
    let mut blank_ok = false;
    let mut pos = lo;
    while pos <= hi {
        let ch = if pos != hi { b[pos] } else { 0 };
        if phase == Phase::Spaces {
            if pos == hi {
                break;
            }
            if is_space_byte(ch) {
                pos += 1;
                continue;
            }
            if ch != b'-' || pos + 1 == hi || b[pos + 1] != b'-' {
                return (flags, pos);
            }
            phase = Phase::Word;
            word_start = pos;
        }
        if pos == hi {
            if word == "--" {
                flags.push(Flag {
                    span: word_start..pos,
                    name: Some(word_start..pos),
                    eq: None,
                    value: None,
                    decoded: None,
                });
            } else if blank_ok || !word.is_empty() {
                flags.push(flag_word(s, word_start..pos, std::mem::take(&mut word)));
            }
            break;
        }
        if phase == Phase::Word {
            if is_space_byte(ch) {
                phase = Phase::Spaces;
                if word == "--" {
                    flags.push(Flag {
                        span: word_start..pos,
                        name: Some(word_start..pos),
                        eq: None,
                        value: None,
                        decoded: None,
                    });
                    return (flags, pos);
                }
                if blank_ok || !word.is_empty() {
                    flags.push(flag_word(s, word_start..pos, std::mem::take(&mut word)));
                }
                word.clear();
                blank_ok = false;
                pos += 1;
                continue;
            }
            if ch == b'\'' || ch == b'"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
                pos += 1;
                continue;
            }
            let mut c = ch;
            if c == b'\\' {
                if pos + 1 == hi {
                    pos += 1;
                    continue;
                }
                pos += 1;
                c = b[pos];
            }
            word.push(char::from(c));
            pos += 1;
            continue;
        }
        // Phase::Quote
        if ch == quote {
            phase = Phase::Word;
            pos += 1;
            continue;
        }
        let mut c = ch;
        if c == b'\\' {
            if pos + 1 == hi {
                phase = Phase::Word;
                pos += 1;
                continue;
            }
            pos += 1;
            c = b[pos];
        }
        word.push(char::from(c));
        pos += 1;
    }
    (flags, hi)
}

/// A flag word's parts: `--name`, `=`, value.
fn flag_word(s: &str, span: Span, decoded: String) -> Flag {
    let text = &s[span.clone()];
    let name_len = text.find(['=', '"', '\'', '\\']).unwrap_or(text.len());
    let name = span.start..span.start + name_len;
    let (eq, value) = if text[name_len..].starts_with('=') {
        let v = span.start + name_len + 1..span.end;
        (Some(span.start + name_len), (!v.is_empty()).then_some(v))
    } else if name_len < text.len() {
        (None, Some(span.start + name_len..span.end))
    } else {
        (None, None)
    };
    Flag { span, name: Some(name), eq, value, decoded: Some(decoded) }
}

const NOT_STRINGS: &str = "when using JSON array syntax, arrays must be comprised of strings only";

/// `parseJSON`: `Some` when the text is a JSON array (BuildKit then uses it, or fails on non-strings).
fn json(s: &str, span: &Span, errors: &mut Vec<LineError>) -> Option<Args> {
    if !s[span.clone()].starts_with('[') {
        return None;
    }
    let arr = go::parse_json_array(&s[span.clone()])?;
    if arr.strings.is_none() {
        errors.push(LineError { span: span.clone(), message: NOT_STRINGS.into(), fatal: true });
    }
    Some(Args::Json { span: span.clone(), arr })
}

fn maybe_json(s: &str, span: Span, errors: &mut Vec<LineError>) -> Args {
    if span.is_empty() {
        return Args::None;
    }
    json(s, &span, errors).unwrap_or(Args::Shell(span))
}

fn maybe_json_to_list(s: &str, span: Span, errors: &mut Vec<LineError>) -> Args {
    json(s, &span, errors).unwrap_or_else(|| words(s, span))
}

/// `parseStringsWhitespaceDelimited`.
fn words(s: &str, span: Span) -> Args {
    if span.is_empty() {
        return Args::None;
    }
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = span.start;
    let mut i = span.start;
    while i < span.end {
        if is_re_ws(b[i]) {
            out.push(start..i);
            while i < span.end && is_re_ws(b[i]) {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(start..span.end);
    Args::Words(out)
}

/// `parseWords`: words separated by blanks, quotes protecting blanks, kept raw.
///
/// BuildKit builds each word by appending characters; they are always a prefix of the word's
/// text (only an escape character at the very end of the line is skipped), so a word is kept as
/// its span and the end of that prefix.
fn parse_words(s: &str, span: Span, escape: char) -> Vec<Pair> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let mut out = Vec::new();
    let mut phase = Phase::Spaces;
    let mut start = span.start;
    let mut raw_end = span.start;
    let mut quote = '\0';
    let mut blank_ok = false;
    let text = &s[span.clone()];
    let mut chars = text.char_indices();
    let push = |out: &mut Vec<Pair>, start: usize, end: usize, raw_end: usize| {
        let eq = s[start..raw_end].find('=').map(|i| start + i);
        out.push(Pair { span: start..end, raw_end, eq });
    };
    loop {
        let next = chars.next();
        let (i, ch) = match next {
            Some((i, ch)) => (span.start + i, ch),
            None => (span.end, '\0'),
        };
        let at_end = next.is_none();
        if phase == Phase::Spaces {
            if at_end {
                break;
            }
            if is_go_space(ch) {
                continue;
            }
            phase = Phase::Word;
            start = i;
            raw_end = i;
        }
        if at_end {
            if blank_ok || raw_end > start {
                push(&mut out, start, span.end, raw_end);
            }
            break;
        }
        if phase == Phase::Word {
            if is_go_space(ch) {
                phase = Phase::Spaces;
                if blank_ok || raw_end > start {
                    push(&mut out, start, i, raw_end);
                }
                blank_ok = false;
                continue;
            }
            if ch == '\'' || ch == '"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
            }
            if ch == escape {
                match chars.next() {
                    None => continue,
                    Some((j, c)) => {
                        raw_end = span.start + j + c.len_utf8();
                        continue;
                    }
                }
            }
            raw_end = i + ch.len_utf8();
            continue;
        }
        // Phase::Quote
        if ch == quote {
            phase = Phase::Word;
        }
        if ch == escape && quote != '\'' {
            match chars.next() {
                None => {
                    phase = Phase::Word;
                    continue;
                }
                Some((j, c)) => {
                    raw_end = span.start + j + c.len_utf8();
                    continue;
                }
            }
        }
        raw_end = i + ch.len_utf8();
    }
    out
}

/// `parseNameVal` for ENV and LABEL.
fn name_val(s: &str, span: Span, escape: char, kind: SyntaxKind, errors: &mut Vec<LineError>) -> Args {
    let words = parse_words(s, span.clone(), escape);
    let Some(first) = words.first() else {
        return Args::None;
    };
    let key = if kind == ENV_INSTR { "ENV" } else { "LABEL" };
    if first.eq.is_none() {
        let b = s.as_bytes();
        let Some(sep) = (span.start..span.end).find(|&i| is_re_ws(b[i])) else {
            errors.push(LineError { span, message: format!("{key} must have two arguments"), fatal: true });
            return Args::Pairs(words);
        };
        let mut v = sep;
        while v < span.end && is_re_ws(b[v]) {
            v += 1;
        }
        return Args::Legacy { key: span.start..sep, value: v..span.end };
    }
    for w in &words {
        if w.eq.is_none() {
            errors.push(LineError {
                span: w.span.clone(),
                message: format!(
                    "Syntax error - can't find = in {}. Must be of the form: name=value",
                    go::quote(&s[w.span.start..w.raw_end])
                ),
                fatal: true,
            });
        }
    }
    Args::Pairs(words)
}

/// `parseHealthConfig`.
fn health(s: &str, span: Span, errors: &mut Vec<LineError>) -> Args {
    let b = s.as_bytes();
    let sep = (span.start..span.end).find(|&i| is_space_byte(b[i])).unwrap_or(span.end);
    if sep == span.start {
        return Args::None;
    }
    let mut next = sep;
    while next < span.end && is_space_byte(b[next]) {
        next += 1;
    }
    Args::Health { typ: span.start..sep, rest: Box::new(maybe_json(s, next..span.end, errors)) }
}

/// What BuildKit's `Node.Dump()` prints for this instruction (without the surrounding parentheses).
pub(crate) fn dump(s: &str, instr: &Instr) -> String {
    let mut out = s[instr.keyword.clone()].to_lowercase();
    let flags: Vec<&str> = instr.flags.iter().filter_map(|f| f.decoded.as_deref()).collect();
    if !flags.is_empty() {
        out.push(' ');
        out.push_str(&go::quote_list(&flags));
    }
    dump_args(s, &instr.args, instr.kind, &mut out);
    out.trim_matches(is_go_space).to_string()
}

fn dump_args(s: &str, args: &Args, kind: SyntaxKind, out: &mut String) {
    let mut push = |v: &str| {
        out.push(' ');
        out.push_str(&go::quote(v));
    };
    match args {
        Args::None => {}
        Args::Json { arr, .. } => {
            for v in arr.strings.iter().flatten() {
                push(v);
            }
        }
        Args::Shell(span) | Args::Text(span) => push(&s[span.clone()]),
        Args::Words(words) => {
            for w in words {
                push(&s[w.clone()]);
            }
        }
        Args::Pairs(pairs) if kind == ARG_INSTR => {
            for p in pairs {
                push(&s[p.span.start..p.raw_end]);
            }
        }
        Args::Pairs(pairs) => {
            for p in pairs {
                let raw = &s[p.span.start..p.raw_end];
                let (k, v) = raw.split_once('=').unwrap_or((raw, ""));
                push(k);
                push(v);
                push("=");
            }
        }
        Args::Legacy { key, value } => {
            push(&s[key.clone()]);
            push(&s[value.clone()]);
            push("");
        }
        Args::Health { typ, rest } => {
            push(&s[typ.clone()]);
            dump_args(s, rest, kind, out);
        }
        Args::Sub(sub) => {
            out.push_str(" (");
            out.push_str(&dump(s, sub));
            out.push(')');
        }
        Args::Unknown(_) => push(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(line: &str) -> String {
        let mut errors = Vec::new();
        let instr = analyze(line, '\\', &mut errors);
        dump(line, &instr)
    }

    #[test]
    fn flags_forms() {
        assert_eq!(d("COPY --from=a --chown b x y"), r#"copy ["--from=a" "--chown"] "b" "x" "y""#);
        assert_eq!(
            d("RUN --mount=type=cache --network none echo"),
            r#"run ["--mount=type=cache" "--network"] "none echo""#
        );
        assert_eq!(d("RUN -- --not-a-flag"), r#"run "--not-a-flag""#);
        assert_eq!(d("RUN --a=\"x y\" z"), r#"run ["--a=x y"] "z""#);
        assert_eq!(d("CMD --doit --"), r#"cmd ["--doit"]"#);
    }

    #[test]
    fn env_forms() {
        assert_eq!(d("ENV a=b c=\"d e\""), r#"env "a" "b" "=" "c" "\"d e\"" "=""#);
        assert_eq!(d("ENV a b c"), r#"env "a" "b c" """#);
        assert_eq!(d("ARG a b=c"), r#"arg "a" "b=c""#);
    }

    #[test]
    fn json_and_shell() {
        assert_eq!(d("CMD [\"a\", \"b\"]"), r#"cmd "a" "b""#);
        assert_eq!(d("CMD ['a']"), r#"cmd "['a']""#);
        assert_eq!(d("ONBUILD RUN [\"x\"]"), r#"onbuild (run "x")"#);
        assert_eq!(d("HEALTHCHECK --interval=5s CMD [\"a\"]"), r#"healthcheck ["--interval=5s"] "CMD" "a""#);
        assert_eq!(d("FOO bar"), r#"foo """#);
    }
}
