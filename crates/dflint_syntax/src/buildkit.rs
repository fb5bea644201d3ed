//! What BuildKit's `parser.Parse(...).AST.Dump()` prints for a file, computed from our tree.

use crate::Parse;

/// An error BuildKit's parser would return, with the 1-based line it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildkitError {
    /// 1-based line number.
    pub line: u32,
    /// BuildKit's message.
    pub message: String,
}

impl std::fmt::Display for BuildkitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The dump, ending with one `\n`, or the error BuildKit's parser would return.
pub fn dump(_parse: &Parse) -> Result<String, BuildkitError> {
    Err(BuildkitError { line: 1, message: "not implemented yet".into() })
}
