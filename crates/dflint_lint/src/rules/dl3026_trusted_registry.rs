//! DL3026: a `FROM` or `COPY --from` image from a registry outside `trusted-registries`.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::{AstNode, ImageRef};
use dflint_syntax::SyntaxKind;

declare_rule! {
    /// ## What it does
    /// When `trusted-registries` is configured, reports a `FROM` whose image comes from any other
    /// registry, and a `COPY --from=IMAGE` that copies from such an image (as hadolint does). An
    /// image without a registry comes from Docker Hub, which is trusted when
    /// `docker.io` or `hub.docker.com` is listed. `scratch` and earlier stages are always fine.
    /// An entry may start or end with `*` (`*.example.com`, `registry.example.*`).
    /// With no `trusted-registries` (the default) the rule reports nothing.
    ///
    /// ## Why is this bad?
    /// A base image runs with everything the build and the container can reach. Organisations
    /// that mirror, scan or sign their images want builds to start only from registries they
    /// control; an image pulled from elsewhere bypasses that review.
    ///
    /// ## Configuration
    /// ```toml
    /// trusted-registries = ["docker.io", "ghcr.io"]
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM quay.io/prometheus/busybox:1.36
    /// CMD ["sh"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ghcr.io/prometheus/busybox:1.36
    /// CMD ["sh"]
    /// ```
    ///
    /// ## Differences from hadolint
    /// - The image is read after expanding the global ARGs' defaults (`FROM ${REGISTRY}/app`);
    ///   a registry that still holds a variable is not judged. hadolint reads the word as written.
    /// - Earlier stages are matched without regard to case, as BuildKit does, and so are
    ///   registry names; entries may use a leading or trailing `*`.
    ///
    /// ## References
    /// - [hadolint DL3026](https://github.com/hadolint/hadolint/wiki/DL3026)
    pub(crate) static RULE = {
        code: "DL3026",
        name: "untrusted-registry",
        severity: Error,
        fix: None,
        hadolint: "DL3026",
        check: check,
    }
}

/// Does the `trusted` entry allow `registry`? Names compare without regard to case; a leading `*`
/// matches any prefix (`*.example.com`), a trailing `*` any suffix, and `*` alone any registry.
fn registry_matches(trusted: &str, registry: &str) -> bool {
    let (trusted, registry) = (trusted.to_ascii_lowercase(), registry.to_ascii_lowercase());
    if trusted == "*" {
        true
    } else if let Some(suffix) = trusted.strip_prefix('*') {
        registry.ends_with(suffix)
    } else if let Some(prefix) = trusted.strip_suffix('*') {
        registry.starts_with(prefix)
    } else {
        trusted == registry
    }
}

fn check(checker: &mut Checker) {
    let trusted = &checker.settings.trusted_registries;
    if trusted.is_empty() {
        return;
    }
    let is_trusted = |registry: &str| trusted.iter().any(|t| registry_matches(t, registry));
    let mut found = Vec::new();
    for stage in &checker.model().stages {
        let Some(reference) = stage.base.image_ref() else { continue };
        let Some(word) = stage.from.image() else { continue };
        let message = match &reference.registry {
            Some((registry, _)) if registry.contains('$') => continue,
            Some((registry, _)) if is_trusted(registry) => continue,
            Some((registry, _)) => {
                format!("`{}` comes from `{registry}`, which is not a trusted registry", reference.text)
            }
            None if reference.name.0.split('/').next().is_some_and(|c| c.contains('$')) => continue,
            None if is_trusted("docker.io") || is_trusted("hub.docker.com") => continue,
            None => format!(
                "`{}` comes from Docker Hub, which is not a trusted registry (trust `docker.io` to allow it)",
                reference.text
            ),
        };
        found.push((word.range(), message));
    }
    // `COPY --from=IMAGE` pulls an image too (a value that names no earlier stage nor index).
    let model = checker.model();
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
            let (Some(value), Some(word)) = (flag.value_text(), flag.value()) else { continue };
            let lower = value.to_lowercase();
            let is_stage = model.stages[..stage.index].iter().any(|s| s.name_lower.as_deref() == Some(lower.as_str()))
                || value.parse::<usize>().is_ok();
            if value.is_empty() || value.contains('$') || is_stage {
                continue;
            }
            let reference = ImageRef::parse(&value, word.range().start());
            let message = match &reference.registry {
                Some((registry, _)) if is_trusted(registry) => continue,
                Some((registry, _)) => format!(
                    "`COPY --from={}` pulls from `{registry}`, which is not a trusted registry",
                    reference.text
                ),
                None if is_trusted("docker.io") || is_trusted("hub.docker.com") => continue,
                None => format!(
                    "`COPY --from={}` pulls from Docker Hub, which is not a trusted registry (trust `docker.io` to allow it)",
                    reference.text
                ),
            };
            found.push((word.range(), message));
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
