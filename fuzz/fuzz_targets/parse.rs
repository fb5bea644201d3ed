//! Any text parses without panicking, the tree gives back every byte, every error range lies in
//! the text, and the debug dumps never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parse = dflint_syntax::parse(text);
    assert_eq!(parse.syntax_node().to_string(), text, "the tree lost bytes");
    for error in parse.errors() {
        let range = error.range;
        let (s, e) = (usize::from(range.start()), usize::from(range.end()));
        assert!(e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e), "error range {s}..{e}");
    }
    let _ = dflint_syntax::debug_tree(&parse.syntax_node());
    let _ = dflint_syntax::buildkit::dump(&parse);
});
