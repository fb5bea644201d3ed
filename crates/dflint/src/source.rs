//! Reading the input file (a path, or `-` for stdin) and naming positions in it as people do:
//! 1-based line and column, the column counted in characters.

use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use dflint_syntax::{TextRange, TextSize};
use line_index::{LineIndex, WideEncoding};

/// Standard input, when `dflint check` without paths read it ahead to see whether it is empty.
static PIPED_STDIN: OnceLock<Vec<u8>> = OnceLock::new();

/// `dflint check` without paths: a Dockerfile piped or redirected into standard input
/// (`dflint check < Dockerfile`, `docker run -i dflint < Dockerfile`) is linted as `-`. Standard
/// input that is a terminal or a device (`/dev/null`), or that turns out empty (CI runners give
/// their steps a closed pipe), means the current folder, as before.
pub(crate) fn piped_stdin() -> bool {
    if !stdin_is_a_pipe_or_file() {
        return false;
    }
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() || bytes.is_empty() {
        return false;
    }
    PIPED_STDIN.set(bytes).is_ok()
}

#[cfg(unix)]
fn stdin_is_a_pipe_or_file() -> bool {
    use std::io::IsTerminal;
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return false;
    }
    // fstat on a duplicate of descriptor 0 (dropping it closes the duplicate only).
    let Ok(fd) = stdin.as_fd().try_clone_to_owned() else { return false };
    let Ok(metadata) = std::fs::File::from(fd).metadata() else { return false };
    let kind = metadata.file_type();
    kind.is_fifo() || kind.is_socket() || kind.is_file()
}

#[cfg(not(unix))]
fn stdin_is_a_pipe_or_file() -> bool {
    false
}

/// A Dockerfile read into memory.
pub(crate) struct SourceFile {
    /// How messages name the file: its path as given, or `<stdin>`.
    pub(crate) name: String,
    pub(crate) text: String,
    index: LineIndex,
}

/// Why a file could not be read, in the `LOCATION: error: MESSAGE` shape of our other messages.
#[derive(Debug)]
pub(crate) struct InputError {
    location: String,
    message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error: {}", self.location, self.message)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    /// An error about the file `location` (a path, or `PATH:LINE:COL`).
    pub(crate) fn new(location: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError { location: location.into(), message: message.into() }
    }
}

/// A 1-based line and column; displays as `LINE:COL`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Position {
    pub(crate) line: u32,
    pub(crate) col: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

impl SourceFile {
    /// Reads `path`, or standard input when it is `-`.
    pub(crate) fn read(path: &Path) -> Result<SourceFile, InputError> {
        if path == Path::new("-") {
            SourceFile::read_stdin("<stdin>".to_owned())
        } else {
            SourceFile::read_file(path, path.display().to_string())
        }
    }

    /// Reads the file at `path`, naming it `name` in messages.
    pub(crate) fn read_file(path: &Path, name: String) -> Result<SourceFile, InputError> {
        let bytes = std::fs::read(path);
        let bytes =
            bytes.map_err(|err| InputError { location: name.clone(), message: format!("cannot read file: {err}") })?;
        SourceFile::decode(name, bytes)
    }

