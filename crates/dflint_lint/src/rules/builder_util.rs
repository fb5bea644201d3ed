//! Helpers shared by the builder syntax rules (DF300-DF399): the flags each instruction takes as
//! BuildKit declares them, ranges of a flag's parts, Go's duration and boolean syntax, and "did you
//! mean" suggestions.

use dflint_syntax::ast::{AstNode, Flag, Instruction};
use dflint_syntax::SyntaxKind::{self, *};
use dflint_syntax::{TextRange, TextSize};

/// How BuildKit reads a flag's value (`BFlags.AddBool`, `AddString`, `AddStrings`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FlagKind {
    /// `--flag`, `--flag=true|false`.
    Bool,
    /// `--flag=value`, once.
    String,
    /// `--flag=value`, any number of times.
    Strings,
}

use FlagKind::{Bool, String as Str, Strings};

const FROM_FLAGS: &[(&str, FlagKind)] = &[("platform", Str)];
const RUN_FLAGS: &[(&str, FlagKind)] = &[("mount", Strings), ("network", Str), ("security", Str)];
const COPY_FLAGS: &[(&str, FlagKind)] =
    &[("from", Str), ("chown", Str), ("chmod", Str), ("link", Bool), ("parents", Bool), ("exclude", Strings)];
const ADD_FLAGS: &[(&str, FlagKind)] = &[
    ("chown", Str),
    ("chmod", Str),
    ("checksum", Str),
    ("link", Bool),
    ("keep-git-dir", Bool),
    ("unpack", Bool),
    ("exclude", Strings),
];
const HEALTHCHECK_FLAGS: &[(&str, FlagKind)] =
    &[("interval", Str), ("timeout", Str), ("start-period", Str), ("start-interval", Str), ("retries", Str)];

/// The flags BuildKit accepts on `instruction`, or `None` when it never looks at them (`ARG`,
/// `STOPSIGNAL`, `HEALTHCHECK NONE`, unknown instructions): flags there are ignored, not rejected.
pub(crate) fn accepted_flags(instruction: &Instruction) -> Option<&'static [(&'static str, FlagKind)]> {
    Some(match instruction.kind() {
        FROM_INSTR => FROM_FLAGS,
        RUN_INSTR => RUN_FLAGS,
        COPY_INSTR => COPY_FLAGS,
        ADD_INSTR => ADD_FLAGS,
        HEALTHCHECK_INSTR => {
            let typ = instruction.words().next().map(|w| w.logical_text().to_ascii_uppercase());
            if typ.as_deref() == Some("NONE") {
                return None;
            }
            HEALTHCHECK_FLAGS
        }
        ENV_INSTR | LABEL_INSTR | MAINTAINER_INSTR | ONBUILD_INSTR | WORKDIR_INSTR | CMD_INSTR | ENTRYPOINT_INSTR
        | EXPOSE_INSTR | USER_INSTR | VOLUME_INSTR | SHELL_INSTR => &[],
        _ => return None,
    })
}

/// Which Dockerfile frontend the `# syntax=` directive asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Frontend {
    /// Docker's stable frontend (also when there is no directive).
    Stable,
    /// Docker's `-labs` channel, with experimental flags (`RUN --device`).
    Labs,
    /// Another image: its instructions and flags are its own.
    Other,
}

/// The frontend `file` asks for.
pub(crate) fn frontend(file: &dflint_syntax::ast::SourceFile) -> Frontend {
    let Some(value) = file.directives().find(|d| d.name().as_deref() == Some("syntax")).and_then(|d| d.value()) else {
        return Frontend::Stable;
    };
    let value = value.to_ascii_lowercase();
    if !value.contains("docker/dockerfile") {
        Frontend::Other
    } else if value.contains("labs") {
        Frontend::Labs
    } else {
        Frontend::Stable
    }
}

/// Flags only the `-labs` frontend takes, by instruction.
pub(crate) fn labs_flag(kind: SyntaxKind, name: &str) -> bool {
    matches!((kind, name), (RUN_INSTR, "device"))
}

/// The flags BuildKit parses on `instruction`: those before a bare `--`, which ends them.
pub(crate) fn parsed_flags(instruction: &Instruction) -> Vec<Flag> {
    instruction.flags().take_while(|f| !f.is_terminator()).collect()
}

/// The range of the flag's name without its dashes (`platform` in `--platform=x`); the whole
/// `--name` token when the name is empty.
pub(crate) fn name_range(flag: &Flag) -> TextRange {
    let Some(token) = flag.name_token() else { return flag.range() };
    let r = token.text_range();
    if token.text().len() > 2 {
        TextRange::new(r.start() + TextSize::from(2), r.end())
    } else {
        r
    }
}

