//! Fixes converge, re-parse and keep every byte (see `checks::fix`).
//! A crash input goes into `fuzz/regressions/`, which `cargo test` replays.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        checks::fix(text);
    }
});
