//! `dflint_lint`: the rules, the one lint entry point, diagnostics, fixes and suppressions.
//!
//! [`lint`] serves the CLI, the language server, the tests and the benchmarks alike.

pub mod checker;
pub mod diagnostic;
pub mod docs;
pub mod fix;
pub mod registry;
mod rules;
pub mod settings;
mod severity;
pub mod suppression;
mod util;

pub use checker::Checker;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix};
pub use registry::{FixAvailability, RuleMeta};
pub use rules::df160_shellcheck::prefetch as prefetch_shellcheck;
pub use settings::Settings;
pub use severity::Severity;

use dflint_syntax::Parse;

/// Lints a parsed file: every enabled rule, then suppressions, sorted by position.
pub fn lint(parse: &Parse, settings: &Settings) -> Vec<Diagnostic> {
    let mut checker = Checker::new(parse, settings);
    for &rule in registry::all() {
        if settings.is_enabled(rule) {
            checker.rule = Some(rule);
            (rule.check)(&mut checker);
        }
    }
    let mut diagnostics = std::mem::take(&mut checker.diagnostics);
    if settings.honor_pragmas {
        let suppressions = suppression::Suppressions::from_file(&checker.file);
        if !suppressions.pragmas.is_empty() {
            diagnostics.retain(|d| !suppressions.suppresses(d.rule, d.range.start()));
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.range.start(), a.range.end(), a.rule.code).cmp(&(b.range.start(), b.range.end(), b.rule.code))
    });
    diagnostics
}
