//! Helpers shared by the label rules (DL3048 to DL3058) and the stage-coverage rules (DL3049,
//! DL3057): the pairs of each `LABEL` with their quotes removed, which stages are shipped images,
//! and the value checks of the label schema's types.

use crate::checker::Checker;
use crate::settings::LabelType;
use dflint_model::{expand_with, Binding};
use dflint_syntax::ast::{AstNode, Instruction};
use dflint_syntax::{SyntaxKind, TextRange};

/// One `key=value` of a `LABEL`, quotes removed (variables are kept as written, as hadolint reads
/// them).
pub(crate) struct LabelPair {
    /// The key after quote removal.
    pub(crate) key: String,
    /// The key as written in the file.
    pub(crate) key_range: TextRange,
    /// The value after quote removal (empty when there is none).
    pub(crate) value: String,
    /// The value as written, or the key when there is no value.
    pub(crate) value_range: TextRange,
}

/// A `LABEL` instruction (not an `ONBUILD` trigger) and its pairs.
pub(crate) struct LabelInstr {
    /// The stage it belongs to; `None` before the first `FROM`.
    pub(crate) stage: Option<usize>,
    pub(crate) pairs: Vec<LabelPair>,
}

/// Every `LABEL` of the file in order, with its pairs.
pub(crate) fn labels(checker: &Checker) -> Vec<LabelInstr> {
    let model = checker.model();
    let escape = model.escape;
    let unquote = |text: &str| expand_with(text, escape, &|_| Binding::Unknown);
    let mut out = Vec::new();
    for instruction in checker.instructions().iter().filter(|i| i.kind() == SyntaxKind::LABEL_INSTR) {
        let stage = model.stage_at(instruction.range().start()).map(|s| s.index);
        out.push(LabelInstr { stage, pairs: pairs_of(instruction, &unquote) });
    }
    out
}

fn pairs_of(instruction: &Instruction, unquote: &dyn Fn(&str) -> String) -> Vec<LabelPair> {
    let mut pairs = Vec::new();
    for pair in instruction.pairs() {
        let Some(key) = pair.key() else { continue };
        let value = pair.value();
        pairs.push(LabelPair {
            key: unquote(&key.logical_text()),
            key_range: key.range(),
            value: value.as_ref().map(|v| unquote(&v.logical_text())).unwrap_or_default(),
            value_range: value.as_ref().map_or(key.range(), AstNode::range),
        });
    }
    pairs
}

/// For each stage: is it only a step towards other stages, that is, does a later stage build on
/// it (`FROM stage`) or copy from it (`COPY --from=stage`)? Such stages are not the images people
/// ship, so the label and healthcheck coverage rules do not ask anything of them.
pub(crate) fn intermediate_stages(checker: &Checker) -> Vec<bool> {
    let model = checker.model();
    let mut used = vec![false; model.stages.len()];
    for stage in &model.stages {
        if let Some(parent) = stage.parent {
            used[parent] = true;
        }
        for instruction in &stage.instructions {
            if instruction.kind() != SyntaxKind::COPY_INSTR {
                continue;
            }
            let Some(from) = instruction.flag("from").and_then(|f| f.value_text()) else { continue };
            let target = match from.parse::<usize>() {
                Ok(index) => Some(index),
                Err(_) => model.stage_by_name(&from).map(|s| s.index),
            };
            if let Some(index) = target.filter(|&i| i < used.len() && i != stage.index) {
                used[index] = true;
            }
        }
    }
    used
}

/// For each stage: does it, or a stage it is built on, satisfy `has`?
pub(crate) fn inherited(checker: &Checker, has: impl Fn(usize) -> bool) -> Vec<bool> {
    let model = checker.model();
    let mut out: Vec<bool> = Vec::with_capacity(model.stages.len());
    for stage in &model.stages {
        let from_parent = stage.parent.is_some_and(|p| p < out.len() && out[p]);
        out.push(from_parent || has(stage.index));
    }
    out
}

/// An absolute URI (RFC 3986): a scheme, `:`, then only characters a URI may hold, with `%`
/// followed by two hex digits.
pub(crate) fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return false;
    }
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            if i + 2 >= bytes.len() || !(bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit()) {
                return false;
            }
            i += 3;
            continue;
        }
        let allowed = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b);
        if !allowed {
            return false;
        }
        i += 1;
    }
    true
}

