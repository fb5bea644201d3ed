//! DL3045: `COPY` to a relative destination in a stage without `WORKDIR`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::instr_util::{copy_args, drop_quotes};
use crate::util::keyword_range;
use dflint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports a `COPY` whose destination is relative (not `/...`, not a Windows drive path, not
    /// starting with a variable) when no `WORKDIR` comes before it in the stage or in the stages
    /// it is built on.
    ///
    /// ## Why is this bad?
    /// A relative destination is resolved against the working directory, which then comes from
    /// the base image: files land wherever the base image's `WORKDIR` is, and move when it
    /// changes. Set `WORKDIR` first, or give an absolute destination.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// COPY package.json .
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22
    /// WORKDIR /usr/src/app
    /// COPY package.json .
    /// ```
    ///
    /// ## Differences from hadolint
    /// A stage built on an earlier stage inherits that stage's `WORKDIR` as in hadolint; dflint
    /// resolves the earlier stage by name case-insensitively, as the builder does.
    ///
    /// ## References
    /// - [hadolint DL3045](https://github.com/hadolint/hadolint/wiki/DL3045)
    /// - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    pub(crate) static RULE = {
        code: "DL3045",
        name: "copy-relative-dest",
        severity: Warning,
        fix: None,
        hadolint: "DL3045",
        check: check,
    }
}

/// Is the destination absolute, a Windows path (`C:\`, `C:/`) or a variable?
fn is_absolute(dest: &str) -> bool {
    let dest = drop_quotes(dest);
    let after_drive = dest.get(1..).unwrap_or("");
    dest.starts_with('/') || dest.starts_with('$') || after_drive.starts_with(":\\") || after_drive.starts_with(":/")
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut has_workdir: Vec<bool> = Vec::with_capacity(model.stages.len());
    let mut found = Vec::new();
    for stage in &model.stages {
        let mut workdir = stage.parent.and_then(|p| has_workdir.get(p).copied()).unwrap_or(false);
        for instruction in &stage.instructions {
            match instruction.kind() {
                SyntaxKind::WORKDIR_INSTR => workdir = true,
                SyntaxKind::COPY_INSTR if !workdir => {
                    let Some((_, dest)) = copy_args(instruction) else { continue };
                    if !is_absolute(&dest.text) {
                        found.push((TextRange::new(keyword_range(instruction).start(), dest.range.end()), dest.text));
                    }
                }
                _ => {}
            }
        }
        has_workdir.push(workdir);
    }
    for (range, dest) in found {
        checker.report(range, format!("`COPY` to the relative destination `{dest}` without `WORKDIR` set"));
    }
}
