//! Lint throughput on real Dockerfiles: every file of `../shared/corpus/real` (beside the
//! workspace), read once, then parsed and linted with every default rule (ShellCheck off: it is
//! another program) per iteration, on one core, reported in bytes per second.
//!
//! `cargo bench -p dflint_lint`. When the corpus is absent this says so and measures nothing.

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

// The allocator the `dflint` binary ships with, so the figure is what users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn lint_real_corpus(c: &mut Criterion) {
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
    let texts: Vec<String> = paths.iter().filter_map(|path| String::from_utf8(fs::read(path).ok()?).ok()).collect();
    let total: usize = texts.iter().map(String::len).sum();
    let mut settings = dflint_lint::Settings::default();
    settings.shellcheck = false;
    // No `.dockerignore` lookups on disk: the figure is the linter's, not the file system's.
    settings.dockerignore = Some(Vec::new());

    let mut group = c.benchmark_group("lint");
    group.throughput(Throughput::Bytes(total as u64));
    group.sample_size(20);
    group.bench_function("real-corpus", |b| {
        b.iter(|| {
            for text in &texts {
                let parse = dflint_syntax::parse(black_box(text));
                black_box(dflint_lint::lint(&parse, &settings));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, lint_real_corpus);
criterion_main!(benches);
