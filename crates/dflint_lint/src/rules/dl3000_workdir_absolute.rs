//! DL3000: a relative `WORKDIR`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::instr_util::drop_quotes;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports a `WORKDIR` whose path is relative: it does not start with `/`, a variable (`$HOME`,
    /// `${APP_DIR}`), or a Windows drive (`C:`). Quotes around the path are ignored.
    ///
    /// ## Why is this bad?
    /// A relative `WORKDIR` is resolved against the working directory set before it, which may
    /// come from the base image: when the base image changes its `WORKDIR`, files land elsewhere
    /// without any change in this Dockerfile. An absolute path says where the build works.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// WORKDIR app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22
    /// WORKDIR /usr/src/app
    /// ```
    ///
    /// ## Differences from BuildKit
    /// BuildKit's check WorkdirRelativePath reports a relative `WORKDIR` only when no absolute
    /// `WORKDIR` comes before it in the stage (after `WORKDIR /app`, `WORKDIR src` is
    /// well-defined). Like hadolint, this rule reports every relative `WORKDIR`; the BuildKit
    /// name is an alias, so `# check=skip=WorkdirRelativePath` turns it off.
    ///
    /// ## References
    /// - [hadolint DL3000](https://github.com/hadolint/hadolint/wiki/DL3000)
    /// - [BuildKit check WorkdirRelativePath](https://docs.docker.com/reference/build-checks/workdir-relative-path/)
    /// - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    pub(crate) static RULE = {
        code: "DL3000",
        name: "workdir-absolute",
        severity: Error,
        fix: None,
        hadolint: "DL3000",
        buildkit: "WorkdirRelativePath",
        check: check,
    }
}

/// Is the `WORKDIR` path absolute (or a variable that may hold an absolute path)?
fn is_absolute(path: &str) -> bool {
    let path = drop_quotes(path);
    let mut chars = path.chars();
    path.starts_with('/')
        || path.starts_with('$')
        || (chars.next().is_some_and(|c| c.is_alphabetic()) && chars.next() == Some(':'))
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        if instruction.kind() != SyntaxKind::WORKDIR_INSTR {
            continue;
        }
        let Some(word) = instruction.words().next() else { continue };
        let path = word.logical_text();
        if !path.is_empty() && !is_absolute(&path) {
            found.push((
                dflint_syntax::TextRange::new(crate::util::keyword_range(instruction).start(), word.range().end()),
                path,
            ));
        }
    }
    for (range, path) in found {
        checker.report(range, format!("Use an absolute `WORKDIR`: `{path}` is relative to the directory before it"));
    }
}
