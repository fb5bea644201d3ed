//! The rule registry: every rule's metadata, declared once next to its check.
//!
//! A rule file declares its metadata with [`declare_rule!`]; its doc comment becomes the rule's
//! documentation (shown by `dflint rule`, the language server's hover, SARIF and the generated
//! docs), and the outside rules it mirrors (a hadolint code, a BuildKit check name) are aliases
//! that pragmas, configuration and `--select` accept.

use crate::checker::Checker;
use crate::Severity;

/// Whether a rule can offer a fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FixAvailability {
    /// Never.
    None,
    /// For some of its findings.
    Sometimes,
    /// For all of its findings.
    Always,
}

/// Everything there is to know about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// `DL3008`, `DF001`, ...
    pub code: &'static str,
    /// kebab-case name, unique.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Whether it offers fixes.
    pub fix: FixAvailability,
    /// The hadolint rule it keeps the meaning of.
    pub hadolint: Option<&'static str>,
    /// The BuildKit build check it mirrors.
    pub buildkit: Option<&'static str>,
    /// Whether it runs without being selected.
    pub enabled_by_default: bool,
    /// Markdown: What it does / Why is this bad? / Example / Use instead / Fix safety / References.
    pub docs: &'static str,
    /// The check.
    pub check: fn(&mut Checker),
}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}
impl Eq for RuleMeta {}

impl RuleMeta {
    /// The rule's position in [`crate::rules::RULES`].
    pub fn index(&'static self) -> usize {
        self.slot().expect("registered rule")
    }

    /// The rule's position in [`crate::rules::RULES`]; `None` for a dynamic rule (a ShellCheck
    /// `SCxxxx` code, see [`dynamic_runner`]).
    pub fn slot(&'static self) -> Option<usize> {
        crate::rules::RULES.iter().position(|r| std::ptr::eq(*r, self))
    }

    /// Does `key` name this rule: its code, name, hadolint code or BuildKit name (any case)?
    pub fn is_named(&self, key: &str) -> bool {
        self.code.eq_ignore_ascii_case(key)
            || self.name.eq_ignore_ascii_case(key)
            || self.hadolint.is_some_and(|h| h.eq_ignore_ascii_case(key))
            || self.buildkit.is_some_and(|b| b.eq_ignore_ascii_case(key))
    }
}

/// Declares a rule's metadata; the doc comment is its documentation.
///
/// ```text
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub(crate) static RULE = {
///         code: "DL3061", name: "from-first", severity: Error, fix: None,
///         hadolint: "DL3061", check: check,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        $vis:vis static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $sev:ident,
            fix: $fix:ident,
            $(hadolint: $hl:literal,)?
            $(buildkit: $bk:literal,)?
            $(enabled_by_default: $enabled:literal,)?
            check: $check:path $(,)?
        }
    ) => {
        $vis static $ident: $crate::registry::RuleMeta = $crate::registry::RuleMeta {
            code: $code,
            name: $name,
            severity: $crate::Severity::$sev,
            fix: $crate::registry::FixAvailability::$fix,
            hadolint: $crate::declare_rule!(@opt $($hl)?),
            buildkit: $crate::declare_rule!(@opt $($bk)?),
            enabled_by_default: $crate::declare_rule!(@default $($enabled)?),
            docs: concat!($($doc, "\n"),+),
            check: $check,
        };
    };
    (@opt) => { None };
    (@opt $v:literal) => { Some($v) };
    (@default) => { true };
    (@default $v:literal) => { $v };
}

/// All rules, in registry order.
pub fn all() -> &'static [&'static RuleMeta] {
    crate::rules::RULES
}

/// The rule `key` names (code, name, hadolint code or BuildKit check name), or the dynamic rule
/// of a ShellCheck code (`SC2086`).
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    all().iter().copied().find(|r| r.is_named(key)).or_else(|| crate::rules::df160_shellcheck::sc_rule(key))
}

/// The registered rule that finds the dynamic rules' findings (DF160 runs ShellCheck, whose
/// `SCxxxx` codes are rules made on first use, outside [`all`]).
pub fn dynamic_runner() -> &'static RuleMeta {
    &crate::rules::df160_shellcheck::RULE
}

/// Every rule `key` names: one for a code or name, several for a BuildKit check that several
/// rules mirror (`MultipleInstructionsDisallowed`: a repeated CMD, ENTRYPOINT or HEALTHCHECK).
/// A ShellCheck code (`SC2086`) names its dynamic rule.
pub fn named(key: &str) -> Vec<&'static RuleMeta> {
    let rules: Vec<_> = all().iter().copied().filter(|r| r.is_named(key)).collect();
    if rules.is_empty() {
        return crate::rules::df160_shellcheck::sc_rule(key).into_iter().collect();
    }
    rules
}

/// The rules a selector picks: a code, name or alias; a code prefix such as `DL3` or `DF`; or `ALL`.
pub fn select(selector: &str) -> Vec<&'static RuleMeta> {
    if selector.eq_ignore_ascii_case("all") {
        return all().to_vec();
    }
    let rules = named(selector);
    if !rules.is_empty() {
        return rules;
    }
    let upper = selector.to_ascii_uppercase();
    if upper == "SC" {
        return vec![dynamic_runner()];
    }
    let looks_like_prefix = upper.len() >= 2 && upper.chars().take(2).all(|c| c.is_ascii_uppercase());
    if looks_like_prefix {
        return all().iter().copied().filter(|r| r.code.starts_with(&upper)).collect();
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const HEADINGS: [&str; 5] =
        ["## What it does", "## Why is this bad?", "## Example", "## Use instead", "## References"];

    #[test]
    fn codes_names_and_docs_are_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in all() {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            let valid_code =
                (rule.code.starts_with("DL") || rule.code.starts_with("DF") || rule.code.starts_with("SC"))
                    && rule.code[2..].chars().all(|c| c.is_ascii_digit())
                    && rule.code.len() >= 5;
            assert!(valid_code, "bad code {}", rule.code);
            let kebab = rule
                .name
                .split('-')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
            assert!(kebab, "{}: name `{}` is not kebab-case", rule.code, rule.name);
            if rule.code == "DF000" {
                continue;
            }
            for h in HEADINGS {
                assert!(rule.docs.contains(h), "{}: docs lack `{h}`", rule.code);
            }
            if rule.fix != FixAvailability::None {
                assert!(rule.docs.contains("## Fix safety"), "{}: a fixable rule documents its fix safety", rule.code);
            }
        }
    }

    #[test]
    fn selectors() {
        assert_eq!(select("DL3061").len(), 1);
        assert!(select("dl").iter().all(|r| r.code.starts_with("DL")));
        assert_eq!(select("ALL").len(), all().len());
        assert!(select("nonsense").is_empty());
    }

    #[test]
    fn a_buildkit_name_selects_every_rule_that_mirrors_it() {
        for rule in all() {
            if let Some(name) = rule.buildkit {
                let expected: Vec<_> = all().iter().filter(|r| r.buildkit == Some(name)).map(|r| r.code).collect();
                let got: Vec<_> = select(name).iter().map(|r| r.code).collect();
                assert_eq!(got, expected, "{name}");
            }
        }
    }
}
