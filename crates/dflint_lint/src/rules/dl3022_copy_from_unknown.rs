//! DL3022: `COPY --from` names no earlier stage.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// Reports a `COPY --from=name` when `name` is not the name of an earlier stage (compared
    /// case-insensitively, as the builder does) nor the index of one (`--from=0`).
    ///
    /// A value that is clearly an image reference (with a tag, a digest or a path:
    /// `nginx:1.27`, `ghcr.io/org/tool`) or that holds a variable is not reported: `--from`
    /// accepts images too.
    ///
    /// ## Why is this bad?
    /// A `--from` that names no earlier stage is taken as an image to pull: a misspelt stage
    /// name, or one defined further down, makes the build fetch (or fail to fetch) an image
    /// instead of copying from the stage.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /app .
    /// FROM debian:12
    /// COPY --from=biuld /app /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /app .
    /// FROM debian:12
    /// COPY --from=build /app /app
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint compares names case-sensitively, reports stage indexes and every image
    /// reference; dflint accepts indexes of earlier stages and values that are clearly images.
    ///
    /// ## References
    /// - [hadolint DL3022](https://github.com/hadolint/hadolint/wiki/DL3022)
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    pub(crate) static RULE = {
        code: "DL3022",
        name: "copy-from-unknown-stage",
        severity: Warning,
        fix: None,
        hadolint: "DL3022",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut found = Vec::new();
    for stage in &model.stages {
        for instruction in &stage.instructions {
            let instruction = match instruction.kind() {
                SyntaxKind::ONBUILD_INSTR => match instruction.onbuild_trigger() {
                    Some(t) => t,
                    None => continue,
                },
                _ => instruction.clone(),
            };
            if instruction.kind() != SyntaxKind::COPY_INSTR {
                continue;
            }
            let Some(flag) = instruction.flag("from") else { continue };
            let Some(value) = flag.value_text() else { continue };
            if value.is_empty() || value.contains(['$', ':', '/', '@']) {
                continue;
            }
            let lower = value.to_lowercase();
            let earlier = &model.stages[..stage.index];
            if earlier.iter().any(|s| s.name_lower.as_deref() == Some(lower.as_str())) {
                continue;
            }
            if value.parse::<usize>().is_ok_and(|i| i < stage.index) {
                continue;
            }
            let range = flag.value().map_or(flag.range(), |v| v.range());
            found.push((range, value));
        }
    }
    for (range, value) in found {
        checker.report(range, format!("`COPY --from={value}` names no earlier stage: it is taken as an image"));
    }
}
