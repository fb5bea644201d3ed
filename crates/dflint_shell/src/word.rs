//! Quote removal for shell words: what a word means once the shell has removed its quotes and
//! applied its backslash escapes, with parameter expansions and command substitutions kept as
//! written (their values are not known statically).

/// The value of `raw` after quote removal: `'...'` taken literally, `"..."` with its four escapes
/// (`\$ \` \" \\`) applied, `$'...'` with ANSI-C escapes decoded, `\x` outside quotes giving `x`,
/// `\<newline>` removed. `$name`, `${...}`, `$(...)`, `$((...))` and backquotes are copied
/// verbatim. Unterminated quotes run to the end of the text.
pub(crate) fn unquote(raw: &str) -> String {
    if !raw.bytes().any(|b| matches!(b, b'\\' | b'\'' | b'"' | b'$' | b'`')) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut scanner = Scanner { text: raw, pos: 0 };
    loop {
        scanner.copy_until(&mut out, |b| matches!(b, b'\\' | b'\'' | b'"' | b'$' | b'`'));
        let Some(c) = scanner.next() else { break };
        match c {
            '\\' => match scanner.next() {
                Some('\n') => {}
                Some(escaped) => out.push(escaped),
                None => out.push('\\'),
            },
            '\'' => {
                scanner.copy_until(&mut out, |b| b == b'\'');
                scanner.next();
            }
            '"' => scanner.double_quoted(&mut out),
            '$' if scanner.peek() == Some('\'') => {
                scanner.next();
                scanner.ansi_c(&mut out);
            }
            '$' if scanner.peek() == Some('"') => {
                scanner.next();
                scanner.double_quoted(&mut out);
            }
            '$' => scanner.dollar(&mut out),
            '`' => scanner.backquoted(&mut out),
            c => out.push(c),
        }
    }
    out
}

/// Does `raw` contain an expansion (`$...` or a backquote) outside single quotes? Such a word's
/// value depends on the environment at run time.
pub(crate) fn has_expansion(raw: &str) -> bool {
    if !raw.bytes().any(|b| b == b'$' || b == b'`') {
        return false;
    }
    let mut chars = raw.chars().peekable();
    let mut in_double = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '\'' if !in_double => {
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                }
            }
            '"' => in_double = !in_double,
            '`' => return true,
            '$' => match chars.peek() {
                Some(c) if c.is_alphanumeric() || matches!(c, '_' | '{' | '(' | '@' | '*' | '#' | '?' | '-' | '!') => {
                    return true
                }
                _ => {}
            },
            _ => {}
        }
    }
    false
}

