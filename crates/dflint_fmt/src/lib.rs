//! `dflint_fmt`: an opinionated, meaning-preserving Dockerfile formatter working on the syntax tree.
//!
//! [`format()`] rewrites a whole file, [`format_range`] the top-level items (instructions, comment
//! lines, blank lines) that touch a range, for an editor's range formatting.
//!
//! # What it does
//!
//! - Instruction keywords in upper case (and `AS` in `FROM image AS name`), when
//!   [`FormatOptions::uppercase_keywords`] is on.
//! - One space between the parts of an instruction: keyword, flags, arguments, `ENV`/`LABEL`
//!   pairs; no blanks before the keyword or after the last argument.
//! - Exec-form JSON arrays written `["a", "b"]`; the strings themselves are kept as written.
//! - Line continuations: one space before the escape character, nothing after it; continuation
//!   lines indented by [`FormatOptions::indent_width`] spaces, keeping the extra indentation some
//!   lines had over the others (nested package lists, `if` bodies); empty lines inside a
//!   continuation removed; comment lines inside it kept where they are, indented like the line
//!   that follows them.
//! - A shell-form `RUN` that is an `&&` chain (no top-level `;`, `&` or comment) is written one
//!   command a line, `&&` leading each continuation line, when it is already on several lines or
//!   longer than [`FormatOptions::line_width`] ([`FormatOptions::break_long_and_chains`]).
//!   Lines that continue a command inside such a chain are indented one level more.
//! - One blank line before each `FROM` but the first (comments directly above a `FROM` move with
//!   it), at most one blank line anywhere else, none at the end; no trailing blanks; exactly one
//!   final newline.
//! - Comment lines: leading and trailing blanks removed.
//!
//! # What it keeps
//!
//! Parser directives (untouched), the byte-order mark, the escape character, heredoc bodies and
//! terminators (byte for byte; an instruction with a heredoc only has its keyword changed),
//! every comment, quoted strings, flag values, `ENV`/`LABEL`/`ARG` values, and the text of
//! shell-form commands except blanks at continuation joins and around top-level `&&`. A blank
//! inside a command is only changed where a POSIX shell, `cmd` and PowerShell would all read it
//! as a word separator (outside quotes, escapes, expansions and comments); a continuation in the
//! middle of a word or of a quoted string is kept as written, blanks around it included, and the
//! other continuation lines of that instruction keep their indentation too (so is trailing
//! whitespace that stops a line from reading as continued).
//!
//! Line endings: the file is written with its majority line ending (`\r\n` when more lines end
//! with `\r\n` than with `\n` alone, else `\n`), except inside heredoc bodies, which are kept byte
//! for byte. A file with one kind of line ending keeps it everywhere.
//!
//! # Safety
//!
//! An instruction with a syntax error is left as written. The result is parsed again and
//! compared with the input: the BuildKit dump ([`dflint_syntax::buildkit::dump`]), the parser
//! directives, the byte-order mark, the heredoc bodies and the comments. An instruction that
//! reads differently is then left as written and the file checked again; any other difference
//! makes [`format()`] return [`FormatError::Unsafe`], and the caller keeps the input.
//!
//! The allowed equivalence: the dumps are equal line for line, except that a shell-form command
//! string may differ in runs of blanks read as one separator (each run compared as one space),
//! and `FROM ... as name` may read `AS`. When BuildKit rejects the input, it must reject the
//! result for the same reason, and each instruction must read as before. A file whose parser
//! directives are invalid is not formatted at all ([`FormatError::Directives`]).

mod document;
mod equivalence;
mod layout;
mod shell;

use dflint_syntax::TextRange;

/// How to format. [`Default`] gives the house style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    /// Spaces per indentation level of continuation lines (default 4).
    pub indent_width: usize,
    /// A shell-form `RUN` longer than this (in characters) has its `&&` chain broken one command a
    /// line (default 100).
    pub line_width: usize,
    /// Break `&&` chains of shell-form `RUN`s, one command a line, when they are already on
    /// several lines or longer than `line_width` (default `true`).
    pub break_long_and_chains: bool,
    /// Write instruction keywords in upper case (default `true`).
    pub uppercase_keywords: bool,
}

