//! DL3048: a label key outside Docker's recommended format.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::label_util::labels;

declare_rule! {
    /// ## What it does
    /// Reports a `LABEL` with a key that does not follow Docker's recommended format: lower-case
    /// letters, digits, `.` and `-`, starting with a letter and ending with a letter or digit,
    /// without `..` or `--`, and outside the namespaces Docker reserves (`com.docker.*`,
    /// `io.docker.*`, `org.dockerproject.*`). One finding per `LABEL`, on its first bad key.
    ///
    /// ## Why is this bad?
    /// Tools that read labels (registries, scanners, orchestrators) expect reverse-DNS keys such
    /// as `org.opencontainers.image.version`. Keys in other shapes (`Version`, `my_label`) are
    /// easy to misspell, clash between teams, and may be rejected or ignored by those tools.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL Maintainer="jane@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="jane@example.com"
    /// ```
    ///
    /// ## Differences from hadolint
    /// Keys are read after quote removal, so `LABEL "registry_image"="x"` is reported like
    /// `LABEL registry_image=x`; hadolint 2.15 lets keys written in quotes through.
    /// The finding is on the first bad key; hadolint reports the `LABEL`'s first line.
    ///
    /// ## References
    /// - [hadolint DL3048](https://github.com/hadolint/hadolint/wiki/DL3048)
    /// - [Docker object labels: key format recommendations](https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations)
    pub(crate) static RULE = {
        code: "DL3048",
        name: "invalid-label-key",
        severity: Style,
        fix: None,
        hadolint: "DL3048",
        check: check,
    }
}

/// Why `key` is not a recommended label key, if it is not.
fn problem(key: &str) -> Option<&'static str> {
    let first_ok = key.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    let last_ok = key.chars().last().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if !key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-') {
        Some("only lower-case letters, digits, `.` and `-` are recommended")
    } else if !first_ok {
        Some("it should start with a lower-case letter")
    } else if !last_ok {
        Some("it should end with a lower-case letter or a digit")
    } else if key.contains("..") || key.contains("--") {
        Some("it should not repeat `.` or `-`")
    } else if ["com.docker.", "io.docker.", "org.dockerproject."].iter().any(|p| key.starts_with(p)) {
        Some("this namespace is reserved for Docker")
    } else {
        None
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for label in labels(checker) {
        let bad: Vec<_> = label.pairs.iter().filter_map(|p| problem(&p.key).map(|why| (p, why))).collect();
        let Some((first, why)) = bad.first() else { continue };
        let message = if bad.len() == 1 {
            format!("invalid label key `{}`: {why}", first.key)
        } else {
            let keys: Vec<String> = bad.iter().map(|(p, _)| format!("`{}`", p.key)).collect();
            format!("invalid label keys {} (`{}`: {why})", keys.join(", "), first.key)
        };
        found.push((first.key_range, message));
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn keys() {
        assert!(problem("org.opencontainers.image.version").is_none());
        assert!(problem("maintainer").is_none());
        assert!(problem("Maintainer").is_some());
        assert!(problem("a_b").is_some());
        assert!(problem("a..b").is_some());
        assert!(problem("a-").is_some());
        assert!(problem("1abc").is_some());
        assert!(problem("com.docker.x").is_some());
        assert!(problem("").is_some());
    }
}
