//! Definition, references, rename and document highlight for stage names, variables and heredoc
//! delimiters.

use serde_json::{json, Value};

use crate::support::{apply, pos, uri, Client};

const TEXT: &str = "\
ARG BASE=golang:1.22
FROM $BASE AS build
ENV OUT=/out
RUN go build -o $OUT/app && cat <<EOF
done
EOF
FROM build AS test
FROM alpine:3.20
COPY --from=build /out/app /app
RUN --mount=type=bind,from=build,target=/src true
";

async fn client() -> (Client, String) {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("navigation");
    client.open(&uri, TEXT).await;
    (client, uri)
}

fn starts(locations: &Value) -> Vec<Value> {
    let mut out: Vec<Value> =
        locations.as_array().unwrap().iter().map(|l| l.get("range").unwrap_or(l)["start"].clone()).collect();
    out.sort_by_key(|p| (p["line"].as_u64(), p["character"].as_u64()));
    out
}

#[tokio::test]
async fn definition_of_a_stage_variable_and_heredoc() {
    let (mut client, uri) = client().await;
    let at = |needle, delta| json!({ "textDocument": { "uri": uri }, "position": pos(TEXT, needle, delta) });
    let def = client.request("textDocument/definition", at("--from=build", 8)).await;
    assert_eq!(def["range"]["start"], pos(TEXT, "build\n", 0));
    let def = client.request("textDocument/definition", at("$OUT/", 2)).await;
    assert_eq!(def["range"]["start"], pos(TEXT, "OUT=", 0));
    let def = client.request("textDocument/definition", at("$BASE", 1)).await;
    assert_eq!(def["range"]["start"], pos(TEXT, "BASE=", 0));
    let def = client.request("textDocument/definition", at("\nEOF", 2)).await;
    assert_eq!(def["range"]["start"], pos(TEXT, "EOF\n", 0));
}

#[tokio::test]
async fn references_and_highlights_of_a_stage() {
    let (mut client, uri) = client().await;
    let params = json!({
        "textDocument": { "uri": uri }, "position": pos(TEXT, "build\n", 1), "context": { "includeDeclaration": true }
    });
    let refs = client.request("textDocument/references", params).await;
    let expected =
        vec![pos(TEXT, "build\n", 0), pos(TEXT, "build AS test", 0), pos(TEXT, "=build /", 1), pos(TEXT, "=build,", 1)];
    assert_eq!(starts(&refs), expected);
    let params = json!({ "textDocument": { "uri": uri }, "position": pos(TEXT, "=build,", 2) });
    let highlights = client.request("textDocument/documentHighlight", params).await;
    assert_eq!(starts(&highlights), expected);
    assert_eq!(highlights.as_array().unwrap().iter().filter(|h| h["kind"] == 3).count(), 1, "one write");
}

#[tokio::test]
async fn rename_a_stage_and_a_variable() {
    let (mut client, uri) = client().await;
    let params = json!({ "textDocument": { "uri": uri }, "position": pos(TEXT, "build AS", 1) });
    let prepared = client.request("textDocument/prepareRename", params).await;
    assert_eq!(prepared["placeholder"], "build");
    let params = json!({ "textDocument": { "uri": uri }, "position": pos(TEXT, "build AS", 1), "newName": "compile" });
    let edit = client.request("textDocument/rename", params).await;
    let renamed = apply(TEXT, edit["changes"][&uri].as_array().unwrap());
    assert_eq!(renamed.matches("compile").count(), 4, "{renamed}");
    assert!(!renamed.contains("AS build") && !renamed.contains("=build"), "{renamed}");

    let params = json!({ "textDocument": { "uri": uri }, "position": pos(TEXT, "OUT=", 0), "newName": "DEST" });
    let edit = client.request("textDocument/rename", params).await;
    let renamed = apply(TEXT, edit["changes"][&uri].as_array().unwrap());
    assert!(renamed.contains("ENV DEST=/out") && renamed.contains("-o $DEST/app"), "{renamed}");

    let params = json!({ "textDocument": { "uri": uri }, "position": pos(TEXT, "OUT=", 0), "newName": "not valid" });
    assert!(client.try_request("textDocument/rename", params).await.is_err());
}

#[tokio::test]
async fn rename_a_heredoc_delimiter() {
    let (mut client, uri) = client().await;
    let params = json!({ "textDocument": { "uri": uri }, "position": pos(TEXT, "<<EOF", 3), "newName": "END" });
    let edit = client.request("textDocument/rename", params).await;
    let renamed = apply(TEXT, edit["changes"][&uri].as_array().unwrap());
    assert!(renamed.contains("cat <<END\ndone\nEND\n"), "{renamed}");
}
