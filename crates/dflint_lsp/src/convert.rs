//! Positions: byte offsets in our trees <-> LSP line/character positions in the negotiated
//! encoding (UTF-16 unless the client offers UTF-8), and our diagnostics -> LSP diagnostics.
//!
//! Positions from the client are clamped, never trusted: a line past the end maps to the end of
//! the text, a character past the end of its line to the end of that line, and a character inside
//! a multi-unit character to that character's start.

use dflint_lint::Severity;
use dflint_syntax::{TextRange, TextSize};
use line_index::{LineCol, LineIndex, WideEncoding};
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, DiagnosticTag, NumberOrString, Position, Range, Uri,
};

/// The position encoding agreed on in `initialize`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// Characters count UTF-16 code units (the LSP default).
    #[default]
    Utf16,
    /// Characters count bytes.
    Utf8,
}

/// Converts between offsets and positions of one text.
#[derive(Clone, Copy)]
pub struct Lines<'a> {
    /// The text.
    pub text: &'a str,
    /// Its line index.
    pub index: &'a LineIndex,
    /// The encoding positions use.
    pub encoding: Encoding,
}

impl<'a> Lines<'a> {
    /// The position of `offset` (clamped to the text).
    pub fn position(&self, offset: TextSize) -> Position {
        let offset = offset.min(TextSize::of(self.text));
        let lc = self.index.line_col(offset);
        let character = match self.encoding {
            Encoding::Utf8 => lc.col,
            Encoding::Utf16 => self.index.to_wide(WideEncoding::Utf16, lc).map_or(lc.col, |w| w.col),
        };
        Position::new(lc.line, character)
    }

    /// The LSP range of `range`.
    pub fn range(&self, range: TextRange) -> Range {
        Range::new(self.position(range.start()), self.position(range.end()))
    }

    /// The offset of `position`, clamped as the module docs say.
    pub fn offset(&self, position: Position) -> TextSize {
        let len = TextSize::of(self.text);
        let Some(line_start) = self.index.offset(LineCol { line: position.line, col: 0 }) else { return len };
        if line_start >= len {
            return len;
        }
        let rest = &self.text[usize::from(line_start)..];
        let line = rest.split('\n').next().unwrap_or("");
        let line = line.strip_suffix('\r').unwrap_or(line);
        let col = match self.encoding {
            Encoding::Utf8 => {
                let mut col = (position.character as usize).min(line.len());
                while !line.is_char_boundary(col) {
                    col -= 1;
                }
                col
            }
            Encoding::Utf16 => {
                let wanted = position.character as usize;
                let mut units = 0;
                let mut col = line.len();
                for (i, c) in line.char_indices() {
                    if units >= wanted {
                        col = i;
                        break;
                    }
                    units += c.len_utf16();
                    if units > wanted {
                        col = i;
                        break;
                    }
                }
                col
            }
        };
        line_start + TextSize::from(col as u32)
    }

    /// The text range of an LSP range (start and end swapped when reversed).
    pub fn text_range(&self, range: Range) -> TextRange {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        TextRange::new(a.min(b), a.max(b))
    }

    /// The start of the line holding `offset`.
    pub fn line_start(&self, offset: TextSize) -> TextSize {
        let line = self.index.line_col(offset.min(TextSize::of(self.text))).line;
        self.index.offset(LineCol { line, col: 0 }).unwrap_or_default()
    }
}

/// Where a rule's documentation lives on the web (its `codeDescription`).
pub const RULE_DOCS_URL: &str = "https://github.com/dflint/dflint/blob/main/docs/rules/";

/// Diagnostic tags by rule: a rule is tagged when any of its names (code, name, hadolint code or
/// BuildKit check name) is listed. Editors strike through deprecated code and fade unnecessary code.
const TAGS: &[(&str, DiagnosticTag)] = &[
    // MAINTAINER is deprecated (hadolint DL4000, BuildKit MaintainerDeprecated).
    ("DL4000", DiagnosticTag::DEPRECATED),
    ("MaintainerDeprecated", DiagnosticTag::DEPRECATED),
    // `--platform=$TARGETPLATFORM` in FROM says what is already the default.
    ("RedundantTargetPlatform", DiagnosticTag::UNNECESSARY),
];

/// The LSP severity of a dflint severity (style findings are hints).
pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Style => DiagnosticSeverity::HINT,
    }
}

/// The tags of a rule's findings.
pub fn tags(rule: &dflint_lint::RuleMeta) -> Option<Vec<DiagnosticTag>> {
    let tags: Vec<DiagnosticTag> =
        TAGS.iter().filter(|(key, _)| rule.is_named(key)).map(|(_, tag)| tag.clone()).collect();
    (!tags.is_empty()).then_some(tags)
}

/// The LSP form of a finding.
pub fn diagnostic(lines: &Lines, d: &dflint_lint::Diagnostic) -> Diagnostic {
    let href = format!("{RULE_DOCS_URL}{}.md", d.rule.code).parse::<Uri>().ok();
    Diagnostic {
        range: lines.range(d.range),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.code.to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("dflint".to_string()),
        message: d.message.clone(),
        related_information: None,
        tags: tags(d.rule),
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_positions_round_trip() {
        let text = "FROM a\nRUN echo \u{1F600}x\r\nCMD y";
        let index = LineIndex::new(text);
        let utf16 = Lines { text, index: &index, encoding: Encoding::Utf16 };
        let x = TextSize::from(text.find('x').unwrap() as u32);
        assert_eq!(utf16.position(x), Position::new(1, 11));
        assert_eq!(utf16.offset(Position::new(1, 11)), x);
        // Inside the surrogate pair: the character's start.
        assert_eq!(utf16.offset(Position::new(1, 10)), x - TextSize::from(4));
        let utf8 = Lines { encoding: Encoding::Utf8, ..utf16 };
        assert_eq!(utf8.position(x), Position::new(1, 13));
        // Inside the emoji's four bytes: the character's start.
        assert_eq!(utf8.offset(Position::new(1, 11)), x - TextSize::from(4));
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "FROM a\r\nRUN b\n";
        let index = LineIndex::new(text);
        let lines = Lines { text, index: &index, encoding: Encoding::Utf16 };
        assert_eq!(lines.offset(Position::new(0, 99)), TextSize::from(6));
        assert_eq!(lines.offset(Position::new(1, 99)), TextSize::from(13));
        assert_eq!(lines.offset(Position::new(9, 0)), TextSize::of(text));
        assert_eq!(lines.position(TextSize::from(999)), Position::new(2, 0));
    }

    fn noop(_: &mut dflint_lint::Checker) {}

    static MAINTAINER: dflint_lint::RuleMeta = dflint_lint::RuleMeta {
        code: "DF999",
        name: "maintainer-deprecated",
        severity: Severity::Style,
        fix: dflint_lint::FixAvailability::None,
        hadolint: Some("DL4000"),
        buildkit: None,
        enabled_by_default: true,
        docs: "",
        check: noop,
    };

    #[test]
    fn severities_and_tags() {
        assert_eq!(severity(Severity::Error), DiagnosticSeverity::ERROR);
        assert_eq!(severity(Severity::Warning), DiagnosticSeverity::WARNING);
        assert_eq!(severity(Severity::Info), DiagnosticSeverity::INFORMATION);
        assert_eq!(severity(Severity::Style), DiagnosticSeverity::HINT);
        assert_eq!(tags(&MAINTAINER), Some(vec![DiagnosticTag::DEPRECATED]));
        let plain = dflint_lint::registry::find("DL3025").unwrap();
        assert_eq!(tags(plain), None);
    }
}
