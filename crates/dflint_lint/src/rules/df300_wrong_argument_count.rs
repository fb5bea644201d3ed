//! DF300: an instruction without the arguments BuildKit requires, or with too many.

use crate::checker::Checker;
use crate::declare_rule;
use crate::util::keyword_range;
use dflint_syntax::ast::{AstNode, Instruction, LogicalText};
use dflint_syntax::SyntaxKind::*;
use dflint_syntax::{TextRange, TextSize};
use rowan::Language;

declare_rule! {
    /// ## What it does
    /// Reports an instruction with fewer arguments than Docker's builder requires (`COPY` with no
    /// destination, `WORKDIR`, `ENV`, `EXPOSE`, `HEALTHCHECK`... with nothing after the keyword,
    /// `SHELL []`), a `FROM` with two or more than three words, and a `STOPSIGNAL` with more than
    /// one word.
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "requires at least one argument" (or two, or exactly one) before
    /// building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY app.tar.gz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY app.tar.gz /opt/
    /// ```
    ///
    /// ## Differences from dockerfile-utils
    /// `ENTRYPOINT`, `CMD` and `RUN` without arguments are not reported: BuildKit accepts them (an
    /// empty `ENTRYPOINT` resets the inherited one). A `FROM` with three words whose second is not
    /// `AS` is reported by DF305, an `ENV` or `LABEL` key without a value by DF000.
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    pub(crate) static RULE = {
        code: "DF300",
        name: "wrong-argument-count",
        severity: Error,
        fix: None,
        check: check,
    }
}

/// The arguments as BuildKit counts them, each with its range.
fn arguments(instruction: &Instruction) -> Vec<TextRange> {
    if let Some(exec) = instruction.exec_form() {
        // An element's range without its quotes, where dockerfile-utils puts it too.
        return exec
            .elements()
            .map(|e| {
                let r = e.range();
                let quoted =
                    e.token.text().len() >= 2 && e.token.text().starts_with('"') && e.token.text().ends_with('"');
                if quoted {
                    TextRange::new(r.start() + TextSize::from(1), r.end() - TextSize::from(1))
                } else {
                    r
                }
            })
            .collect();
    }
    if let Some(trigger) = instruction.onbuild_trigger() {
        return vec![trigger.range()];
    }
    // The ranges of the words, then the pairs, then the shell form (as `words()`, `pairs()` and
    // `shell_form()` list them), read from the green tree in one pass.
    let (mut words, mut pairs, mut shell) = (Vec::new(), Vec::new(), None);
    let mut at = instruction.range().start();
    for child in instruction.syntax().green().children() {
        let range = TextRange::at(at, child.text_len());
        at = range.end();
        let Some(node) = child.into_node() else { continue };
        match dflint_syntax::DockerfileLang::kind_from_raw(node.kind()) {
            WORD | ARGUMENT => words.push(range),
            KEY_VALUE => pairs.push(range),
            SHELL_FORM if shell.is_none() => shell = Some(range),
            _ => {}
        }
    }
    words.extend(pairs);
    words.extend(shell);
    words
}

fn check(checker: &mut Checker) {
    for instruction in checker.all_instructions().iter() {
        let kind = instruction.kind();
        // The others (RUN, CMD, ENTRYPOINT, ...) take any number of arguments.
        if !matches!(
            kind,
            FROM_INSTR
                | COPY_INSTR
                | ADD_INSTR
                | SHELL_INSTR
                | ENV_INSTR
                | LABEL_INSTR
                | ARG_INSTR
                | EXPOSE_INSTR
                | VOLUME_INSTR
                | ONBUILD_INSTR
                | HEALTHCHECK_INSTR
                | WORKDIR_INSTR
                | USER_INSTR
                | MAINTAINER_INSTR
                | STOPSIGNAL_INSTR
        ) {
            continue;
        }
        let keyword = instruction.keyword_text();
        let args = arguments(instruction);
        let at_keyword = keyword_range(instruction);
        match kind {
            FROM_INSTR => match args.len() {
                0 => {
                    checker
                        .report(at_keyword, "`FROM` requires either one or three arguments: the base image is missing");
                }
                2 | 4.. => {
                    checker.report(
                        *args.last().expect("non-empty"),
                        "`FROM` requires either one or three arguments (`FROM image` or `FROM image AS name`)",
                    );
                }
                _ => {}
            },
            COPY_INSTR | ADD_INSTR if args.len() < 2 => {
                let range = args.first().copied().unwrap_or(at_keyword);
                checker.report(
                    range,
                    format!("`{keyword}` requires at least two arguments: the sources and the destination"),
                );
            }
            SHELL_INSTR if args.is_empty() => {
                let range = instruction.exec_form().map_or(at_keyword, |e| e.range());
                checker.report(range, "`SHELL` requires at least one argument");
            }
            ENV_INSTR | LABEL_INSTR | ARG_INSTR | EXPOSE_INSTR | VOLUME_INSTR | ONBUILD_INSTR | HEALTHCHECK_INSTR
                if args.is_empty() =>
            {
                let range = instruction.exec_form().map_or(at_keyword, |e| e.range());
                checker.report(range, format!("`{keyword}` requires at least one argument"));
            }
            WORKDIR_INSTR | USER_INSTR | MAINTAINER_INSTR if args.is_empty() => {
                checker.report(at_keyword, format!("`{keyword}` requires exactly one argument"));
            }
            STOPSIGNAL_INSTR => {
                let Some(word) = instruction.words().next() else {
                    checker.report(at_keyword, "`STOPSIGNAL` requires exactly one argument");
                    continue;
                };
                let text = LogicalText::of(word.syntax());
                let trimmed = text.text.trim_end();
                if let Some(last_start) = trimmed.rfind(char::is_whitespace).map(|i| i + 1) {
                    let range = text.range_to_source(last_start..trimmed.len());
                    checker.report(range, "`STOPSIGNAL` takes exactly one argument: this one is extra");
                }
            }
            _ => {}
        }
    }
}
