//! Formats every file of a folder N times (for profiling):
//! `cargo run --release -p dflint_fmt --example format_corpus -- DIR N`.

// The allocator the `dflint` binary ships with.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("DIR");
    let n: usize = args.next().map_or(10, |s| s.parse().expect("N"));
    let texts: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .collect();
    let total: usize = texts.iter().map(String::len).sum();
    let options = dflint_fmt::FormatOptions::default();
    let start = std::time::Instant::now();
    for _ in 0..n {
        for text in &texts {
            let _ = std::hint::black_box(dflint_fmt::format(text, &options));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{total} bytes x {n} in {secs:.3}s: {:.1} MB/s", (total * n) as f64 / secs / 1e6);
}
