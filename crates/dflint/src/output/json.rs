//! The JSON format: an array with one object a finding, the contract documented in
//! `docs/json-format.md`. Keys and their meaning do not change without a major version.

use std::io::{self, Write};

use serde::Serialize;

use super::{applicable_fix, FileReport};
use crate::source::SourceFile;

#[derive(Serialize)]
struct Finding<'a> {
    file: &'a str,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    fix: Option<FixJson<'a>>,
}

/// Where a finding or an edit is (the fields are written flat, without serde's slower `flatten`).
struct Span {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

impl Span {
    fn of(source: &SourceFile, range: dflint_syntax::TextRange) -> Span {
        let (start, end) = source.span(range);
        Span { line: start.line, column: start.col, end_line: end.line, end_column: end.col }
    }
}

#[derive(Serialize)]
struct FixJson<'a> {
    applicability: &'static str,
    edits: Vec<EditJson<'a>>,
}

#[derive(Serialize)]
struct EditJson<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    content: &'a str,
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut findings = Vec::new();
    for report in reports {
        let source = &report.source;
        for diagnostic in &report.diagnostics {
            let fix = applicable_fix(diagnostic).map(|fix| FixJson {
                applicability: fix.applicability.as_str(),
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| {
                        let Span { line, column, end_line, end_column } = Span::of(source, edit.range);
                        EditJson { line, column, end_line, end_column, content: &edit.content }
                    })
                    .collect(),
            });
            let Span { line, column, end_line, end_column } = Span::of(source, diagnostic.range);
            findings.push(Finding {
                file: &source.name,
                code: diagnostic.rule.code,
                name: diagnostic.rule.name,
                severity: diagnostic.severity.as_str(),
                message: &diagnostic.message,
                line,
                column,
                end_line,
                end_column,
                fix,
            });
        }
    }
    // Through a buffer of its own: the pretty printer makes many small writes, each of which
    // would be a dynamic call on `out`.
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, &findings)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}
