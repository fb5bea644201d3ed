//! The human format: one codespan-reporting snippet a finding, then a summary line.
//!
//! ```text
//! warning[DL3025]: Use exec form (JSON array) for `CMD` so the process receives signals: `CMD ["..."]`
//!   ┌─ Dockerfile:3:5
//!   │
//! 3 │ CMD node server.js
//!   │     ^^^^^^^^^^^^^^ json-args-recommended
//!   │
//!   = help: Rewrite as `["node", "server.js"]` (unsafe fix)
//! ```

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, LabelStyle, Severity as SnippetSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Config, GeneralWriteResult, WriteStyle};
use dflint_lint::{Applicability, Severity};

use super::{applicable_fix, count, FileReport, SEVERITIES};

/// The byte-order mark, which editors do not show and codespan would count as a column.
const BOM: &str = "\u{feff}";

pub(super) fn write(out: &mut dyn WriteColor, reports: &[FileReport]) -> io::Result<()> {
    let config = Config::default();
    for report in reports {
        let text = report.source.text.as_str();
        let shift = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let file = SimpleFile::new(report.source.name.as_str(), &text[shift..]);
        for diagnostic in &report.diagnostics {
            let start = usize::from(diagnostic.range.start()).saturating_sub(shift);
            let end = usize::from(diagnostic.range.end()).saturating_sub(shift);
            let mut snippet = Snippet::new(snippet_severity(diagnostic.severity))
                .with_code(diagnostic.rule.code)
                .with_message(&diagnostic.message)
                .with_label(Label::primary((), start..end).with_message(diagnostic.rule.name));
            if let Some(fix) = applicable_fix(diagnostic) {
                let hint = match fix.applicability {
                    Applicability::Safe => "fixable with --fix",
                    _ => "unsafe fix",
                };
                snippet = snippet.with_note(format!("help: {} ({hint})", fix.title));
            }
            let mut named = NamedSeverity { inner: &mut *out, severity: diagnostic.severity, rename: false };
            term::emit_to_write_style(&mut named, &config, &file, &snippet).map_err(io::Error::other)?;
        }
    }
    Ok(())
}

/// The summary line: `Found 3 problems (1 error, 2 warnings) in 1 file; 1 fixable with --fix.`
pub(crate) fn write_summary(out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    if summary.fixed > 0 {
        writeln!(out, "Fixed {}.", count(summary.fixed, "problem"))?;
    }
    let problems: usize = summary.by_severity.iter().sum();
    let files = count(summary.files, "file");
    if problems == 0 {
        return writeln!(out, "No problems found in {files}.");
    }
    let mut parts = Vec::new();
    for (n, (_, one, many)) in summary.by_severity.iter().zip(SEVERITIES) {
        if *n > 0 {
            parts.push(format!("{n} {}", if *n == 1 { one } else { many }));
        }
    }
    write!(out, "Found {} ({}) in {files}", count(problems, "problem"), parts.join(", "))?;
    if summary.fixable > 0 {
        write!(out, "; {} fixable with --fix", summary.fixable)?;
    }
    if summary.unsafe_fixable > 0 {
        write!(out, " ({} more with --fix --unsafe-fixes)", summary.unsafe_fixable)?;
    }
    writeln!(out, ".")
}

/// What the summary line counts.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    /// Files linted.
    pub(crate) files: usize,
    /// Findings by severity, most serious first (as [`SEVERITIES`]).
    pub(crate) by_severity: [usize; 4],
    /// Findings that `--fix` would fix.
    pub(crate) fixable: usize,
    /// Findings that only `--fix --unsafe-fixes` would fix.
    pub(crate) unsafe_fixable: usize,
    /// Fixes applied.
    pub(crate) fixed: usize,
}

impl Summary {
    /// Counts the findings of `reports`; with `unsafe_fixes`, unsafe fixes count as fixable.
    pub(crate) fn of(reports: &[FileReport], unsafe_fixes: bool) -> Summary {
        let mut summary = Summary { files: reports.len(), ..Summary::default() };
        for diagnostic in reports.iter().flat_map(|r| &r.diagnostics) {
            let i =
                SEVERITIES.iter().position(|(s, _, _)| *s == diagnostic.severity).expect("every severity is listed");
            summary.by_severity[i] += 1;
            match applicable_fix(diagnostic).map(|fix| fix.applicability) {
                Some(Applicability::Safe) => summary.fixable += 1,
                Some(Applicability::Unsafe) if unsafe_fixes => summary.fixable += 1,
                Some(Applicability::Unsafe) => summary.unsafe_fixable += 1,
                _ => {}
            }
        }
        summary
    }
}

/// codespan-reporting has no `info` or `style`: they are drawn in the colours of `note` and `help`,
/// and [`NamedSeverity`] writes our word in the header.
fn snippet_severity(severity: Severity) -> SnippetSeverity {
    match severity {
        Severity::Error => SnippetSeverity::Error,
        Severity::Warning => SnippetSeverity::Warning,
        Severity::Info => SnippetSeverity::Note,
        Severity::Style => SnippetSeverity::Help,
    }
}

/// Writes the header's severity word as ours (`info`, `style`) rather than codespan's (`note`,
/// `help`): codespan writes that word right after it styles the header, and nowhere else.
struct NamedSeverity<'a> {
    inner: &'a mut dyn WriteColor,
    severity: Severity,
    /// Set by `set_header`: the next write is the severity word.
    rename: bool,
}

impl Write for NamedSeverity<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if std::mem::take(&mut self.rename) && (buf == b"note" || buf == b"help") {
            self.inner.write_all(self.severity.as_str().as_bytes())?;
            return Ok(buf.len());
        }
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl WriteStyle for NamedSeverity<'_> {
    fn set_header(&mut self, severity: SnippetSeverity) -> GeneralWriteResult {
        self.rename = matches!(self.severity, Severity::Info | Severity::Style);
        WriteStyle::set_header(&mut *self.inner, severity)
    }
    fn set_header_message(&mut self) -> GeneralWriteResult {
        WriteStyle::set_header_message(&mut *self.inner)
    }
    fn set_line_number(&mut self) -> GeneralWriteResult {
        WriteStyle::set_line_number(&mut *self.inner)
    }
    fn set_note_bullet(&mut self) -> GeneralWriteResult {
        WriteStyle::set_note_bullet(&mut *self.inner)
    }
    fn set_source_border(&mut self) -> GeneralWriteResult {
        WriteStyle::set_source_border(&mut *self.inner)
    }
    fn set_label(&mut self, severity: SnippetSeverity, style: LabelStyle) -> GeneralWriteResult {
        WriteStyle::set_label(&mut *self.inner, severity, style)
    }
    fn reset(&mut self) -> GeneralWriteResult {
        WriteStyle::reset(&mut *self.inner)
    }
}
