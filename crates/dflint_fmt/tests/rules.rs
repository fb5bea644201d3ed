//! One test per formatting rule: an input, the output expected, and the output formatted again
//! (it must not change: formatting is idempotent).

use dflint_fmt::{format, format_range, FormatError, FormatOptions, TextEdit};
use dflint_syntax::{TextRange, TextSize};

#[track_caller]
fn check(input: &str, expected: &str) {
    check_with(&FormatOptions::default(), input, expected);
}

#[track_caller]
fn check_with(options: &FormatOptions, input: &str, expected: &str) {
    let output = format(input, options).unwrap_or_else(|err| panic!("{err}\ninput:\n{input}"));
    assert_eq!(output, expected, "\ninput:\n{input}\noutput:\n{output}\nexpected:\n{expected}");
    let again = format(&output, options).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(again, output, "not idempotent");
}

mod keywords {
    use super::*;

    #[test]
    fn upper_case() {
        check("from alpine\nrun echo hi\nOnBuild copy a b\n", "FROM alpine\nRUN echo hi\nONBUILD COPY a b\n");
    }

    #[test]
    fn as_follows_from() {
        check("from alpine as build\n", "FROM alpine AS build\n");
        // Not the `FROM image AS name` shape: `as` is left alone.
        check("FROM alpine as\n", "FROM alpine as\n");
    }

    #[test]
    fn can_be_kept() {
        let options = FormatOptions { uppercase_keywords: false, ..FormatOptions::default() };
        check_with(&options, "from alpine as build\nrun   echo\n", "from alpine as build\nrun echo\n");
    }
}

mod spacing {
    use super::*;

    #[test]
    fn one_space_between_parts() {
        check("FROM   --platform=$P   alpine   AS   b\n", "FROM --platform=$P alpine AS b\n");
        check("COPY  --from=b   --chown=1:1   a   b/\n", "COPY --from=b --chown=1:1 a b/\n");
        check("ENV a=1    b=\"x  y\"\t c=3\n", "ENV a=1 b=\"x  y\" c=3\n");
        check("EXPOSE 80    443/udp\n", "EXPOSE 80 443/udp\n");
        check("HEALTHCHECK   --interval=5s   CMD   curl  -f x\n", "HEALTHCHECK --interval=5s CMD curl  -f x\n");
    }

    #[test]
    fn values_and_commands_keep_their_blanks() {
        // The legacy `ENV key value` form: the value is the rest of the line.
        check("ENV   PATH    /a  b\n", "ENV PATH /a  b\n");
        check("USER   app   user\n", "USER app   user\n");
        check("RUN   echo   a    b\n", "RUN echo   a    b\n");
        check("LABEL a=\"x    y\"\n", "LABEL a=\"x    y\"\n");
    }

    #[test]
    fn no_leading_or_trailing_blanks() {
        check("   FROM a   \n\t RUN b  \t\n", "FROM a\nRUN b\n");
        check("  # a comment  \nFROM a\n", "# a comment\nFROM a\n");
    }
}

mod exec_form {
    use super::*;

    #[test]
    fn json_arrays() {
        check("CMD [ \"a\" ,\"b\",\"c d\" ]\n", "CMD [\"a\", \"b\", \"c d\"]\n");
        check("ENTRYPOINT [\"x\"]\nSHELL [ \"sh\", \"-c\" ]\n", "ENTRYPOINT [\"x\"]\nSHELL [\"sh\", \"-c\"]\n");
        check("CMD [ ]\n", "CMD []\n");
        check("COPY [ \"a\" , \"b\" ]\n", "COPY [\"a\", \"b\"]\n");
    }

    #[test]
    fn strings_are_kept_as_written() {
        check("CMD [\"\\u0041\",  \"\\\"q\\\"\"]\n", "CMD [\"\\u0041\", \"\\\"q\\\"\"]\n");
    }

    #[test]
    fn not_json_is_shell_form() {
        // BuildKit reads these as shell form: they are commands, kept as written.
        check("CMD ['a',  'b']\n", "CMD ['a',  'b']\n");
        check("CMD [\"a\"  \"b\"]\n", "CMD [\"a\"  \"b\"]\n");
    }

    #[test]
    fn continuations_between_elements() {
        check("CMD [\"a\",\\\n      \"b\" ]\n", "CMD [\"a\", \\\n    \"b\"]\n");
    }
}

mod continuations {
    use super::*;

    #[test]
    fn one_space_before_the_escape_and_indented_lines() {
        check("RUN apk add\\\n  curl   \\   \n  git\n", "RUN apk add \\\n    curl \\\n    git\n");
        check("COPY a \\\nb \\\nc/\n", "COPY a \\\n    b \\\n    c/\n");
        check("LABEL a=1 \\\n      b=2 \\\n      c=3\n", "LABEL a=1 \\\n    b=2 \\\n    c=3\n");
    }

