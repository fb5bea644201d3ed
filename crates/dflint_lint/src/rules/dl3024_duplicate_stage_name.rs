//! DL3024: two stages with the same name.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::AstNode;
use dflint_syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Reports the name of a stage (`FROM image AS name`) that an earlier stage already has,
    /// compared case-insensitively as the builder compares stage names.
    ///
    /// ## Why is this bad?
    /// The builder rejects a Dockerfile with two stages of the same name. Even where a tool
    /// accepts it, `COPY --from=name` and `FROM name` become ambiguous.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build ./...
    /// FROM node:22 AS build
    /// RUN npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build-go
    /// RUN go build ./...
    /// FROM node:22 AS build-web
    /// RUN npm ci
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint compares the names case-sensitively, so `AS Build` and `AS build` pass there;
    /// the builder treats them as the same name (and so does BuildKit's DuplicateStageName).
    ///
    /// ## References
    /// - [hadolint DL3024](https://github.com/hadolint/hadolint/wiki/DL3024)
    /// - [BuildKit check DuplicateStageName](https://docs.docker.com/reference/build-checks/duplicate-stage-name/)
    pub(crate) static RULE = {
        code: "DL3024",
        name: "duplicate-stage-name",
        severity: Error,
        fix: None,
        hadolint: "DL3024",
        buildkit: "DuplicateStageName",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut found = Vec::new();
    for (i, stage) in model.stages.iter().enumerate() {
        let Some(name) = stage.name_lower.as_deref() else { continue };
        let Some(first) = model.stages[..i].iter().find(|s| s.name_lower.as_deref() == Some(name)) else { continue };
        let Some(word) = stage.from.stage_name() else { continue };
        found.push((
            TextRange::new(stage.from.range().start(), word.range().end()),
            stage.name.clone().unwrap_or_default(),
            first.from.range().start(),
        ));
    }
    for (range, name, first) in found {
        let line = checker.line_number(first);
        checker.report(range, format!("Stage name `{name}` is already used by the stage on line {line}"));
    }
}
