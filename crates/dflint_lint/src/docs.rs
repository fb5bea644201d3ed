//! The one renderer of rule documentation: `dflint rule`, the language server's hover, SARIF rule
//! help and the generated reference docs all call [`markdown`].

use crate::registry::{FixAvailability, RuleMeta};

/// The rule's documentation as Markdown, with a title and a metadata line.
pub fn markdown(rule: &RuleMeta) -> String {
    let mut out = format!("# {} ({})\n\n", rule.code, rule.name);
    let fix = match rule.fix {
        FixAvailability::None => "no",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "yes",
    };
    out.push_str(&format!("Severity: {} · Fix: {fix}", rule.severity));
    if let Some(h) = rule.hadolint {
        out.push_str(&format!(" · hadolint: {h}"));
    }
    if let Some(b) = rule.buildkit {
        out.push_str(&format!(" · BuildKit check: {b}"));
    }
    if !rule.enabled_by_default {
        out.push_str(" · off by default");
    }
    out.push_str("\n\n");
    out.push_str(&body(rule));
    out
}

/// The doc comment's text with the one leading space of each `///` line removed.
pub fn body(rule: &RuleMeta) -> String {
    let mut out = String::with_capacity(rule.docs.len());
    for line in rule.docs.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out.trim_end().to_string() + "\n"
}

/// The first sentence of "What it does", for short descriptions (SARIF, `dflint rules`).
pub fn summary(rule: &RuleMeta) -> String {
    let body = body(rule);
    let section = body.split("## What it does").nth(1).unwrap_or(&body);
    let para: String = section.trim_start().lines().take_while(|l| !l.trim().is_empty()).collect::<Vec<_>>().join(" ");
    match para.find(". ") {
        Some(i) => para[..=i].to_string(),
        None => para,
    }
}

/// The fenced ```dockerfile blocks of a section (`Example` or `Use instead`).
pub fn examples(rule: &RuleMeta, heading: &str) -> Vec<String> {
    let body = body(rule);
    let marker = format!("## {heading}");
    let Some(start) = body.find(&marker) else { return Vec::new() };
    let section = &body[start + marker.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut out = Vec::new();
    let mut rest = section;
    while let Some(open) = rest.find("```dockerfile\n") {
        let after = &rest[open + "```dockerfile\n".len()..];
        let Some(close) = after.find("```") else { break };
        out.push(after[..close].to_string());
        rest = &after[close + 3..];
    }
    out
}
