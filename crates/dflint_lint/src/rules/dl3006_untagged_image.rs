//! DL3006: a `FROM` image without a tag or digest.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::stage_util::base_ref;

declare_rule! {
    /// ## What it does
    /// Reports a `FROM` whose image has neither a tag nor a digest, such as `FROM ubuntu`. The
    /// image is read as BuildKit reads it, after expanding the ARGs declared before the first
    /// `FROM`: `ARG TAG=3.20` with `FROM alpine:${TAG}` is tagged, `ARG BASE=alpine` with
    /// `FROM ${BASE}` is not.
    ///
    /// `FROM scratch` and references to earlier stages (whose names BuildKit matches in any case)
    /// are not images and need no tag.
    ///
    /// ## Why is this bad?
    /// An image without a tag means `:latest`, which moves whenever the publisher pushes: the same
    /// Dockerfile builds a different image from one day to the next, and a new major version of
    /// the base can break the build or the application without any change on your side.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu
    /// RUN echo hello
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN echo hello
    /// ```
    ///
    /// ## Differences from hadolint
    /// - An image word with variables is expanded with the global ARGs' defaults first. hadolint
    ///   reads the word as written: it skips any image starting with `$` (so `ARG BASE=alpine` +
    ///   `FROM $BASE` passes there) and reports names built from variables such as `img${V}`, even
    ///   when the ARG's value makes them a tagged image or an earlier stage (hadolint #979).
    ///   dflint reports what the defaults give, and stays silent when the last part of the name
    ///   still holds a variable without a default (`$BASE`, `base-${TARGETARCH}`), which may carry
    ///   the tag or name a stage.
    /// - Stage names are matched case-insensitively, as BuildKit does: `FROM Build` after
    ///   `FROM golang:1.22 AS build` uses the stage; hadolint compares them as written.
    /// - A registry with a port and no dot (`localhost:5000/app`) is a registry: hadolint's
    ///   parser reads `5000/app` as the tag and does not report it.
    ///
    /// ## References
    /// - [hadolint DL3006](https://github.com/hadolint/hadolint/wiki/DL3006)
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    pub(crate) static RULE = {
        code: "DL3006",
        name: "untagged-image",
        severity: Warning,
        fix: None,
        hadolint: "DL3006",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for stage in &checker.model().stages {
        let Some(base) = base_ref(checker, stage) else { continue };
        let reference = &base.reference;
        if reference.tag.is_some() || reference.digest.is_some() {
            continue;
        }
        let image = &reference.text;
        let message = if base.exact || image.contains('$') {
            let image = &stage.base.raw;
            format!("`{image}` has no tag: it means `{image}:latest`, which changes under you; pin a version tag")
        } else {
            let raw = &stage.base.raw;
            format!(
                "`{raw}` expands to `{image}`, which has no tag: it means `{image}:latest`, which \
                 changes under you; pin a version tag"
            )
        };
        found.push((base.word, message));
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
