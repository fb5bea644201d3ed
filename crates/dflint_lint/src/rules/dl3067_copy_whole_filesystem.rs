//! DL3067: `COPY --from=stage / /`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::instr_util::{copy_args, drop_quotes};
use crate::util::keyword_range;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports a `COPY --from=...` that copies `/` to `/`.
    ///
    /// ## Why is this bad?
    /// Copying a whole filesystem from another stage or image brings everything along: package
    /// databases, caches, `/etc` files that overwrite this stage's, device and proc leftovers. It
    /// defeats the point of a multi-stage build. Copy the directories you need.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS build
    /// RUN apk add --no-cache curl
    /// FROM scratch
    /// COPY --from=build / /
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20 AS build
    /// RUN apk add --no-cache curl
    /// FROM scratch
    /// COPY --from=build /usr/bin/curl /usr/bin/curl
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint reports nothing in a file it cannot parse (a `RUN --mount` without `target=`,
    /// which BuildKit accepts, or a `RUN` directly after a heredoc); dflint reads such files.
    ///
    /// ## References
    /// - [hadolint DL3067](https://github.com/hadolint/hadolint/wiki/DL3067)
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    pub(crate) static RULE = {
        code: "DL3067",
        name: "copy-whole-filesystem",
        severity: Warning,
        fix: None,
        hadolint: "DL3067",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        if instruction.kind() != SyntaxKind::COPY_INSTR || instruction.flag("from").is_none() {
            continue;
        }
        let Some((sources, dest)) = copy_args(instruction) else { continue };
        if drop_quotes(&dest.text) == "/" && sources.iter().any(|s| drop_quotes(&s.text) == "/") {
            found.push(keyword_range(instruction));
        }
    }
    for range in found {
        checker.report(range, "Do not copy an entire filesystem from another stage: copy the paths you need");
    }
}