    #[test]
    fn relative_indentation_is_kept() {
        check(
            "RUN set -eux; \\\n\tapt-get install -y \\\n\t\tcurl \\\n\t; \\\n\trm -rf x\n",
            "RUN set -eux; \\\n    apt-get install -y \\\n        curl \\\n    ; \\\n    rm -rf x\n",
        );
    }

    #[test]
    fn indent_width() {
        let options = FormatOptions { indent_width: 2, ..FormatOptions::default() };
        check_with(&options, "RUN a \\\n    b \\\n        c\n", "RUN a \\\n  b \\\n      c\n");
    }

    #[test]
    fn comment_lines_stay_and_empty_lines_go() {
        check("RUN a \\\n# one\n\n      # two   \n  b\n", "RUN a \\\n    # one\n    # two\n    b\n");
    }

    #[test]
    fn joins_inside_words_and_quotes_are_kept() {
        // The continuation is in the middle of a word: no blank may be added.
        check("RUN echo foo\\\nbar\n", "RUN echo foo\\\nbar\n");
        // Inside quotes, the blanks around the join are part of the string.
        check("RUN echo \"a  \\\n   b\"\n", "RUN echo \"a  \\\n   b\"\n");
        check("ENV A=\"x \\\n  y\"\n", "ENV A=\"x \\\n  y\"\n");
    }

    #[test]
    fn a_value_continued_over_lines_keeps_the_indentation() {
        // The legacy `ENV key value` form: the value is the rest of the line, blanks included.
        let env = "ENV DEPS \\\n\t\tautoconf \\\n\t\tfile\n";
        check(env, env);
        check("RUN echo \"a \\\n  b\" \\\n      c\n", "RUN echo \"a \\\n  b\" \\\n      c\n");
    }

    #[test]
    fn lines_holding_only_the_escape() {
        check("RUN a; \\\n\t\\\n\tb\n", "RUN a; \\\n    \\\n    b\n");
    }

    #[test]
    fn continuation_on_the_last_line() {
        check("FROM a\nRUN b \\", "FROM a\nRUN b \\\n");
        check("FROM a\nRUN b \\\n# c", "FROM a\nRUN b \\\n    # c\n");
    }

    #[test]
    fn escape_directive() {
        check(
            "# escape=`\nFROM a\nRUN dir c:\\windows   `\n  && echo x\n",
            "# escape=`\nFROM a\nRUN dir c:\\windows `\n    && echo x\n",
        );
    }
}

mod and_chains {
    use super::*;

    #[test]
    fn multi_line_chains_lead_with_and() {
        check(
            "RUN apt-get update && \\\n    apt-get install -y \\\n      curl && \\\n    rm -rf /var/lib/apt/lists/*\n",
            "RUN apt-get update \\\n    && apt-get install -y \\\n        curl \\\n    && rm -rf /var/lib/apt/lists/*\n",
        );
    }

    #[test]
    fn long_lines_are_broken() {
        let long =
            format!("RUN apt-get update && apt-get install -y {} && rm -rf /var/lib/apt/lists/*\n", "x".repeat(60));
        let expected = format!(
            "RUN apt-get update \\\n    && apt-get install -y {} \\\n    && rm -rf /var/lib/apt/lists/*\n",
            "x".repeat(60)
        );
        check(&long, &expected);
        let options = FormatOptions { line_width: 200, ..FormatOptions::default() };
        check_with(&options, &long, &long);
    }

    #[test]
    fn short_lines_are_kept_with_one_space_around_and() {
        check("RUN a   &&\tb\n", "RUN a && b\n");
        check("RUN a&&b\n", "RUN a&&b\n");
    }

    #[test]
    fn comments_between_commands_stay_in_order() {
        check(
            "RUN a && \\\n  # why b\n  b \\\n  # why c\n  && c\n",
            "RUN a \\\n    # why b\n    && b \\\n    # why c\n    && c\n",
        );
    }

    #[test]
    fn flags_stay_on_the_head() {
        check(
            "RUN --mount=type=cache,target=/root/.cache \\\n  pip install x && \\\n  pip check\n",
            "RUN --mount=type=cache,target=/root/.cache \\\n    pip install x \\\n    && pip check\n",
        );
    }

    #[test]
    fn only_top_level_and() {
        let nested = "RUN (cd a && make) && \\\n  echo \"x && y\" && \\\n  if a; then b && c; fi\n";
        check(nested, "RUN (cd a && make) \\\n    && echo \"x && y\" \\\n    && if a; then b && c; fi\n");
    }

    #[test]
    fn scripts_are_not_chains() {
        let script = "RUN set -e; \\\n  a && \\\n  b\n";
        check(script, "RUN set -e; \\\n    a && \\\n    b\n");
    }

    #[test]
    fn only_run() {
        check("CMD a && \\\n  b\n", "CMD a && \\\n    b\n");
    }

    #[test]
    fn under_onbuild() {
        check("onbuild run a && \\\n  b\n", "ONBUILD RUN a \\\n    && b\n");
    }

