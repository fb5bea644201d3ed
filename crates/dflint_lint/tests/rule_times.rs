//! Where linting spends its time: each rule's total over the real corpus (`../shared/corpus/real/`,
//! beside the workspace), the top 25 printed. Ignored by default; run it with
//! `cargo test --release -p dflint_lint --test rule_times -- --ignored --nocapture`.
//! `RULE_TIMES_DIR=<folder>` measures the files of another folder (e.g. the big generated files of
//! `../shared/bench/lsp-bench.py --keep-generated`), `ROUNDS=<n>` sets the number of rounds.

use dflint_lint::Settings;
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

#[test]
#[ignore = "a measurement, not a test"]
fn rule_times_over_the_real_corpus() {
    let dir = match std::env::var_os("RULE_TIMES_DIR") {
        Some(dir) => Path::new(&dir).to_path_buf(),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real"),
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("NOTICE: {} is absent", dir.display());
        return;
    };
    let mut paths: Vec<_> =
        entries.map(|e| e.expect("entry").path()).filter(|p| !p.ends_with("MANIFEST.tsv")).collect();
    paths.sort();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let mut settings = Settings::default();
    settings.shellcheck = false;
    let rounds: u32 = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut totals: HashMap<&'static str, Duration> = HashMap::new();
    let (mut parse_time, mut lint_time) = (Duration::ZERO, Duration::ZERO);
    let mut times = Vec::new();
    for _ in 0..rounds {
        for text in &texts {
            let start = Instant::now();
            let parse = dflint_syntax::parse(text);
            parse_time += start.elapsed();
            let start = Instant::now();
            times.clear();
            dflint_lint::lint_file_timed(&parse, &settings, None, &mut times);
            lint_time += start.elapsed();
            for &(code, t) in &times {
                *totals.entry(code).or_default() += t;
            }
        }
    }
    let mut totals: Vec<_> = totals.into_iter().collect();
    totals.sort_by_key(|t| std::cmp::Reverse(t.1));
    let per_round = |d: Duration| d.as_secs_f64() * 1000.0 / f64::from(rounds);
    println!(
        "{} files, per round: parse {:.1} ms, lint {:.1} ms",
        texts.len(),
        per_round(parse_time),
        per_round(lint_time)
    );
    let all: Duration = totals.iter().map(|t| t.1).sum();
    println!("rules+model total {:.1} ms", per_round(all));
    for (code, t) in totals.iter().take(25) {
        println!("{code:>8} {:8.2} ms", per_round(*t));
    }
}
