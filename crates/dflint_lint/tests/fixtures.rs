//! Rule fixtures: `tests/fixtures/<CODE>/invalid/*.Dockerfile` are snapshotted (the diagnostics of
//! that rule alone, then the text after applying its fixes, safe and unsafe, until nothing changes);
//! `tests/fixtures/<CODE>/valid/*.Dockerfile` must give no finding of the rule. Fixes must converge
//! within 3 rounds and leave no new syntax error. Every rule has a fixture folder, and every rule's
//! documented examples behave as documented.
//!
//! Adding a case is adding a file; `cargo insta review` (or `INSTA_UPDATE=always`) accepts snapshots.
//!
//! Rules that depend on configuration read it from a first line of the fixture such as
//! `# dflint-test: trusted-registries=docker.io,ghcr.io; label-schema=maintainer:text,version:semver; strict-labels=true`,
//! and, for the documented examples, from the ```toml block under the rule's `## Configuration`
//! heading (only `trusted-registries`, `strict-labels` and the `[label-schema]` table are read).

use dflint_lint::settings::LabelType;
use dflint_lint::{docs, fix, registry, Applicability, Diagnostic, Settings};
use std::path::Path;

fn settings_for(code: &str) -> Settings {
    let mut s = Settings::default();
    s.select_only([code]).expect("known code");
    s.shellcheck = code == "DF160";
    s
}

fn label_type(name: &str) -> LabelType {
    match name {
        "text" => LabelType::Text,
        "rfc3339" => LabelType::Rfc3339,
        "semver" => LabelType::Semver,
        "url" => LabelType::Url,
        "hash" => LabelType::Hash,
        "spdx" => LabelType::Spdx,
        "email" => LabelType::Email,
        other => panic!("unknown label type `{other}`"),
    }
}

/// The settings of a fixture: the rule alone, with the options of its `# dflint-test:` line.
fn fixture_settings(code: &str, text: &str) -> Settings {
    let mut s = settings_for(code);
    let Some(options) = text.lines().next().and_then(|l| l.strip_prefix("# dflint-test:")) else { return s };
    for option in options.split(';').map(str::trim).filter(|o| !o.is_empty()) {
        let (key, value) = option.split_once('=').unwrap_or((option, ""));
        let items = || value.split(',').map(str::trim).filter(|v| !v.is_empty());
        match key.trim() {
            "trusted-registries" => s.trusted_registries = items().map(String::from).collect(),
            "strict-labels" => s.strict_labels = value.trim() == "true",
            "disable-ignore-pragma" => s.honor_pragmas = value.trim() != "true",
            "shellcheck-positions" => {
                s.shellcheck_positions = match value.trim() {
                    "hadolint" => dflint_lint::ShellcheckPositions::Hadolint,
                    _ => dflint_lint::ShellcheckPositions::Exact,
                }
            }
            "label-schema" => {
                s.label_schema = items()
                    .map(|item| {
                        let (name, kind) = item.split_once(':').expect("label:type");
                        (name.to_string(), label_type(kind))
                    })
                    .collect()
            }
            other => panic!("unknown dflint-test option `{other}`"),
        }
    }
    s
}

/// The settings of a rule's documented examples: the rule alone, with the options of the ```toml
/// block under its `## Configuration` heading.
fn doc_settings(rule: &'static dflint_lint::RuleMeta) -> Settings {
    let mut s = settings_for(rule.code);
    let body = docs::body(rule);
    let Some(start) = body.find("## Configuration") else { return s };
    let section = &body[start..];
    let Some(open) = section.find("```toml\n") else { return s };
    let block = &section[open + 8..];
    let block = &block[..block.find("```").unwrap_or(block.len())];
    let mut in_schema = false;
    for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with('[') {
            in_schema = line == "[label-schema]";
            continue;
        }
        let (key, value) = line.split_once('=').expect("key = value");
        let (key, value) = (key.trim().trim_matches('"'), value.trim());
        let strings = || value.trim_matches(['[', ']']).split(',').map(|v| v.trim().trim_matches('"').to_string());
        match key {
            _ if in_schema => s.label_schema.push((key.to_string(), label_type(value.trim_matches('"')))),
            "trusted-registries" => s.trusted_registries = strings().filter(|v| !v.is_empty()).collect(),
            "strict-labels" => s.strict_labels = value == "true",
            other => panic!("{}: unknown configuration key `{other}` in the docs", rule.code),
        }
    }
    s
}

