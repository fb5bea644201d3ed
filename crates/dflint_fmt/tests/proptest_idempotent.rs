//! Properties of `format` on Dockerfile-shaped inputs (keywords, flags, quotes, continuations,
//! comments, heredocs, exec-form arrays, `&&` chains, odd blanks and line endings):
//!
//! - it never panics, and never trips its own safety net ([`FormatError::Unsafe`]);
//! - it is idempotent: `format(format(x)) == format(x)`;
//! - the result reads like the input: the BuildKit dump is the same up to the equivalence of the
//!   real-corpus test (see `real_corpus.rs`), and heredocs and comments are kept.

use dflint_fmt::{format, FormatError, FormatOptions};
use dflint_syntax::parse;
use proptest::prelude::*;

mod common;
use common::{comment_multiset, is_heredoc, same_meaning, token_texts};

const FRAGMENTS: &[&str] = &[
    "FROM a",
    "from a as b",
    "FROM b AS c",
    "RUN",
    "run",
    "CMD",
    "ENTRYPOINT",
    "ENV",
    "ARG",
    "LABEL",
    "COPY",
    "ONBUILD",
    "HEALTHCHECK",
    "EXPOSE",
    "USER",
    "SHELL",
    "--mount=type=cache",
    "--from=a",
    "--",
    "a=1",
    "b=\"x  y\"",
    "echo",
    "x",
    "'q  r'",
    "\"s  t\"",
    "$V",
    "${V:-d}",
    "$(p  q)",
    "`b  t`",
    "&&",
    "||",
    ";",
    "|",
    "&",
    "(",
    ")",
    "{",
    "}",
    "if",
    "fi",
    "[",
    "]",
    ",",
    "\"j\"",
    "[\"a\", \"b\"]",
    "<<EOF",
    "<<-'EOF'",
    "EOF",
    "\tEOF",
    "#",
    "# c  ",
    "# escape=`",
    "# syntax=x",
    "\\",
    "`",
    "\\\n",
    " \\\n  ",
    "\n",
    "\r\n",
    "\n\n",
    " ",
    "   ",
    "\t",
    "=",
    "é",
    "\r",
    "\u{feff}",
    "\u{a0}",
    "--chown=\"a b\"",
    "a\\ b",
    "c:\\",
    "\\\\",
    "\\\t\n",
    "AS",
];

/// Checks the properties for one input.
fn check(text: &str, options: &FormatOptions) -> Result<(), TestCaseError> {
    let formatted = match format(text, options) {
        Ok(formatted) => formatted,
        Err(FormatError::Directives { .. }) => return Ok(()),
        Err(err) => return Err(TestCaseError::fail(format!("{err}"))),
    };
    let again = format(&formatted, options).map_err(|err| TestCaseError::fail(format!("second pass: {err}")))?;
    prop_assert_eq!(&again, &formatted, "not idempotent");
    let (before, after) = (parse(text), parse(&formatted));
    if let Err(problem) = same_meaning(&before, &after) {
        return Err(TestCaseError::fail(format!("meaning changed: {problem}\nformatted:\n{formatted}")));
    }
    prop_assert_eq!(token_texts(&before, is_heredoc), token_texts(&after, is_heredoc), "heredocs changed");
    prop_assert_eq!(comment_multiset(&before), comment_multiset(&after), "comments changed");
    Ok(())
}

/// Fragments joined by single spaces or nothing, as chosen.
fn dockerfile() -> impl Strategy<Value = String> {
    proptest::collection::vec((proptest::sample::select(FRAGMENTS), any::<bool>()), 0..40).prop_map(|parts| {
        let mut text = String::new();
        for (fragment, spaced) in parts {
            text.push_str(fragment);
            if spaced {
                text.push(' ');
            }
        }
        text
    })
}

proptest! {
    // Failures are not written to a file: a shrunk case goes into `regressions` below.
    #![proptest_config(ProptestConfig { cases: 2048, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn idempotent_and_meaning_preserving(text in dockerfile()) {
        check(&text, &FormatOptions::default())?;
    }

    #[test]
    fn with_narrow_lines_and_other_options(text in dockerfile(), indent in 1usize..6, upper in any::<bool>()) {
        let options = FormatOptions { indent_width: indent, line_width: 20, uppercase_keywords: upper, ..FormatOptions::default() };
        check(&text, &options)?;
    }
}

#[test]
fn regressions() {
    let texts = [
        "RUN a \\\n  && b",
        "RUN \\\n",
        "\\\nFROM a",
        "RUN a \\\n\n# c\n\nRUN b",
        "\\",
        "--mount=type=cache\\",
        "RUN <<EOF\nabc",
        "RUN <<EOF\nabc\n",
        "\\\n FROM a",
        "FROM a\n\\\n FROM a",
        "\\\nRUN <<EOF\r\n",
        "RUN\\\n\r\n <<EOF",
        "\n\u{feff}",
        " \u{feff}FROM a",
        "FROM a\\\r \nFROM a",
        "FROM a\\\u{a0}\nFROM a",
    ];
    for text in texts {
        check(text, &FormatOptions::default()).unwrap_or_else(|err| panic!("{text:?}: {err}"));
    }
}
