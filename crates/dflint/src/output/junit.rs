//! JUnit XML, for CI systems that show test reports: a test suite a file, a failing test case a
//! finding, and one passing test case for a clean file.

use std::io::{self, Write};

use super::{xml_escape, FileReport};

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let findings: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let tests: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="dflint" tests="{tests}" failures="{findings}" errors="0">"#)?;
    for report in reports {
        let name = xml_escape(&report.source.name);
        let count = report.diagnostics.len();
        writeln!(
            out,
            r#"  <testsuite name="{name}" tests="{}" failures="{count}" errors="0" skipped="0">"#,
            count.max(1)
        )?;
        if report.diagnostics.is_empty() {
            writeln!(out, r#"    <testcase name="dflint" classname="{name}"/>"#)?;
        }
        for diagnostic in &report.diagnostics {
            let start = report.source.position(diagnostic.range.start());
            let code = diagnostic.rule.code;
            let message = xml_escape(&diagnostic.message);
            writeln!(out, r#"    <testcase name="{code} at {start}" classname="{name}">"#)?;
            writeln!(
                out,
                r#"      <failure message="{message}" type="{}">{name}:{start}: {code} {}: {message}</failure>"#,
                diagnostic.severity, diagnostic.rule.name,
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
