//! Completion: instructions, flags and their values, stage names, variables, directives and rule
//! codes in pragmas.

use serde_json::json;

use crate::support::{pos, uri, Client};

/// Completion labels with the cursor at the end of `text`.
async fn labels_at_end(text: &str) -> Vec<String> {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("completion");
    client.open(&uri, text).await;
    let end = pos(text, text, text.len());
    client.completion_labels(&uri, end).await
}

fn assert_has(labels: &[String], wanted: &[&str]) {
    for w in wanted {
        assert!(labels.iter().any(|l| l == w), "`{w}` in {labels:?}");
    }
}

#[tokio::test]
async fn instructions_as_snippets() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("snippets");
    let text = "FROM alpine:3.20\nCO";
    client.open(&uri, text).await;
    let result = client
        .request("textDocument/completion", json!({ "textDocument": { "uri": uri }, "position": pos(text, "CO", 2) }))
        .await;
    let items = result.as_array().unwrap();
    assert_eq!(items.len(), 18);
    let copy = items.iter().find(|i| i["label"] == "COPY").unwrap();
    assert_eq!(copy["insertTextFormat"], 2);
    assert_eq!(copy["textEdit"]["newText"], "COPY ${1:src} ${2:dest}");
    assert_eq!(copy["textEdit"]["range"]["start"], json!({ "line": 1, "character": 0 }));
}

#[tokio::test]
async fn flags_per_instruction() {
    assert_has(&labels_at_end("FROM a\nRUN --").await, &["--mount", "--network", "--security"]);
    assert_has(
        &labels_at_end("FROM a\nCOPY --").await,
        &["--from", "--chown", "--chmod", "--link", "--parents", "--exclude"],
    );
    assert_has(&labels_at_end("FROM a\nADD --").await, &["--checksum", "--keep-git-dir", "--chown", "--link"]);
    assert_has(&labels_at_end("FROM --").await, &["--platform"]);
    assert_has(
        &labels_at_end("FROM a\nHEALTHCHECK --").await,
        &["--interval", "--timeout", "--start-period", "--start-interval", "--retries"],
    );
}

#[tokio::test]
async fn flag_values() {
    assert_has(&labels_at_end("FROM a\nRUN --mount=").await, &["type=", "target=", "source=", "from="]);
    assert_has(&labels_at_end("FROM a\nRUN --mount=type=").await, &["bind", "cache", "tmpfs", "secret", "ssh"]);
    assert_has(&labels_at_end("FROM a\nRUN --mount=type=cache,").await, &["id=", "sharing=", "target="]);
    assert_has(&labels_at_end("FROM a\nRUN --mount=type=cache,sharing=").await, &["shared", "private", "locked"]);
    assert_has(&labels_at_end("FROM a\nRUN --mount=type=secret,").await, &["id=", "env=", "required="]);
    assert_has(&labels_at_end("FROM a\nRUN --network=").await, &["default", "none", "host"]);
    assert_has(&labels_at_end("FROM a\nRUN --security=").await, &["sandbox", "insecure"]);
    assert_has(&labels_at_end("FROM --platform=").await, &["$BUILDPLATFORM", "linux/amd64"]);
}

#[tokio::test]
async fn stage_names_after_from() {
    let text = "FROM golang:1.22 AS build\nFROM alpine:3.20 AS tools\nFROM alpine:3.20\nCOPY --from=";
    assert_has(&labels_at_end(text).await, &["build", "tools"]);
    let text = "FROM golang:1.22 AS build\nFROM alpine:3.20\nRUN --mount=type=bind,from=";
    assert_has(&labels_at_end(text).await, &["build"]);
    assert_has(&labels_at_end("FROM golang:1.22 AS build\nFROM ").await, &["build", "scratch"]);
}

#[tokio::test]
async fn variables_after_dollar_and_brace() {
    let text = "ARG VERSION=1\nFROM alpine:3.20\nARG VERSION\nENV APP_HOME=/app\nRUN echo $";
    assert_has(&labels_at_end(text).await, &["VERSION", "APP_HOME"]);
    let text = "ARG VERSION=1\nFROM alpine:3.20\nENV APP_HOME=/app\nWORKDIR ${AP";
    assert_has(&labels_at_end(text).await, &["APP_HOME"]);
    assert_has(&labels_at_end("ARG TAG=3\nFROM alpine:$").await, &["TAG", "TARGETPLATFORM"]);
}

#[tokio::test]
async fn parser_directives_and_checks() {
    assert_has(&labels_at_end("# ").await, &["syntax", "escape", "check"]);
    assert_has(&labels_at_end("# check=skip=").await, &["JSONArgsRecommended", "MaintainerDeprecated", "all"]);
    assert_has(&labels_at_end("# check=skip=StageNameCasing,").await, &["FromAsCasing"]);
    assert_has(&labels_at_end("# escape=").await, &["`"]);
}

#[tokio::test]
async fn rule_codes_in_pragmas() {
    assert_has(&labels_at_end("FROM a\n# dflint ignore=").await, &["DL3025", "DF002"]);
    assert_has(&labels_at_end("FROM a\n# hadolint ignore=DL3025, ").await, &["DL3061"]);
}
