//! DL3007: a `FROM` image tagged `latest`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::stage_util::base_ref;

declare_rule! {
    /// ## What it does
    /// Reports a `FROM` whose image is tagged `latest`, such as `FROM node:latest`, also when the
    /// tag comes from the default of an ARG declared before the first `FROM`
    /// (`ARG TAG=latest` with `FROM node:${TAG}`).
    ///
    /// ## Why is this bad?
    /// `latest` is whatever the publisher pushed last: the same Dockerfile builds a different
    /// image from one day to the next, and a new major version of the base can break the build or
    /// the application without any change on your side. Writing `latest` also hides that choice
    /// from the reader, who cannot tell which version was tested.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:latest
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22.11
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Differences from hadolint
    /// - The tag is read after expanding the global ARGs' defaults; hadolint compares the tag as
    ///   written, so `FROM node:${TAG}` with `ARG TAG=latest` passes there.
    /// - `node:latest@sha256:...` is not reported: with a digest the tag is ignored and the image
    ///   is pinned. hadolint reports it.
    ///
    /// ## References
    /// - [hadolint DL3007](https://github.com/hadolint/hadolint/wiki/DL3007)
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    pub(crate) static RULE = {
        code: "DL3007",
        name: "latest-tag",
        severity: Warning,
        fix: None,
        hadolint: "DL3007",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for stage in &checker.model().stages {
        let Some(base) = base_ref(checker, stage) else { continue };
        let reference = &base.reference;
        let is_latest = reference.tag.as_ref().is_some_and(|(tag, _)| tag == "latest");
        if !is_latest || reference.digest.is_some() {
            continue;
        }
        let image = &reference.text;
        let message = if base.exact {
            format!("`{image}` follows whatever was pushed last: pin a version tag instead of `latest`")
        } else {
            let raw = &stage.base.raw;
            format!(
                "`{raw}` expands to `{image}`, which follows whatever was pushed last: pin a \
                 version tag instead of `latest`"
            )
        };
        found.push((base.tag_range(), message));
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
