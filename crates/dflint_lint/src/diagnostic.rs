//! Diagnostics and the fixes attached to them.

use crate::registry::RuleMeta;
use crate::Severity;
use dflint_syntax::TextRange;

/// A finding of one rule at one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: &'static RuleMeta,
    /// Where, in bytes of the file.
    pub range: TextRange,
    /// What is wrong here, in one sentence.
    pub message: String,
    /// The severity in force (the rule's default, or as configured).
    pub severity: Severity,
    /// A fix, when one can be offered.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// The rule's code, e.g. `DL3008`.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }
    /// The rule's name, e.g. `apt-get-pin-versions`.
    pub fn name(&self) -> &'static str {
        self.rule.name
    }
}

/// How safe a fix is to apply without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Shown, never applied automatically.
    DisplayOnly,
    /// Changes behaviour in some cases: applied with `--unsafe-fixes` or on request in an editor.
    Unsafe,
    /// Keeps the meaning of the file: applied by `--fix` and the editor's fix-all.
    Safe,
}

impl Applicability {
    /// `safe`, `unsafe` or `display-only`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// One text replacement.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    /// What to replace (empty for an insertion).
    pub range: TextRange,
    /// The new text.
    pub content: String,
}

impl Edit {
    /// Replace `range` with `content`.
    pub fn replace(range: TextRange, content: impl Into<String>) -> Edit {
        Edit { range, content: content.into() }
    }
    /// Insert `content` at `offset`.
    pub fn insert(offset: dflint_syntax::TextSize, content: impl Into<String>) -> Edit {
        Edit { range: TextRange::empty(offset), content: content.into() }
    }
    /// Delete `range`.
    pub fn delete(range: TextRange) -> Edit {
        Edit { range, content: String::new() }
    }
}

/// Edits that together fix a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// How safe it is.
    pub applicability: Applicability,
    /// What it does, for a quick-fix menu ("Add `-y`").
    pub title: String,
    /// Non-overlapping edits.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix that keeps the file's meaning.
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix { applicability: Applicability::Safe, title: title.into(), edits }
    }
    /// A fix that may change behaviour.
    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix { applicability: Applicability::Unsafe, title: title.into(), edits }
    }
}
