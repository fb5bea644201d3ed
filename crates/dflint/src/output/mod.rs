//! The output formats of `dflint check`, one module each. Every format reads the same
//! [`FileReport`]s; positions are 1-based lines and columns counted in characters
//! ([`crate::source::SourceFile::position`]).

mod checkstyle;
mod github;
mod gitlab;
mod gnu;
pub(crate) mod human;
mod json;
mod junit;
mod sarif;

use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use dflint_lint::{Applicability, Diagnostic, Fix, Severity};

use crate::source::SourceFile;

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Source snippets for people, and a summary.
    Human,
    /// A JSON array, one object a finding (see docs/json-format.md).
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML.
    Junit,
    /// `FILE:LINE:COL: severity: message [CODE]`, one line a finding.
    Gnu,
}

impl From<dflint_config::OutputFormat> for Format {
    fn from(format: dflint_config::OutputFormat) -> Format {
        use dflint_config::OutputFormat as O;
        match format {
            O::Human => Format::Human,
            O::Json => Format::Json,
            O::Sarif => Format::Sarif,
            O::Github => Format::Github,
            O::Checkstyle => Format::Checkstyle,
            O::Gitlab => Format::Gitlab,
            O::Junit => Format::Junit,
            O::Gnu => Format::Gnu,
        }
    }
}

/// A linted file and what was found in it.
pub(crate) struct FileReport {
    /// The file (after fixes, when fixes were written).
    pub(crate) source: SourceFile,
    /// The findings, by position.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The findings already written out in the chosen format, where the format renders files
    /// apart ([`prerender`]).
    pub(crate) rendered: Option<Vec<u8>>,
}

/// Renders the findings of `report` in `format` now, where the format writes each file's part
/// on its own (JSON): the linting threads do it in parallel, and [`write`] only concatenates.
pub(crate) fn prerender(format: Option<Format>, report: &mut FileReport) {
    if format == Some(Format::Json) {
        report.rendered = Some(json::render(report));
    }
}

/// Writes the findings of `reports` in `format`. The human format's summary is separate
/// ([`human::write_summary`]): it depends on the run, not only on the findings.
pub(crate) fn write(format: Format, out: &mut dyn WriteColor, reports: &[FileReport]) -> io::Result<()> {
    match format {
        Format::Human => human::write(out, reports),
        Format::Json => json::write(out, reports),
        Format::Sarif => sarif::write(out, reports),
        Format::Github => github::write(out, reports),
        Format::Checkstyle => checkstyle::write(out, reports),
        Format::Gitlab => gitlab::write(out, reports),
        Format::Junit => junit::write(out, reports),
        Format::Gnu => gnu::write(out, reports),
    }
}

/// The fix of a diagnostic that `--fix` or `--unsafe-fixes` can apply (display-only suggestions
/// are left out of the machine formats).
fn applicable_fix(diagnostic: &Diagnostic) -> Option<&Fix> {
    diagnostic.fix.as_ref().filter(|fix| fix.applicability != Applicability::DisplayOnly && !fix.edits.is_empty())
}

/// Escapes text for XML attributes and text.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// `"1 error"`, `"2 warnings"`.
pub(crate) fn count(n: usize, singular: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {singular}s")
    }
}

/// The severities, most serious first, with the words that count them in summaries.
const SEVERITIES: [(Severity, &str, &str); 4] = [
    (Severity::Error, "error", "errors"),
    (Severity::Warning, "warning", "warnings"),
    (Severity::Info, "info", "info"),
    (Severity::Style, "style", "style"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes() {
        assert_eq!(xml_escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
        assert_eq!(xml_escape("a\nb\u{1}"), "a&#10;b\u{fffd}");
    }

    #[test]
    fn counts() {
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(0, "warning"), "0 warnings");
    }
}
