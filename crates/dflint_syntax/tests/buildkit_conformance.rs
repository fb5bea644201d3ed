//! BuildKit conformance: `buildkit::dump` must print exactly what BuildKit's own parser tests expect
//! for every case in `../shared/corpus/buildkit-parser/`, and must fail on every case in
//! `../shared/corpus/buildkit-parser-negative/` (the READMEs there describe the format).
//!
//! `../shared` is third-party data beside the workspace, never copied into it; when it is absent this
//! test says so and passes.

use std::fmt::Write;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use dflint_syntax::{buildkit, parse};

#[test]
fn buildkit_conformance() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if !shared.is_dir() {
        let notice = format!("NOTICE: {} is absent: skipping the BuildKit conformance test", shared.display());
        eprintln!("{notice}");
        println!("{notice}");
        return;
    }
    let corpus = shared.join("corpus");
    let positive = cases(&corpus.join("buildkit-parser"));
    let negative = cases(&corpus.join("buildkit-parser-negative"));

    let mut failures = Vec::new();
    let mut positive_ok = 0;
    for case in &positive {
        match check_positive(case) {
            Ok(()) => positive_ok += 1,
            Err(why) => failures.push(format!("{}:\n{why}", case_name(case))),
        }
    }
    let mut negative_ok = 0;
    for case in &negative {
        match check_negative(case) {
            Ok(()) => negative_ok += 1,
            Err(why) => failures.push(format!("{}:\n{why}", case_name(case))),
        }
    }

    let counts = format!(
        "buildkit conformance: {positive_ok}/{} positive, {negative_ok}/{} negative",
        positive.len(),
        negative.len()
    );
    println!("{counts}");
    if positive.is_empty() || negative.is_empty() {
        failures.push(format!("no cases found under {}", corpus.display()));
    }
    if !failures.is_empty() {
        panic!("{counts}\n\n{}", failures.join("\n\n"));
    }
}

/// The case folders (each holding a `Dockerfile`) in `dir`, sorted by name.
fn cases(dir: &Path) -> Vec<PathBuf> {
    let entries = fs::read_dir(dir).unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()));
    let mut cases: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.join("Dockerfile").is_file())
        .collect();
    cases.sort();
    cases
}

/// `buildkit-parser/<case>`, for messages.
fn case_name(case: &Path) -> String {
    let mut parts = case.iter().rev().take(2).collect::<Vec<_>>();
    parts.reverse();
    parts.iter().map(|part| part.to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn check_positive(case: &Path) -> Result<(), String> {
    let expected = read_text(&case.join("result"))?;
    match dump(case)? {
        Ok(actual) if actual == expected => Ok(()),
        Ok(actual) => Err(format!("dump differs (- expected, + actual):\n{}", diff(&expected, &actual))),
        Err(err) => Err(format!("BuildKit accepts this file, but dump returned an error: {err}")),
    }
}

fn check_negative(case: &Path) -> Result<(), String> {
    match dump(case)? {
        Err(_) => Ok(()),
        Ok(actual) => Err(format!("BuildKit rejects this file, but dump printed:\n{actual}")),
    }
}

/// Parses and dumps `case/Dockerfile`; the outer error is a problem with the test itself (an
/// unreadable file) or a panic.
fn dump(case: &Path) -> Result<Result<String, buildkit::BuildkitError>, String> {
    let text = read_text(&case.join("Dockerfile"))?;
    panic::catch_unwind(AssertUnwindSafe(|| buildkit::dump(&parse(&text))))
        .map_err(|payload| format!("panicked: {}", panic_message(&*payload)))
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    String::from_utf8(bytes).map_err(|err| format!("{} is not UTF-8: {err}", path.display()))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "(non-string panic payload)"
    }
}

/// A line diff of two small texts: every line, prefixed `  `, `- ` (only in `expected`) or `+ `
/// (only in `actual`). A line without a final newline is marked, as `diff -u` does.
fn diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.split_inclusive('\n').collect();
    let new: Vec<&str> = actual.split_inclusive('\n').collect();
    // lcs[i][j]: length of the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut out = String::new();
    let mut line = |sign: char, text: &str| {
        let body = text.strip_suffix('\n');
        let _ = writeln!(out, "{sign} {}", body.unwrap_or(text));
        if body.is_none() {
            out.push_str("\\ No newline at end of text\n");
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            line(' ', old[i]);
            (i, j) = (i + 1, j + 1);
        } else if i < old.len() && (j == new.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            line('-', old[i]);
            i += 1;
        } else {
            line('+', new[j]);
            j += 1;
        }
    }
    out
}

#[test]
fn diff_marks_changed_lines() {
    let expected = "(from \"a\")\n(run \"b\")\n(cmd)\n";
    let actual = "(from \"a\")\n(run \"c\")\n(cmd)";
    assert_eq!(
        diff(expected, actual),
        "  (from \"a\")\n- (run \"b\")\n- (cmd)\n+ (run \"c\")\n+ (cmd)\n\\ No newline at end of text\n"
    );
}