/// DF160's fixtures need ShellCheck: skipped without it, except in CI (`CI` set), which installs it.
fn skip(code: &str) -> bool {
    if code != "DF160" || shellcheck_installed() {
        return false;
    }
    assert!(std::env::var_os("CI").is_none(), "CI is set but `shellcheck` is not installed");
    eprintln!("NOTICE: shellcheck is not installed: skipping the DF160 fixtures");
    true
}

fn shellcheck_installed() -> bool {
    std::process::Command::new("shellcheck").arg("--version").output().is_ok_and(|o| o.status.success())
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (l1, c1) = line_col(text, d.range.start().into());
        let (l2, c2) = line_col(text, d.range.end().into());
        out.push_str(&format!("{l1}:{c1}-{l2}:{c2} {} {} [{}] {}\n", d.code(), d.name(), d.severity, d.message));
        if let Some(f) = &d.fix {
            out.push_str(&format!("  fix ({}): {}\n", f.applicability.as_str(), f.title));
        }
    }
    out
}

fn code_of(path: &Path) -> String {
    path.parent().and_then(|p| p.parent()).and_then(|p| p.file_name()).unwrap().to_string_lossy().into_owned()
}

#[test]
fn invalid_fixtures() {
    insta::glob!("fixtures/*/invalid/*.Dockerfile", |path| {
        let code = code_of(path);
        if skip(&code) {
            return;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let settings = fixture_settings(&code, &text);
        let parse = dflint_syntax::parse(&text);
        let diagnostics = dflint_lint::lint_file(&parse, &settings, Some(path));
        assert!(!diagnostics.is_empty(), "{}: an invalid fixture must give findings", path.display());
        let fixed = fix::fix_file_at(&text, &settings, Some(path), Applicability::Unsafe, 3);
        let again = fix::fix_file_at(&fixed.text, &settings, Some(path), Applicability::Unsafe, 1);
        assert_eq!(again.text, fixed.text, "{}: fixes did not converge within 3 rounds", path.display());
        let before = parse.errors().len();
        let after = dflint_syntax::parse(&fixed.text).errors().len();
        assert!(after <= before, "{}: fixing added a syntax error", path.display());
        let snapshot = format!(
            "{}\n--- fixed ({} fixes, {} rounds) ---\n{}",
            render(&text, &diagnostics),
            fixed.applied,
            fixed.rounds,
            fixed.text
        );
        insta::assert_snapshot!(snapshot);
    });
}

#[test]
fn valid_fixtures() {
    insta::glob!("fixtures/*/valid/*.Dockerfile", |path| {
        let code = code_of(path);
        if skip(&code) {
            return;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let diagnostics =
            dflint_lint::lint_file(&dflint_syntax::parse(&text), &fixture_settings(&code, &text), Some(path));
        assert!(
            diagnostics.is_empty(),
            "{}: expected no finding, got:\n{}",
            path.display(),
            render(&text, &diagnostics)
        );
    });
}

#[test]
fn every_rule_has_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut missing = Vec::new();
    for rule in registry::all() {
        let dir = root.join(rule.code);
        let has = |sub: &str| std::fs::read_dir(dir.join(sub)).map(|d| d.count() > 0).unwrap_or(false);
        if !has("invalid") || !has("valid") {
            missing.push(rule.code);
        }
    }
    assert!(missing.is_empty(), "rules without invalid/ and valid/ fixtures: {missing:?}");
}

#[test]
fn documented_examples_behave_as_documented() {
    let mut failures = Vec::new();
    for rule in registry::all() {
        if skip(rule.code) {
            continue;
        }
        let mut settings = doc_settings(rule);
        // A rule that reads the build context's `.dockerignore` shows it in a ```dockerignore block.
        if let Some(block) = docs::body(rule).split("```dockerignore\n").nth(1) {
            let lines = block.split("```").next().unwrap_or("").lines().map(str::to_string).collect();
            settings.dockerignore = Some(lines);
        }
        let bad = docs::examples(rule, "Example");
        let good = docs::examples(rule, "Use instead");
        if bad.is_empty() || good.is_empty() {
            failures.push(format!("{}: docs need a ```dockerfile block under Example and Use instead", rule.code));
        }
        for ex in bad {
            let n = dflint_lint::lint(&dflint_syntax::parse(&ex), &settings).len();
            if n != 1 {
                failures.push(format!("{}: the Example gives {n} findings, not 1:\n{ex}", rule.code));
            }
        }
        for ex in good {
            let n = dflint_lint::lint(&dflint_syntax::parse(&ex), &settings).len();
            if n != 0 {
                failures.push(format!("{}: the Use instead example gives {n} findings:\n{ex}", rule.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
