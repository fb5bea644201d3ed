//! A quote-aware reading of shell-form command text: which blanks the shell reads as word
//! separators, and where the top-level `&&` operators are.
//!
//! The formatter only ever changes blanks that the shell treats alike: a run of unquoted blanks
//! between words means the same as one blank. [`scan`] finds those runs; anything it cannot read
//! with certainty (an unclosed quote, a `${...}` holding quotes) is taken literally from there on,
//! so that the formatter leaves it alone. Mistakes in the *structure* it reports (compound-command
//! depth, which `&&` is top-level) only affect layout, never meaning: line breaks go where blanks
//! already were.

/// What [`scan`] found in a command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ShellScan {
    /// Per byte: an unquoted blank (space or tab) in code, which the shell reads as (part of) a word
    /// separator. Quoted text, escaped characters, comments and anything after an unreadable
    /// construct are never free.
    pub(crate) free: Vec<bool>,
    /// Byte offsets of the `&&` operators at the top level (outside quotes, substitutions,
    /// subshells, groups and compound commands) with a blank right before and right after.
    pub(crate) and_ops: Vec<usize>,
    /// The top level has a `;`, a `&`, a line break or a comment: a script rather than a chain.
    pub(crate) sequential: bool,
    /// Something could not be read (an unclosed quote, substitution or expansion, a `${...}` with
    /// quotes inside): the text from there on is taken literally.
    pub(crate) gave_up: bool,
}

/// Reads `text` (a shell-form command, continuations already joined).
///
/// The command may be meant for a POSIX shell (the default on Linux), `cmd` (the default on
/// Windows) or PowerShell (a common `SHELL`): a blank is free only when all three read it as a
/// separator outside quotes.
pub(crate) fn scan(text: &str) -> ShellScan {
    let mut scanner =
        Scanner { s: text.as_bytes(), i: 0, scan: ShellScan { free: vec![false; text.len()], ..ShellScan::default() } };
    if !scanner.code(Ctx { in_parens: false, literal: false, top: true }) {
        scanner.scan.gave_up = true;
    }
    let mut scan = scanner.scan;
    let (cmd, powershell) = (cmd_free(text.as_bytes()), powershell_free(text.as_bytes()));
    for ((free, cmd), powershell) in scan.free.iter_mut().zip(cmd).zip(powershell) {
        *free = *free && cmd && powershell;
    }
    scan
}

/// Blanks outside quotes for `cmd`: `"` opens and closes a quote, nothing escapes it.
fn cmd_free(s: &[u8]) -> Vec<bool> {
    let mut quoted = false;
    s.iter()
        .map(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            !quoted && is_blank(b)
        })
        .collect()
}

/// Blanks outside quotes for PowerShell: `'...'` (`''` inside), `"..."` (`""` and `` ` ``
/// escapes, `$(...)` subexpressions with quotes of their own inside), `` ` `` escapes outside.
/// Text that does not close makes nothing after it free.
fn powershell_free(s: &[u8]) -> Vec<bool> {
    let mut free = vec![false; s.len()];
    let mut i = 0;
    while i < s.len() {
        let next = match s[i] {
            b'`' => Some(i + 2),
            b'\'' => powershell_single(s, i + 1),
            b'"' => powershell_double(s, i + 1),
            b => {
                free[i] = is_blank(b);
                Some(i + 1)
            }
        };
        match next {
            Some(next) => i = next,
            None => break,
        }
    }
    free
}

/// After a `'`: the index after the closing one.
fn powershell_single(s: &[u8], mut i: usize) -> Option<usize> {
    while i < s.len() {
        if s[i] == b'\'' {
            if s.get(i + 1) != Some(&b'\'') {
                return Some(i + 1);
            }
            i += 1;
        }
        i += 1;
    }
    None
}

/// After a `"`: the index after the closing one.
fn powershell_double(s: &[u8], mut i: usize) -> Option<usize> {
    while i < s.len() {
        match s[i] {
            b'`' => i += 2,
            b'"' if s.get(i + 1) == Some(&b'"') => i += 2,
            b'"' => return Some(i + 1),
            b'$' if s.get(i + 1) == Some(&b'(') => i = powershell_subexpression(s, i + 2)?,
            _ => i += 1,
        }
    }
    None
}

