//! DF306: a `FROM` image that is not a valid image reference.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_syntax::ast::{AstNode, ImageRef};
use dflint_syntax::{TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Reports a `FROM` image that Docker cannot read as a reference: an empty tag (`alpine:`), a
    /// tag with characters other than letters, digits, `_`, `.` and `-` (or longer than 128), an
    /// empty or malformed digest (`alpine@sha256`), a repository name with upper-case letters or
    /// misplaced separators.
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "invalid reference format" before building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Differences from dockerfile-utils
    /// References holding a variable are not checked (BuildKit expands them first), nor names of
    /// earlier stages. dflint also checks the repository name.
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    /// - [distribution/reference grammar](https://github.com/distribution/reference/blob/main/reference.go)
    pub(crate) static RULE = {
        code: "DF306",
        name: "invalid-image-reference",
        severity: Error,
        fix: None,
        check: check,
    }
}

fn valid_tag(tag: &str) -> bool {
    let mut chars = tag.chars();
    tag.len() <= 128
        && chars.next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

fn valid_digest(digest: &str) -> bool {
    let Some((algorithm, hex)) = digest.split_once(':') else { return false };
    let alg_ok = !algorithm.is_empty()
        && algorithm.split(['-', '_', '+', '.']).all(|part| {
            let mut c = part.chars();
            c.next().is_some_and(|c| c.is_ascii_alphabetic()) && c.all(|c| c.is_ascii_alphanumeric())
        });
    alg_ok && hex.len() >= 32 && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// One path component: `[a-z0-9]+` runs joined by `.`, `_`, `__` or dashes.
fn valid_component(component: &str) -> bool {
    let b = component.as_bytes();
    if b.is_empty() || !b[0].is_ascii_alphanumeric() || !b[b.len() - 1].is_ascii_alphanumeric() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_lowercase() || b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && matches!(b[i], b'.' | b'_' | b'-') {
            i += 1;
        }
        let sep = &component[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-');
        if sep.is_empty() || !ok {
            return false;
        }
    }
    true
}

fn problem(r: &ImageRef, whole: TextRange) -> Option<(TextRange, String)> {
    if let Some((tag, range)) = &r.tag {
        if tag.is_empty() {
            return Some((whole, "Invalid reference format: the tag after `:` is empty".into()));
        }
        if !valid_tag(tag) {
            return Some((*range, format!("Invalid reference format: `{tag}` is not a valid tag")));
        }
    }
    if let Some((digest, range)) = &r.digest {
        if digest.is_empty() {
            return Some((whole, "Invalid reference format: the digest after `@` is empty".into()));
        }
        if !valid_digest(digest) {
            return Some((
                *range,
                format!("Invalid reference format: `{digest}` is not a digest (`algorithm:hex`, e.g. `sha256:...`)"),
            ));
        }
    }
    let (name, range) = &r.name;
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        return Some((*range, format!("Invalid reference format: the repository name `{name}` must be lower-case")));
    }
    if name.split('/').any(|c| !valid_component(c)) {
        return Some((*range, format!("Invalid reference format: `{name}` is not a valid repository name")));
    }
    None
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    // Where the first stage of each (lower-case) name starts: one lookup per FROM, not a scan of
    // every stage (quadratic in files with thousands of stages).
    let mut first_stage: std::collections::HashMap<&str, TextSize> = std::collections::HashMap::new();
    for s in &checker.model().stages {
        if let Some(name) = s.name_lower.as_deref() {
            first_stage.entry(name).or_insert(s.from.range().start());
        }
    }
    for instruction in checker.instructions().iter() {
        let Some(from) = instruction.as_from() else { continue };
        let Some(word) = from.image() else { continue };
        let text = word.logical_text();
        if text.contains('$') || checker.slice(word.range()) != text {
            continue;
        }
        let earlier_stage =
            first_stage.get(text.to_lowercase().as_str()).is_some_and(|&start| start < from.range().start());
        if earlier_stage {
            continue;
        }
        if let Some(p) = problem(&ImageRef::parse(&text, word.range().start()), word.range()) {
            found.push(p);
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> bool {
        problem(&ImageRef::parse(s, 0.into()), TextRange::default()).is_none()
    }

    #[test]
    fn references() {
        assert!(ok("alpine"));
        assert!(ok("library/alpine:3.20"));
        assert!(ok("localhost:5000/my_team/app-x:1.0"));
        assert!(ok(
            "mcr.microsoft.com/dotnet/sdk:8.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        ));
        assert!(!ok("alpine:"));
        assert!(!ok("alpine@sha256"));
        assert!(!ok("alpine:3.20!"));
        assert!(!ok("My/App"));
        assert!(!ok("app-:1"));
    }
}
