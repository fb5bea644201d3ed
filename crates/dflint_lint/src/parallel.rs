//! Linting one big file on several threads, for a language server that must answer an edit of a
//! 20,000-line Dockerfile quickly. The command line lints many files at once and keeps to
//! [`crate::lint_file`].
//!
//! The rules are independent: the enabled ones are cut into contiguous groups (in registry
//! order) of about the same cost, each group runs on its own thread with its own [`Checker`] over
//! the same green tree (a checker's tree root and model are not `Send`: each thread builds its
//! own), and the findings of the groups are put back together in group order before the
//! suppressions and the sort, so the result is the sequential one exactly.
//!
//! The threads are kept (a pool, used by one lint at a time): each keeps its per-thread cache of
//! parsed RUN scripts (see [`dflint_model::set_script_cache`], which they turn on), so the model
//! it builds for the next version of the text parses only the scripts that changed. A group's cost
//! is what its rules took (per KiB of text) when they last ran here.

use std::any::Any;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex, MutexGuard, OnceLock, TryLockError};
use std::time::{Duration, Instant};

use dflint_syntax::Parse;

use crate::{finish, registry, suppression, Checker, Diagnostic, Selection, Settings};

/// Files shorter than this (in bytes) are linted on the calling thread only: splitting costs a
/// second model and tree, which pays only on big files.
pub const PARALLEL_MIN_LEN: usize = 64 * 1024;

/// The most threads one lint uses (the caller's included).
const MAX_THREADS: usize = 4;

/// Lints a parsed file as [`crate::lint_file`] does, with the same result, on several threads
/// when the file is big (at least [`PARALLEL_MIN_LEN`] bytes) and the machine has several cores
/// (`DFLINT_LINT_THREADS=<n>` sets the number of threads; 1 turns this off).
/// Falls back to [`crate::lint_file`] when another parallel lint is under way. A rule that panics
/// panics here too (on the calling thread, with the rule's panic payload).
pub fn lint_file_parallel(parse: &Parse, settings: &Settings, path: Option<&Path>) -> Vec<Diagnostic> {
    let threads = threads();
    if threads < 2 || usize::from(parse.green().text_len()) < PARALLEL_MIN_LEN {
        return crate::lint_file(parse, settings, path);
    }
    lint_file_in_groups(parse, settings, path, threads)
}

/// How many threads [`lint_file_parallel`] uses: the cores, at most [`MAX_THREADS`], or
/// `DFLINT_LINT_THREADS` when set (1: the sequential lint).
fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS);
        std::env::var("DFLINT_LINT_THREADS").ok().and_then(|n| n.parse().ok()).unwrap_or(cores).clamp(1, 16)
    })
}

/// [`lint_file_parallel`] with `groups` groups of rules (`groups - 1` threads beside the caller),
/// whatever the file's size and the number of cores: for the tests.
#[doc(hidden)]
pub fn lint_file_in_groups(parse: &Parse, settings: &Settings, path: Option<&Path>, groups: usize) -> Vec<Diagnostic> {
    let Some(mut pool) = Pool::get(groups.saturating_sub(1)) else {
        return crate::lint_file(parse, settings, path);
    };
    let mut checker = Checker::new(parse, settings, path);
    let suppressions = settings.honor_pragmas.then(|| suppression::Suppressions::from_file(&checker.file));
    let selection = Selection::new(settings, suppressions.as_ref());
    let kib = (usize::from(parse.green().text_len()) as f64 / 1024.0).max(1.0);
    let cuts = pool.split(&selection.rules, groups);
    if cuts.len() < 2 {
        drop(pool);
        return crate::lint_file(parse, settings, path);
    }

    // The other groups go to the workers, the first one runs here.
    let mut replies = Vec::with_capacity(cuts.len() - 1);
    for (worker, rules) in pool.workers.iter().zip(&cuts[1..]) {
        let (reply, answer) = mpsc::channel::<GroupResult>();
        let (own_parse, own_settings, own_path, own_rules): (Parse, Settings, Option<PathBuf>, Vec<usize>) =
            (parse.clone(), settings.clone(), path.map(Path::to_path_buf), rules.to_vec());
        let job: Job = Box::new(move || {
            dflint_model::set_script_cache(true);
            let mut checker = None;
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let checker = checker.insert(Checker::new(&own_parse, &own_settings, own_path.as_deref()));
                run_group(checker, &own_rules)
            }));
            let _ = reply.send(result);
            // The tree and the model are freed once the caller has the findings.
            drop(checker);
        });
        // A worker never ends: sending cannot fail, and if it did the answer would say so.
        let _ = worker.send(job);
        replies.push(answer);
    }
    let first = run_group(&mut checker, cuts[0]);
    let mut results: Vec<GroupResult> = Vec::with_capacity(cuts.len());
    results.push(Ok(first));
    for answer in replies {
        results.push(answer.recv().unwrap_or_else(|_| Err(Box::new("a lint thread ended"))));
    }

    let mut diagnostics = Vec::new();
    let mut panic = None;
    for (rules, result) in cuts.iter().zip(results) {
        match result {
            Ok((found, times)) => {
                diagnostics.extend(found);
                pool.record(rules, &times, kib);
            }
            Err(payload) => {
                panic.get_or_insert(payload);
            }
        }
    }
    drop(pool);
    if let Some(payload) = panic {
        std::panic::resume_unwind(payload);
    }
    finish(diagnostics, suppressions.as_ref(), &selection)
}