/// After a `$(`: the index after the matching `)`.
fn powershell_subexpression(s: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 1usize;
    while i < s.len() {
        match s[i] {
            b'`' => i += 2,
            b'\'' => i = powershell_single(s, i + 1)?,
            b'"' => i = powershell_double(s, i + 1)?,
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// `text` with every run of free blanks (see [`ShellScan::free`]) replaced by one space: two
/// commands the shell reads the same way, up to separating blanks, normalise to the same string.
pub(crate) fn normalize(text: &str) -> String {
    let scan = scan(text);
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    for (i, c) in text.char_indices() {
        if scan.free[i] {
            if !in_run {
                out.push(' ');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

#[derive(Clone, Copy)]
struct Ctx {
    /// Inside `(...)`, `$(...)`: an unmatched `)` ends the code.
    in_parens: bool,
    /// Inside double quotes (a `$(...)` there): nothing is free.
    literal: bool,
    /// The command itself, not a nested part: `&&` and separators are recorded.
    top: bool,
}

struct Scanner<'a> {
    s: &'a [u8],
    i: usize,
    scan: ShellScan,
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Bytes that end a plain word.
fn ends_word(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>' | b'"' | b'\'' | b'`' | b'$' | b'\\'
    )
}

impl Scanner<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.s.get(self.i + ahead).copied()
    }

    /// Shell code up to an unmatched `)` (with `ctx.in_parens`) or the end. False when the text
    /// ends inside an unclosed construct, or something could not be read: the caller stops.
    fn code(&mut self, ctx: Ctx) -> bool {
        // Compound-command nesting (`if`, `case`, `for`, `while`, `until`, `{`, `[[`).
        let mut depth = 0usize;
        // Open `case` statements: a `)` in them ends a pattern, not the parentheses.
        let mut cases = 0usize;
        // The next byte starts a word (so `#` starts a comment).
        let mut word_start = true;
        // A word here is in command position (reserved words count).
        let mut command_start = true;
        let record = ctx.top && !ctx.literal;
        while let Some(c) = self.peek(0) {
            match c {
                b' ' | b'\t' => {
                    if !ctx.literal {
                        self.scan.free[self.i] = true;
                    }
                    self.i += 1;
                    word_start = true;
                }
                b'\n' => {
                    if record && depth == 0 {
                        self.scan.sequential = true;
                    }
                    self.i += 1;
                    word_start = true;
                    command_start = true;
                }
                b'#' if word_start => {
                    // A comment, to the end of the line; taken literally.
                    if record {
                        self.scan.sequential = true;
                    }
                    while self.peek(0).is_some_and(|b| b != b'\n') {
                        self.i += 1;
                    }
                }
                b'&' => {
                    let after_redirect = self.i > 0 && matches!(self.s[self.i - 1], b'>' | b'<');
                    if self.peek(1) == Some(b'&') {
                        let blank_before = self.i > 0 && is_blank(self.s[self.i - 1]);
                        let blank_after = self.peek(2).is_some_and(is_blank);
                        if record && depth == 0 && blank_before && blank_after {
                            self.scan.and_ops.push(self.i);
                        }
                        self.i += 2;
                        command_start = true;
                    } else if self.peek(1) == Some(b'>') || after_redirect {
                        // `&>file`, `>&2`, `<&0`: a redirection.
                        self.i += 1;
                    } else {
                        if record && depth == 0 {
                            self.scan.sequential = true;
                        }
                        self.i += 1;
                        command_start = true;
                    }
                    word_start = true;
                }
                b'|' => {
                    self.i += if matches!(self.peek(1), Some(b'|' | b'&')) { 2 } else { 1 };
                    word_start = true;
                    command_start = true;
                }
                b';' => {
                    if record && depth == 0 {
                        self.scan.sequential = true;
                    }
                    self.i += 1;
                    word_start = true;
                    command_start = true;
                }
                b'(' => {
                    self.i += 1;
                    if !self.code(Ctx { in_parens: true, top: false, ..ctx }) {
                        return false;
                    }
                    word_start = false;
                    command_start = false;
                }
                b')' => {
                    self.i += 1;
                    if ctx.in_parens && cases == 0 {
                        return true;
                    }
                    word_start = true;
                    command_start = true;
                }
                b'<' | b'>' => {
                    self.i += 1;
                    word_start = true;
                }
                b'\\' => {
                    self.i = (self.i + 2).min(self.s.len());
                    word_start = false;
                    command_start = false;
                }
                b'\'' | b'"' | b'`' | b'$' => {
                    if !self.quoted_or_expansion() {
                        return false;
                    }
                    word_start = false;
                    command_start = false;
                }
                _ => {
                    let start = self.i;
                    while self.peek(0).is_some_and(|b| !ends_word(b)) {
                        self.i += 1;
                    }
                    let whole =
                        self.peek(0).is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b')'));
                    if command_start && whole {
                        match &self.s[start..self.i] {
                            b"case" => {
                                depth += 1;
                                cases += 1;
                                command_start = false;
                            }
                            b"if" | b"for" | b"while" | b"until" | b"select" | b"{" | b"[[" => depth += 1,
                            b"esac" => {
                                depth = depth.saturating_sub(1);
                                cases = cases.saturating_sub(1);
                                command_start = false;
                            }
                            b"fi" | b"done" | b"}" => {
                                depth = depth.saturating_sub(1);
                                command_start = false;
                            }
                            b"then" | b"else" | b"elif" | b"do" | b"!" | b"time" => {}
                            _ => command_start = false,
                        }
                    } else if &self.s[start..self.i] == b"]]" && depth > 0 {
                        depth -= 1;
                        command_start = false;
                    } else {
                        command_start = false;
                    }
                    word_start = false;
                }
            }
        }
        !ctx.in_parens
    }

    /// A quoted string, a substitution or an expansion starting at `self.i` (on `'`, `"`, `` ` ``
    /// or `$`), taken literally. False if it is not closed or cannot be read.
    fn quoted_or_expansion(&mut self) -> bool {
        match (self.s[self.i], self.peek(1)) {
            (b'\'', _) => self.single(),
            (b'"', _) => self.double(),
            (b'`', _) => self.backtick(),
            (b'$', Some(b'\'')) => {
                self.i += 1;
                self.ansi_c()
            }
            (b'$', Some(b'"')) => {
                self.i += 1;
                self.double()
            }
            (b'$', Some(b'(')) => {
                self.i += 2;
                // The substitution's blanks are code, but it is taken literally: only the
                // command's own blanks are ever changed.
                self.code(Ctx { in_parens: true, literal: true, top: false })
            }
            (b'$', Some(b'{')) => {
                self.i += 2;
                self.parameter()
            }
            _ => {
                self.i += 1;
                true
            }
        }
    }

    /// `'...'`.
    fn single(&mut self) -> bool {
        match self.s[self.i + 1..].iter().position(|&b| b == b'\'') {
            Some(n) => {
                self.i += n + 2;
                true
            }
            None => false,
        }
    }

    /// `$'...'` (on the `'`): backslash escapes a quote.
    fn ansi_c(&mut self) -> bool {
        self.i += 1;
        while let Some(b) = self.peek(0) {
            match b {
                b'\\' => self.i += 2,
                b'\'' => {
                    self.i += 1;
                    return true;
                }
                _ => self.i += 1,
            }
        }
        false
    }

    /// `` `...` ``.
    fn backtick(&mut self) -> bool {
        self.i += 1;
        while let Some(b) = self.peek(0) {
            match b {
                b'\\' => self.i += 2,
                b'`' => {
                    self.i += 1;
                    return true;
                }
                _ => self.i += 1,
            }
        }
        false
    }

    /// `"..."`, with the substitutions and expansions inside it.
    fn double(&mut self) -> bool {
        self.i += 1;
        while let Some(b) = self.peek(0) {
            match b {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return true;
                }
                b'`' => {
                    if !self.backtick() {
                        return false;
                    }
                }
                b'$' if matches!(self.peek(1), Some(b'(' | b'{')) => {
                    if !self.quoted_or_expansion() {
                        return false;
                    }
                }
                _ => self.i += 1,
            }
        }
        false
    }

    /// `${...}` after the `${`. Quotes inside one are read differently by different shells (and
    /// inside or outside double quotes): such an expansion is not read at all.
    fn parameter(&mut self) -> bool {
        let mut depth = 1usize;
        while let Some(b) = self.peek(0) {
            match b {
                b'\\' => self.i += 2,
                b'\'' | b'"' | b'`' => return false,
                b'{' => {
                    depth += 1;
                    self.i += 1;
                }
                b'}' => {
                    self.i += 1;
                    depth -= 1;
                    if depth == 0 {
                        return true;
                    }
                }
                _ => self.i += 1,
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn free(text: &str) -> String {
        let scan = scan(text);
        text.bytes().zip(&scan.free).map(|(b, &f)| if f { '_' } else { b as char }).collect()
    }

    #[test]
    fn quoted_blanks_are_not_free() {
        assert_eq!(free("a  'b  c' \"d  e\" f\\ g"), "a__'b  c'_\"d  e\"_f\\ g");
        assert_eq!(free("echo $'a  b' $(p  q)\t`x  y`"), "echo_$'a  b'_$(p  q)_`x  y`");
        assert_eq!(free("echo \"$(echo \")  \")\"  z"), "echo_\"$(echo \")  \")\"__z");
        assert_eq!(free("x ${a:- b}  y"), "x_${a:- b}__y");
    }

    #[test]
    fn comments_and_unreadable_text_are_literal() {
        assert_eq!(free("a # b  c"), "a_# b  c");
        assert_eq!(free("a#b  c"), "a#b__c");
        let s = scan("a  'open  b");
        assert!(s.gave_up);
        assert_eq!(free("a  'open  b"), "a__'open  b");
        assert!(scan("x ${a:-'q'}  y").gave_up);
    }

    #[test]
    fn top_level_and_operators() {
        let s = scan("a && b || c && (d && e) && if x; then f && g; fi && [[ a && b ]] && h&&i");
        let text = "a && b || c && (d && e) && if x; then f && g; fi && [[ a && b ]] && h&&i";
        let at: Vec<&str> = s.and_ops.iter().map(|&i| &text[..i]).collect();
        assert_eq!(at.len(), 5, "{at:?}");
        assert!(!s.sequential);
        assert!(!scan("a && b | c").sequential);
        assert!(scan("a; b && c").sequential);
        assert!(scan("a & b").sequential);
        assert!(!scan("a >&2 && b &>/dev/null").sequential);
        assert_eq!(scan("a >&2 && b &>/dev/null").and_ops.len(), 1);
    }

    #[test]
    fn case_inside_substitution() {
        // The pattern's `)` does not end the substitution: the quoted blanks after it stay quoted.
        let text = "\"$(case a in a) echo \"x  y\";; esac)\"  z";
        assert_eq!(free(text), "\"$(case a in a) echo \"x  y\";; esac)\"__z");
    }

    #[test]
    fn windows_quotes_are_respected() {
        // cmd: a backslash does not escape a quote.
        assert_eq!(free("echo \\\"a  b\\\"  c"), "echo_\\\"a  b\\\"__c");
        // PowerShell: a backtick escapes a quote inside a string.
        let ps = |text: &str| -> String {
            let free = powershell_free(text.as_bytes());
            text.bytes().zip(free).map(|(b, f)| if f { '_' } else { b as char }).collect()
        };
        assert_eq!(ps("echo \"a `\" b\"  c"), "echo_\"a `\" b\"__c");
        assert_eq!(ps("echo \"$(x \")\")  y\"  c"), "echo_\"$(x \")\")  y\"__c");
        assert_eq!(free("echo 'it''s  x'  c"), "echo_'it''s  x'__c");
    }

    #[test]
    fn normalize_collapses_free_runs_only() {
        assert_eq!(normalize("a \t b  'c  d'"), "a b 'c  d'");
        assert_eq!(normalize("a\\  b"), "a\\  b");
    }
}
