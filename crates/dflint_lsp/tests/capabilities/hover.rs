//! Hovers: keywords, CMD/ENTRYPOINT with the effective start command, flags, variables, stage
//! names, directives, and rule codes in pragmas and under diagnostics.

use serde_json::json;

use crate::support::{pos, uri, Client};

async fn hover_at(text: &str, needle: &str, delta: usize) -> String {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("hover");
    client.open(&uri, text).await;
    client.hover(&uri, pos(text, needle, delta)).await.unwrap_or_default()
}

#[tokio::test]
async fn instruction_keyword() {
    let hover = hover_at("FROM alpine:3.20\nCOPY a b\n", "COPY", 1).await;
    assert!(hover.contains("**COPY**"), "{hover}");
    assert!(hover.contains("--from=<stage|image|context>"), "forms and flags: {hover}");
    assert!(hover.contains("Example:"), "{hover}");
}

#[tokio::test]
async fn cmd_shows_how_it_combines_and_the_effective_start_command() {
    let text = "FROM alpine:3.20\nENTRYPOINT [\"sleep\"]\nCMD [\"10\"]\n";
    let hover = hover_at(text, "CMD", 0).await;
    assert!(hover.contains("| CMD [\"exec_cmd\", \"p1_cmd\"] |"), "the combination table: {hover}");
    assert!(hover.contains("```sh\nsleep 10\n```"), "{hover}");
    let hover = hover_at(text, "ENTRYPOINT", 2).await;
    assert!(hover.contains("sleep 10"), "{hover}");
}

#[tokio::test]
async fn shell_form_entrypoint_ignores_cmd() {
    let text = "FROM alpine:3.20\nENTRYPOINT exec sleep\nCMD [\"10\"]\n";
    let hover = hover_at(text, "CMD", 1).await;
    assert!(hover.contains("/bin/sh -c 'exec sleep'"), "{hover}");
    assert!(hover.contains("CMD is ignored"), "{hover}");
}

#[tokio::test]
async fn flags_including_mount_types() {
    let text = "FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache true\n";
    let hover = hover_at(text, "--mount", 3).await;
    assert!(hover.contains("type=cache"), "{hover}");
    assert!(hover.contains("`sharing`"), "{hover}");
}

#[tokio::test]
async fn variables_show_value_and_where_set() {
    let text = "ARG BASE=alpine:3.20\nFROM $BASE\nENV GREETING=hello\nRUN echo $GREETING\n";
    let hover = hover_at(text, "$GREETING", 2).await;
    assert!(hover.contains("`GREETING`** = `hello`"), "{hover}");
    assert!(hover.contains("ENV, set on line 3"), "{hover}");
    let hover = hover_at(text, "$BASE", 1).await;
    assert!(hover.contains("= `alpine:3.20`") && hover.contains("global ARG"), "{hover}");
}

#[tokio::test]
async fn stage_names() {
    let text = "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out /out\n";
    let hover = hover_at(text, "=build", 2).await;
    assert!(hover.contains("**Stage `build`** (#0), defined on line 1"), "{hover}");
    assert!(hover.contains("golang:1.22"), "{hover}");
}

#[tokio::test]
async fn rule_codes_in_pragmas_and_under_diagnostics() {
    let text = "FROM alpine:3.20\n# hadolint ignore=DL3025\nCMD ['a']\n";
    let hover = hover_at(text, "DL3025", 2).await;
    assert_eq!(hover, dflint_lint::docs::markdown(dflint_lint::registry::find("DL3025").unwrap()));
    let hover = hover_at(text, "['a']", 1).await;
    assert!(hover.contains(&dflint_lint::docs::markdown(dflint_lint::registry::find("DF002").unwrap())), "{hover}");
}

#[tokio::test]
async fn parser_directives() {
    let hover = hover_at("# syntax=docker/dockerfile:1\nFROM alpine:3.20\n", "syntax", 1).await;
    assert!(hover.contains("frontend"), "{hover}");
}
