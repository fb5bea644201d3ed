//! Word expansion as BuildKit does it for Dockerfile instructions (`frontend/dockerfile/shell`,
//! `ProcessWord`): quote removal, the escape character, and `$A`, `${A}`, `${A:-x}`, `${A-x}`,
//! `${A:+x}`, `${A+x}`, `${A:?x}`, `${A?x}`, `${A#p}`, `${A##p}`, `${A%p}`, `${A%%p}`,
//! `${A/p/r}`, `${A//p/r}`.
//!
//! Two departures, both for a linter's sake. A variable whose value is only known at build time
//! ([`Binding::Unknown`]: an ARG without default, a variable a base image may set) is left as
//! written, modifier and all, instead of becoming empty. And where BuildKit stops the build with
//! an error (a missing `}`, a bad modifier, `${A:?}` on an unset variable) the offending expression
//! is left as written and expansion goes on.

/// What a variable name is bound to, for [`expand_with`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    /// Set, to this value.
    Value(String),
    /// Declared or possibly set, but its value is only known at build time: kept as written.
    Unknown,
    /// Not set: expands as BuildKit expands an unset variable (empty, or a `:-` default).
    Unset,
}

/// Expands `text` the way BuildKit expands an instruction's word, with `escape` as the escape
/// character (`\` or `` ` ``) and `lookup` giving each variable's binding.
pub fn expand_with(text: &str, escape: char, lookup: &dyn Fn(&str) -> Binding) -> String {
    // Most words have nothing to expand or remove: no quote, no `$`, no escape character.
    if !text.chars().any(|c| matches!(c, '\'' | '"' | '$') || c == escape) {
        return text.to_string();
    }
    let mut lexer = Lexer { chars: text.chars().collect(), pos: 0, escape, lookup, depth: 0 };
    lexer.process_stop_on(None, false).0
}

/// Names that `$` can be followed by as a one-character special parameter.
fn is_special_param(c: char) -> bool {
    matches!(c, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0')
}

struct Lexer<'a> {
    chars: Vec<char>,
    pos: usize,
    escape: char,
    lookup: &'a dyn Fn(&str) -> Binding,
    /// How many `${` are open.
    depth: usize,
}

