//! SARIF 2.1.0, for code-scanning services (GitHub code scanning, Azure DevOps, ...). One run; the
//! driver lists the rules that fired, with the rule documentation as help. Columns count Unicode
//! code points (`columnKind`), as every other format of ours does.

use std::collections::BTreeMap;
use std::io::{self, Write};

use dflint_lint::registry::RuleMeta;
use dflint_lint::{docs, Severity};
use serde::Serialize;

use super::{applicable_fix, FileReport};
use crate::source::SourceFile;

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Clone, Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

impl Region {
    fn of(source: &SourceFile, range: dflint_syntax::TextRange) -> Region {
        let (start, end) = source.span(range);
        Region { start_line: start.line, start_column: start.col, end_line: end.line, end_column: end.col }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Content<'a>,
}

#[derive(Serialize)]
struct Content<'a> {
    text: &'a str,
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    // The rules that fired, by code; results point into this list.
    let fired: BTreeMap<&str, &'static RuleMeta> =
        reports.iter().flat_map(|r| &r.diagnostics).map(|d| (d.rule.code, d.rule)).collect();
    let index: BTreeMap<&str, usize> = fired.keys().enumerate().map(|(i, code)| (*code, i)).collect();

    let mut results = Vec::new();
    for report in reports {
        let source = &report.source;
        let artifact = ArtifactLocation { uri: uri(&source.name) };
        for diagnostic in &report.diagnostics {
            let fixes = applicable_fix(diagnostic)
                .map(|fix| SarifFix {
                    description: Text { text: fix.title.clone() },
                    artifact_changes: [ArtifactChange {
                        artifact_location: artifact.clone(),
                        replacements: fix
                            .edits
                            .iter()
                            .map(|edit| Replacement {
                                deleted_region: Region::of(source, edit.range),
                                inserted_content: Content { text: &edit.content },
                            })
                            .collect(),
                    }],
                })
                .into_iter()
                .collect();
            results.push(SarifResult {
                rule_id: diagnostic.rule.code,
                rule_index: index[diagnostic.rule.code],
                level: level(diagnostic.severity),
                message: Text { text: diagnostic.message.clone() },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: artifact.clone(),
                        region: Region::of(source, diagnostic.range),
                    },
                }],
                fixes,
            });
        }
    }

    let rules = fired.values().map(|rule| descriptor(rule)).collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "dflint",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn descriptor(rule: &'static RuleMeta) -> Rule {
    Rule {
        id: rule.code,
        name: rule.name,
        short_description: Text { text: docs::summary(rule) },
        full_description: Text { text: what_it_does(rule) },
        help: Help { text: docs::body(rule), markdown: docs::markdown(rule) },
        default_configuration: Configuration { level: level(rule.severity) },
    }
}

/// The "What it does" section as one paragraph of text.
fn what_it_does(rule: &RuleMeta) -> String {
    let body = docs::body(rule);
    let section = body.split("## What it does").nth(1).unwrap_or(&body);
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

/// A path as a URI reference: relative paths stay relative (with `/`), absolute ones become
/// `file://` URIs; anything but unreserved characters and `/` is percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(uri("a/Dockerfile"), "a/Dockerfile");
        assert_eq!(uri("my app/Dockerfile é"), "my%20app/Dockerfile%20%C3%A9");
        assert_eq!(uri("/abs/Dockerfile"), "file:///abs/Dockerfile");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
    }
}
