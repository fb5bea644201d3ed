//! Applying fixes: non-overlapping edits, repeated until nothing changes, never leaving a new
//! syntax error behind.

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::settings::Settings;

/// Applies the fixes of `diagnostics` at or above `min` applicability to `text`. Overlapping fixes
/// are skipped (the next round picks them up). Returns the new text and how many fixes were applied.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], min: Applicability) -> (String, usize) {
    let mut fixes: Vec<&Vec<Edit>> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= min && f.applicability != Applicability::DisplayOnly && !f.edits.is_empty())
        .map(|f| &f.edits)
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.range.start()).min());
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let overlaps = edits.iter().any(|e| {
            chosen.iter().any(|c| {
                e.range.start() < c.range.end() && c.range.start() < e.range.end()
                    || (e.range.is_empty() && c.range.is_empty() && e.range.start() == c.range.start())
                    || (e.range.is_empty() && c.range.contains(e.range.start()) && c.range.start() != e.range.start())
                    || (c.range.is_empty() && e.range.contains(c.range.start()) && e.range.start() != c.range.start())
            })
        });
        if !overlaps {
            chosen.extend(edits.iter());
            applied += 1;
        }
    }
    chosen.sort_by_key(|e| (e.range.start(), e.range.end()));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    for e in chosen {
        let (s, t) = (usize::from(e.range.start()), usize::from(e.range.end()));
        out.push_str(&text[pos..s]);
        out.push_str(&e.content);
        pos = t;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// The outcome of [`fix_file`].
#[derive(Debug)]
pub struct FixResult {
    /// The fixed text.
    pub text: String,
    /// Fixes applied over all rounds.
    pub applied: usize,
    /// Rounds run.
    pub rounds: usize,
    /// Diagnostics that remain.
    pub remaining: Vec<Diagnostic>,
}

/// Lints and fixes `text` until no fix applies (at most `max_rounds` rounds). A round whose result
/// has more syntax errors than its input is undone and stops the loop.
pub fn fix_file(text: &str, settings: &Settings, min: Applicability, max_rounds: usize) -> FixResult {
    fix_file_at(text, settings, None, min, max_rounds)
}

/// [`fix_file`] for the Dockerfile at `path` (see [`crate::lint_file`]).
pub fn fix_file_at(
    text: &str,
    settings: &Settings,
    path: Option<&std::path::Path>,
    min: Applicability,
    max_rounds: usize,
) -> FixResult {
    let mut current = text.to_string();
    let mut parse = dflint_syntax::parse(&current);
    let mut diagnostics = crate::lint_file(&parse, settings, path);
    let mut applied = 0;
    let mut rounds = 0;
    while rounds < max_rounds {
        let (next, n) = apply_fixes(&current, &diagnostics, min);
        if n == 0 || next == current {
            break;
        }
        let next_parse = dflint_syntax::parse(&next);
        if next_parse.errors().len() > parse.errors().len() {
            break;
        }
        rounds += 1;
        applied += n;
        current = next;
        parse = next_parse;
        diagnostics = crate::lint_file(&parse, settings, path);
    }
    FixResult { text: current, applied, rounds, remaining: diagnostics }
}