/// Reads `text` char by char; `pos` is a byte offset, always on a char boundary.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl Scanner<'_> {
    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.pos += c.map_or(0, char::len_utf8);
        c
    }

    fn peek(&self) -> Option<char> {
        match self.text.as_bytes().get(self.pos) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => self.text.get(self.pos..)?.chars().next(),
        }
    }

    /// Copies the text up to the next byte that `stop` accepts (an ASCII byte, so a char
    /// boundary), or to the end.
    fn copy_until(&mut self, out: &mut String, stop: impl Fn(u8) -> bool) {
        let rest = &self.text.as_bytes()[self.pos..];
        let run = rest.iter().position(|&b| stop(b)).unwrap_or(rest.len());
        out.push_str(&self.text[self.pos..self.pos + run]);
        self.pos += run;
    }

    /// After an opening `"`: up to and including the closing one.
    fn double_quoted(&mut self, out: &mut String) {
        loop {
            self.copy_until(out, |b| matches!(b, b'"' | b'\\' | b'$' | b'`'));
            let Some(c) = self.next() else { return };
            match c {
                '"' => return,
                '\\' => match self.peek() {
                    Some('\n') => {
                        self.next();
                    }
                    Some(e @ ('$' | '`' | '"' | '\\')) => {
                        self.next();
                        out.push(e);
                    }
                    _ => out.push('\\'),
                },
                '$' => self.dollar(out),
                '`' => self.backquoted(out),
                c => out.push(c),
            }
        }
    }

    /// After a `$` that does not start a quote: copies the expansion as written.
    fn dollar(&mut self, out: &mut String) {
        out.push('$');
        match self.peek() {
            Some('(') => self.balanced(out, '(', ')'),
            Some('{') => self.balanced(out, '{', '}'),
            _ => {}
        }
    }

    /// Copies from an opening `open` (at the current position) to its matching `close`, skipping
    /// over quoted text and escapes so that brackets inside them do not count.
    fn balanced(&mut self, out: &mut String, open: char, close: char) {
        let mut depth = 0usize;
        while let Some(c) = self.next() {
            out.push(c);
            match c {
                '\\' => out.extend(self.next()),
                '\'' => {
                    while let Some(c) = self.next() {
                        out.push(c);
                        if c == '\'' {
                            break;
                        }
                    }
                }
                '"' => {
                    while let Some(c) = self.next() {
                        out.push(c);
                        match c {
                            '\\' => out.extend(self.next()),
                            '"' => break,
                            _ => {}
                        }
                    }
                }
                c if c == open => depth += 1,
                c if c == close => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// After an opening backquote: copies up to and including the closing one.
    fn backquoted(&mut self, out: &mut String) {
        out.push('`');
        while let Some(c) = self.next() {
            out.push(c);
            match c {
                '\\' => out.extend(self.next()),
                '`' => return,
                _ => {}
            }
        }
    }

    /// After `$'`: decodes ANSI-C escapes up to the closing `'`.
    fn ansi_c(&mut self, out: &mut String) {
        while let Some(c) = self.next() {
            match c {
                '\'' => return,
                '\\' => {
                    let Some(e) = self.next() else {
                        out.push('\\');
                        return;
                    };
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'a' => out.push('\u{7}'),
                        'b' => out.push('\u{8}'),
                        'e' | 'E' => out.push('\u{1b}'),
                        'f' => out.push('\u{c}'),
                        'v' => out.push('\u{b}'),
                        '\\' | '\'' | '"' | '?' => out.push(e),
                        'x' => {
                            let code = self.digits(16, 2);
                            out.extend(code.and_then(char::from_u32));
                        }
                        '0'..='7' => {
                            self.pos -= 1;
                            let code = self.digits(8, 3);
                            out.extend(code.and_then(char::from_u32));
                        }
                        other => {
                            out.push('\\');
                            out.push(other);
                        }
                    }
                }
                c => out.push(c),
            }
        }
    }

    /// Reads up to `max` digits in `radix`; `None` when there are none.
    fn digits(&mut self, radix: u32, max: usize) -> Option<u32> {
        let mut value = None;
        for _ in 0..max {
            let Some(d) = self.peek().and_then(|c| c.to_digit(radix)) else { break };
            self.pos += 1;
            value = Some(value.unwrap_or(0) * radix + d);
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(unquote("plain"), "plain");
        assert_eq!(unquote("'a b'"), "a b");
        assert_eq!(unquote("\"a \\\"b\\\" \\n\""), "a \"b\" \\n");
        assert_eq!(unquote("a\\ b"), "a b");
        assert_eq!(unquote("--opt=\"x y\"z"), "--opt=x yz");
        assert_eq!(unquote("$'a\\tb\\x41\\101'"), "a\tbAA");
        assert_eq!(unquote("'unterminated"), "unterminated");
        assert_eq!(unquote("\"unterminated"), "unterminated");
        assert_eq!(unquote("trailing\\"), "trailing\\");
    }

    #[test]
    fn expansions_stay_as_written() {
        assert_eq!(unquote("\"$HOME/x\""), "$HOME/x");
        assert_eq!(unquote("${A:-\"d\"}"), "${A:-\"d\"}");
        assert_eq!(unquote("\"$(echo \"a)b\")\"x"), "$(echo \"a)b\")x");
        assert_eq!(unquote("`date`"), "`date`");
        assert_eq!(unquote("$((1 + (2)))"), "$((1 + (2)))");
        assert!(has_expansion("a$B"));
        assert!(has_expansion("\"${B}\""));
        assert!(has_expansion("`x`"));
        assert!(!has_expansion("'$B'"));
        assert!(!has_expansion("a\\$B"));
        assert!(!has_expansion("cost$"));
    }
}
