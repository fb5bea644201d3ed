//! Inline suppressions: one model for `# dflint ignore=`, `# hadolint ignore=`, their `global`
//! forms, and BuildKit's `# check=skip=`; and hadolint's other pragma, `# hadolint shell=<shell>`
//! ([`ShellPragmas`]).
//!
//! hadolint 2.15 has no stage-level ignore: `ignore=` applies to the next instruction and
//! `global ignore=` to the whole file, wherever it is written.
//!
//! BuildKit reads `# check=skip=<names>|all;experimental=<names>|all;error=<bool>` (each part at
//! most once, `linter.ParseLintOptions`) from the parser directive at the top of the file, and
//! also from a `# check=` line among the comments directly above an instruction
//! (`Linter.WithMergedConfigFromComments`: the first such comment counts, its `skip` and
//! `experimental` add to the file's; `error` is read from the file's directive only). BuildKit
//! merges those comments for the checks it runs per instruction and per `FROM`; the ones it runs
//! while parsing (casing, stage names, empty continuations, ...) see the file's directive only. `skip`
//! turns checks off, `experimental` turns on checks BuildKit runs only on request, and
//! `error=true` makes the build fail when a check reports: here, such findings become errors.
//!
//! Every rule named in a pragma keeps its range, so an editor can hover it and unknown names can be
//! reported where they are written.

use crate::registry::{self, RuleMeta};
use dflint_syntax::ast::{AstNode, SourceFile};
use dflint_syntax::{SyntaxKind, TextRange, TextSize};

/// Where a pragma came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PragmaKind {
    /// `# dflint ignore=` / `# dflint global ignore=`.
    Dflint,
    /// `# hadolint ignore=` / `# hadolint global ignore=`.
    Hadolint,
    /// BuildKit's `# check=skip=...` directive.
    Check,
}

/// One name in a pragma.
#[derive(Clone, Debug)]
pub struct PragmaCode {
    /// Where the name is written.
    pub range: TextRange,
    /// The name as written.
    pub text: String,
    /// The rules it names (several for BuildKit's `all`); empty when unknown.
    pub rules: Vec<&'static RuleMeta>,
}

/// A suppression comment.
#[derive(Clone, Debug)]
pub struct Pragma {
    /// The comment's range.
    pub range: TextRange,
    /// Its syntax.
    pub kind: PragmaKind,
    /// Whole file, or the next instruction.
    pub global: bool,
    /// The instruction it applies to, when not global.
    pub target: Option<TextRange>,
    /// The names it lists.
    pub codes: Vec<PragmaCode>,
    /// For `# check=`: the rules its `experimental=` turns on.
    pub experimental: Vec<&'static RuleMeta>,
}

/// What the file's `# check=` parser directive says beyond `skip`.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// `error=true`: findings of BuildKit checks fail the build.
    pub error: bool,
}

/// The suppressions of a file.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    /// Every pragma, in file order.
    pub pragmas: Vec<Pragma>,
    /// The file's `# check=` directive options.
    pub check: CheckOptions,
}

impl Suppressions {
    /// Reads the pragmas of a file.
    pub fn from_file(file: &SourceFile) -> Suppressions {
        let mut pragmas = Vec::new();
        let mut check = CheckOptions::default();
        // BuildKit reads the first `check` directive.
        if let Some(d) = file.directives().find(|d| d.name().as_deref() == Some("check")) {
            if let Some(value) = d.value_token() {
                if let Some((p, error)) = check_directive(value.text(), value.text_range(), true) {
                    check.error = error;
                    pragmas.push(p);
                }
            }
        }
        // Comment lines directly above an instruction apply to it. The file's top level is read
        // from the green tree: a syntax node per element would cost more than the whole scan.
        let mut pending: Vec<Pragma> = Vec::new();
        let mut newlines = 0;
        let mut at = file.syntax().text_range().start();
        for element in file.syntax().green().children() {
            let len = element.text_len();
            match element {
                rowan::NodeOrToken::Token(t) => {
                    match <dflint_syntax::DockerfileLang as rowan::Language>::kind_from_raw(t.kind()) {
                        SyntaxKind::COMMENT => {
                            if newlines > 1 {
                                pending.retain(|p| p.global);
                                pragmas.append(&mut pending);
                            }
                            newlines = 0;
                            if let Some(p) = comment_pragma(t.text(), at) {
                                pending.push(p);
                            } else if let Some(p) = check_comment(t.text(), at) {
                                // Only the first `# check=` comment above an instruction counts.
                                if !pending.iter().any(|q| q.kind == PragmaKind::Check) {
                                    pending.push(p);
                                }
                            }
                        }
                        SyntaxKind::NEWLINE => newlines += 1,
                        _ => {}
                    }
                }
                rowan::NodeOrToken::Node(n)
                    if <dflint_syntax::DockerfileLang as rowan::Language>::kind_from_raw(n.kind()).is_instruction() =>
                {
                    for mut p in pending.drain(..) {
                        if newlines <= 1 && !p.global {
                            p.target = Some(TextRange::at(at, len));
                        }
                        pragmas.push(p);
                    }
                    newlines = 0;
                }
                rowan::NodeOrToken::Node(_) => {}
            }
            at += len;
        }
        pragmas.append(&mut pending);
        Suppressions { pragmas, check }
    }