impl Default for FormatOptions {
    fn default() -> Self {
        FormatOptions { indent_width: 4, line_width: 100, break_long_and_chains: true, uppercase_keywords: true }
    }
}

/// Why a text was not formatted. The input is then to be kept as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The parser directives at the top of the file are invalid (an unknown escape character, a
    /// directive given twice): how the rest of the file reads is not known.
    Directives {
        /// The parser's message.
        message: String,
    },
    /// The safety net caught a change of meaning: the formatted text would read differently.
    /// This is a bug in the formatter.
    Unsafe {
        /// What differs.
        message: String,
    },
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::Directives { message } => {
                write!(f, "not formatted: the parser directives are invalid ({message})")
            }
            FormatError::Unsafe { message } => {
                write!(f, "not formatted: the result would read differently ({message}); this is a bug in dflint")
            }
        }
    }
}

impl std::error::Error for FormatError {}

/// A replacement of `range` (bytes of the input) by `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    /// The replaced bytes.
    pub range: TextRange,
    /// What replaces them.
    pub new_text: String,
}

/// Formats a whole Dockerfile. `Ok` holds the formatted text (equal to `text` when there is
/// nothing to change); `Err` means `text` is to be kept as it is.
pub fn format(text: &str, options: &FormatOptions) -> Result<String, FormatError> {
    let parse = dflint_syntax::parse(text);
    checked(&parse, |as_written| {
        let chunks = document::chunks(text, &parse, options, as_written)?;
        Ok(chunks.iter().map(|c| c.text.as_str()).collect())
    })
}

/// Formats the top-level items (instructions, comment lines, blank lines) that `range` touches
/// (an empty range: the item it is in), as at most one edit of `text`. No edit when they are
/// formatted already.
pub fn format_range(text: &str, range: TextRange, options: &FormatOptions) -> Result<Vec<TextEdit>, FormatError> {
    let parse = dflint_syntax::parse(text);
    let mut edit = None;
    checked(&parse, |as_written| {
        let chunks = document::chunks(text, &parse, options, as_written)?;
        let touched: Vec<&document::Chunk> = chunks
            .iter()
            .filter(|c| {
                if range.is_empty() {
                    c.range.contains_inclusive(range.start()) && !c.range.is_empty()
                } else {
                    c.range.start() < range.end() && range.start() < c.range.end()
                }
            })
            .collect();
        edit = None;
        let (Some(first), Some(last)) = (touched.first(), touched.last()) else { return Ok(text.to_string()) };
        let edit_range = TextRange::new(first.range.start(), last.range.end());
        let new_text: String = touched.iter().map(|c| c.text.as_str()).collect();
        let mut edited = text.to_string();
        edited.replace_range(std::ops::Range::<usize>::from(edit_range), &new_text);
        if new_text != text[edit_range] {
            edit = Some(TextEdit { range: edit_range, new_text });
        }
        Ok(edited)
    })?;
    Ok(edit.into_iter().collect())
}

/// Runs `write` (which formats the text of `parse`, writing the top-level instructions whose
/// indices it is given as they are) and checks its result with the safety net. An instruction
/// that reads differently is written as it is on the next try.
fn checked(
    parse: &dflint_syntax::Parse,
    mut write: impl FnMut(&[usize]) -> Result<String, FormatError>,
) -> Result<String, FormatError> {
    let text = parse.syntax_node().text().to_string();
    let mut as_written = Vec::new();
    loop {
        let formatted = write(&as_written)?;
        if formatted == text {
            return Ok(formatted);
        }
        match equivalence::check(parse, &dflint_syntax::parse(&formatted)) {
            Ok(()) => return Ok(formatted),
            Err(mismatch) => match mismatch.instruction {
                Some(i) if !as_written.contains(&i) => as_written.push(i),
                _ => return Err(FormatError::Unsafe { message: mismatch.message }),
            },
        }
    }
}
