//! The JSON format: an array with one object a finding, the contract documented in
//! `docs/json-format.md`. Keys and their meaning do not change without a major version.

use std::io::{self, Write};

use super::{applicable_fix, FileReport};
use crate::source::SourceFile;

#[cfg_attr(test, derive(serde::Serialize))]
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

#[cfg_attr(test, derive(serde::Serialize))]
struct FixJson<'a> {
    applicability: &'static str,
    edits: Vec<EditJson<'a>>,
}

#[cfg_attr(test, derive(serde::Serialize))]
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
/// writes the output only concatenates. Written by hand: going through serde (a pretty printer per
/// finding, then re-indented) cost more than linting some files; `tests::same_as_serde` holds this
/// to `serde_json`'s output for the same values.
pub(super) fn render(report: &FileReport) -> Vec<u8> {
    let source = &report.source;
    let mut out = Vec::with_capacity(report.diagnostics.len() * 400);
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
        if !out.is_empty() {
            out.extend_from_slice(b",\n");
        }
        write_finding(&mut out, &finding);
    }
    out
}

/// One finding as an element of the top-level array (its lines indented by two spaces).
fn write_finding(out: &mut Vec<u8>, f: &Finding) {
    out.extend_from_slice(b"  {\n");
    string_field(out, 4, "file", f.file);
    string_field(out, 4, "code", f.code);
    string_field(out, 4, "name", f.name);
    string_field(out, 4, "severity", f.severity);
    string_field(out, 4, "message", f.message);
    number_field(out, 4, "line", f.line);
    number_field(out, 4, "column", f.column);
    number_field(out, 4, "end_line", f.end_line);
    number_field(out, 4, "end_column", f.end_column);
    match &f.fix {
        None => out.extend_from_slice(b"    \"fix\": null\n"),
        Some(fix) => {
            out.extend_from_slice(b"    \"fix\": {\n");
            string_field(out, 6, "applicability", fix.applicability);
            if fix.edits.is_empty() {
                out.extend_from_slice(b"      \"edits\": []\n");
            } else {
                out.extend_from_slice(b"      \"edits\": [\n");
                for (i, edit) in fix.edits.iter().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(b",\n");
                    }
                    out.extend_from_slice(b"        {\n");
                    number_field(out, 10, "line", edit.line);
                    number_field(out, 10, "column", edit.column);
                    number_field(out, 10, "end_line", edit.end_line);
                    number_field(out, 10, "end_column", edit.end_column);
                    key_prefix(out, 10, "content");
                    string(out, edit.content);
                    out.extend_from_slice(b"\n        }");
                }
                out.extend_from_slice(b"\n      ]\n");
            }
            out.extend_from_slice(b"    }\n");
        }
    }
    out.extend_from_slice(b"  }");
}

/// `"key": "value",` and a line break (not the last field of its object).
fn string_field(out: &mut Vec<u8>, indent: usize, key: &str, value: &str) {
    key_prefix(out, indent, key);
    string(out, value);
    out.extend_from_slice(b",\n");
}

fn number_field(out: &mut Vec<u8>, indent: usize, key: &str, value: u32) {
    key_prefix(out, indent, key);
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = value;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
    out.extend_from_slice(b",\n");
}

fn key_prefix(out: &mut Vec<u8>, indent: usize, key: &str) {
    const SPACES: &[u8] = b"          ";
    out.extend_from_slice(&SPACES[..indent]);
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\": ");
}

/// A JSON string as `serde_json` writes it: `"` and `\` escaped, control characters as `\n`,
/// `\t`, ... or `\u00XX`, everything else (non-ASCII too) as is.
fn string(out: &mut Vec<u8>, value: &str) {
    out.push(b'"');
    let bytes = value.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 0xF) as usize]);
            }
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
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

#[cfg(test)]
mod tests {
    use super::*;

    /// serde_json's pretty printer on the same value, indented one level as an array element.
    fn serde(finding: &Finding) -> Vec<u8> {
        let alone = serde_json::to_vec_pretty(finding).unwrap();
        let mut out = b"  ".to_vec();
        for &byte in &alone {
            out.push(byte);
            if byte == b'\n' {
                out.extend_from_slice(b"  ");
            }
        }
        out
    }

    #[test]
    fn same_as_serde() {
        let every_byte: String = (0u8..0x80).map(char::from).collect();
        let texts = [
            "",
            "plain",
            "quote \" and \\ back",
            "tab\tnew\nline\r\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "♥ é \u{feff}",
            &every_byte,
        ];
        let edits_of = |n: usize, content: &'static str| -> Vec<EditJson<'static>> {
            (0..n)
                .map(|i| EditJson { line: i as u32, column: 10, end_line: 4_294_967_295, end_column: 0, content })
                .collect()
        };
        for (i, text) in texts.iter().enumerate() {
            for fix in [None, Some(0), Some(1), Some(3)] {
                let finding = Finding {
                    file: text,
                    code: "DL3008",
                    name: "pin-versions",
                    severity: "warning",
                    message: text,
                    line: i as u32,
                    column: 1234567,
                    end_line: 0,
                    end_column: 99,
                    fix: fix.map(|n| FixJson { applicability: "safe", edits: edits_of(n, "x\"\n\\y") }),
                };
                let mut ours = Vec::new();
                write_finding(&mut ours, &finding);
                assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(serde(&finding)).unwrap());
            }
        }
    }
}
