//! GitLab Code Quality JSON (the report artifact `codequality`): an array of issues with a
//! fingerprint that stays the same from run to run for the same finding.

use std::collections::HashMap;
use std::io::{self, Write};

use dflint_lint::Severity;
use serde::Serialize;

use super::FileReport;

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut issues = Vec::new();
    // Identical findings on one line get different fingerprints: GitLab keeps one issue a print.
    let mut seen: HashMap<u64, u32> = HashMap::new();
    for report in reports {
        for diagnostic in &report.diagnostics {
            let line = report.source.position(diagnostic.range.start()).line;
            let key = [report.source.name.as_str(), diagnostic.rule.code, &line.to_string(), &diagnostic.message];
            let hash = fnv1a(&key);
            let occurrence = seen.entry(hash).or_insert(0);
            let fingerprint = if *occurrence == 0 {
                format!("{hash:016x}")
            } else {
                format!("{:016x}", fnv1a(&[&hash.to_string(), &occurrence.to_string()]))
            };
            *occurrence += 1;
            issues.push(Issue {
                description: &diagnostic.message,
                check_name: diagnostic.rule.code,
                fingerprint,
                severity: match diagnostic.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "minor",
                    Severity::Style => "info",
                },
                location: Location { path: &report.source.name, lines: Lines { begin: line } },
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// 64-bit FNV-1a over the parts, each followed by a NUL: stable across Rust versions and
/// platforms, unlike the standard library's hasher.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_is_the_standard_one() {
        // FNV-1a 64 of "a" then the separator NUL; the parts are not simply concatenated.
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
        assert_eq!(fnv1a(&["x"]), fnv1a(&["x"]));
    }
}
