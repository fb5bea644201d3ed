//! Every output format on the same findings, and the contracts of the machine-readable ones.

use std::process::Command;

use insta_cmd::assert_cmd_snapshot;
use serde_json::Value;

use crate::{dflint, fixture, run};

fn check(format: &str) -> Command {
    let mut command = dflint(&fixture("findings"));
    command.args(["check", "--format", format, "Dockerfile"]);
    command
}

/// The rule documentation and our version change on their own schedule: not in these snapshots.
fn sarif_filters() -> Vec<(String, &'static str)> {
    vec![
        (r##""(text|markdown)": "#{1,2} (?:[^"\\]|\\.)*""##.to_owned(), r#""$1": "[rule documentation]""#),
        (format!(r#""version": "{}""#, env!("CARGO_PKG_VERSION").replace('.', r"\.")), r#""version": "[VERSION]""#),
    ]
}

#[test]
fn human() {
    assert_cmd_snapshot!(check("human"));
}

#[test]
fn json() {
    assert_cmd_snapshot!(check("json"));
}

#[test]
fn sarif() {
    let filters = sarif_filters();
    let filters: Vec<(&str, &str)> =
        filters.iter().map(|(pattern, replacement)| (pattern.as_str(), *replacement)).collect();
    insta::with_settings!({ filters => filters }, {
        assert_cmd_snapshot!(check("sarif"));
    });
}

#[test]
fn github() {
    assert_cmd_snapshot!(check("github"));
}

#[test]
fn checkstyle() {
    assert_cmd_snapshot!(check("checkstyle"));
}

#[test]
fn gitlab() {
    assert_cmd_snapshot!(check("gitlab"));
}

#[test]
fn junit() {
    assert_cmd_snapshot!(check("junit"));
}

#[test]
fn gnu() {
    assert_cmd_snapshot!(check("gnu"));
}

#[test]
fn junit_has_a_passing_case_for_a_clean_file() {
    let mut command = dflint(&fixture("clean"));
    assert_cmd_snapshot!(command.args(["check", "--format", "junit", "Dockerfile"]));
}

#[test]
fn machine_formats_of_a_clean_file() {
    for (format, expected) in [("json", "[]\n"), ("gitlab", "[]\n"), ("github", ""), ("gnu", "")] {
        let (code, stdout, stderr) = run(dflint(&fixture("clean")).args(["check", "--format", format]));
        assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, expected, ""), "--format {format}");
    }
}

/// The documented contract of `--format json` (docs/json-format.md).
#[test]
fn json_contract() {
    let (code, stdout, _) = run(&mut check("json"));
    assert_eq!(code, 1);
    let findings: Vec<Value> = serde_json::from_str(&stdout).expect("a JSON array");
    assert!(!findings.is_empty());
    let keys = ["file", "code", "name", "severity", "message", "line", "column", "end_line", "end_column", "fix"];
    for finding in &findings {
        let object = finding.as_object().expect("an object");
        let mut found: Vec<&str> = object.keys().map(String::as_str).collect();
        found.sort_unstable();
        let mut expected = keys.to_vec();
        expected.sort_unstable();
        assert_eq!(found, expected, "{finding}");
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(object[key].as_u64().is_some_and(|n| n >= 1), "{key} is 1-based: {finding}");
        }
        assert!(["error", "warning", "info", "style"].contains(&object["severity"].as_str().expect("a string")));
        match &object["fix"] {
            Value::Null => {}
            Value::Object(fix) => {
                assert_eq!(fix.len(), 2, "{finding}");
                assert!(["safe", "unsafe"].contains(&fix["applicability"].as_str().expect("a string")));
                for edit in fix["edits"].as_array().expect("edits") {
                    assert_eq!(edit.as_object().expect("an object").len(), 5, "{edit}");
                    assert!(edit["content"].is_string());
                }
            }
            other => panic!("fix is null or an object, not {other}"),
        }
    }
    // Columns count characters: line 5 is `RUN ["/opt/café/setup --quiet"]`, the string's end is
    // character 31 (32 bytes).
    let df001 = findings.iter().find(|f| f["code"] == "DF001").expect("a DF001 finding");
    assert_eq!(
        (&df001["line"], &df001["column"], &df001["end_column"]),
        (&Value::from(5), &Value::from(6), &Value::from(31))
    );
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let schema: Value =
        serde_json::from_str(include_str!("../data/sarif-schema-2.1.0.json")).expect("the schema is JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid schema");
    for dir in ["findings", "clean", "config"] {
        let (_, stdout, stderr) = run(dflint(&fixture(dir)).args(["check", "--format", "sarif"]));
        let log: Value = serde_json::from_str(&stdout).unwrap_or_else(|err| panic!("{dir}: {err}\n{stderr}"));
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{}: {e}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{dir}: the SARIF log does not match the schema:\n{}", errors.join("\n"));
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        for result in run["results"].as_array().expect("results") {
            let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rules[index]["id"], result["ruleId"], "ruleIndex points at the rule");
        }
    }
}
