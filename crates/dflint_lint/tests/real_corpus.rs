//! Linting and fixing real-world Dockerfiles (`../shared/corpus/real/`, beside the workspace):
//! every rule runs on every file without panicking, every range lies inside the text on character
//! boundaries, and `--fix` (safe fixes, then also unsafe ones) converges: the fixed file parses with
//! no new syntax error and no more findings of the rules it fixed, and fixing it again changes
//! nothing. When the corpus is absent this test
//! says so and passes.

use dflint_lint::{fix, Applicability, Settings};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

#[test]
fn lint_and_fix_real_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        let notice = format!("NOTICE: {} is absent: skipping the real corpus lint test", dir.display());
        eprintln!("{notice}");
        println!("{notice}");
        return;
    };
    let mut paths: Vec<_> =
        entries.map(|e| e.expect("entry").path()).filter(|p| !p.ends_with("MANIFEST.tsv")).collect();
    paths.sort();
    let mut settings = Settings::default();
    settings.select_only(["ALL"]).expect("ALL");
    settings.shellcheck = false;
    let mut failures = Vec::new();
    let (mut findings, mut fixed_files) = (0usize, 0usize);
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| -> Result<(usize, bool), String> {
            let parse = dflint_syntax::parse(&text);
            let diagnostics = dflint_lint::lint(&parse, &settings);
            for d in &diagnostics {
                let (s, e) = (usize::from(d.range.start()), usize::from(d.range.end()));
                if e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                    return Err(format!("{} has a range {s}..{e} outside the text", d.code()));
                }
            }
            let mut changed = false;
            for min in [Applicability::Safe, Applicability::Unsafe] {
                let once = fix::fix_file(&text, &settings, min, 10);
                let errors_before = parse.errors().len();
                let errors_after = dflint_syntax::parse(&once.text).errors().len();
                if errors_after > errors_before {
                    return Err(format!("fixing ({min:?}) added syntax errors: {errors_before} -> {errors_after}"));
                }
                // No new findings of the rules whose fixes were applied: per code, the fixed file has
                // at most as many findings as the original had.
                let fixed_codes: std::collections::BTreeSet<&str> = diagnostics
                    .iter()
                    .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= min))
                    .map(|d| d.code())
                    .collect();
                for code in fixed_codes {
                    let before = diagnostics.iter().filter(|d| d.code() == code).count();
                    let after = once.remaining.iter().filter(|d| d.code() == code).count();
                    if after > before {
                        return Err(format!("fixing ({min:?}) raised {code} findings from {before} to {after}"));
                    }
                }
                let twice = fix::fix_file(&once.text, &settings, min, 10);
                if twice.text != once.text {
                    return Err(format!("fixing ({min:?}) again changed the file ({} more fixes)", twice.applied));
                }
                changed |= once.text != text;
            }
            Ok((diagnostics.len(), changed))
        }));
        match outcome {
            Ok(Ok((n, changed))) => {
                findings += n;
                fixed_files += usize::from(changed);
            }
            Ok(Err(problem)) => failures.push(format!("{name}: {problem}")),
            Err(_) => failures.push(format!("{name}: panicked")),
        }
    }
    println!(
        "real corpus lint: {} files, {findings} findings, {fixed_files} files changed by fixes, {} failing",
        paths.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
