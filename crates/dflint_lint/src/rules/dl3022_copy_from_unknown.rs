//! DL3022: `COPY --from` names no earlier stage.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
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
    /// ## Fix safety
    /// When exactly one earlier stage has a name within two edits of the value (`biuld` for
    /// `build`), the fix names that stage. It is unsafe: the value may be an image after all.
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
        fix: Sometimes,
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
            let mut close =
                earlier.iter().filter_map(|s| s.name.as_deref()).filter(|n| distance(&n.to_lowercase(), &lower) <= 2);
            let suggestion = match (close.next(), close.next()) {
                (Some(name), None) if flag.value().is_some_and(|v| checker.slice(v.range()) == value) => {
                    Some(name.to_string())
                }
                _ => None,
            };
            found.push((range, value, suggestion));
        }
    }
    for (range, value, suggestion) in found {
        let diagnostic =
            checker.report(range, format!("`COPY --from={value}` names no earlier stage: it is taken as an image"));
        if let Some(name) = suggestion {
            diagnostic.with_fix(Fix::unsafe_(format!("Copy from stage `{name}`"), vec![Edit::replace(range, name)]));
        }
    }
}

/// The edit distance between two names (Levenshtein, by characters).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb)).min(row[j] + 1).min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}