    /// Does a `# check=experimental=` turn on `rule` for the finding at `offset`?
    pub fn enables(&self, rule: &'static RuleMeta, offset: TextSize) -> bool {
        self.pragmas.iter().any(|p| {
            let applies = p.global || p.target.is_some_and(|t| t.contains_inclusive(offset));
            let applies = applies && (p.global || honours_check_comments(rule));
            applies && p.experimental.iter().any(|r| std::ptr::eq(*r, rule))
        })
    }

    /// Does any `# check=experimental=` name `rule`?
    pub fn mentions_experimental(&self, rule: &'static RuleMeta) -> bool {
        self.pragmas.iter().any(|p| p.experimental.iter().any(|r| std::ptr::eq(*r, rule)))
    }

    /// Is a finding of `rule` starting at `offset` suppressed?
    pub fn suppresses(&self, rule: &'static RuleMeta, offset: TextSize) -> bool {
        self.pragmas.iter().any(|p| {
            let applies = p.global || p.target.is_some_and(|t| t.contains_inclusive(offset));
            let applies = applies && (p.global || p.kind != PragmaKind::Check || honours_check_comments(rule));
            applies && p.codes.iter().any(|c| c.rules.iter().any(|r| std::ptr::eq(*r, rule)))
        })
    }
}

/// BuildKit runs these checks while it parses the file or before it reads any instruction's
/// comments, with the file's `# check=` directive alone: a `# check=` comment above an instruction
/// does not change them.
const FILE_LEVEL_CHECKS: &[&str] = &[
    "StageNameCasing",
    "FromAsCasing",
    "NoEmptyContinuation",
    "ConsistentInstructionCasing",
    "DuplicateStageName",
    "ReservedStageName",
    "InvalidDefaultArgInFrom",
    "MaintainerDeprecated",
    "InvalidDefinitionDescription",
];

/// Does a `# check=` comment above an instruction apply to `rule`'s findings there?
fn honours_check_comments(rule: &RuleMeta) -> bool {
    rule.buildkit.is_none_or(|b| !FILE_LEVEL_CHECKS.contains(&b))
}

/// `# dflint [global] ignore=A,B` or `# hadolint [global] ignore=A,B`.
fn comment_pragma(text: &str, start: TextSize) -> Option<Pragma> {
    let body = text.strip_prefix('#')?;
    let trimmed = body.trim_start();
    let mut offset = text.len() - trimmed.len();
    let (kind, rest) = if let Some(r) = trimmed.strip_prefix("dflint") {
        (PragmaKind::Dflint, r)
    } else if let Some(r) = trimmed.strip_prefix("hadolint") {
        (PragmaKind::Hadolint, r)
    } else {
        return None;
    };
    offset += trimmed.len() - rest.len();
    let rest2 = rest.strip_prefix(':').unwrap_or(rest).trim_start();
    offset += rest.len() - rest2.len();
    let (global, rest3) = match rest2.strip_prefix("global") {
        Some(r) => (true, r.trim_start()),
        None => (false, rest2),
    };
    offset += rest2.len() - rest3.len();
    let list = rest3.strip_prefix("ignore")?.trim_start().strip_prefix('=')?;
    let list_start = offset + (rest3.len() - list.len());
    // Names separated by commas (blanks allowed around them); a remark may follow the list.
    let bytes = list.as_bytes();
    let mut end = 0;
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b'_') {
            i += 1;
        }
        if i == name_start {
            break;
        }
        end = i;
        let mut j = i;
        while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b',' {
            i = j + 1;
        } else {
            break;
        }
    }
    let codes = split_codes(&list[..end], start + TextSize::from(list_start as u32), ',', registry::named);
    let range = TextRange::at(start, TextSize::of(text));
    Some(Pragma { range, kind, global, target: None, codes, experimental: Vec::new() })
}