/// The range of the `--name` token (dashes included).
pub(crate) fn dashed_name_range(flag: &Flag) -> TextRange {
    flag.name_token().map_or(flag.range(), |t| t.text_range())
}

/// Does the flag have an `=`?
pub(crate) fn has_eq(flag: &Flag) -> bool {
    flag.syntax().children_with_tokens().filter_map(|e| e.into_token()).any(|t| t.kind() == SyntaxKind::EQ)
}

/// The value's range, or the whole flag's when the value is empty.
pub(crate) fn value_range(flag: &Flag) -> TextRange {
    flag.value().map_or(flag.range(), |v| v.range())
}

/// Does the text hold a variable reference BuildKit would expand first?
pub(crate) fn has_variable(text: &str) -> bool {
    text.contains('$')
}

/// Go's `strconv.ParseBool`.
pub(crate) fn go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Why Go's `time.ParseDuration` rejects a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DurationError {
    Invalid,
    MissingUnit,
    UnknownUnit(String),
}

/// Go's `time.ParseDuration`, in nanoseconds.
pub(crate) fn go_duration(text: &str) -> Result<f64, DurationError> {
    let mut s = text;
    let mut neg = false;
    if let Some(c) = s.chars().next() {
        if c == '-' || c == '+' {
            neg = c == '-';
            s = &s[1..];
        }
    }
    if s == "0" {
        return Ok(0.0);
    }
    if s.is_empty() {
        return Err(DurationError::Invalid);
    }
    let mut total = 0.0f64;
    while !s.is_empty() {
        let b = s.as_bytes();
        if !(b[0] == b'.' || b[0].is_ascii_digit()) {
            return Err(DurationError::Invalid);
        }
        let int_len = s.bytes().take_while(|c| c.is_ascii_digit()).count();
        let mut number: f64 = if int_len > 0 { s[..int_len].parse().unwrap_or(f64::MAX) } else { 0.0 };
        s = &s[int_len..];
        let mut frac_len = 0;
        if let Some(rest) = s.strip_prefix('.') {
            frac_len = rest.bytes().take_while(|c| c.is_ascii_digit()).count();
            if frac_len > 0 {
                let frac: f64 = format!("0.{}", &rest[..frac_len]).parse().unwrap_or(0.0);
                number += frac;
            }
            s = &rest[frac_len..];
        }
        if int_len == 0 && frac_len == 0 {
            return Err(DurationError::Invalid);
        }
        let unit_len = s.find(|c: char| c == '.' || c.is_ascii_digit()).unwrap_or(s.len());
        if unit_len == 0 {
            return Err(DurationError::MissingUnit);
        }
        let unit = &s[..unit_len];
        let scale = match unit {
            "ns" => 1.0,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return Err(DurationError::UnknownUnit(unit.to_string())),
        };
        total += number * scale;
        s = &s[unit_len..];
    }
    Ok(if neg { -total } else { total })
}

/// Edit distance by characters, a swap of two neighbours counting as one edit (`form` → `from`).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// The candidate closest to `word` (case-insensitively), when it is close enough to be a typo or
/// `word` is the start of it (`--check` for `--checksum`).
pub(crate) fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let max = (lower.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| {
            let prefix = lower.len() >= 3 && c.starts_with(&lower);
            (if prefix { 1 } else { distance(&lower, c) }, c)
        })
        .filter(|&(d, _)| d <= max)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(go_duration("1m30s"), Ok(90e9));
        assert_eq!(go_duration("0"), Ok(0.0));
        assert_eq!(go_duration("-1s"), Ok(-1e9));
        assert_eq!(go_duration(".5ms"), Ok(0.5e6));
        assert_eq!(go_duration("5"), Err(DurationError::MissingUnit));
        assert_eq!(go_duration("1.2.3s"), Err(DurationError::MissingUnit));
        assert_eq!(go_duration("1x"), Err(DurationError::UnknownUnit("x".into())));
        assert_eq!(go_duration("s"), Err(DurationError::Invalid));
        assert_eq!(go_duration(""), Err(DurationError::Invalid));
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("platfrom", ["platform"]), Some("platform"));
        assert_eq!(suggest("intervl", ["interval", "timeout"]), Some("interval"));
        assert_eq!(suggest("xyz", ["interval"]), None);
        assert_eq!(suggest("form", ["chown", "from"]), Some("from"));
        assert_eq!(suggest("check", ["chown", "checksum"]), Some("checksum"));
    }
}
