//! What the fuzz targets assert, shared with `crates/dflint/tests/fuzz_regressions.rs`, which
//! replays every input saved in `fuzz/regressions/` with `cargo test`. Each target uses one of them.
#![allow(dead_code)]

use dflint_lint::{fix, Applicability, Settings};
use std::sync::OnceLock;

/// Every rule, ShellCheck off (another program), no `.dockerignore` read from disk.
fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let mut settings = Settings::default();
        settings.select_only(["ALL"]).expect("ALL selects every rule");
        settings.shellcheck = false;
        settings.dockerignore = Some(Vec::new());
        settings
    })
}

fn assert_range(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: range {start}..{end} outside the text or not on character boundaries"
    );
}

/// Any text parses without panicking, the tree gives back every byte, every error range lies in
/// the text, and the debug dumps never panic.
pub fn parse(text: &str) {
    let parse = dflint_syntax::parse(text);
    assert_eq!(parse.syntax_node().to_string(), text, "the tree lost bytes");
    for error in parse.errors() {
        assert_range(text, usize::from(error.range.start()), usize::from(error.range.end()), "syntax error");
    }
    let _ = dflint_syntax::debug_tree(&parse.syntax_node());
    let _ = dflint_syntax::buildkit::dump(&parse);
}

/// Every rule runs on any text without panicking, and every finding's range (and its fix's
/// edits) lie in the text on character boundaries.
pub fn lint(text: &str) {
    let parse = dflint_syntax::parse(text);
    for d in dflint_lint::lint(&parse, settings()) {
        assert_range(text, usize::from(d.range.start()), usize::from(d.range.end()), d.code());
        for edit in d.fix.iter().flat_map(|f| f.edits.iter()) {
            assert_range(text, usize::from(edit.range.start()), usize::from(edit.range.end()), d.code());
        }
    }
}

/// Fixing (unsafe fixes included) converges to a fixed point within 10 rounds, the result
/// re-parses with no more syntax errors than the input and its tree gives back every byte.
pub fn fix(text: &str) {
    let before = dflint_syntax::parse(text).errors().len();
    let fixed = fix::fix_file(text, settings(), Applicability::Unsafe, 10);
    let reparsed = dflint_syntax::parse(&fixed.text);
    assert_eq!(reparsed.syntax_node().to_string(), fixed.text, "the fixed text's tree lost bytes");
    assert!(reparsed.errors().len() <= before, "fixing added syntax errors:\n{}", fixed.text);
    let again = fix::fix_file(&fixed.text, settings(), Applicability::Unsafe, 1);
    assert_eq!(again.applied, 0, "fixes did not converge in 10 rounds:\n{}\n---\n{}", fixed.text, again.text);
}

/// Formatting never panics, and formatting a formatted file changes nothing.
pub fn fmt(text: &str) {
    let options = dflint_fmt::FormatOptions::default();
    if let Ok(once) = dflint_fmt::format(text, &options) {
        let twice = dflint_fmt::format(&once, &options).expect("formatted text formats again");
        assert_eq!(once, twice, "formatting is not idempotent");
    }
}
