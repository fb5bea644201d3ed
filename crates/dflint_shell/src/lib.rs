//! `dflint_shell`: the shell script inside a `RUN`, as rules want to see it.
//!
//! [`parse`] turns shell text (an instruction's logical text, continuations already removed, or a
//! heredoc body) into a [`Script`]: every simple [`Command`] in source order, flattened out of lists,
//! pipelines, subshells, groups, `if`/`for`/`while`/`case` bodies, function bodies and command
//! substitutions, each with its name, arguments, prefix assignments and redirections as [`Word`]s
//! carrying byte ranges into the text that was parsed. [`Command`] knows GNU/POSIX flag
//! conventions (`-qy`, `--yes`, `--opt=value`, `--`) so rules can ask questions like "does this
//! `apt-get install` say `-y`?".
//!
//! The parser is our own: a single left-to-right pass over the text (POSIX sh plus the bash
//! extensions Dockerfiles use) that emits commands as it meets them, with no syntax tree. It is
//! tolerant of half-typed text and never fails: a broken script still yields the commands that
//! could be read, and [`Script::has_errors`] says the text did not parse cleanly. Its time is
//! linear in the text and its recursion bounded, whatever the input.

mod parser;
mod script;
mod word;

pub use script::{Command, Connector, FlagValue, PipelinePos, Redirect, Script, Word};

/// Parses shell text into a [`Script`]. Never fails and never panics: text that is not valid
/// shell yields what could be made of it, with [`Script::has_errors`] set.
pub fn parse(text: &str) -> Script {
    parser::parse(text)
}
