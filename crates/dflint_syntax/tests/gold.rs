//! Gold-file parser tests, as in rust-analyzer's `crates/parser/test_data/`.
//!
//! Every `test_data/ok/*.Dockerfile` and `test_data/err/*.Dockerfile` has a `.rast` file beside it:
//! the `debug_tree` of the file, then one `error START..END: MESSAGE` line per syntax error. Files
//! in `ok/` must parse without errors, files in `err/` with at least one.
//!
//! After a parser change, `UPDATE_EXPECT=1 cargo test -p dflint_syntax --test gold` rewrites the
//! `.rast` files (and creates missing ones); review the diff before committing it.

use std::fmt::Write;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use dflint_syntax::{debug_tree, parse};

const UPDATE_HINT: &str = "UPDATE_EXPECT=1 cargo test -p dflint_syntax --test gold";

#[test]
fn gold_files() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let test_data = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let mut failures = Vec::new();
    let (mut checked, mut updated) = (0, 0);
    for (dir, expect_errors) in [("ok", false), ("err", true)] {
        let files = inputs(&test_data.join(dir));
        if files.is_empty() {
            failures.push(format!("test_data/{dir}/ holds no .Dockerfile"));
        }
        for input in files {
            let name = format!("{dir}/{}", input.file_name().unwrap().to_string_lossy());
            checked += 1;
            let actual = match render(&input) {
                Ok(rendered) => rendered,
                Err(why) => {
                    failures.push(format!("{name}: {why}"));
                    continue;
                }
            };
            let has_errors = actual.lines().any(|line| line.starts_with("error "));
            if has_errors != expect_errors {
                failures.push(if expect_errors {
                    format!("{name}: expected at least one syntax error, got none")
                } else {
                    format!("{name}: expected no syntax errors, got:\n{}", error_lines(&actual))
                });
            }
            let rast = input.with_extension("rast");
            match fs::read_to_string(&rast) {
                Ok(expected) if expected == actual => {}
                _ if update => {
                    fs::write(&rast, &actual).unwrap_or_else(|err| panic!("cannot write {}: {err}", rast.display()));
                    updated += 1;
                }
                Ok(expected) => failures.push(format!(
                    "{name}: the tree differs from the .rast file (run `{UPDATE_HINT}` and review the diff)\n{}",
                    first_difference(&expected, &actual)
                )),
                Err(_) => failures.push(format!("{name}: no .rast file (run `{UPDATE_HINT}` to create it)")),
            }
        }
        for stray in strays(&test_data.join(dir)) {
            failures.push(format!("{dir}/{stray}: a .rast file without its .Dockerfile"));
        }
    }
    println!("gold files: {checked} checked, {updated} updated, {} failures", failures.len());
    if !failures.is_empty() {
        panic!("{} gold-file failures:\n\n{}", failures.len(), failures.join("\n\n"));
    }
}

/// The `*.Dockerfile` files of `dir`, sorted.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "Dockerfile"))
        .collect();
    files.sort();
    files
}

/// `.rast` files in `dir` whose `.Dockerfile` is gone.
fn strays(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut strays: Vec<String> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rast"))
        .filter(|path| !path.with_extension("Dockerfile").exists())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    strays.sort();
    strays
}

/// The tree dump followed by the errors, or why it could not be made.
fn render(input: &Path) -> Result<String, String> {
    let text = fs::read_to_string(input).map_err(|err| format!("cannot read: {err}"))?;
    panic::catch_unwind(AssertUnwindSafe(|| {
        let parse = parse(&text);
        let mut out = debug_tree(&parse.syntax_node());
        for error in parse.errors() {
            let (start, end) = (u32::from(error.range.start()), u32::from(error.range.end()));
            writeln!(out, "error {start}..{end}: {}", error.message).unwrap();
        }
        out
    }))
    .map_err(|payload| {
        let message =
            payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned());
        format!("parse panicked: {}", message.as_deref().unwrap_or("(non-string payload)"))
    })
}

fn error_lines(rendered: &str) -> String {
    rendered.lines().filter(|line| line.starts_with("error ")).collect::<Vec<_>>().join("\n")
}

/// The first line where two dumps differ, with its number, to locate the change quickly.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.lines();
    let mut actual_lines = actual.lines();
    for number in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(e), Some(a)) if e == a => continue,
            (None, None) => return "  (the files differ only in line endings or the final newline)".to_owned(),
            (e, a) => {
                return format!(
                    "  line {number}:\n  - {}\n  + {}",
                    e.unwrap_or("(end of file)"),
                    a.unwrap_or("(end of file)")
                )
            }
        }
    }
    unreachable!()
}

/// The empty file, inline rather than as a gold file (an empty file is not worth a fixture).
#[test]
fn empty_file() {
    let parse = dflint_syntax::parse("");
    assert_eq!(dflint_syntax::debug_tree(&parse.syntax_node()).trim_end(), "SOURCE_FILE@0..0");
    assert!(parse.errors().is_empty());
}
