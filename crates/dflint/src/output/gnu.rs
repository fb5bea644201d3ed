//! The GNU format, one line a finding, as compilers print them and editors jump to them:
//! `FILE:LINE:COL: severity: message [CODE]`.

use std::io::{self, Write};

use super::FileReport;

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            let start = report.source.position(diagnostic.range.start());
            let message = diagnostic.message.replace('\n', " ");
            writeln!(
                out,
                "{}:{start}: {}: {message} [{}]",
                report.source.name, diagnostic.severity, diagnostic.rule.code
            )?;
        }
    }
    Ok(())
}
