//! `dflint rule` and `dflint rules`.

use insta_cmd::assert_cmd_snapshot;
use serde_json::Value;

use crate::{dflint, fixture, run};

#[test]
fn rule_by_code() {
    assert_cmd_snapshot!(dflint(&fixture("clean")).args(["rule", "DL3061"]));
}

#[test]
fn rule_by_name_or_alias_is_the_same() {
    let (_, by_code, _) = run(dflint(&fixture("clean")).args(["rule", "DL3025"]));
    for key in ["json-args-recommended", "JSONArgsRecommended", "dl3025"] {
        let (code, text, _) = run(dflint(&fixture("clean")).args(["rule", key]));
        assert_eq!((code, &text), (0, &by_code), "dflint rule {key}");
    }
}

#[test]
fn unknown_rule() {
    assert_cmd_snapshot!(dflint(&fixture("clean")).args(["rule", "DL9999"]));
}

#[test]
fn rules_lists_every_rule() {
    let (code, stdout, stderr) = run(dflint(&fixture("clean")).arg("rules"));
    assert_eq!((code, stderr.as_str()), (0, ""));
    let (_, json, _) = run(dflint(&fixture("clean")).args(["rules", "--format", "json"]));
    let rules: Vec<Value> = serde_json::from_str(&json).expect("a JSON array");
    assert_eq!(stdout.lines().count(), rules.len(), "{stdout}");
    for (line, rule) in stdout.lines().zip(&rules) {
        let code = rule["code"].as_str().expect("a code");
        let name = rule["name"].as_str().expect("a name");
        let columns: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(&columns[..3], [code, name, rule["severity"].as_str().expect("a severity")], "{line}");
        assert_eq!(columns[3], format!("fix:{}", rule["fix"].as_str().expect("fix")), "{line}");
        if let Some(hadolint) = rule["hadolint"].as_str() {
            assert!(columns.contains(&format!("hadolint:{hadolint}").as_str()), "{line}");
        }
    }
}

#[test]
fn rules_as_json() {
    let (code, stdout, _) = run(dflint(&fixture("clean")).args(["rules", "--format", "json"]));
    assert_eq!(code, 0);
    let rules: Vec<Value> = serde_json::from_str(&stdout).expect("a JSON array");
    let keys = ["buildkit", "code", "docs", "enabled_by_default", "fix", "hadolint", "name", "severity", "summary"];
    let mut codes = Vec::new();
    for rule in &rules {
        let object = rule.as_object().expect("an object");
        let mut found: Vec<&str> = object.keys().map(String::as_str).collect();
        found.sort_unstable();
        assert_eq!(found, keys, "{rule}");
        let code = rule["code"].as_str().expect("a code");
        codes.push(code.to_owned());
        let docs = rule["docs"].as_str().expect("docs");
        assert!(docs.starts_with(&format!("# {code} (")), "{code}: {docs}");
        assert!(docs.contains("## What it does"), "{code} has documentation");
        assert!(!rule["summary"].as_str().expect("summary").is_empty(), "{code} has a summary");
        assert!(["none", "sometimes", "always"].contains(&rule["fix"].as_str().expect("fix")));
        assert!(rule["enabled_by_default"].is_boolean());
    }
    // Every rule of the registry, each once: compare with what `dflint rule` knows.
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "no rule twice");
    for code in ["DF000", "DF001", "DF002", "DL3025", "DL3061"] {
        assert!(codes.iter().any(|c| c == code), "{code} is listed");
    }
    for code in &codes {
        let (status, text, _) = run(dflint(&fixture("clean")).args(["rule", code]));
        let listed = rules.iter().find(|r| r["code"] == code.as_str()).expect("listed");
        assert_eq!((status, text.as_str()), (0, listed["docs"].as_str().expect("docs")), "{code}");
    }
}
