//! DL3021: `COPY` of several sources to a destination that does not end with `/`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::instr_util::{copy_args, drop_quotes};
use crate::util::keyword_range;
use dflint_syntax::{SyntaxKind, TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Reports a `COPY` with more than one source whose destination does not end with `/`.
    ///
    /// ## Why is this bad?
    /// Several sources can only go into a directory, and the builder requires the destination of
    /// such a `COPY` to say so with a trailing `/`: the build fails without it (unless wildcards
    /// happen to match a single file, which then lands in a file of that name).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// COPY package.json package-lock.json /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22
    /// COPY package.json package-lock.json /app/
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds the `/`. It is safe when no source has a wildcard (the build failed without
    /// it), and unsafe otherwise: wildcards that match a single file used to copy it to a file
    /// named like the destination.
    ///
    /// ## References
    /// - [hadolint DL3021](https://github.com/hadolint/hadolint/wiki/DL3021)
    /// - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    pub(crate) static RULE = {
        code: "DL3021",
        name: "copy-dest-slash",
        severity: Error,
        fix: Always,
        hadolint: "DL3021",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        if instruction.kind() != SyntaxKind::COPY_INSTR {
            continue;
        }
        let Some((sources, dest)) = copy_args(instruction) else { continue };
        if sources.len() < 2 || drop_quotes(&dest.text).ends_with('/') || dest.text.is_empty() {
            continue;
        }
        let written = &checker.text[dest.range];
        let closing = written.len() - written.trim_end_matches(['"', '\'']).len();
        let at = dest.range.end() - TextSize::from(closing as u32);
        let wildcard = sources.iter().any(|s| s.text.contains(['*', '?', '[']));
        let edits = vec![Edit::insert(at, "/")];
        let title = "Add `/` to the destination";
        let fix = if wildcard { Fix::unsafe_(title, edits) } else { Fix::safe(title, edits) };
        found.push((TextRange::new(keyword_range(instruction).start(), dest.range.end()), fix));
    }
    for (range, fix) in found {
        checker
            .report(range, "`COPY` with more than one source needs a destination directory ending with `/`")
            .with_fix(fix);
    }
}
