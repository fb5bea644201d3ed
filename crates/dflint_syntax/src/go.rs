//! Go-compatible helpers: `strconv.Quote` and `encoding/json` decoding of exec-form arrays.
//!
//! BuildKit's Dockerfile parser is written in Go, and some of what it does leaks into what a user
//! sees: error messages quote values with `%q` (Go's [`strconv.Quote`]), and an instruction such as
//! `CMD ["a", "b"]` is in exec form exactly when Go's `json.Unmarshal` accepts its argument text as
//! a `[]interface{}`. The functions here reproduce both byte for byte:
//!
//! * [`quote`] and [`quote_list`]: `strconv.Quote(s)` and `fmt.Sprintf("%q", []string{..})`;
//! * [`parse_json_array`] and [`decode_json_string`]: `json.Unmarshal` of a JSON array, with the
//!   tokens of the array's text for a lossless syntax tree.
//!
//! # Unicode version
//!
//! Which characters `strconv.Quote` escapes depends on Go's Unicode tables (`unicode.IsPrint`).
//! Go has shipped Unicode 15.0.0 since Go 1.21 (the upgrades to 15.1 and 16.0 have not landed as of
//! Go 1.25), so [`is_print`] uses the general categories of the `unicode-general-category` crate at
//! 0.6, which is generated from Unicode 15.0.0 as well (a test checks this). Characters assigned in
//! Unicode 15.1 or later are therefore unassigned here, as in Go, and get escaped.
//!
//! [`strconv.Quote`]: https://pkg.go.dev/strconv#Quote

use std::fmt::Write as _;
use std::ops::Range;

use unicode_general_category::{get_general_category, GeneralCategory};

/// Reports whether Go's `strconv.IsPrint` (the same as `unicode.IsPrint`) holds for `c`: letters,
/// marks, numbers, punctuation and symbols (general categories L, M, N, P and S), plus the ASCII
/// space U+0020. Other spaces (such as U+00A0), format characters (such as U+200B and U+FEFF),
/// controls, private-use and unassigned code points are not printable.
pub fn is_print(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' '..='~');
    }
    use GeneralCategory as G;
    match get_general_category(c) {
        G::UppercaseLetter
        | G::LowercaseLetter
        | G::TitlecaseLetter
        | G::ModifierLetter
        | G::OtherLetter
        | G::NonspacingMark
        | G::SpacingMark
        | G::EnclosingMark
        | G::DecimalNumber
        | G::LetterNumber
        | G::OtherNumber
        | G::ConnectorPunctuation
        | G::DashPunctuation
        | G::OpenPunctuation
        | G::ClosePunctuation
        | G::InitialPunctuation
        | G::FinalPunctuation
        | G::OtherPunctuation
        | G::MathSymbol
        | G::CurrencySymbol
        | G::ModifierSymbol
        | G::OtherSymbol => true,
        G::SpaceSeparator
        | G::LineSeparator
        | G::ParagraphSeparator
        | G::Control
        | G::Format
        | G::Surrogate
        | G::PrivateUse
        | G::Unassigned => false,
    }
}

/// Go's `strconv.Quote(s)`: `s` in double quotes, as a Go string literal.
///
/// `"` and `\` are backslashed; printable characters (see [`is_print`]) are kept as they are;
/// `\a \b \f \n \r \t \v` are written as those escapes; any other character is written as `\xNN`
/// below U+0080, `\uNNNN` below U+10000 and `\UNNNNNNNN` above, in lowercase hexadecimal.
///
/// ```
/// use dflint_syntax::go::quote;
/// assert_eq!(quote("a \"b\"\n"), r#""a \"b\"\n""#);
/// assert_eq!(quote("\0 \u{a0} ♥"), r#""\x00 \u00a0 ♥""#);
/// ```
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ if is_print(c) => out.push(c),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            // Writing to a `String` cannot fail.
            _ if c.is_ascii() => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            _ if u32::from(c) < 0x1_0000 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            _ => {
                let _ = write!(out, "\\U{:08x}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

/// Go's `fmt.Sprintf("%q", items)` for a `[]string`: each item [`quote`]d, separated by one space,
/// in brackets; `[]` when there are none.
///
/// ```
/// use dflint_syntax::go::quote_list;
/// assert_eq!(quote_list(&["a", "b c"]), r#"["a" "b c"]"#);
/// assert_eq!(quote_list(&[] as &[&str]), "[]");
/// ```
pub fn quote_list(items: &[impl AsRef<str>]) -> String {
    let mut out = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&quote(item.as_ref()));
    }
    out.push(']');
    out
}

/// What a [`JsonArray`] token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonTokenKind {
    /// The `[` opening the array.
    LBrack,
    /// The `]` closing the array.
    RBrack,
    /// A `,` between two elements.
    Comma,
    /// A run of JSON whitespace (space, `\t`, `\n`, `\r`) outside the elements.
    Whitespace,
    /// An element that is a string literal, quotes included.
    String,
    /// An element that is not a string (number, `true`, `false`, `null`, array or object), whole:
    /// nested structure and the whitespace inside it included.
    Other,
}