/// A `# check=...` comment line (directly above an instruction).
fn check_comment(text: &str, token_start: TextSize) -> Option<Pragma> {
    let body = text.strip_prefix('#')?;
    let rest = body.trim_start();
    let key_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    if !rest[..key_len].eq_ignore_ascii_case("check") {
        return None;
    }
    let after = rest[key_len..].trim_start().strip_prefix('=')?;
    let trimmed = after.trim_start();
    // BuildKit takes the value up to the first blank.
    let value = &trimmed[..trimmed.find(' ').unwrap_or(trimmed.len())];
    let offset = text.len() - trimmed.len();
    let start = token_start + TextSize::from(offset as u32);
    let range = TextRange::at(start, TextSize::from(value.len() as u32));
    let (mut p, _) = check_directive(value, range, false)?;
    p.range = TextRange::at(token_start, TextSize::of(text));
    Some(p)
}

/// BuildKit's `skip=A,B;experimental=C;error=true` (`linter.ParseLintOptions`), `value` standing at
/// `range` in the file. `None` when BuildKit rejects it (the build then fails).
fn check_directive(value: &str, range: TextRange, global: bool) -> Option<(Pragma, bool)> {
    let start = range.start();
    let mut skip: Option<(&str, usize)> = None;
    let mut experimental_names: Vec<String> = Vec::new();
    let mut experimental_all = false;
    let mut error = false;
    let mut pos = 0;
    // strings.SplitN(value, ";", 3)
    let parts: Vec<&str> = value.splitn(3, ';').collect();
    for part in parts {
        let (k, v) = part.split_once('=')?;
        let v_at = pos + k.len() + 1;
        match k.trim() {
            "skip" => {
                let lead = v.len() - v.trim_start().len();
                skip = Some((v.trim(), v_at + lead));
            }
            "experimental" => {
                if v.trim() == "all" {
                    experimental_all = true;
                } else {
                    experimental_names = v.split(',').map(|n| n.trim().to_string()).collect();
                }
            }
            "error" => error = parse_go_bool(v.trim())?,
            _ => return None,
        }
        pos += part.len() + 1;
    }
    let by_alias = |name: &str| -> Vec<&'static RuleMeta> {
        registry::all().iter().copied().filter(|r| r.buildkit.is_some_and(|b| b == name)).collect()
    };
    let experimental: Vec<&'static RuleMeta> = if experimental_all {
        registry::all().iter().copied().filter(|r| r.buildkit.is_some() && !r.enabled_by_default).collect()
    } else {
        experimental_names.iter().flat_map(|n| by_alias(n)).collect()
    };
    let mut codes = Vec::new();
    if let Some((list, at)) = skip {
        let at = start + TextSize::from(at as u32);
        codes = split_codes(list, at, ',', |name| {
            if name == "all" {
                // `skip=all` leaves the checks that `experimental=` asks for running.
                registry::all()
                    .iter()
                    .copied()
                    .filter(|r| r.buildkit.is_some() && !experimental.iter().any(|e| std::ptr::eq(*e, *r)))
                    .collect()
            } else {
                by_alias(name)
            }
        });
    }
    let pragma = Pragma { range, kind: PragmaKind::Check, global, target: None, codes, experimental };
    Some((pragma, error))
}

/// Go's `strconv.ParseBool`.
fn parse_go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

fn split_codes(
    list: &str,
    at: TextSize,
    sep: char,
    lookup: impl Fn(&str) -> Vec<&'static RuleMeta>,
) -> Vec<PragmaCode> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    for part in list.split(sep) {
        let name = part.trim();
        if !name.is_empty() {
            let lead = part.len() - part.trim_start().len();
            let s = at + TextSize::from((pos + lead) as u32);
            out.push(PragmaCode {
                range: TextRange::at(s, TextSize::from(name.len() as u32)),
                text: name.to_string(),
                rules: lookup(name),
            });
        }
        pos += part.len() + sep.len_utf8();
    }
    out
}

/// One `# hadolint shell=<shell>` (or `# dflint shell=<shell>`) comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellPragma {
    /// The comment's range.
    pub range: TextRange,
    /// The shell it names, as written (`bash`, `/bin/zsh`, `powershell`).
    pub shell: String,
}

/// The shell pragmas of a file, and which one is in force where.
///
/// `# hadolint shell=<shell>` tells shell-aware rules (ShellCheck, DL4006) which shell the `RUN`s
/// after it are written for, when the `SHELL` instruction does not say (a base image may change
/// `/bin/sh`, or the build may run on Windows). It holds until the next `SHELL` instruction, the
/// next shell pragma, or the end of the stage (a `FROM` starts with the stage's own shell).
#[derive(Clone, Debug, Default)]
pub struct ShellPragmas {
    /// Every shell pragma, in file order.
    pub pragmas: Vec<ShellPragma>,
    /// `(offset, shell)`: from `offset` on, this shell pragma (or none) is in force.
    changes: Vec<(TextSize, Option<usize>)>,
}