    #[test]
    fn scripts_the_shell_parser_cannot_read_are_left_alone() {
        check("RUN a && && b \\\n  c\n", "RUN a && && b \\\n    c\n");
    }

    #[test]
    fn can_be_turned_off() {
        let options = FormatOptions { break_long_and_chains: false, ..FormatOptions::default() };
        check_with(&options, "RUN a && \\\n  b   &&  c\n", "RUN a && \\\n    b   &&  c\n");
    }
}

mod blank_lines {
    use super::*;

    #[test]
    fn one_blank_line_before_each_stage() {
        check(
            "FROM a AS one\nRUN x\nFROM b\nRUN y\n\n\n\nFROM c\n",
            "FROM a AS one\nRUN x\n\nFROM b\nRUN y\n\nFROM c\n",
        );
    }

    #[test]
    fn comments_above_from_move_with_it() {
        check(
            "ARG V=1\nFROM a\nRUN x\n# the second stage\n# builds y\nFROM b\n",
            "ARG V=1\nFROM a\nRUN x\n\n# the second stage\n# builds y\nFROM b\n",
        );
    }

    #[test]
    fn at_most_one_blank_line() {
        check("FROM a\n\n\n\nRUN x\n  \n\t\nRUN y\n", "FROM a\n\nRUN x\n\nRUN y\n");
    }

    #[test]
    fn none_at_the_ends() {
        check("\n\nFROM a\n\n\n", "FROM a\n");
        check("FROM a", "FROM a\n");
        check("", "");
        check("\n \n", "");
    }

    #[test]
    fn a_blank_line_that_keeps_a_comment_from_being_a_directive() {
        check("\n\n# syntax=x\nFROM a\n", "\n# syntax=x\nFROM a\n");
        check("# syntax=x\n\n\n# escape=`\nFROM a\n", "# syntax=x\n\n# escape=`\nFROM a\n");
    }
}

mod kept {
    use super::*;

    #[test]
    fn directives() {
        check(
            "#  syntax = docker/dockerfile:1  \n# check=skip=all\nfrom a\n",
            "#  syntax = docker/dockerfile:1  \n# check=skip=all\nFROM a\n",
        );
    }

    #[test]
    fn heredocs() {
        let input = "FROM a\nrun  <<EOF  cat  \n  body  \t\n\nEOF\nCOPY <<-X /a\n\tx  \n\tX\n";
        check(input, "FROM a\nRUN  <<EOF  cat  \n  body  \t\n\nEOF\nCOPY <<-X /a\n\tx  \n\tX\n");
    }

    #[test]
    fn byte_order_mark() {
        check("\u{feff}from a\n", "\u{feff}FROM a\n");
    }

    #[test]
    fn crlf() {
        check("from a\r\nrun b \\\r\n  c\r\n\r\n\r\n", "FROM a\r\nRUN b \\\r\n    c\r\n");
    }

    #[test]
    fn mixed_line_endings_take_the_majority() {
        check("FROM a\r\nRUN b\r\nRUN c\n", "FROM a\r\nRUN b\r\nRUN c\r\n");
        check("FROM a\r\nRUN b\nRUN c\n", "FROM a\nRUN b\nRUN c\n");
        // A heredoc body keeps its own.
        check("FROM a\nRUN <<E\nx\r\nE\nRUN c\n", "FROM a\nRUN <<E\nx\r\nE\nRUN c\n");
    }

    #[test]
    fn a_line_holding_only_a_continuation() {
        // The instruction starts on the next line; the first line stays as it is.
        check("\\\n  from a\n", "\\\nFROM a\n");
    }

    #[test]
    fn instructions_with_errors() {
        check("FROM a\nFOO   bar\nENV   x\n", "FROM a\nFOO   bar\nENV   x\n");
    }
}

#[test]
fn invalid_directives_are_refused() {
    let err = format("# escape=x\nFROM a\n", &FormatOptions::default()).unwrap_err();
    assert!(matches!(err, FormatError::Directives { .. }), "{err:?}");
}

#[test]
fn range_formatting_touches_only_the_items_in_range() {
    let text = "from a\nrun   b\nrun   c\n";
    let at = |offset: u32| TextSize::from(offset);
    let edits = format_range(text, TextRange::new(at(8), at(10)), &FormatOptions::default()).unwrap();
    assert_eq!(edits, [TextEdit { range: TextRange::new(at(7), at(15)), new_text: "RUN b\n".into() }]);
    // An empty range: the item it is in.
    let edits = format_range(text, TextRange::empty(at(2)), &FormatOptions::default()).unwrap();
    assert_eq!(edits, [TextEdit { range: TextRange::new(at(0), at(7)), new_text: "FROM a\n".into() }]);
    let formatted = "FROM a\n";
    assert!(format_range(formatted, TextRange::new(at(0), at(7)), &FormatOptions::default()).unwrap().is_empty());
}
