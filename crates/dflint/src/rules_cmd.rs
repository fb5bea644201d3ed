//! `dflint rule CODE` (a rule's documentation) and `dflint rules` (the list of rules).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use dflint_lint::docs;
use dflint_lint::registry::{self, FixAvailability, RuleMeta};
use serde::Serialize;

/// Show a rule's documentation, as Markdown.
#[derive(Debug, clap::Args)]
pub(crate) struct RuleArgs {
    /// A rule code (`DL3025`), name (`json-args-recommended`), hadolint code or BuildKit check name.
    rule: String,
}

/// List the rules.
#[derive(Debug, clap::Args)]
pub(crate) struct RulesArgs {
    /// `text`: one rule a line; `json`: an array of objects with the rules' documentation.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    format: RulesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum RulesFormat {
    Text,
    Json,
}

pub(crate) fn rule(args: RuleArgs) -> anyhow::Result<ExitCode> {
    match registry::find(&args.rule) {
        Some(rule) => {
            write_stdout(&docs::markdown(rule))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("dflint: error: unknown rule `{}` (see `dflint rules`)", args.rule);
            Ok(ExitCode::from(2))
        }
    }
}

pub(crate) fn rules(args: RulesArgs) -> anyhow::Result<ExitCode> {
    let text = match args.format {
        RulesFormat::Text => table(registry::all()),
        RulesFormat::Json => {
            let rules: Vec<RuleJson> = registry::all().iter().map(|rule| RuleJson::of(rule)).collect();
            serde_json::to_string_pretty(&rules)? + "\n"
        }
    };
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// One line a rule: code, name, severity, fix availability, aliases (hadolint code, BuildKit
/// check name), in aligned columns.
fn table(rules: &[&'static RuleMeta]) -> String {
    let width = rules.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in rules {
        let mut aliases = Vec::new();
        if let Some(hadolint) = rule.hadolint {
            aliases.push(format!("hadolint:{hadolint}"));
        }
        if let Some(buildkit) = rule.buildkit {
            aliases.push(format!("buildkit:{buildkit}"));
        }
        if !rule.enabled_by_default {
            aliases.push("(off by default)".to_owned());
        }
        let line = format!(
            "{:<6} {:<width$} {:<7} fix:{:<9} {}",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            fix_name(rule.fix),
            aliases.join(" ")
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn fix_name(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "always",
    }
}

/// A rule in `dflint rules --format json`.
#[derive(Serialize)]
struct RuleJson {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    fix: &'static str,
    hadolint: Option<&'static str>,
    buildkit: Option<&'static str>,
    enabled_by_default: bool,
    summary: String,
    docs: String,
}

impl RuleJson {
    fn of(rule: &'static RuleMeta) -> RuleJson {
        RuleJson {
            code: rule.code,
            name: rule.name,
            severity: rule.severity.as_str(),
            fix: fix_name(rule.fix),
            hadolint: rule.hadolint,
            buildkit: rule.buildkit,
            enabled_by_default: rule.enabled_by_default,
            summary: docs::summary(rule),
            docs: docs::markdown(rule),
        }
    }
}

/// Writes to stdout, turning a closed pipe into an error rather than a panic.
fn write_stdout(text: &str) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    out.write_all(text.as_bytes())?;
    out.flush()
}