/// An RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`.
pub(crate) fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.end <= b.len() && b[r].iter().all(u8::is_ascii_digit);
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(99);
    if b.len() < 20 || !digits(0..4) || b[4] != b'-' || !digits(5..7) || b[7] != b'-' || !digits(8..10) {
        return false;
    }
    if !matches!(b[10], b'T' | b't') || !digits(11..13) || b[13] != b':' || !digits(14..16) || b[16] != b':' {
        return false;
    }
    if !digits(17..19) {
        return false;
    }
    let (month, day, hour, minute, second) = (num(5..7), num(8..10), num(11..13), num(14..16), num(17..19));
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut i = 19;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match &s[i..] {
        "Z" | "z" => true,
        offset => {
            let o = offset.as_bytes();
            o.len() == 6
                && matches!(o[0], b'+' | b'-')
                && o[1..3].iter().all(u8::is_ascii_digit)
                && o[3] == b':'
                && o[4..6].iter().all(u8::is_ascii_digit)
                && offset[1..3].parse::<u32>().is_ok_and(|h| h <= 23)
                && offset[4..6].parse::<u32>().is_ok_and(|m| m <= 59)
        }
    }
}

/// A semantic version (semver.org 2.0.0): `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`, numbers
/// without leading zeros, no `v` in front.
pub(crate) fn is_semver(s: &str) -> bool {
    let (rest, build) = match s.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (s, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let numeric = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (p == "0" || !p.starts_with('0'));
    let ident = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() != 3 || !parts.iter().all(|p| numeric(p)) {
        return false;
    }
    let pre_ok = pre
        .is_none_or(|p| p.split('.').all(|id| ident(id) && (!id.bytes().all(|b| b.is_ascii_digit()) || numeric(id))));
    let build_ok = build.is_none_or(|b| b.split('.').all(ident));
    pre_ok && build_ok
}

/// A git commit hash: 7 or 40 lowercase hex digits.
pub(crate) fn is_git_hash(s: &str) -> bool {
    (s.len() == 7 || s.len() == 40) && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// An email address (RFC 5322 `addr-spec`): a dot-atom or quoted local part, `@`, and a dot-atom
/// domain or a `[...]` domain literal.
pub(crate) fn is_email(s: &str) -> bool {
    let Some(at) = s.rfind('@') else { return false };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    let dot_atom = |p: &str| !p.is_empty() && p.split('.').all(|a| !a.is_empty() && a.chars().all(atext));
    let quoted = |p: &str| {
        p.len() >= 2
            && p.starts_with('"')
            && p.ends_with('"')
            && p[1..p.len() - 1].chars().all(|c| c.is_ascii() && !c.is_ascii_control())
    };
    let literal = |p: &str| {
        p.len() >= 2
            && p.starts_with('[')
            && p.ends_with(']')
            && p[1..p.len() - 1].chars().all(|c| c.is_ascii_graphic() && !matches!(c, '[' | ']' | '\\'))
    };
    (dot_atom(local) || quoted(local)) && (dot_atom(domain) || literal(domain))
}

/// A license identifier of the SPDX license list (`MIT`, `Apache-2.0`, ...), as hadolint accepts
/// it: one identifier, not an expression.
pub(crate) fn is_spdx_id(s: &str) -> bool {
    spdx::license_id(s).is_some()
}

/// Reports every value of a schema label of type `kind` that `valid` rejects, as `what` (`a valid
/// URL`, ...). One finding per pair, on its value.
pub(crate) fn check_values(checker: &mut Checker, kind: LabelType, valid: fn(&str) -> bool, what: &str) {
    let names: Vec<&String> =
        checker.settings.label_schema.iter().filter(|(_, k)| *k == kind).map(|(name, _)| name).collect();
    if names.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for label in labels(checker) {
        for pair in &label.pairs {
            if names.contains(&&pair.key) && !valid(&pair.value) {
                found.push((pair.value_range, format!("label `{}` is not {what}: `{}`", pair.key, pair.value)));
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_kinds() {
        assert!(is_uri("https://example.com/a?b=c#d"));
        assert!(is_uri("mailto:a@b.c"));
        assert!(!is_uri("example.com"));
        assert!(!is_uri("https://exa mple.com"));
        assert!(!is_uri("https://example.com/%g1"));
        assert!(is_rfc3339("2024-01-31T12:00:00Z"));
        assert!(is_rfc3339("2024-01-31T12:00:00.123+02:00"));
        assert!(!is_rfc3339("2024-01-31"));
        assert!(!is_rfc3339("2024-13-31T12:00:00Z"));
        assert!(is_semver("1.2.3"));
        assert!(is_semver("1.2.3-rc.1+build.5"));
        assert!(!is_semver("v1.2.3"));
        assert!(!is_semver("1.2"));
        assert!(!is_semver("01.2.3"));
        assert!(is_git_hash("0123abc"));
        assert!(!is_git_hash("0123ABC"));
        assert!(is_email("jane.doe@example.com"));
        assert!(!is_email("jane doe@example.com"));
        assert!(!is_email("jane@"));
        assert!(is_spdx_id("MIT"));
        assert!(is_spdx_id("Apache-2.0"));
        assert!(!is_spdx_id("MIT OR Apache-2.0"));
        assert!(!is_spdx_id("Proprietary"));
    }
}
