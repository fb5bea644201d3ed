//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
//! `::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=CODE name::message`.

use std::io::{self, Write};

use dflint_lint::Severity;

use super::FileReport;

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            let (start, end) = report.source.span(diagnostic.range);
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "notice",
            };
            let title = format!("{} {}", diagnostic.rule.code, diagnostic.rule.name);
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&report.source.name),
                start.line,
                start.col,
                end.line,
                end.col,
                escape_property(&title),
                escape_data(&diagnostic.message),
            )?;
        }
    }
    Ok(())
}

/// Escapes a command's message, as the Actions toolkit does.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value, which also ends at `,` and `:`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("100% a\nb:c,d"), "100%25 a%0Ab:c,d");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
