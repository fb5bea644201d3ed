//! BuildKit's `# check=` parser directive and comments: `skip=`, `experimental=`, `error=true`.

use dflint_lint::{Settings, Severity};

fn lint(text: &str) -> Vec<(String, Severity)> {
    let mut settings = Settings::default();
    settings.shellcheck = false;
    dflint_lint::lint(&dflint_syntax::parse(text), &settings)
        .into_iter()
        .map(|d| (d.code().to_string(), d.severity))
        .collect()
}

fn codes(text: &str) -> Vec<String> {
    lint(text).into_iter().map(|(c, _)| c).filter(|c| c.starts_with("DF2")).collect()
}

#[test]
fn without_directive_the_checks_report() {
    assert_eq!(codes("FROM scratch as base\ncopy Dockerfile .\n"), ["DF201", "DF203"]);
}

#[test]
fn skip_all_and_skip_names() {
    assert!(codes("#check=skip=all\nFROM scratch as base\ncopy Dockerfile .\n").is_empty());
    assert!(codes("#check=skip=ConsistentInstructionCasing,FromAsCasing\nFROM scratch as base\ncopy Dockerfile .\n")
        .is_empty());
    assert_eq!(codes("#check=skip=ConsistentInstructionCasing\nFROM scratch as base\ncopy Dockerfile .\n"), ["DF201"]);
}

#[test]
fn error_true_makes_findings_errors() {
    let found = lint("#check=skip=ConsistentInstructionCasing;error=true\nFROM scratch as base\ncopy Dockerfile .\n");
    let df201: Vec<_> = found.iter().filter(|(c, _)| c == "DF201").collect();
    assert_eq!(df201.len(), 1);
    assert_eq!(df201[0].1, Severity::Error);
    // Without error=true the check keeps its severity.
    let found = lint("#check=skip=ConsistentInstructionCasing\nFROM scratch as base\n");
    assert!(found.iter().any(|(c, s)| c == "DF201" && *s != Severity::Error));
}

#[test]
fn a_check_comment_above_an_instruction_applies_to_it() {
    let text = "FROM alpine\n# check=skip=LegacyKeyValueFormat\nENV a b\nENV c d\n";
    assert_eq!(codes(text), ["DF207"]);
    // A blank line detaches it.
    let text = "FROM alpine\n# check=skip=LegacyKeyValueFormat\n\nENV a b\n";
    assert_eq!(codes(text), ["DF207"]);
}

#[test]
fn experimental_turns_on_checks_that_are_off_by_default() {
    let text = "# a non-descriptive comment\nFROM scratch AS base\n";
    assert!(codes(text).is_empty());
    let text = "# check=experimental=InvalidDefinitionDescription\n# a non-descriptive comment\nFROM scratch AS base\n";
    assert_eq!(codes(text), ["DF214"]);
    let text = "# check=skip=all;experimental=all\n# a non-descriptive comment\nFROM scratch as base\n";
    assert_eq!(codes(text), ["DF214"]);
}

#[test]
fn an_invalid_directive_is_ignored() {
    assert_eq!(codes("# check=skip=all;bogus=1\nFROM scratch as base\n"), ["DF201"]);
}

#[test]
fn parse_time_checks_ignore_check_comments() {
    // BuildKit checks the `as` casing while parsing, before any instruction's comments are read.
    let text = "# note\n# check=skip=FromAsCasing\nFROM scratch as base\n";
    assert_eq!(codes(text), ["DF201"]);
}
