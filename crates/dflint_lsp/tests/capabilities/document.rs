//! Whole-document features: symbols, folding, semantic tokens, signature help, links, inlay hints,
//! and the advertised capabilities.

use serde_json::{json, Value};

use crate::support::{pos, uri, Client};

const TEXT: &str = "\
# syntax=docker/dockerfile:1
ARG TAG=3.20
FROM golang:1.22 AS build
# Build the binary
# statically.
RUN --mount=type=cache,target=/root/.cache \\
    go build -o /out/app <<EOF
package main
EOF
FROM alpine:$TAG
COPY --from=build /out/app /app
ENTRYPOINT [\"sleep\"]
CMD [\"10\"]
";

async fn request(method: &str, extra: Value) -> Value {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("document");
    client.open(&uri, TEXT).await;
    let mut params = json!({ "textDocument": { "uri": uri } });
    params.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    client.request(method, params).await
}

#[tokio::test]
async fn capabilities_advertise_every_feature_but_formatting() {
    let client = Client::start(json!(null)).await;
    let caps = &client.initialize_result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    for feature in [
        "hoverProvider",
        "completionProvider",
        "signatureHelpProvider",
        "codeActionProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "documentHighlightProvider",
        "documentSymbolProvider",
        "foldingRangeProvider",
        "semanticTokensProvider",
        "documentLinkProvider",
        "inlayHintProvider",
    ] {
        assert!(!caps[feature].is_null(), "{feature}");
    }
    assert!(caps["documentFormattingProvider"].is_null(), "no formatter yet");
    assert_eq!(caps["codeActionProvider"]["codeActionKinds"], json!(["quickfix", "source.fixAll.dflint"]));
}

#[tokio::test]
async fn symbols_nest_by_stage() {
    let symbols = request("textDocument/documentSymbol", json!({})).await;
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["ARG", "build (golang:1.22)", "stage 1 (alpine:$TAG)"]);
    let build = &symbols[1];
    assert_eq!(build["children"][0]["name"], "RUN");
    let last = &symbols[2]["children"];
    assert_eq!(last.as_array().unwrap().len(), 3);
    assert_eq!(symbols[0]["children"][0]["name"], "TAG");
}

#[tokio::test]
async fn folding_ranges() {
    let ranges = request("textDocument/foldingRange", json!({})).await;
    let spans: Vec<(u64, u64, Option<&str>)> = ranges
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["startLine"].as_u64().unwrap(), r["endLine"].as_u64().unwrap(), r["kind"].as_str()))
        .collect();
    assert!(spans.contains(&(2, 8, None)), "the first stage: {spans:?}");
    assert!(spans.contains(&(9, 12, None)), "the second stage: {spans:?}");
    assert!(spans.contains(&(5, 8, None)), "the RUN with its heredoc: {spans:?}");
    assert!(spans.contains(&(6, 8, None)), "the heredoc: {spans:?}");
    assert!(spans.contains(&(3, 4, Some("comment"))), "the comment block: {spans:?}");
}

#[tokio::test]
async fn semantic_tokens() {
    let tokens = request("textDocument/semanticTokens/full", json!({})).await;
    let data: Vec<u64> = tokens["data"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(data.len() % 5, 0);
    // Decode to (line, start, length, type).
    let mut decoded = Vec::new();
    let (mut line, mut start) = (0, 0);
    for t in data.chunks(5) {
        line += t[0];
        start = if t[0] == 0 { start + t[1] } else { t[1] };
        decoded.push((line, start, t[2], t[3]));
    }
    assert!(decoded.contains(&(0, 2, 6, 5)), "the directive's name is a macro: {decoded:?}");
    assert!(decoded.contains(&(2, 0, 4, 0)), "FROM is a keyword");
    assert!(decoded.contains(&(5, 4, 7, 1)), "--mount is a parameter");
    assert!(decoded.contains(&(3, 0, 18, 4)), "a comment");
    assert!(decoded.contains(&(9, 13, 3, 3)), "TAG of $TAG is a variable");
    assert!(decoded.contains(&(11, 12, 7, 2)), "a JSON string");
    assert!(decoded.contains(&(7, 0, 12, 2)), "the heredoc body, one line a token");
}

#[tokio::test]
async fn signature_help_for_the_instruction() {
    let position = pos(TEXT, "/out/app /app", 2);
    let help = request("textDocument/signatureHelp", json!({ "position": position })).await;
    assert!(help["signatures"][0]["label"].as_str().unwrap().starts_with("COPY [--from="));
    let active = help["activeParameter"].as_u64().unwrap() as usize;
    let label = help["signatures"][0]["label"].as_str().unwrap();
    let offsets = &help["signatures"][0]["parameters"][active]["label"];
    let (s, e) = (offsets[0].as_u64().unwrap() as usize, offsets[1].as_u64().unwrap() as usize);
    assert_eq!(&label[s..e], "<src>...");
}

#[tokio::test]
async fn document_links_to_docker_hub() {
    let links = request("textDocument/documentLink", json!({})).await;
    let links = links.as_array().unwrap();
    assert_eq!(links.len(), 1, "alpine:$TAG has a variable: no exact range; {links:?}");
    assert_eq!(links[0]["target"], "https://hub.docker.com/_/golang");
    assert_eq!(links[0]["range"]["start"], pos(TEXT, "golang", 0));
}

#[tokio::test]
async fn inlay_hints_show_the_start_command_and_arg_values() {
    let range = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 14, "character": 0 } });
    let hints = request("textDocument/inlayHint", json!({ "range": range })).await;
    let labels: Vec<(Value, &str)> =
        hints.as_array().unwrap().iter().map(|h| (h["position"].clone(), h["label"].as_str().unwrap())).collect();
    let after_cmd = pos(TEXT, "CMD [\"10\"]", "CMD [\"10\"]".len());
    assert!(labels.contains(&(after_cmd, "⇒ sleep 10")), "{labels:?}");
    assert!(labels.iter().any(|(p, l)| *l == "= 3.20" && *p == pos(TEXT, "$TAG", 4)), "{labels:?}");
}
