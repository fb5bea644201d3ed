//! Model throughput on real Dockerfiles (`../shared/corpus/real`, beside the workspace), in bytes
//! per second: `analyze` on parsed files, and the shell parser alone on every RUN script.
//!
//! `cargo bench -p dflint_model`. When the corpus is absent this says so and measures nothing.

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    let Ok(entries) = fs::read_dir(&dir) else {
        eprintln!("NOTICE: {} is absent: no benchmark registered", dir.display());
        return None;
    };
    let mut paths: Vec<_> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_file() && path.file_name().is_some_and(|name| name != "MANIFEST.tsv"))
        .collect();
    paths.sort();
    Some(paths.iter().filter_map(|path| String::from_utf8(fs::read(path).ok()?).ok()).collect())
}

fn analyze_real_corpus(c: &mut Criterion) {
    let Some(texts) = corpus() else { return };
    let parses: Vec<_> = texts.iter().map(|t| dflint_syntax::parse(t)).collect();
    let total: usize = texts.iter().map(String::len).sum();

    // Every script the model hands to the shell parser, to time that parser alone.
    let scripts: Vec<String> = parses
        .iter()
        .flat_map(|p| dflint_model::analyze(p).stages)
        .flat_map(|s| s.runs)
        .flat_map(|r| r.scripts)
        .map(|s| s.source.text)
        .collect();
    let script_bytes: usize = scripts.iter().map(String::len).sum();

    let mut group = c.benchmark_group("model");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("analyze-real-corpus", |b| {
        b.iter(|| {
            for parse in &parses {
                black_box(dflint_model::analyze(black_box(parse)));
            }
        })
    });
    group.throughput(Throughput::Bytes(script_bytes as u64));
    group.bench_function(format!("shell-parse-{}-run-scripts", scripts.len()), |b| {
        b.iter(|| {
            for script in &scripts {
                black_box(dflint_shell::parse(black_box(script)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, analyze_real_corpus);
criterion_main!(benches);
