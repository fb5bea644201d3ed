//! Formatting never panics, and formatting a formatted file changes nothing.
#![no_main]
use dflint_fmt::{format, FormatOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let options = FormatOptions::default();
    if let Ok(once) = format(text, &options) {
        let twice = format(&once, &options).expect("formatted text formats again");
        assert_eq!(once, twice, "formatting is not idempotent");
    }
});