    /// Reads standard input, naming it `name` in messages.
    pub(crate) fn read_stdin(name: String) -> Result<SourceFile, InputError> {
        if let Some(bytes) = PIPED_STDIN.get() {
            return SourceFile::decode(name, bytes.clone());
        }
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|err| InputError { location: name.clone(), message: format!("cannot read file: {err}") })?;
        SourceFile::decode(name, bytes)
    }

    /// Checks that `bytes` are UTF-8; if not, the error points at the first invalid byte.
    fn decode(name: String, bytes: Vec<u8>) -> Result<SourceFile, InputError> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, text)),
            Err(err) => {
                let valid_up_to = err.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&err.as_bytes()[..valid_up_to]).into_owned();
                let end = TextSize::of(valid.as_str());
                let position = SourceFile::new(String::new(), valid).position(end);
                // A byte order mark says which encoding it is; Docker reads UTF-8 only.
                let message = match err.as_bytes() {
                    [0xFF, 0xFE, ..] => "file is UTF-16 (little-endian byte order mark): save it as UTF-8",
                    [0xFE, 0xFF, ..] => "file is UTF-16 (big-endian byte order mark): save it as UTF-8",
                    _ => "file is not valid UTF-8",
                };
                Err(InputError { location: format!("{name}:{position}"), message: message.to_owned() })
            }
        }
    }

    /// A file whose text is already in memory.
    pub(crate) fn new(name: String, text: String) -> SourceFile {
        let index = LineIndex::new(&text);
        SourceFile { name, text, index }
    }

    /// The position of a byte offset. Lines end at `\n`; a UTF-8 byte-order mark is not counted as
    /// a column, since editors do not show it. An offset past the end or inside a character is
    /// moved back to the nearest character boundary rather than trusted.
    pub(crate) fn position(&self, offset: TextSize) -> Position {
        let mut offset = usize::from(offset).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let utf8 = self.index.line_col(TextSize::try_from(offset).expect("offset fits in u32"));
        let chars = self.index.to_wide(WideEncoding::Utf32, utf8).expect("a line_col from the same index");
        let bom = utf8.line == 0 && offset > 0 && self.text.starts_with('\u{feff}');
        Position { line: chars.line + 1, col: chars.col + 1 - u32::from(bom) }
    }

    /// The positions of the start and the end of `range`.
    pub(crate) fn span(&self, range: TextRange) -> (Position, Position) {
        (self.position(range.start()), self.position(range.end()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(text: &str, offset: u32) -> Position {
        SourceFile::new("f".into(), text.into()).position(offset.into())
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "FROM a\nRUN é♥ x\n";
        assert_eq!(position(text, 0), Position { line: 1, col: 1 });
        assert_eq!(position(text, 5), Position { line: 1, col: 6 });
        assert_eq!(position(text, 7), Position { line: 2, col: 1 });
        // `x` is after `RUN é♥ `: 7 characters, 10 bytes.
        assert_eq!(position(text, 7 + 10), Position { line: 2, col: 8 });
    }

    #[test]
    fn crlf_and_lone_cr() {
        assert_eq!(position("A\r\nB", 3), Position { line: 2, col: 1 });
        // A lone CR does not end a line (BuildKit splits on `\n` only).
        assert_eq!(position("A\rB", 2), Position { line: 1, col: 3 });
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}FROM a";
        assert_eq!(position(text, 0), Position { line: 1, col: 1 });
        assert_eq!(position(text, 3), Position { line: 1, col: 1 });
        assert_eq!(position(text, 3 + 5), Position { line: 1, col: 6 });
    }

    #[test]
    fn bad_offsets_are_clamped() {
        assert_eq!(position("ab", 99), Position { line: 1, col: 3 });
        // Offset 1 is inside `é`.
        assert_eq!(position("éa", 1), Position { line: 1, col: 1 });
    }

    #[test]
    fn invalid_utf8_points_at_first_bad_byte() {
        let err = SourceFile::decode("x".into(), b"FROM a\nRUN \xc3\xa9\xff\n".to_vec()).err().expect("invalid");
        assert_eq!(err.to_string(), "x:2:6: error: file is not valid UTF-8");
        let err = SourceFile::decode("x".into(), b"\xff".to_vec()).err().expect("invalid");
        assert_eq!(err.to_string(), "x:1:1: error: file is not valid UTF-8");
        let utf16: Vec<u8> = "\u{feff}FROM a\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let err = SourceFile::decode("x".into(), utf16).err().expect("invalid");
        assert_eq!(err.to_string(), "x:1:1: error: file is UTF-16 (little-endian byte order mark): save it as UTF-8");
    }
}
