//! Running ShellCheck: many scripts in one `shellcheck -f json1` process, results cached by the
//! script's full text (so a script seen before, in this file or another, costs nothing).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde::Deserialize;

/// The codes never reported, as hadolint: SC2187 (ash is checked as dash) and SC1090/SC1091
/// (sourced files ShellCheck cannot follow: a Dockerfile cannot say where they are).
pub(crate) const EXCLUDED: &str = "SC1090,SC1091,SC2187";

/// Scripts per process at least: more scripts are split over one process per core, run in
/// parallel.
const CHUNK: usize = 48;

/// Cached results are dropped past this many scripts (an editor sends new text on every key).
const CACHE_LIMIT: usize = 20_000;

/// One ShellCheck comment, positions in the checked text (1-based lines, columns in characters).
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct Comment {
    pub line: usize,
    pub column: usize,
    #[serde(rename = "endLine")]
    pub end_line: usize,
    #[serde(rename = "endColumn")]
    pub end_column: usize,
    pub level: String,
    pub code: u32,
    pub message: String,
}

#[derive(Deserialize)]
struct Output {
    comments: Vec<FileComment>,
}

#[derive(Deserialize)]
struct FileComment {
    file: String,
    #[serde(flatten)]
    comment: Comment,
}

type Cache = Mutex<HashMap<(PathBuf, String), Arc<Vec<Comment>>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The ShellCheck comments on each of `scripts` (in order), or why ShellCheck could not run.
pub(crate) fn check_scripts(program: &Path, scripts: &[String]) -> Result<Vec<Arc<Vec<Comment>>>, String> {
    let mut results: Vec<Option<Arc<Vec<Comment>>>> = {
        let cache = cache().lock().unwrap_or_else(|e| e.into_inner());
        scripts.iter().map(|s| cache.get(&(program.to_path_buf(), s.clone())).cloned()).collect()
    };
    // The scripts to run, each once.
    let mut todo: Vec<&String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (script, result) in scripts.iter().zip(&results) {
        if result.is_none() && seen.insert(script) {
            todo.push(script);
        }
    }
    if !todo.is_empty() {
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let chunks: Vec<&[&String]> = todo.chunks(CHUNK.max(todo.len().div_ceil(workers))).collect();
        let outcomes: Vec<Result<Vec<Vec<Comment>>, String>> = if chunks.len() == 1 {
            vec![run(program, chunks[0])]
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = chunks.iter().map(|c| s.spawn(|| run(program, c))).collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|_| Err("ShellCheck thread panicked".into())))
                    .collect()
            })
        };
        let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() > CACHE_LIMIT {
            cache.clear();
        }
        for (chunk, outcome) in chunks.iter().zip(outcomes) {
            for (script, comments) in chunk.iter().zip(outcome?) {
                cache.insert((program.to_path_buf(), (*script).clone()), Arc::new(comments));
            }
        }
        for (script, result) in scripts.iter().zip(results.iter_mut()) {
            if result.is_none() {
                *result = cache.get(&(program.to_path_buf(), script.clone())).cloned();
            }
        }
    }
    Ok(results.into_iter().map(Option::unwrap_or_default).collect())
}

/// Runs one ShellCheck process over `scripts`, written to files of a fresh temporary folder.
fn run(program: &Path, scripts: &[&String]) -> Result<Vec<Vec<Comment>>, String> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "dflint-shellcheck-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let result = run_in(program, scripts, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run_in(program: &Path, scripts: &[&String], dir: &Path) -> Result<Vec<Vec<Comment>>, String> {
    let mut names = Vec::with_capacity(scripts.len());
    for (i, script) in scripts.iter().enumerate() {
        let name = format!("{i}.sh");
        std::fs::write(dir.join(&name), script.as_bytes()).map_err(|e| format!("cannot write a script: {e}"))?;
        names.push(name);
    }
    let output = Command::new(program)
        .args(["--norc", "--format=json1", "--severity=style", "--exclude", EXCLUDED])
        .args(&names)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    // Exit status 0: no comments; 1: some comments; anything else: ShellCheck failed.
    if !matches!(output.status.code(), Some(0 | 1)) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("{} failed ({}): {}", program.display(), output.status, stderr.trim()));
    }
    let parsed: Output = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cannot read the output of {}: {e}", program.display()))?;
    let mut out = vec![Vec::new(); scripts.len()];
    for c in parsed.comments {
        let index = c.file.strip_suffix(".sh").and_then(|n| n.parse::<usize>().ok());
        if let Some(slot) = index.and_then(|i| out.get_mut(i)) {
            slot.push(c.comment);
        }
    }
    Ok(out)
}

/// Can `program` be run? Asked once per program and process.
pub(crate) fn available(program: &Path) -> bool {
    static KNOWN: OnceLock<Mutex<HashMap<PathBuf, bool>>> = OnceLock::new();
    let known = KNOWN.get_or_init(Default::default);
    if let Some(&ok) = known.lock().unwrap_or_else(|e| e.into_inner()).get(program) {
        return ok;
    }
    let ok = Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    known.lock().unwrap_or_else(|e| e.into_inner()).insert(program.to_path_buf(), ok);
    ok
}
