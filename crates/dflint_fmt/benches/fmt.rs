//! Formatter throughput on real Dockerfiles: every file of `../shared/corpus/real` (beside the
//! workspace), read once, formatted per iteration (parse, format, and the safety net's second
//! parse and comparison), reported in bytes per second.
//!
//! `cargo bench -p dflint_fmt`. When the corpus is absent this says so and measures nothing.

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dflint_fmt::FormatOptions;

// The allocator the `dflint` binary ships with, so the figure is what users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn format_real_corpus(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    let Ok(entries) = fs::read_dir(&dir) else {
        eprintln!("NOTICE: {} is absent: no benchmark registered", dir.display());
        return;
    };
    let mut paths: Vec<_> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_file() && path.file_name().is_some_and(|name| name != "MANIFEST.tsv"))
        .collect();
    paths.sort();
    // Files that are not UTF-8 cannot be formatted at all.
    let texts: Vec<String> = paths.iter().filter_map(|path| String::from_utf8(fs::read(path).ok()?).ok()).collect();
    let total: usize = texts.iter().map(String::len).sum();
    let options = FormatOptions::default();

    let mut group = c.benchmark_group("format");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("real-corpus", |b| {
        b.iter(|| {
            for text in &texts {
                let _ = black_box(dflint_fmt::format(black_box(text), &options));
            }
        })
    });
    // Already formatted files: what `dflint fmt --check` costs in a tidy repository.
    let formatted: Vec<String> =
        texts.iter().map(|t| dflint_fmt::format(t, &options).unwrap_or_else(|_| t.clone())).collect();
    group.bench_function("real-corpus-formatted", |b| {
        b.iter(|| {
            for text in &formatted {
                let _ = black_box(dflint_fmt::format(black_box(text), &options));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, format_real_corpus);
criterion_main!(benches);
