//! Configuration errors, pointing at the line and column of the offending text.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// A configuration file that cannot be used. Displays as `PATH:LINE:COL: error: MESSAGE` (or
/// `PATH: error: MESSAGE` when no place in the file is to blame).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, as it is shown to people.
    pub path: PathBuf,
    /// 1-based line and column (in characters) of the offending text.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": error: {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// An error about the text at `span` (byte offsets) of `source`.
    pub(crate) fn at(path: impl Into<PathBuf>, source: &str, span: Option<Range<usize>>, message: String) -> Self {
        let position = span.map(|span| line_column(source, span.start));
        ConfigError { path: path.into(), position, message }
    }
}

/// The 1-based line and column (counted in characters) of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_characters() {
        assert_eq!(line_column("a = 1\nb = 2\n", 0), (1, 1));
        assert_eq!(line_column("a = 1\nb = 2\n", 6), (2, 1));
        assert_eq!(line_column("é = 1", 3), (1, 3));
        assert_eq!(line_column("ab", 99), (1, 3));
    }

    #[test]
    fn display() {
        let error = ConfigError { path: "x/.dflint.toml".into(), position: Some((3, 7)), message: "bad".into() };
        assert_eq!(error.to_string(), "x/.dflint.toml:3:7: error: bad");
        let error = ConfigError { path: "x/.dflint.toml".into(), position: None, message: "bad".into() };
        assert_eq!(error.to_string(), "x/.dflint.toml: error: bad");
    }
}