/// A JSON array that Go's `json.Unmarshal` accepts as a `[]interface{}`: see [`parse_json_array`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonArray {
    /// Tokens covering `text` exactly, in order, as byte ranges into it (concatenated they give
    /// back `text`).
    pub tokens: Vec<(JsonTokenKind, Range<usize>)>,
    /// The decoded elements when every element is a string; `None` when some element is not a
    /// string (number, true/false/null, array, object): BuildKit then fails with "when using JSON
    /// array syntax, arrays must be comprised of strings only".
    pub strings: Option<Vec<String>>,
}

/// Go's `encoding/json` nesting limit (`maxNestingDepth`): 10000 open arrays and objects are
/// accepted, one more is an error.
const MAX_NESTING_DEPTH: usize = 10_000;

/// Parses `text` the way Go's `json.Unmarshal([]byte(text), &v)` does with `var v []interface{}`.
///
/// `None` when `text` is not one valid JSON array (BuildKit then treats the text as shell form):
/// a syntax error anywhere, anything but JSON whitespace after the closing `]`, a top-level value
/// that is not an array, more than 10000 nested arrays and objects, or a number anywhere in it
/// that overflows a `float64` (such as `1e400`: Go's decoder converts every number to a `float64`
/// and `json.Unmarshal` then fails with "cannot unmarshal number 1e400 into ... float64").
///
/// Runs in linear time with an explicit stack, so any nesting depth is safe.
///
/// ```
/// use dflint_syntax::go::parse_json_array;
/// let array = parse_json_array(r#"["echo", "hi"]"#).unwrap();
/// assert_eq!(array.strings, Some(vec!["echo".to_owned(), "hi".to_owned()]));
/// assert_eq!(parse_json_array(r#"[1, "a"]"#).unwrap().strings, None);
/// assert_eq!(parse_json_array(r#"["a",]"#), None);
/// ```
pub fn parse_json_array(text: &str) -> Option<JsonArray> {
    let b = text.as_bytes();
    let mut tokens = Vec::new();
    let mut strings = Some(Vec::new());

    let mut pos = whitespace_token(b, 0, &mut tokens);
    if b.get(pos) != Some(&b'[') {
        return None;
    }
    tokens.push((JsonTokenKind::LBrack, pos..pos + 1));
    pos = whitespace_token(b, pos + 1, &mut tokens);
    if b.get(pos) == Some(&b']') {
        tokens.push((JsonTokenKind::RBrack, pos..pos + 1));
        pos += 1;
    } else {
        loop {
            let start = pos;
            if b.get(pos) == Some(&b'"') {
                pos = scan_string(b, pos)?;
                tokens.push((JsonTokenKind::String, start..pos));
                if let Some(strings) = &mut strings {
                    strings.push(decode_valid_string(&text[start..pos]));
                }
            } else {
                // The outer array is the first level of nesting.
                pos = scan_value(b, pos, 1)?;
                tokens.push((JsonTokenKind::Other, start..pos));
                strings = None;
            }
            pos = whitespace_token(b, pos, &mut tokens);
            match *b.get(pos)? {
                b',' => {
                    tokens.push((JsonTokenKind::Comma, pos..pos + 1));
                    pos = whitespace_token(b, pos + 1, &mut tokens);
                }
                b']' => {
                    tokens.push((JsonTokenKind::RBrack, pos..pos + 1));
                    pos += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    pos = whitespace_token(b, pos, &mut tokens);
    (pos == b.len()).then_some(JsonArray { tokens, strings })
}

/// Decodes one JSON string literal, quotes included, as Go's `encoding/json` does; `None` when
/// `literal` is not exactly one valid string literal.
///
/// Raw control characters (U+0000 to U+001F) are invalid; the escapes are `\" \\ \/ \b \f \n \r \t`
/// and `\uXXXX` (hexadecimal in either case). A `\u` high surrogate followed by a `\u` low
/// surrogate gives the pair's character; any other surrogate gives U+FFFD, and whatever follows
/// it is decoded on its own (so `"\ud800\u0041"` gives `"\u{fffd}A"`).
///
/// ```
/// use dflint_syntax::go::decode_json_string;
/// assert_eq!(decode_json_string(r#""a\/b\u00e9""#).as_deref(), Some("a/bé"));
/// assert_eq!(decode_json_string(r#""\ud83d\ude00""#).as_deref(), Some("😀"));
/// assert_eq!(decode_json_string(r#""\x41""#), None);
/// ```
pub fn decode_json_string(literal: &str) -> Option<String> {
    (scan_string(literal.as_bytes(), 0)? == literal.len()).then(|| decode_valid_string(literal))
}

/// Whether `c` is JSON whitespace.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// The end of the whitespace starting at `pos` (`pos` itself when there is none).
fn skip_space(b: &[u8], mut pos: usize) -> usize {
    while b.get(pos).copied().is_some_and(is_space) {
        pos += 1;
    }
    pos
}

/// [`skip_space`], pushing a [`JsonTokenKind::Whitespace`] token for what it skipped, if anything.
fn whitespace_token(b: &[u8], pos: usize, tokens: &mut Vec<(JsonTokenKind, Range<usize>)>) -> usize {
    let end = skip_space(b, pos);
    if end > pos {
        tokens.push((JsonTokenKind::Whitespace, pos..end));
    }
    end
}

/// The value of four hexadecimal digits (either case).
fn hex4(digits: &[u8]) -> Option<u32> {
    if digits.len() != 4 {
        return None;
    }
    digits.iter().try_fold(0, |acc, &d| Some(acc * 16 + char::from(d).to_digit(16)?))
}

/// The end of the valid string literal starting at `pos`, or `None`.
fn scan_string(b: &[u8], pos: usize) -> Option<usize> {
    if b.get(pos) != Some(&b'"') {
        return None;
    }
    let mut i = pos + 1;
    loop {
        match *b.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => match *b.get(i + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                b'u' => {
                    hex4(b.get(i + 2..i + 6)?)?;
                    i += 6;
                }
                _ => return None,
            },
            0x00..=0x1f => return None,
            _ => i += 1,
        }
    }
}

/// The end of the run of ASCII digits starting at `pos`.
fn skip_digits(b: &[u8], mut pos: usize) -> usize {
    while b.get(pos).is_some_and(u8::is_ascii_digit) {
        pos += 1;
    }
    pos
}

/// The end of the valid number starting at `pos`, or `None`, also when Go's decoder would fail to
/// convert it to a `float64` because it overflows.
fn scan_number(b: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match *b.get(i)? {
        b'0' => i += 1,
        b'1'..=b'9' => i = skip_digits(b, i),
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        let end = skip_digits(b, i + 1);
        if end == i + 1 {
            return None;
        }
        i = end;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let end = skip_digits(b, i);
        if end == i {
            return None;
        }
        i = end;
    }
    // Both parsers round correctly, so Go's `strconv.ParseFloat` fails with `ErrRange` exactly when
    // Rust's gives an infinity. (Underflow is no error in Go: it gives 0 or a subnormal.)
    let number: f64 = std::str::from_utf8(&b[pos..i]).ok()?.parse().ok()?;
    number.is_finite().then_some(i)
}

/// The end of `literal` (`true`, `false` or `null`) when `b` has it at `pos`.
fn scan_literal(b: &[u8], pos: usize, literal: &[u8]) -> Option<usize> {
    let end = pos + literal.len();
    (b.get(pos..end)? == literal).then_some(end)
}

/// Scans an object member's key and colon starting at `pos`, returning where its value starts.
fn scan_key(b: &[u8], pos: usize) -> Option<usize> {
    let pos = skip_space(b, scan_string(b, pos)?);
    (b.get(pos) == Some(&b':')).then(|| skip_space(b, pos + 1))
}

/// The end of the valid value starting exactly at `pos`, inside `depth` open arrays and objects.
///
/// Iterative, with an explicit stack of the arrays and objects open inside the value.
fn scan_value(b: &[u8], mut pos: usize, depth: usize) -> Option<usize> {
    // The containers open inside the value, innermost last: `true` for an object.
    let mut open: Vec<bool> = Vec::new();
    loop {
        // A value starts at `pos`.
        match *b.get(pos)? {
            c @ (b'[' | b'{') => {
                let is_object = c == b'{';
                open.push(is_object);
                if depth + open.len() > MAX_NESTING_DEPTH {
                    return None;
                }
                pos = skip_space(b, pos + 1);
                let close = if is_object { b'}' } else { b']' };
                if b.get(pos) == Some(&close) {
                    open.pop();
                    pos += 1;
                } else {
                    if is_object {
                        pos = scan_key(b, pos)?;
                    }
                    continue;
                }
            }
            b'"' => pos = scan_string(b, pos)?,
            b't' => pos = scan_literal(b, pos, b"true")?,
            b'f' => pos = scan_literal(b, pos, b"false")?,
            b'n' => pos = scan_literal(b, pos, b"null")?,
            _ => pos = scan_number(b, pos)?,
        }
        // A value ended at `pos`: close the containers that end after it, up to the next value.
        loop {
            let Some(&is_object) = open.last() else {
                return Some(pos);
            };
            pos = skip_space(b, pos);
            match *b.get(pos)? {
                b',' => {
                    pos = skip_space(b, pos + 1);
                    if is_object {
                        pos = scan_key(b, pos)?;
                    }
                    break;
                }
                b']' if !is_object => {
                    open.pop();
                    pos += 1;
                }
                b'}' if is_object => {
                    open.pop();
                    pos += 1;
                }
                _ => return None,
            }
        }
    }
}

/// Decodes a string literal already checked by [`scan_string`], as Go's `encoding/json` `unquote`.
fn decode_valid_string(literal: &str) -> String {
    const REPLACEMENT: char = char::REPLACEMENT_CHARACTER;
    let inner = &literal[1..literal.len() - 1];
    let b = inner.as_bytes();
    let mut out = String::with_capacity(inner.len());
    let mut i = 0;
    // The start of the run of characters copied as they are.
    let mut run = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&inner[run..i]);
        let escape = b.get(i + 1).copied().unwrap_or(b'\\');
        i += 2;
        let c = match escape {
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = b.get(i..i + 4).and_then(hex4).unwrap_or(0xfffd);
                i += 4;
                match unit {
                    0xd800..=0xdbff => {
                        // Go's `utf16.DecodeRune` with the next `\u` escape, if any: a valid pair
                        // consumes both; anything else gives U+FFFD and leaves the next escape
                        // alone.
                        let low = b
                            .get(i..i + 6)
                            .filter(|next| next.starts_with(b"\\u"))
                            .and_then(|next| hex4(&next[2..]))
                            .filter(|low| (0xdc00..=0xdfff).contains(low));
                        match low {
                            Some(low) => {
                                i += 6;
                                char::from_u32(0x1_0000 + ((unit - 0xd800) << 10) + (low - 0xdc00))
                                    .unwrap_or(REPLACEMENT)
                            }
                            None => REPLACEMENT,
                        }
                    }
                    // A lone low surrogate is no `char`.
                    _ => char::from_u32(unit).unwrap_or(REPLACEMENT),
                }
            }
            // `"`, `\` and `/` stand for themselves.
            other => char::from(other),
        };
        out.push(c);
        run = i.min(inner.len());
        i = run;
    }
    out.push_str(&inner[run..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // ---- quote ----

    #[test]
    fn unicode_version_matches_go() {
        // Go 1.21+ ships Unicode 15.0.0 (`unicode.Version`); a crate upgrade must not change it.
        assert_eq!(unicode_general_category::UNICODE_VERSION, (15, 0, 0));
    }

    #[test]
    fn quote_plain_and_backslashed() {
        assert_eq!(quote(""), r#""""#);
        assert_eq!(quote("abc"), r#""abc""#);
        assert_eq!(quote("a b"), r#""a b""#);
        assert_eq!(quote(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quote(r"C:\dir"), r#""C:\\dir""#);
        assert_eq!(quote("'`$"), r#""'`$""#);
    }

    #[test]
    fn quote_named_escapes() {
        assert_eq!(quote("\u{7}\u{8}\u{c}\n\r\t\u{b}"), r#""\a\b\f\n\r\t\v""#);
    }

    #[test]
    fn quote_every_ascii_character() {
        for byte in 0u8..0x80 {
            let c = char::from(byte);
            let expected = match c {
                '"' => r#""\"""#.to_owned(),
                '\\' => r#""\\""#.to_owned(),
                '\u{7}' => r#""\a""#.to_owned(),
                '\u{8}' => r#""\b""#.to_owned(),
                '\u{c}' => r#""\f""#.to_owned(),
                '\n' => r#""\n""#.to_owned(),
                '\r' => r#""\r""#.to_owned(),
                '\t' => r#""\t""#.to_owned(),
                '\u{b}' => r#""\v""#.to_owned(),
                ' '..='~' => format!("\"{c}\""),
                _ => format!("\"\\x{byte:02x}\""),
            };
            assert_eq!(quote(&c.to_string()), expected, "byte {byte:#04x}");
        }
        assert_eq!(quote("\0"), r#""\x00""#);
        assert_eq!(quote("\u{1b}[0m"), r#""\x1b[0m""#);
        assert_eq!(quote("\u{7f}"), r#""\x7f""#);
    }

    #[test]
    fn quote_non_ascii() {
        let cases = [
            ("\u{80}", r#""\u0080""#),
            ("\u{85}", r#""\u0085""#),
            ("\u{9f}", r#""\u009f""#),
            // Spaces other than U+0020 are not printable.
            ("\u{a0}", r#""\u00a0""#),
            ("\u{2003}", r#""\u2003""#),
            ("\u{3000}", r#""\u3000""#),
            ("\u{2028}", r#""\u2028""#),
            ("\u{2029}", r#""\u2029""#),
            // Format characters.
            ("\u{ad}", r#""\u00ad""#),
            ("\u{200b}", r#""\u200b""#),
            ("\u{200d}", r#""\u200d""#),
            ("\u{feff}", r#""\ufeff""#),
            ("\u{e0001}", r#""\U000e0001""#),
            // Private use.
            ("\u{e000}", r#""\ue000""#),
            ("\u{f0000}", r#""\U000f0000""#),
            ("\u{10fffd}", r#""\U0010fffd""#),
            // Unassigned, and noncharacters.
            ("\u{378}", r#""\u0378""#),
            ("\u{fffe}", r#""\ufffe""#),
            ("\u{ffff}", r#""\uffff""#),
            ("\u{10ffff}", r#""\U0010ffff""#),
            // Printable: letters, marks, numbers, punctuation, symbols.
            ("é", r#""é""#),
            ("e\u{301}", "\"e\u{301}\""),
            ("\u{20dd}", "\"\u{20dd}\""),
            ("日本語", r#""日本語""#),
            ("½Ⅻ٣", r#""½Ⅻ٣""#),
            ("«»—¿", r#""«»—¿""#),
            ("♥€", r#""♥€""#),
            ("😀", r#""😀""#),
            ("\u{fffd}", "\"\u{fffd}\""),
            ("\u{10000}", "\"\u{10000}\""),
        ];
        for (input, expected) in cases {
            assert_eq!(quote(input), expected, "{input:?}");
        }
    }

    #[test]
    fn quote_follows_unicode_15_0() {
        // Assigned in Unicode 15.0 (SHAKING FACE, CJK Extension H): printable in Go.
        assert_eq!(quote("\u{1fae8}"), "\"\u{1fae8}\"");
        assert_eq!(quote("\u{31350}"), "\"\u{31350}\"");
        // Assigned in Unicode 15.1 (CJK Extension I) and 16.0 (FACE WITH BAGS UNDER EYES, Legacy
        // Computing Supplement) only: still unassigned, so escaped, in Go.
        assert_eq!(quote("\u{2ebf0}"), r#""\U0002ebf0""#);
        assert_eq!(quote("\u{1fae9}"), r#""\U0001fae9""#);
        assert_eq!(quote("\u{1cc00}"), r#""\U0001cc00""#);
    }

    #[test]
    fn quote_mixed() {
        assert_eq!(quote("a\tb\u{a0}c\"d\u{1}"), r#""a\tb\u00a0c\"d\x01""#);
    }

    #[test]
    fn quote_list_formats_like_go() {
        assert_eq!(quote_list(&[] as &[&str]), "[]");
        assert_eq!(quote_list(&["a"]), r#"["a"]"#);
        assert_eq!(quote_list(&["a", "b"]), r#"["a" "b"]"#);
        assert_eq!(quote_list(&["", "x y", "q\"\n"]), r#"["" "x y" "q\"\n"]"#);
        let owned = vec!["echo".to_owned(), "\u{0}".to_owned()];
        assert_eq!(quote_list(&owned), r#"["echo" "\x00"]"#);
    }

    // ---- JSON ----

    use JsonTokenKind::{Comma, LBrack, Other, RBrack, Whitespace};
    const STRING: JsonTokenKind = JsonTokenKind::String;

    /// Parses `text`, checking the invariants every result must hold.
    fn parse(text: &str) -> Option<JsonArray> {
        let array = parse_json_array(text)?;
        let mut end = 0;
        for (kind, range) in &array.tokens {
            assert_eq!(range.start, end, "{text:?}: tokens not contiguous");
            assert!(range.end > range.start, "{text:?}: empty token");
            if *kind == STRING {
                assert!(decode_json_string(&text[range.clone()]).is_some(), "{text:?}");
            }
            end = range.end;
        }
        assert_eq!(end, text.len(), "{text:?}: tokens do not cover the text");
        let string_tokens: Vec<String> = array
            .tokens
            .iter()
            .filter(|(kind, _)| *kind == STRING)
            .filter_map(|(_, range)| decode_json_string(&text[range.clone()]))
            .collect();
        let any_other = array.tokens.iter().any(|(kind, _)| *kind == Other);
        match &array.strings {
            Some(strings) => {
                assert!(!any_other, "{text:?}");
                assert_eq!(strings, &string_tokens, "{text:?}");
            }
            None => assert!(any_other, "{text:?}"),
        }
        Some(array)
    }

    fn strings(text: &str) -> Option<Vec<String>> {
        parse(text).unwrap_or_else(|| panic!("{text:?} should be a JSON array")).strings
    }

    fn kinds(text: &str) -> Vec<(JsonTokenKind, &str)> {
        let array = parse(text).unwrap_or_else(|| panic!("{text:?} should be a JSON array"));
        array.tokens.into_iter().map(|(kind, range)| (kind, &text[range])).collect()
    }

    fn owned(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn json_string_arrays() {
        assert_eq!(strings(r#"["a", "b"]"#), owned(&["a", "b"]));
        assert_eq!(strings("[]"), owned(&[]));
        assert_eq!(strings("[ ]"), owned(&[]));
        assert_eq!(strings(" \t\r\n[ \"a\" ,\n\"b\"\t] \n"), owned(&["a", "b"]));
        assert_eq!(strings(r#"["/bin/sh","-c","echo hi"]"#), owned(&["/bin/sh", "-c", "echo hi"]));
        assert_eq!(strings(r#"[""]"#), owned(&[""]));
        assert_eq!(strings(r#"["a]", "[b,"]"#), owned(&["a]", "[b,"]));
    }

    #[test]
    fn json_tokens() {
        assert_eq!(
            kinds(r#"["a", "b"]"#),
            [(LBrack, "["), (STRING, r#""a""#), (Comma, ","), (Whitespace, " "), (STRING, r#""b""#), (RBrack, "]")]
        );
        assert_eq!(kinds("[]"), [(LBrack, "["), (RBrack, "]")]);
        assert_eq!(kinds("[ ]"), [(LBrack, "["), (Whitespace, " "), (RBrack, "]")]);
        assert_eq!(
            kinds("  [\"a\"]  "),
            [(Whitespace, "  "), (LBrack, "["), (STRING, r#""a""#), (RBrack, "]"), (Whitespace, "  ")]
        );
        assert_eq!(
            kinds("[ \"a\" ,\t\"b\" ]"),
            [
                (LBrack, "["),
                (Whitespace, " "),
                (STRING, r#""a""#),
                (Whitespace, " "),
                (Comma, ","),
                (Whitespace, "\t"),
                (STRING, r#""b""#),
                (Whitespace, " "),
                (RBrack, "]"),
            ]
        );
        assert_eq!(
            kinds(r#"[1, "a", { "k" : [ 2 ] }, null]"#),
            [
                (LBrack, "["),
                (Other, "1"),
                (Comma, ","),
                (Whitespace, " "),
                (STRING, r#""a""#),
                (Comma, ","),
                (Whitespace, " "),
                (Other, r#"{ "k" : [ 2 ] }"#),
                (Comma, ","),
                (Whitespace, " "),
                (Other, "null"),
                (RBrack, "]"),
            ]
        );
        assert_eq!(kinds(r#"[["a"]]"#), [(LBrack, "["), (Other, r#"["a"]"#), (RBrack, "]")]);
    }

    #[test]
    fn json_non_string_elements() {
        for text in [
            r#"[1, "a"]"#,
            r#"["a", 1]"#,
            r#"[["a"]]"#,
            "[[]]",
            "[{}]",
            "[true]",
            "[false]",
            "[null]",
            r#"[{"a": 1, "b": [true, false, null, {"c": "d"}], "": -0.5e-3}]"#,
            "[0, -0, 1.5, -1.5e10, 1E+2, 1e-2, 10, 0.0, 0e0]",
            // Underflow is no error in Go.
            "[1e-400]",
            "[-4.9e-324]",
            "[1.7976931348623157e308]",
            "[-1.7976931348623157e308]",
            "[0e999999999999999999]",
        ] {
            assert_eq!(strings(text), None, "{text:?}");
        }
    }

    #[test]
    fn json_invalid() {
        for text in [
            "",
            " ",
            "[",
            "]",
            "[[]",
            "[]]",
            "[] []",
            r#"["a",]"#,
            r#"[,"a"]"#,
            "[,]",
            r#"["a" "b"]"#,
            r#"["a",,"b"]"#,
            "['a']",
            r#"["a"] x"#,
            r#"["a"]x"#,
            r#"["a"],"#,
            // Only space, tab, newline and carriage return are JSON whitespace.
            "[\"a\"]\u{a0}",
            "[\u{c}]",
            "[\u{b}\"a\"]",
            "\u{feff}[]",
            // Top-level values that are not arrays.
            r#""x""#,
            "null",
            "{}",
            "1",
            "true",
            // Strings.
            r#"["a]"#,
            r#"["a\"]"#,
            "[\"a\tb\"]",
            "[\"a\nb\"]",
            "[\"\u{0}\"]",
            "[\"\u{1f}\"]",
            r#"["\x41"]"#,
            r#"["\a"]"#,
            r#"["\'"]"#,
            r#"["\U0041"]"#,
            r#"["\u41"]"#,
            r#"["\u004"]"#,
            r#"["\u004g"]"#,
            r#"["\"]"#,
            // Numbers.
            "[01]",
            "[-01]",
            "[1.]",
            "[.5]",
            "[-]",
            "[+1]",
            "[1e]",
            "[1e+]",
            "[1.e5]",
            "[0x1]",
            "[1_000]",
            "[Infinity]",
            "[NaN]",
            "[-Infinity]",
            "[1 2]",
            // Numbers that overflow a float64 fail Go's conversion.
            "[1e400]",
            "[-1e400]",
            "[1.7976931348623159e308]",
            r#"["a", 1e309]"#,
            r#"[1e309, "a"]"#,
            "[[1e400]]",
            r#"[{"a": 1e999}]"#,
            // Literals.
            "[tru]",
            "[True]",
            "[nul]",
            "[nulll]",
            "[falsey]",
            "[true false]",
            // Objects.
            "[{]",
            "[{a:1}]",
            r#"[{"a"}]"#,
            r#"[{"a":}]"#,
            r#"[{"a":1,}]"#,
            r#"[{"a":1 "b":2}]"#,
            r#"[{"a" 1}]"#,
            "[{1:2}]",
            r#"[{"a":1]"#,
            r#"[["a"}]"#,
            r#"[{"a":1}}]"#,
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn json_string_decoding() {
        let cases = [
            (r#"["\u0000"]"#, "\0"),
            (r#"["\/"]"#, "/"),
            (r#"["\"\\\/\b\f\n\r\t"]"#, "\"\\/\u{8}\u{c}\n\r\t"),
            (r#"["\u00e9\u00E9\u20AC"]"#, "éé€"),
            ("[\"é 日本 \u{7f} \u{a0}\"]", "é 日本 \u{7f} \u{a0}"),
            (r#"["\ud83d\ude00"]"#, "😀"),
            (r#"["\uD83D\uDE00"]"#, "😀"),
            (r#"["\ud800\udc00"]"#, "\u{10000}"),
            (r#"["\udbff\udfff"]"#, "\u{10ffff}"),
            (r#"["\ud800"]"#, "\u{fffd}"),
            (r#"["a\ud800b"]"#, "a\u{fffd}b"),
            (r#"["\ud800\u0041"]"#, "\u{fffd}A"),
            (r#"["\udc00"]"#, "\u{fffd}"),
            (r#"["\udc00\ud800"]"#, "\u{fffd}\u{fffd}"),
            (r#"["\udfff\udc00x"]"#, "\u{fffd}\u{fffd}x"),
            (r#"["\ud800\ud800\udc00"]"#, "\u{fffd}\u{10000}"),
            (r#"["\ud800\n"]"#, "\u{fffd}\n"),
            (r#"["\ud800\\udc00"]"#, "\u{fffd}\\udc00"),
            (r#"["\ufffd\uFEFF"]"#, "\u{fffd}\u{feff}"),
        ];
        for (text, expected) in cases {
            assert_eq!(strings(text), owned(&[expected]), "{text:?}");
        }
    }

    #[test]
    fn decode_json_string_alone() {
        assert_eq!(decode_json_string(r#""""#).as_deref(), Some(""));
        assert_eq!(decode_json_string(r#""abc""#).as_deref(), Some("abc"));
        assert_eq!(decode_json_string(r#""a\"b""#).as_deref(), Some("a\"b"));
        assert_eq!(decode_json_string(r#""\ud800\u0041""#).as_deref(), Some("\u{fffd}A"));
        for invalid in ["", "\"", "abc", "\"abc", "abc\"", "\"a\"b\"", "\"a\" ", " \"a\"", "\"\\\"", "\"\t\"", "'a'"] {
            assert_eq!(decode_json_string(invalid), None, "{invalid:?}");
        }
    }

    fn nested_arrays(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn json_nesting_limit() {
        assert!(parse(&nested_arrays(MAX_NESTING_DEPTH)).is_some());
        assert_eq!(parse(&nested_arrays(MAX_NESTING_DEPTH + 1)), None);
        // Objects count too.
        let objects = |n: usize| format!("[{}1{}]", r#"{"a":"#.repeat(n), "}".repeat(n));
        assert!(parse(&objects(MAX_NESTING_DEPTH - 1)).is_some());
        assert_eq!(parse(&objects(MAX_NESTING_DEPTH)), None);
        // The limit is on open containers at once, not in total.
        let wide = format!("[{}]", vec![nested_arrays(MAX_NESTING_DEPTH - 1); 3].join(","));
        assert_eq!(parse(&wide).map(|a| a.tokens.len()), Some(7));
    }

    #[test]
    fn json_deep_input_does_not_overflow_the_stack() {
        assert_eq!(parse(&"[".repeat(100_000)), None);
        assert_eq!(parse(&nested_arrays(100_000)), None);
        assert_eq!(parse(&r#"{"a":["#.repeat(100_000)), None);
        assert_eq!(parse(&format!("[{}", r#"{"a":["#.repeat(100_000))), None);
        assert_eq!(decode_json_string(&format!("\"{}\"", "\\ud800".repeat(100_000))).map(|s| s.len()), Some(300_000));
    }

    #[test]
    fn json_large_input() {
        let n = 100_000;
        let text = format!("[{}\"last\"]", "\"a\\n\", ".repeat(n));
        let array = parse(&text).expect("valid");
        let strings = array.strings.expect("all strings");
        assert_eq!(strings.len(), n + 1);
        assert!(strings[..n].iter().all(|s| s == "a\n"));
        let numbers = format!("[{}0]", "1, ".repeat(n));
        assert_eq!(parse(&numbers).map(|a| a.strings), Some(None));
        let long_number = format!("[1{}]", "0".repeat(n));
        assert_eq!(parse(&long_number), None, "1e100000 overflows");
        let long_fraction = format!("[0.{}1]", "0".repeat(n));
        assert_eq!(parse(&long_fraction).map(|a| a.strings), Some(None));
    }

    /// An independent, recursive reference of the JSON grammar (no number-overflow rule), for
    /// short inputs: the end of the value at `pos`, after trailing whitespace.
    fn reference_value(b: &[u8], pos: usize) -> Option<usize> {
        fn ws(b: &[u8], mut pos: usize) -> usize {
            while pos < b.len() && b" \t\n\r".contains(&b[pos]) {
                pos += 1;
            }
            pos
        }
        fn string(b: &[u8], pos: usize) -> Option<usize> {
            let mut escaped = false;
            for (i, &c) in b.iter().enumerate().skip(pos + 1) {
                if escaped {
                    escaped = false;
                    if c == b'u' {
                        // Four hex digits; they are then read on as ordinary characters.
                        let hex = b.get(i + 1..i + 5)?;
                        if !hex.iter().all(u8::is_ascii_hexdigit) {
                            return None;
                        }
                    } else if !b"\"\\/bfnrt".contains(&c) {
                        return None;
                    }
                } else if c == b'\\' {
                    escaped = true;
                } else if c == b'"' {
                    return Some(i + 1);
                } else if c < 0x20 {
                    return None;
                }
            }
            None
        }
        fn value(b: &[u8], pos: usize) -> Option<usize> {
            let pos = ws(b, pos);
            let end = match *b.get(pos)? {
                b'[' => {
                    let mut p = ws(b, pos + 1);
                    if b.get(p) == Some(&b']') {
                        p + 1
                    } else {
                        loop {
                            p = value(b, p)?;
                            match *b.get(p)? {
                                b',' => p += 1,
                                b']' => break p + 1,
                                _ => return None,
                            }
                        }
                    }
                }
                b'{' => {
                    let mut p = ws(b, pos + 1);
                    if b.get(p) == Some(&b'}') {
                        p + 1
                    } else {
                        loop {
                            p = ws(b, p);
                            if b.get(p) != Some(&b'"') {
                                return None;
                            }
                            p = ws(b, string(b, p)?);
                            if b.get(p) != Some(&b':') {
                                return None;
                            }
                            p = value(b, p + 1)?;
                            match *b.get(p)? {
                                b',' => p += 1,
                                b'}' => break p + 1,
                                _ => return None,
                            }
                        }
                    }
                }
                b'"' => string(b, pos)?,
                b't' | b'f' | b'n' => {
                    let word = [&b"true"[..], b"false", b"null"].into_iter().find(|w| b[pos..].starts_with(w))?;
                    pos + word.len()
                }
                _ => {
                    let mut p = pos;
                    let digits = |p: usize| p + b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
                    if b.get(p) == Some(&b'-') {
                        p += 1;
                    }
                    if b.get(p) == Some(&b'0') {
                        p += 1;
                    } else if b.get(p).is_some_and(|c| (b'1'..=b'9').contains(c)) {
                        p = digits(p);
                    } else {
                        return None;
                    }
                    if b.get(p) == Some(&b'.') {
                        let q = digits(p + 1);
                        if q == p + 1 {
                            return None;
                        }
                        p = q;
                    }
                    if matches!(b.get(p), Some(b'e' | b'E')) {
                        p += 1;
                        if matches!(b.get(p), Some(b'+' | b'-')) {
                            p += 1;
                        }
                        let q = digits(p);
                        if q == p {
                            return None;
                        }
                        p = q;
                    }
                    p
                }
            };
            Some(ws(b, end))
        }
        value(b, pos)
    }

    /// Whether the reference accepts `text` as one JSON array.
    fn reference_accepts(text: &str) -> bool {
        let b = text.as_bytes();
        let start = b.iter().take_while(|c| b" \t\n\r".contains(c)).count();
        b.get(start) == Some(&b'[') && reference_value(b, 0) == Some(b.len())
    }

    /// Every string of length up to `max_len` over `alphabet`, passed to `check`.
    fn for_all_strings(alphabet: &[char], max_len: usize, mut check: impl FnMut(&str)) {
        let mut text = String::new();
        let mut indices: Vec<usize> = Vec::new();
        loop {
            text.clear();
            text.extend(indices.iter().map(|&i| alphabet[i]));
            check(&text);
            // Next string: increment `indices` as a number in base `alphabet.len()`, growing it.
            let mut k = indices.len();
            loop {
                if k == 0 {
                    if indices.len() == max_len {
                        return;
                    }
                    indices.iter_mut().for_each(|i| *i = 0);
                    indices.push(0);
                    break;
                }
                k -= 1;
                indices[k] += 1;
                if indices[k] < alphabet.len() {
                    break;
                }
                indices[k] = 0;
            }
        }
    }

    #[test]
    fn json_exhaustive_short_inputs_match_the_reference() {
        let alphabets: [&[char]; 3] = [
            &['[', ']', '"', ',', '\\', ' ', '0', '-', 'a'],
            &['[', ']', '{', '}', '"', ':', ',', '1', '.', 'e', '-'],
            &['[', ']', '"', '\\', 'u', 'd', '8', '\t', 'n', '/'],
        ];
        let mut accepted = 0;
        for alphabet in alphabets {
            for_all_strings(alphabet, 5, |text| {
                let ours = parse(text);
                assert_eq!(ours.is_some(), reference_accepts(text), "{text:?}");
                accepted += usize::from(ours.is_some());
                if text.starts_with('"') {
                    let reference = reference_value(text.as_bytes(), 0) == Some(text.len()) && text.ends_with('"');
                    assert_eq!(decode_json_string(text).is_some(), reference, "{text:?}");
                }
            });
        }
        assert!(accepted > 100, "the alphabets should produce valid arrays ({accepted})");
    }

    #[test]
    fn no_panics_on_arbitrary_prefixes() {
        // Every prefix and suffix (on char boundaries) of some tricky inputs.
        let inputs = [
            r#" [ "a\"b" , {"k":[1,-2.5e+3,true,false,null,{}]} , "\ud83d\ude00\ud800\u0041é" ] "#,
            "[\"\u{10ffff}\\u12\", \"\\\"]",
        ];
        for input in inputs {
            for (i, _) in input.char_indices().chain([(input.len(), ' ')]) {
                let _ = parse(&input[..i]);
                let _ = parse(&input[i..]);
                let _ = decode_json_string(&input[..i]);
                let _ = decode_json_string(&input[i..]);
                let _ = quote(&input[..i]);
            }
        }
    }
}
