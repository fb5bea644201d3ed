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

/// The findings of one file as elements of the JSON array, exactly as `serde_json`'s pretty
/// printer writes them one level deep ("  {\n    \"file\": ...\n  }"), joined by ",\n"; empty
/// when the file has none. Rendered by the worker that linted the file, so that the thread that
/// writes the output only concatenates.
pub(super) fn render(report: &FileReport) -> Vec<u8> {
    let source = &report.source;
    let mut out = Vec::new();
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
        let finding = Finding {
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
        };
        let alone = serde_json::to_vec_pretty(&finding).expect("a finding serializes");
        if !out.is_empty() {
            out.extend_from_slice(b",\n");
        }
        // One level deeper: JSON strings hold no raw line break, so every line break here is
        // the pretty printer's.
        out.extend_from_slice(b"  ");
        for &byte in &alone {
            out.push(byte);
            if byte == b'\n' {
                out.extend_from_slice(b"  ");
            }
        }
    }
    out
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut first = true;
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    for report in reports {
        let rendered = match &report.rendered {
            Some(bytes) => std::borrow::Cow::Borrowed(bytes),
            None => std::borrow::Cow::Owned(render(report)),
        };
        if rendered.is_empty() {
            continue;
        }
        buffered.write_all(if std::mem::take(&mut first) { b"[\n" } else { b",\n" })?;
        buffered.write_all(&rendered)?;
    }
    // As `serde_json` writes an array: `[]` when empty.
    buffered.write_all(if first { b"[]\n" } else { b"\n]\n" })?;
    buffered.flush()
}
