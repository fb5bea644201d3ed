//! The language server, in process, under arbitrary edit sequences and requests: no panic, and
//! the final diagnostics equal those of a fresh document with the final text (see
//! `fuzz/lsp_session.rs`, which `dflint_lsp`'s `fuzz_regressions` test also runs).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../lsp_session.rs"]
mod lsp_session;

fuzz_target!(|data: &[u8]| {
    lsp_session::run(data);
});
