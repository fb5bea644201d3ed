//! Every rule runs on any text without panicking, every finding's range lies in the text on
//! character boundaries, and fixing (unsafe fixes included) adds no syntax error and converges.
#![no_main]
use dflint_lint::{fix, Applicability, Settings};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let mut settings = Settings::default();
        settings.select_only(["ALL"]).expect("ALL selects every rule");
        settings.shellcheck = false;
        settings
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parse = dflint_syntax::parse(text);
    for d in dflint_lint::lint(&parse, settings()) {
        let (s, e) = (usize::from(d.range.start()), usize::from(d.range.end()));
        assert!(e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e), "{} range {s}..{e}", d.code());
    }
    let once = fix::fix_file(text, settings(), Applicability::Unsafe, 10);
    let errors_after = dflint_syntax::parse(&once.text).errors().len();
    assert!(errors_after <= parse.errors().len(), "fixing added syntax errors:\n{}", once.text);
});
