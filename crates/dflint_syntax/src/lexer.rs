//! The logos token sets used inside an instruction's logical line.
//!
//! The line structure of a Dockerfile (directives, comments, continuations, heredoc bodies) is
//! decided line by line in `parser.rs`, as BuildKit's scanner does; these token sets split the text
//! *within* a line: [`WordTok`] for text that BuildKit expands (`FROM`, `ENV`, `COPY`, flags, ...),
//! where quotes, the escape character and `$` matter. Shell-form commands, which BuildKit hands to a
//! shell untouched, stay whole text (`dflint_shell` parses them). Exec-form JSON has its own scanner in
//! [`crate::go`], and variable modifiers (`${name:-word}`) are read by hand after `${`.

use logos::Logos;

/// Tokens of text that BuildKit expands.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordTok {
    #[regex(r#"[^ \t\r\x0B\x0C$"'\\`{}]+"#)]
    Text,
    #[regex(r"[ \t\r\x0B\x0C]+")]
    Ws,
    #[token("$")]
    Dollar,
    #[token("\"")]
    DQuote,
    #[token("'")]
    SQuote,
    #[token("\\")]
    Backslash,
    #[token("`")]
    Backtick,
    #[token("{")]
    LCurly,
    #[token("}")]
    RCurly,
}

/// BuildKit's `reWhitespace` class: `[\t\v\f\r ]`.
pub(crate) fn is_re_ws(c: u8) -> bool {
    matches!(c, b'\t' | b'\x0B' | b'\x0C' | b'\r' | b' ')
}

/// Go's `unicode.IsSpace` (the same set as Rust's `char::is_whitespace`).
pub(crate) fn is_go_space(c: char) -> bool {
    c.is_whitespace()
}

/// Go's `strings.TrimSpace` over `s[lo..hi]`, as a sub-range.
pub(crate) fn trim_space(s: &str, lo: usize, hi: usize) -> (usize, usize) {
    let start = lo + leading_space_len(&s[lo..hi]);
    (start, start + trailing_space_start(&s[start..hi]))
}

/// ASCII white space as Go's `unicode.IsSpace` (and `char::is_whitespace`) sees it.
fn is_ascii_go_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// Go's `strings.TrimLeftFunc(s, unicode.IsSpace)` length of the removed prefix.
pub(crate) fn leading_space_len(s: &str) -> usize {
    // Byte by byte while the text is ASCII (nearly always); `char`s from the first other byte.
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if is_ascii_go_space(b) {
            i += 1;
        } else if b < 0x80 {
            return i;
        } else {
            let rest = &s[i..];
            return i + (rest.len() - rest.trim_start_matches(is_go_space).len());
        }
    }
    i
}

/// The length of `s` without its trailing white space (Go's `strings.TrimRightFunc`).
fn trailing_space_start(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    while end > 0 {
        let b = bytes[end - 1];
        if is_ascii_go_space(b) {
            end -= 1;
        } else if b < 0x80 {
            return end;
        } else {
            return s[..end].trim_end_matches(is_go_space).len();
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tokens_cover_input() {
        let text = "a$B \"c\" 'd' \\e `f {g} ♥";
        let mut lex = WordTok::lexer(text);
        let mut end = 0;
        while let Some(tok) = lex.next() {
            assert!(tok.is_ok(), "{:?}", lex.span());
            assert_eq!(lex.span().start, end);
            end = lex.span().end;
        }
        assert_eq!(end, text.len());
    }

    #[test]
    fn trim_space_is_unicode_aware() {
        let s = "\u{a0} x y \t";
        let (a, b) = trim_space(s, 0, s.len());
        assert_eq!(&s[a..b], "x y");
        for s in ["", " ", "\u{a0}", " \u{2003}x\u{85}\t", "x", "\u{feff} x", " ♥ "] {
            let (a, b) = trim_space(s, 0, s.len());
            assert_eq!(&s[a..b], s.trim_matches(is_go_space), "{s:?}");
            assert_eq!(leading_space_len(s), s.len() - s.trim_start_matches(is_go_space).len(), "{s:?}");
        }
    }
}
