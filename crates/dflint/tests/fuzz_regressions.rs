//! Replays the inputs saved in `fuzz/regressions/` (crashes the fuzzers found, once fixed, and
//! hand-written tricky inputs) through every check the fuzz targets make: each check is an
//! invariant that holds for any text, so every input goes through all of them.

#[path = "../../../fuzz/checks.rs"]
mod checks;

use std::path::Path;

type Check = fn(&str);

#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "{} holds no inputs", dir.display());
    let checks: [(&str, Check); 4] =
        [("parse", checks::parse), ("lint", checks::lint), ("fix", checks::fix), ("fmt", checks::fmt)];
    let mut failures = Vec::new();
    for path in &entries {
        let data = std::fs::read(path).expect("readable input");
        // The fuzz targets skip inputs that are not UTF-8; so does the replay.
        let Ok(text) = std::str::from_utf8(&data) else { continue };
        for (name, check) in checks {
            if std::panic::catch_unwind(|| check(text)).is_err() {
                failures.push(format!("{name}: {}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "failing inputs:\n{}", failures.join("\n"));
}
