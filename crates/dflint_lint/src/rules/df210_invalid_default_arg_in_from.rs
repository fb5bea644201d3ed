//! DF210 / InvalidDefaultArgInFrom: a `FROM` image that is empty or invalid when the global ARGs
//! keep their defaults.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_model::{expand_with, Binding};
use dflint_syntax::ast::AstNode;
use dflint_syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Expands each `FROM` image with the global ARGs at their defaults (an ARG without default
    /// is empty; the automatic platform ARGs have a value) and reports it when the result is not
    /// a valid image reference, empty included.
    ///
    /// ## Why is this bad?
    /// A build should work without `--build-arg`. `ARG TAG` then `FROM busybox:${TAG}` fails
    /// with an invalid reference unless every build passes `TAG`.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG TAG
    /// FROM busybox:${TAG}
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG TAG=latest
    /// FROM busybox:${TAG}
    /// ```
    ///
    /// ## References
    /// - [BuildKit check InvalidDefaultArgInFrom](https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/)
    pub(crate) static RULE = {
        code: "DF210",
        name: "invalid-default-arg-in-from",
        severity: Warning,
        fix: None,
        buildkit: "InvalidDefaultArgInFrom",
        check: check,
    }
}

const AUTOMATIC: &[(&str, &str)] = &[
    ("BUILDPLATFORM", "linux/amd64"),
    ("BUILDOS", "linux"),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
    ("TARGETPLATFORM", "linux/amd64"),
    ("TARGETOS", "linux"),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
];

fn check(checker: &mut Checker) {
    let model = checker.model();
    // Only base images that use a variable can be wrong here.
    let with_vars: Vec<_> = model
        .stages
        .iter()
        .filter_map(|stage| stage.from.image())
        .map(|image| (image.logical_text(), image))
        .filter(|(raw, _)| raw.contains('$'))
        .collect();
    if with_vars.is_empty() {
        return;
    }
    let mut values: Vec<(String, String)> = AUTOMATIC.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    for decl in &model.global_args {
        if let Some(default) = &decl.default {
            // The model expanded the default with the ARGs before it, keeping unknown ones as
            // written; expand again with the defaults only.
            let v = expand_with(default, model.escape, &|n| lookup(&values, n));
            values.retain(|(k, _)| *k != decl.name);
            values.push((decl.name.clone(), v));
        }
    }
    let mut found: Vec<(TextRange, String)> = Vec::new();
    for (raw, image) in with_vars {
        let expanded = expand_with(&raw, model.escape, &|n| lookup(&values, n));
        if expanded.contains('$') {
            continue;
        }
        if !is_valid_reference(&expanded) {
            found.push((
                image.range(),
                format!("Default value for ARG {raw} results in empty or invalid base image name"),
            ));
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}

fn lookup(values: &[(String, String)], name: &str) -> Binding {
    match values.iter().rev().find(|(k, _)| k == name) {
        Some((_, v)) => Binding::Value(v.clone()),
        None => Binding::Unset,
    }
}

/// Does `reference.ParseNormalizedNamed` accept `s`?
pub(crate) fn is_valid_reference(s: &str) -> bool {
    if s.is_empty() || s.len() > 255 + 72 {
        return false;
    }
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        let Some((algo, hex)) = d.split_once(':') else { return false };
        let algo_ok = algo.split(['-', '_', '+', '.']).all(|p| {
            p.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && p.chars().all(|c| c.is_ascii_alphanumeric())
        });
        if !algo_ok || hex.len() < 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return false;
        }
    }
    let last_slash = rest.rfind('/');
    let (name, tag) = match rest.rfind(':') {
        Some(c) if last_slash.is_none_or(|sl| c > sl) => (&rest[..c], Some(&rest[c + 1..])),
        _ => (rest, None),
    };
    if let Some(tag) = tag {
        let ok = !tag.is_empty()
            && tag.len() <= 128
            && tag.chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            && tag.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
        if !ok {
            return false;
        }
    }
    if name.is_empty() || name.len() > 255 {
        return false;
    }
    let mut components: Vec<&str> = name.split('/').collect();
    if components.len() > 1 {
        let first = components[0];
        if first.contains(['.', ':']) || first == "localhost" || first.chars().any(|c| c.is_ascii_uppercase()) {
            if !is_domain(first) {
                return false;
            }
            components.remove(0);
        }
    } else if name.len() == 64 && name.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()) {
        return false;
    }
    components.iter().all(|c| is_path_component(c))
}

fn is_domain(s: &str) -> bool {
    let (host, port) = match s.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || s.starts_with('[') => (h, Some(p)),
        _ => (s, None),
    };
    if port.is_some_and(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return false;
    }
    if host.starts_with('[') {
        return host.ends_with(']') && host.len() > 2;
    }
    !host.is_empty()
        && host.split('.').all(|part| {
            !part.is_empty()
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !part.starts_with('-')
                && !part.ends_with('-')
        })
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn is_path_component(s: &str) -> bool {
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() || !alnum(chars[0]) || !alnum(chars[chars.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < chars.len() {
        if alnum(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !alnum(chars[i]) {
            i += 1;
        }
        let sep: String = chars[start..i].iter().collect();
        let ok = sep == "." || sep == "_" || sep == "__" || sep.chars().all(|c| c == '-');
        if !ok {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_valid_reference as ok;

    #[test]
    fn references() {
        for good in [
            "busybox",
            "busybox:latest",
            "alpine:3.14",
            "busybox:stable",
            "localhost:5000/a/b:1",
            "ghcr.io/x/y@sha256:0123456789abcdef0123456789abcdef",
            "scratch",
            "my_image",
            "a__b",
            "a--b",
        ] {
            assert!(ok(good), "{good}");
        }
        for bad in ["", "busybox:", ":latest", "Busybox", "busy box", "a/-b", "busybox:latest:x", "a@sha256:xyz"] {
            assert!(!ok(bad), "{bad}");
        }
    }
}