/// The findings of a group and the time each of its rules took, or the panic of one of them.
type GroupResult = Result<(Vec<Diagnostic>, Vec<Duration>), Box<dyn Any + Send>>;

type Job = Box<dyn FnOnce() + Send>;

/// Runs the rules `rules` (registry indices) with `checker`, building the model first (so that
/// its cost is not counted as the first rule's).
fn run_group(checker: &mut Checker, rules: &[usize]) -> (Vec<Diagnostic>, Vec<Duration>) {
    checker.model();
    let mut times = Vec::with_capacity(rules.len());
    for &index in rules {
        let rule = registry::all()[index];
        checker.rule = Some(rule);
        let start = Instant::now();
        (rule.check)(checker);
        times.push(start.elapsed());
    }
    (std::mem::take(&mut checker.diagnostics), times)
}

/// The lint threads and what the rules cost.
struct Pool {
    workers: Vec<mpsc::Sender<Job>>,
    /// Per rule (by registry index): nanoseconds per KiB of text when it last ran here (a moving
    /// average); 0 when it has not run yet.
    costs: Vec<f64>,
}

impl Pool {
    /// The pool, with at least `workers` threads (fewer if threads cannot be started); `None`
    /// while another lint uses it.
    fn get(workers: usize) -> Option<MutexGuard<'static, Pool>> {
        static POOL: OnceLock<Mutex<Pool>> = OnceLock::new();
        let pool =
            POOL.get_or_init(|| Mutex::new(Pool { workers: Vec::new(), costs: vec![0.0; registry::all().len()] }));
        let mut guard = match pool.try_lock() {
            Ok(guard) => guard,
            // A panic in a rule of the caller's group: the pool itself is fine.
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => return None,
        };
        while guard.workers.len() < workers {
            let (tx, rx) = mpsc::channel::<Job>();
            let name = format!("dflint-lint-{}", guard.workers.len() + 1);
            let spawned = std::thread::Builder::new().name(name).spawn(move || {
                for job in rx {
                    job();
                }
            });
            if spawned.is_err() {
                break;
            }
            guard.workers.push(tx);
        }
        Some(guard)
    }

    /// Cuts `rules` into at most `groups` contiguous groups of about the same cost (never more
    /// than the workers plus the caller can run).
    fn split<'r>(&self, rules: &'r [usize], groups: usize) -> Vec<&'r [usize]> {
        let groups = groups.min(self.workers.len() + 1).min(rules.len()).max(1);
        let known: Vec<f64> = rules.iter().map(|&i| self.costs[i]).filter(|&c| c > 0.0).collect();
        let default = if known.is_empty() { 1.0 } else { known.iter().sum::<f64>() / known.len() as f64 };
        let cost = |i: usize| if self.costs[i] > 0.0 { self.costs[i] } else { default };
        let mut prefix = Vec::with_capacity(rules.len() + 1);
        prefix.push(0.0);
        for &index in rules {
            prefix.push(prefix.last().copied().unwrap_or(0.0) + cost(index));
        }
        let total = prefix[rules.len()];
        let mut cuts = Vec::with_capacity(groups);
        let mut start = 0;
        for g in 1..groups {
            let target = total * g as f64 / groups as f64;
            // The first end whose prefix reaches the target, or the one before when nearer.
            let mut end = prefix.partition_point(|&p| p < target).min(rules.len());
            if end > 0 && target - prefix[end - 1] < prefix[end] - target {
                end -= 1;
            }
            // At least one rule per group.
            let end = end.max(start + 1).min(rules.len() - (groups - g));
            cuts.push(&rules[start..end]);
            start = end;
        }
        cuts.push(&rules[start..]);
        cuts.retain(|group| !group.is_empty());
        cuts
    }

    /// Records what the rules of a group took.
    fn record(&mut self, rules: &[usize], times: &[Duration], kib: f64) {
        for (&index, time) in rules.iter().zip(times) {
            let cost = (time.as_nanos() as f64 / kib).max(f64::MIN_POSITIVE);
            let old = self.costs[index];
            self.costs[index] = if old > 0.0 { (old + cost) / 2.0 } else { cost };
        }
    }
}
