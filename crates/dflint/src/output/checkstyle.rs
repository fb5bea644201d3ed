//! Checkstyle XML, read by Jenkins' warnings plugin and many CI dashboards.

use std::io::{self, Write};

use dflint_lint::Severity;

use super::{xml_escape, FileReport};

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        writeln!(out, r#"  <file name="{}">"#, xml_escape(&report.source.name))?;
        for diagnostic in &report.diagnostics {
            let start = report.source.position(diagnostic.range.start());
            let severity = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "info",
            };
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{severity}" message="{}" source="dflint.{}"/>"#,
                start.line,
                start.col,
                xml_escape(&diagnostic.message),
                diagnostic.rule.code,
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