/// How deeply `${...}` may nest before the rest is kept as written (see [`Lexer::dollar`]).
const MAX_DEPTH: usize = 64;

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.pos += usize::from(c.is_some());
        c
    }

    fn raw(&self, from: usize) -> String {
        self.chars[from..self.pos.min(self.chars.len())].iter().collect()
    }

    /// Processes up to `stop` (consumed) or the end. Returns the text and whether `stop` was
    /// found (always true without a stop character). With `raw_escapes` the escape character is
    /// kept, for patterns that give it meaning.
    fn process_stop_on(&mut self, stop: Option<char>, raw_escapes: bool) -> (String, bool) {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if Some(c) == stop {
                self.pos += 1;
                return (out, true);
            }
            match c {
                '\'' => self.single_quoted(&mut out),
                '"' => self.double_quoted(&mut out),
                '$' => self.dollar(&mut out),
                _ => {
                    self.pos += 1;
                    if c == self.escape {
                        if raw_escapes {
                            out.push(c);
                        }
                        match self.next() {
                            Some(escaped) => out.push(escaped),
                            None => break,
                        }
                    } else {
                        out.push(c);
                    }
                }
            }
        }
        (out, stop.is_none())
    }

    /// `'...'`: everything taken as is; no escapes.
    fn single_quoted(&mut self, out: &mut String) {
        self.pos += 1;
        while let Some(c) = self.next() {
            if c == '\'' {
                return;
            }
            out.push(c);
        }
    }

    /// `"..."`: variables expand; the escape character escapes only `"`, `$` and itself.
    fn double_quoted(&mut self, out: &mut String) {
        self.pos += 1;
        while let Some(c) = self.peek() {
            match c {
                '"' => {
                    self.pos += 1;
                    return;
                }
                '$' => self.dollar(out),
                _ => {
                    self.pos += 1;
                    if c == self.escape {
                        match self.peek() {
                            None => continue,
                            Some(e) if e == '"' || e == '$' || e == self.escape => {
                                self.pos += 1;
                                out.push(e);
                                continue;
                            }
                            Some(_) => {}
                        }
                    }
                    out.push(c);
                }
            }
        }
    }

    /// A variable name: digits, one special parameter, or letters, digits and `_`.
    fn name(&mut self) -> String {
        let mut name = String::new();
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    name.push(d);
                    self.pos += 1;
                }
            }
            Some(c) if is_special_param(c) => {
                name.push(c);
                self.pos += 1;
            }
            _ => {
                while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
                    name.push(c);
                    self.pos += 1;
                }
            }
        }
        name
    }

    /// At a `$`: expands what follows into `out`.
    fn dollar(&mut self, out: &mut String) {
        let start = self.pos;
        self.pos += 1;
        if self.peek() != Some('{') {
            let name = self.name();
            match (name.is_empty(), (self.lookup)(&name)) {
                (true, _) => out.push('$'),
                (false, Binding::Value(v)) => out.push_str(&v),
                (false, Binding::Unset) => {}
                (false, Binding::Unknown) => out.push_str(&self.raw(start)),
            }
            return;
        }
        self.pos += 1;
        if self.depth >= MAX_DEPTH {
            // Nested too deep to be real: kept as written, and the recursion stays bounded.
            out.push_str("${");
            return;
        }
        self.depth += 1;
        let braced = self.braced();
        self.depth -= 1;
        match braced {
            Some(expanded) => out.push_str(&expanded),
            // BuildKit fails the build here; keep the text as written and go on.
            None => out.push_str(&self.raw(start)),
        }
    }

    /// After `${`: the rest of the expression. `None` on a syntax error or an unknown value,
    /// which leave the expression as written.
    fn braced(&mut self) -> Option<String> {
        if matches!(self.peek(), None | Some('{' | '}' | ':')) {
            self.pos = self.chars.len().min(self.pos + 1);
            return None;
        }
        let name = self.name();
        let op = self.next()?;
        match op {
            '}' => match (self.lookup)(&name) {
                Binding::Value(v) => Some(v),
                Binding::Unset => Some(String::new()),
                Binding::Unknown => None,
            },
            ':' | '+' | '-' | '?' | '#' | '%' => {
                let null_is_unset = op == ':';
                let op = if null_is_unset { self.next()? } else { op };
                if null_is_unset && !matches!(op, '+' | '-' | '?') {
                    self.skip_to_brace();
                    return None;
                }
                let raw_escapes = matches!(op, '#' | '%');
                let (word, closed) = self.process_stop_on(Some('}'), raw_escapes);
                if !closed {
                    return None;
                }
                let (value, set) = match (self.lookup)(&name) {
                    Binding::Value(v) => (v, true),
                    Binding::Unset => (String::new(), false),
                    Binding::Unknown => return None,
                };
                let missing = !set || (null_is_unset && value.is_empty());
                Some(match op {
                    '-' if missing => word,
                    '-' => value,
                    '+' if missing => String::new(),
                    '+' => word,
                    // `${A:?message}` on an unset A stops the build; keep it visible.
                    '?' if missing => return None,
                    '?' => value,
                    _ => {
                        let (greedy, pattern) = match word.strip_prefix(op) {
                            Some(rest) => (true, rest.to_string()),
                            None => (false, word),
                        };
                        let pattern = Pattern::new(&pattern, self.escape);
                        if op == '#' {
                            pattern.trim_prefix(&value, greedy)
                        } else {
                            pattern.trim_suffix(&value, greedy)
                        }
                    }
                })
            }
            '/' => {
                let all = self.peek() == Some('/');
                if all {
                    self.pos += 1;
                }
                let (pattern, closed) = self.process_stop_on(Some('/'), true);
                if !closed {
                    return None;
                }
                let (replacement, closed) = self.process_stop_on(Some('}'), true);
                if !closed {
                    return None;
                }
                let value = match (self.lookup)(&name) {
                    Binding::Value(v) => v,
                    Binding::Unset => String::new(),
                    Binding::Unknown => return None,
                };
                Some(Pattern::new(&pattern, self.escape).replace(&value, &replacement, all))
            }
            _ => {
                self.skip_to_brace();
                None
            }
        }
    }

    fn skip_to_brace(&mut self) {
        while let Some(c) = self.next() {
            if c == '}' {
                return;
            }
        }
    }
}

