//! Replays the inputs of the `lsp` fuzz target kept in `tests/fuzz_regressions/` (those that once
//! failed, and a few seeds), with the session the fuzz target runs (`fuzz/lsp_session.rs`).

#[path = "../../../fuzz/lsp_session.rs"]
mod lsp_session;

use std::sync::atomic::{AtomicBool, Ordering};

/// Set by any panic, caught by the server or not (as the fuzzer's panic hook sees them all).
static PANICKED: AtomicBool = AtomicBool::new(false);

#[test]
fn fuzz_regressions() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        default_hook(info);
    }));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    for input in inputs {
        eprintln!("{}", input.display());
        lsp_session::run(&std::fs::read(&input).unwrap());
        assert!(!PANICKED.load(Ordering::SeqCst), "a panic on {}", input.display());
    }
}
