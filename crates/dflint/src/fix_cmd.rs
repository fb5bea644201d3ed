//! `--fix` and `--diff`: apply fixes until none applies, never writing a file with more syntax
//! errors than it had; write it atomically ([`crate::atomic_write`]), byte for byte what the fixes
//! made (the byte-order mark and line endings are part of the text and nothing here normalises
//! them).

use dflint_lint::fix::fix_file_at;
use dflint_lint::{Applicability, Diagnostic, Settings};
use similar::TextDiff;

use crate::atomic_write::write_atomically;
use crate::discover::{Input, Origin};
use crate::source::SourceFile;

/// Rounds of lint-then-fix before giving up on reaching a fixed point.
const MAX_ROUNDS: usize = 10;

/// What to do with fixes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FixMode {
    /// Write fixed files (`--fix` without `--diff`); standard input is printed instead.
    pub(crate) write: bool,
    /// Make a diff and write nothing (`--diff`).
    pub(crate) diff: bool,
    /// Apply unsafe fixes too (`--unsafe-fixes`).
    pub(crate) unsafe_fixes: bool,
}

/// What became of one file.
pub(crate) struct Fixed {
    /// The file as it is now (fixed, unless the fixes were refused or only diffed).
    pub(crate) source: SourceFile,
    /// The findings in `source`.
    pub(crate) remaining: Vec<Diagnostic>,
    /// Fixes applied (or, with --diff, that would be).
    pub(crate) applied: usize,
    /// With --diff, the changes.
    pub(crate) diff: Option<String>,
    /// Standard input: the text to print.
    pub(crate) stdout_text: Option<String>,
    /// Why nothing was written.
    pub(crate) error: Option<String>,
}

pub(crate) fn fix(input: &Input, source: SourceFile, settings: &Settings, mode: FixMode) -> Fixed {
    let min = if mode.unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
    let result = fix_file_at(&source.text, settings, Some(&input.path), min, MAX_ROUNDS);
    let stdin = input.origin == Origin::Stdin;
    let unchanged = |source: SourceFile, error: Option<String>| {
        let remaining = dflint_lint::lint_file(&dflint_syntax::parse(&source.text), settings, Some(&input.path));
        let stdout_text = (stdin && mode.write).then(|| source.text.clone());
        Fixed { source, remaining, applied: 0, diff: None, stdout_text, error }
    };
    if result.applied == 0 || result.text == source.text {
        return Fixed {
            stdout_text: (stdin && mode.write).then(|| source.text.clone()),
            source,
            remaining: result.remaining,
            applied: 0,
            diff: None,
            error: None,
        };
    }
    let errors_before = dflint_syntax::parse(&source.text).errors().len();
    let errors_after = dflint_syntax::parse(&result.text).errors().len();
    if errors_after > errors_before {
        let error = format!(
            "{}: error: the fixes would add syntax errors ({errors_before} before, {errors_after} after); \
             nothing was written",
            input.name
        );
        return unchanged(source, Some(error));
    }
    if mode.diff {
        let diff = unified_diff(&input.name, &source.text, &result.text);
        return Fixed {
            source,
            remaining: Vec::new(),
            applied: result.applied,
            diff: Some(diff),
            stdout_text: None,
            error: None,
        };
    }
    let mut stdout_text = None;
    if let Origin::File(path) = &input.origin {
        if let Err(err) = write_atomically(path, &result.text) {
            return unchanged(source, Some(format!("{}: error: cannot write file: {err}", input.name)));
        }
    } else {
        stdout_text = Some(result.text.clone());
    }
    Fixed {
        source: SourceFile::new(source.name, result.text),
        remaining: result.remaining,
        applied: result.applied,
        diff: None,
        stdout_text,
        error: None,
    }
}

/// The changes from `old` to `new` as a unified diff with `name` in both headers.
pub(crate) fn unified_diff(name: &str, old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new).unified_diff().context_radius(3).header(name, name).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_has_headers_and_hunks() {
        let diff = unified_diff("Dockerfile", "FROM a\nCMD x\n", "FROM a\nCMD [\"x\"]\n");
        assert_eq!(diff, "--- Dockerfile\n+++ Dockerfile\n@@ -1,2 +1,2 @@\n FROM a\n-CMD x\n+CMD [\"x\"]\n");
    }
}
