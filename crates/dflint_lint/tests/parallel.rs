//! `lint_file_parallel` (the language server's lint of big documents) finds exactly what
//! `lint_file` finds, in the same order: on every rule fixture and every file of the real corpus
//! (`../shared/corpus/real/`, beside the workspace; skipped with a notice when absent), with 2, 3
//! and 5 groups of rules, with the default rules and with all of them.

use dflint_lint::Settings;
use std::path::{Path, PathBuf};

fn dockerfiles(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            dockerfiles(&path, out);
        } else if !path.ends_with("MANIFEST.tsv") {
            out.push(path);
        }
    }
}

fn settings() -> Vec<Settings> {
    let mut default = Settings::default();
    default.shellcheck = false;
    let mut all = Settings::default();
    all.select_only(["ALL"]).expect("ALL");
    all.shellcheck = false;
    vec![default, all]
}

fn check(paths: &[PathBuf], groups: &[usize]) {
    let settings = settings();
    let mut compared = 0;
    for path in paths {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let parse = dflint_syntax::parse(&text);
        for s in &settings {
            let sequential = dflint_lint::lint_file(&parse, s, None);
            for &n in groups {
                let parallel = dflint_lint::lint_file_in_groups(&parse, s, None, n);
                assert!(sequential == parallel, "{}: {n} groups find something else", path.display());
                compared += 1;
            }
        }
    }
    assert!(compared > 0, "no file compared");
}

#[test]
fn parallel_lint_equals_sequential_on_fixtures() {
    let mut paths = Vec::new();
    dockerfiles(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut paths);
    paths.sort();
    check(&paths, &[2, 3, 5]);
}

#[test]
fn parallel_lint_equals_sequential_on_real_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    if !dir.is_dir() {
        let notice = format!("NOTICE: {} is absent: skipping the parallel lint corpus test", dir.display());
        eprintln!("{notice}");
        println!("{notice}");
        return;
    }
    let mut paths = Vec::new();
    dockerfiles(&dir, &mut paths);
    paths.sort();
    check(&paths, &[2, 3]);
}

#[test]
fn parallel_lint_of_a_big_file_equals_sequential() {
    // A file big enough for the parallel path (on a machine with several cores), linted twice in
    // a row (the pool and its measured costs are reused): the result is the sequential one.
    let text = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n".repeat(2000);
    let parse = dflint_syntax::parse(&text);
    let mut s = Settings::default();
    s.shellcheck = false;
    let sequential = dflint_lint::lint_file(&parse, &s, None);
    assert!(text.len() >= dflint_lint::PARALLEL_MIN_LEN);
    for _ in 0..2 {
        assert!(dflint_lint::lint_file_parallel(&parse, &s, None) == sequential);
    }
}

/// Times the sequential and the parallel lint of a big file (`LINT_FILE=<path>`), alternately.
/// `cargo test --release -p dflint_lint --test parallel -- --ignored --nocapture`
#[test]
#[ignore = "a measurement, not a test"]
fn parallel_lint_times() {
    let Some(path) = std::env::var_os("LINT_FILE") else {
        eprintln!("NOTICE: set LINT_FILE");
        return;
    };
    let text = std::fs::read_to_string(path).expect("LINT_FILE");
    let parse = dflint_syntax::parse(&text);
    let mut s = Settings::default();
    s.shellcheck = false;
    dflint_model::set_script_cache(true);
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(20);
    let (mut seq, mut par) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let start = std::time::Instant::now();
        let a = dflint_lint::lint_file(&parse, &s, None);
        seq.push(start.elapsed().as_secs_f64() * 1000.0);
        let start = std::time::Instant::now();
        let b = dflint_lint::lint_file_parallel(&parse, &s, None);
        par.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(a == b);
    }
    seq.sort_by(f64::total_cmp);
    par.sort_by(f64::total_cmp);
    println!("sequential: min {:.1} median {:.1} ms", seq[0], seq[rounds / 2]);
    println!("parallel:   min {:.1} median {:.1} ms", par[0], par[rounds / 2]);
}