/// A shell pattern (`*`, `?`, `[...]`, escaped characters), as BuildKit turns into a regexp for
/// `#`, `%` and `/` modifiers.
struct Pattern {
    tokens: Vec<Token>,
}

#[derive(Debug)]
enum Token {
    Star,
    Any,
    Class { negated: bool, ranges: Vec<(char, char)> },
    Literal(char),
}

impl Token {
    fn matches(&self, c: char) -> bool {
        match self {
            Token::Star => true,
            Token::Any => true,
            Token::Class { negated, ranges } => ranges.iter().any(|&(a, b)| (a..=b).contains(&c)) != *negated,
            Token::Literal(l) => *l == c,
        }
    }
}

impl Pattern {
    fn new(pattern: &str, escape: char) -> Pattern {
        let chars: Vec<char> = pattern.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            tokens.push(match c {
                '*' => Token::Star,
                '?' => Token::Any,
                c if c == escape && i < chars.len() => {
                    i += 1;
                    Token::Literal(chars[i - 1])
                }
                '[' => match Self::class(&chars[i..]) {
                    Some((token, used)) => {
                        i += used;
                        token
                    }
                    None => Token::Literal('['),
                },
                c => Token::Literal(c),
            });
        }
        Pattern { tokens }
    }

    /// After `[`: the class and how many characters it took (closing `]` included).
    fn class(chars: &[char]) -> Option<(Token, usize)> {
        let mut i = 0;
        let negated = matches!(chars.first(), Some('!' | '^'));
        i += usize::from(negated);
        let mut ranges = Vec::new();
        let mut first = true;
        while i < chars.len() {
            let c = chars[i];
            if c == ']' && !first {
                return Some((Token::Class { negated, ranges }, i + 1));
            }
            first = false;
            if chars.get(i + 1) == Some(&'-') && chars.get(i + 2).is_some_and(|&e| e != ']') {
                ranges.push((c, chars[i + 2]));
                i += 3;
            } else {
                ranges.push((c, c));
                i += 1;
            }
        }
        None
    }

    /// Does the pattern match all of `text`?
    fn matches(&self, text: &[char]) -> bool {
        let (mut t, mut p) = (0, 0);
        let mut backtrack: Option<(usize, usize)> = None;
        while t < text.len() {
            match self.tokens.get(p) {
                Some(Token::Star) => {
                    backtrack = Some((p, t));
                    p += 1;
                }
                Some(token) if token.matches(text[t]) => {
                    p += 1;
                    t += 1;
                }
                _ => match backtrack {
                    Some((star, from)) => {
                        p = star + 1;
                        t = from + 1;
                        backtrack = Some((star, from + 1));
                    }
                    None => return false,
                },
            }
        }
        self.tokens[p..].iter().all(|token| matches!(token, Token::Star))
    }

    fn trim_prefix(&self, value: &str, greedy: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let mut lengths: Box<dyn Iterator<Item = usize>> =
            if greedy { Box::new((0..=chars.len()).rev()) } else { Box::new(0..=chars.len()) };
        match lengths.find(|&n| self.matches(&chars[..n])) {
            Some(n) => chars[n..].iter().collect(),
            None => value.to_string(),
        }
    }

    fn trim_suffix(&self, value: &str, greedy: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let len = chars.len();
        let mut lengths: Box<dyn Iterator<Item = usize>> =
            if greedy { Box::new((0..=len).rev()) } else { Box::new(0..=len) };
        match lengths.find(|&n| self.matches(&chars[len - n..])) {
            Some(n) => chars[..len - n].iter().collect(),
            None => value.to_string(),
        }
    }

    /// Replaces the leftmost-longest match (every non-overlapping one with `all`).
    fn replace(&self, value: &str, replacement: &str, all: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let mut out = String::new();
        let mut start = 0;
        while start <= chars.len() {
            let found = (start..=chars.len())
                .find_map(|s| (s..=chars.len()).rev().find(|&e| self.matches(&chars[s..e])).map(|e| (s, e)));
            let Some((s, e)) = found else { break };
            out.extend(&chars[start..s]);
            out.push_str(replacement);
            if !all {
                start = e;
                break;
            }
            if e == s {
                // An empty match: keep one character and move on.
                if let Some(&c) = chars.get(e) {
                    out.push(c);
                }
                start = e + 1;
            } else {
                start = e;
            }
        }
        if start < chars.len() {
            out.extend(&chars[start..]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    /// 100,000 nested `${A:-`: no stack overflow; what is nested too deep is kept as written.
    #[test]
    fn deep_nesting_is_bounded() {
        let n = 100_000;
        let text = format!("{}x{}", "${A:-".repeat(n), "}".repeat(n));
        let out = super::expand_with(&text, '\\', &|_| super::Binding::Unset);
        assert!(out.len() < text.len());
        let shallow = format!("{}x{}", "${A:-".repeat(10), "}".repeat(10));
        assert_eq!(super::expand_with(&shallow, '\\', &|_| super::Binding::Unset), "x");
    }

    use super::*;

    fn env(name: &str) -> Binding {
        match name {
            "A" => Binding::Value("hello".into()),
            "EMPTY" => Binding::Value(String::new()),
            "PATHV" => Binding::Value("/usr/local/bin:/usr/bin:/bin".into()),
            "FILE" => Binding::Value("archive.tar.gz".into()),
            "U" => Binding::Unknown,
            _ => Binding::Unset,
        }
    }

    fn x(text: &str) -> String {
        expand_with(text, '\\', &env)
    }

    #[test]
    fn plain_and_braced() {
        assert_eq!(x("$A ${A} ${A}x $Ax"), "hello hello hellox ");
        assert_eq!(x("$NOPE-${NOPE}-"), "--");
        assert_eq!(x("cost $ 5 $"), "cost $ 5 $");
        assert_eq!(x("$1$@"), "");
    }

    #[test]
    fn modifiers() {
        assert_eq!(x("${A:-d} ${NOPE:-d} ${EMPTY:-d} ${EMPTY-d} ${NOPE-d}"), "hello d d  d");
        assert_eq!(x("${A:+s} ${NOPE:+s} ${EMPTY:+s} ${EMPTY+s}"), "s   s");
        assert_eq!(x("${A:?err} ${A?err}"), "hello hello");
        assert_eq!(x("${NOPE:?must be set}"), "${NOPE:?must be set}");
        assert_eq!(x("${NOPE:-${A}x}"), "hellox");
        assert_eq!(x("${NOPE:-\"two words\"}"), "two words");
    }

    #[test]
    fn patterns() {
        assert_eq!(x("${FILE#*.}"), "tar.gz");
        assert_eq!(x("${FILE##*.}"), "gz");
        assert_eq!(x("${FILE%.*}"), "archive.tar");
        assert_eq!(x("${FILE%%.*}"), "archive");
        assert_eq!(x("${PATHV/bin/BIN}"), "/usr/local/BIN:/usr/bin:/bin");
        assert_eq!(x("${PATHV//bin/BIN}"), "/usr/local/BIN:/usr/BIN:/BIN");
        assert_eq!(x("${FILE/[a-c]r/X}"), "Xchive.tar.gz");
        assert_eq!(x("${FILE#\\*}"), "archive.tar.gz");
        assert_eq!(x("${FILE%.g?}"), "archive.tar");
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(x("'$A' \"$A\" \\$A"), "$A hello $A");
        assert_eq!(x("\"a\\\"b\\n\""), "a\"b\\n");
        assert_eq!(x("a\\ b"), "a b");
        assert_eq!(expand_with("a`$A `` b", '`', &env), "a$A ` b");
        assert_eq!(expand_with("C:\\dir\\$A", '`', &env), "C:\\dir\\hello");
    }

    #[test]
    fn unknown_stays_as_written() {
        assert_eq!(x("$U ${U} ${U:-d} ${U#x} \"$U\""), "$U ${U} ${U:-d} ${U#x} $U");
    }

    #[test]
    fn errors_stay_as_written() {
        assert_eq!(x("${A"), "${A");
        assert_eq!(x("${}x"), "${}x");
        assert_eq!(x("${A:x} y"), "${A:x} y");
        assert_eq!(x("${A^^} y"), "${A^^} y");
        assert_eq!(x("'open"), "open");
        assert_eq!(x("\"open $A"), "open hello");
    }
}
