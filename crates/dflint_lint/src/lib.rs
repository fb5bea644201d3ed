//! `dflint_lint`: the rules, the one lint entry point, diagnostics, fixes and suppressions.
//!
//! [`lint`] serves the CLI, the language server, the tests and the benchmarks alike.

pub mod checker;
pub mod diagnostic;
pub mod docs;
pub mod fix;
mod parallel;
pub mod registry;
mod rules;
pub mod settings;
mod severity;
pub mod suppression;
mod util;

pub use checker::Checker;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix};
pub use parallel::{lint_file_in_groups, lint_file_parallel, PARALLEL_MIN_LEN};
pub use registry::{FixAvailability, RuleMeta};
pub use rules::df160_shellcheck::prefetch as prefetch_shellcheck;
pub use settings::{Settings, ShellcheckPositions};
pub use severity::Severity;

use dflint_syntax::Parse;

/// Lints a parsed file that has no path (standard input, a test): see [`lint_file`].
pub fn lint(parse: &Parse, settings: &Settings) -> Vec<Diagnostic> {
    lint_file(parse, settings, None)
}

/// Lints a parsed file: every enabled rule, then suppressions, sorted by position. `path` is the
/// Dockerfile's path when it is a file (rules that look at the build context, such as the
/// `.dockerignore` check, need it). The command line and the language server both call this.
///
/// With pragmas honoured, BuildKit's `# check=` directive and comments apply: `skip=` suppresses,
/// `experimental=` also runs BuildKit checks that are off by default, and `error=true` makes the
/// findings of BuildKit checks errors.
pub fn lint_file(parse: &Parse, settings: &Settings, path: Option<&std::path::Path>) -> Vec<Diagnostic> {
    lint_with(parse, settings, path, |rule, checker| (rule.check)(checker))
}

/// [`lint_file`], timing each rule (and the semantic model, built before the rules here): for
/// dflint's developers measuring where the time goes.
#[doc(hidden)]
pub fn lint_file_timed(
    parse: &Parse,
    settings: &Settings,
    path: Option<&std::path::Path>,
    times: &mut Vec<(&'static str, std::time::Duration)>,
) -> Vec<Diagnostic> {
    let mut first = true;
    lint_with(parse, settings, path, |rule, checker| {
        if std::mem::take(&mut first) {
            let start = std::time::Instant::now();
            checker.model();
            times.push(("(model)", start.elapsed()));
        }
        let start = std::time::Instant::now();
        (rule.check)(checker);
        times.push((rule.code, start.elapsed()));
    })
}

fn lint_with(
    parse: &Parse,
    settings: &Settings,
    path: Option<&std::path::Path>,
    mut run: impl FnMut(&'static RuleMeta, &mut Checker),
) -> Vec<Diagnostic> {
    let mut checker = Checker::new(parse, settings, path);
    let suppressions = settings.honor_pragmas.then(|| suppression::Suppressions::from_file(&checker.file));
    let selection = Selection::new(settings, suppressions.as_ref());
    for &index in &selection.rules {
        let rule = registry::all()[index];
        checker.rule = Some(rule);
        run(rule, &mut checker);
    }
    finish(std::mem::take(&mut checker.diagnostics), suppressions.as_ref(), &selection)
}

/// The rules a lint run runs, in registry order.
struct Selection {
    /// Their indices in [`registry::all`].
    rules: Vec<usize>,
    /// Those that run only because a `# check=experimental=` comment asks for them.
    on_request: Vec<&'static RuleMeta>,
}

impl Selection {
    fn new(settings: &Settings, suppressions: Option<&suppression::Suppressions>) -> Selection {
        let mut rules = Vec::new();
        let mut on_request = Vec::new();
        for (index, &rule) in registry::all().iter().enumerate() {
            let enabled = settings.is_enabled_at(index);
            let requested =
                !enabled && !rule.enabled_by_default && suppressions.is_some_and(|s| s.mentions_experimental(rule));
            if enabled || requested {
                if requested {
                    on_request.push(rule);
                }
                rules.push(index);
            }
        }
        Selection { rules, on_request }
    }
}

/// Applies the suppressions to the findings of the selected rules (in the order the rules ran,
/// registry order) and sorts them by position.
fn finish(
    mut diagnostics: Vec<Diagnostic>,
    suppressions: Option<&suppression::Suppressions>,
    selection: &Selection,
) -> Vec<Diagnostic> {
    if let Some(suppressions) = suppressions {
        diagnostics.retain(|d| {
            let requested = selection.on_request.iter().any(|r| std::ptr::eq(*r, d.rule));
            !requested || suppressions.enables(d.rule, d.range.start())
        });
        if !suppressions.pragmas.is_empty() {
            diagnostics.retain(|d| !suppressions.suppresses(d.rule, d.range.start()));
        }
        if suppressions.check.error {
            for d in diagnostics.iter_mut().filter(|d| d.rule.buildkit.is_some()) {
                d.severity = Severity::Error;
            }
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.range.start(), a.range.end(), a.rule.code).cmp(&(b.range.start(), b.range.end(), b.rule.code))
    });
    diagnostics
}