impl ShellPragmas {
    /// Reads the shell pragmas of a file.
    pub fn from_file(file: &SourceFile) -> ShellPragmas {
        let mut out = ShellPragmas::default();
        for element in file.syntax().children_with_tokens() {
            match element {
                dflint_syntax::SyntaxElement::Token(t) if t.kind() == SyntaxKind::COMMENT => {
                    if let Some(shell) = shell_pragma(t.text()) {
                        out.changes.push((t.text_range().start(), Some(out.pragmas.len())));
                        out.pragmas.push(ShellPragma { range: t.text_range(), shell });
                    }
                }
                dflint_syntax::SyntaxElement::Node(n)
                    if matches!(n.kind(), SyntaxKind::FROM_INSTR | SyntaxKind::SHELL_INSTR)
                        && out.changes.last().is_some_and(|(_, p)| p.is_some()) =>
                {
                    out.changes.push((n.text_range().start(), None));
                }
                _ => {}
            }
        }
        out
    }

    /// The shell pragma in force at `offset` (the start of a `RUN`, say), if any.
    pub fn at(&self, offset: TextSize) -> Option<&ShellPragma> {
        let i = self.changes.partition_point(|(at, _)| *at <= offset);
        let (_, pragma) = self.changes.get(i.checked_sub(1)?)?;
        pragma.map(|p| &self.pragmas[p])
    }
}

/// The shell of `# hadolint shell=<shell>` / `# dflint shell=<shell>` (a remark may follow).
fn shell_pragma(comment: &str) -> Option<String> {
    let body = comment.strip_prefix('#')?.trim_start();
    let rest = body.strip_prefix("hadolint").or_else(|| body.strip_prefix("dflint"))?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let value = rest.trim_start().strip_prefix("shell")?.trim_start().strip_prefix('=')?.trim_start();
    let shell: String = value.chars().take_while(|c| !c.is_whitespace()).collect();
    (!shell.is_empty()).then_some(shell)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sup(text: &str) -> Suppressions {
        Suppressions::from_file(&dflint_syntax::parse(text).tree())
    }

    #[test]
    fn reads_pragmas() {
        let text = "# check=skip=all\nFROM a\n# note\n# hadolint ignore=DL3061, DL9999 because\nRUN x\n# dflint global ignore=DL3061\n\nRUN y\n";
        let s = sup(text);
        assert_eq!(s.pragmas.len(), 3);
        let local = &s.pragmas[1];
        assert_eq!(local.kind, PragmaKind::Hadolint);
        assert_eq!(&text[local.target.unwrap()], "RUN x");
        assert_eq!(local.codes.len(), 2);
        assert_eq!(&text[local.codes[1].range], "DL9999");
        assert!(local.codes[1].rules.is_empty());
        assert!(s.pragmas[2].global);
    }

    #[test]
    fn shell_pragmas_hold_until_shell_or_from() {
        let text = "FROM a\n# hadolint shell=bash # why\nRUN x\nRUN y\nSHELL [\"sh\", \"-c\"]\nRUN z\n# dflint shell=zsh\nRUN w\nFROM b\nRUN v\n";
        let file = dflint_syntax::parse(text).tree();
        let shells = ShellPragmas::from_file(&file);
        let at = |needle: &str| {
            let offset = TextSize::from(text.find(needle).unwrap() as u32);
            shells.at(offset).map(|p| p.shell.clone())
        };
        assert_eq!(at("RUN x"), Some("bash".to_string()));
        assert_eq!(at("RUN y"), Some("bash".to_string()));
        assert_eq!(at("RUN z"), None);
        assert_eq!(at("RUN w"), Some("zsh".to_string()));
        assert_eq!(at("RUN v"), None);
        assert_eq!(at("FROM a"), None);
        assert_eq!(shell_pragma("# hadolint shell = powershell"), Some("powershell".to_string()));
        assert_eq!(shell_pragma("# hadolint ignore=DL3000"), None);
        assert_eq!(shell_pragma("# hadolintshell=bash"), None);
    }

    #[test]
    fn blank_line_detaches_a_local_pragma() {
        let s = sup("FROM a\n# dflint ignore=DL3061\n\nRUN x\n");
        assert!(s.pragmas.is_empty() || s.pragmas.iter().all(|p| p.target.is_none()));
    }
}
