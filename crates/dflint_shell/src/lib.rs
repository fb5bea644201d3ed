//! `dflint_shell`: the shell script inside a `RUN`, as rules want to see it.
//!
//! [`parse`] turns shell text (an instruction's logical text, continuations already removed, or a
//! heredoc body) into a [`Script`]: every simple [`Command`] in source order, flattened out of lists,
//! pipelines, subshells, groups, `if`/`for`/`while`/`case` bodies and command substitutions, each with
//! its name, arguments, prefix assignments and redirections as [`Word`]s carrying byte ranges into
//! the text that was parsed. [`Command`] knows GNU/POSIX flag conventions (`-qy`, `--yes`,
//! `--opt=value`, `--`) so rules can ask questions like "does this `apt-get install` say `-y`?".
//!
//! The parser underneath is tree-sitter-bash. It is tolerant of half-typed text and never fails:
//! a broken script still yields the commands that could be read, and [`Script::has_errors`] says
//! the text did not parse cleanly. No tree-sitter type crosses this crate's boundary. One parser is
//! kept per thread and reused; a typical RUN body parses in tens of microseconds.

mod lower;
mod script;
mod word;

pub use script::{Command, Connector, FlagValue, PipelinePos, Redirect, Script, Word};

/// Parses shell text into a [`Script`]. Never fails and never panics: text tree-sitter-bash cannot
/// read yields what it could make of it, with [`Script::has_errors`] set.
pub fn parse(text: &str) -> Script {
    lower::parse(text)
}
