//! The server stays up and right: unknown methods, edits outside the text, a large document, and
//! many rapid edits with hovers in between.

use serde_json::json;

use crate::support::{pos, uri, Client};

#[tokio::test]
async fn unknown_methods_are_errors_not_crashes() {
    let mut client = Client::start(json!(null)).await;
    let error = client.try_request("dflint/unknown", json!({})).await.unwrap_err();
    assert_eq!(error.code, tower_lsp_server::jsonrpc::ErrorCode::MethodNotFound);
    client.notify("dflint/unknownNotification", json!({})).await;
    let uri = uri("unknown");
    client.open(&uri, "FROM alpine:3.20\n").await;
}

#[tokio::test]
async fn edits_outside_the_text_are_clamped() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("clamp");
    client.open(&uri, "FROM alpine:3.20\n").await;
    let far = json!({ "line": 99, "character": 99 });
    let params = json!({
        "textDocument": { "uri": uri, "version": 2 },
        "contentChanges": [{ "range": { "start": far, "end": far }, "text": "CMD ['a']\n" }],
    });
    client.notify("textDocument/didChange", params).await;
    let (version, diagnostics) = client.diagnostics(&uri).await;
    assert_eq!(version, Some(2));
    assert!(diagnostics.iter().any(|d| d["code"] == "DF002" && d["range"]["start"]["line"] == 1), "{diagnostics:?}");
    // Reversed and past-the-line ranges too.
    let params = json!({
        "textDocument": { "uri": uri, "version": 3 },
        "contentChanges": [{ "range": { "start": { "line": 0, "character": 500 }, "end": { "line": 0, "character": 4 } }, "text": "" }],
    });
    client.notify("textDocument/didChange", params).await;
    assert_eq!(client.diagnostics(&uri).await.0, Some(3));
    let hover = client.hover(&uri, json!({ "line": 0, "character": 1 })).await.unwrap();
    assert!(hover.contains("FROM"), "{hover}");
}

#[tokio::test]
async fn rapid_edits_with_hovers_end_with_the_lint_of_the_final_text() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("rapid");
    let mut text = String::from("FROM alpine:3.20\nCMD ['a']\nRUN echo $HOME\nENTRYPOINT [\"x\"]\n");
    client.open(&uri, &text).await;
    for version in 2..1002 {
        // Rewrite one of the first three lines' arguments, inserting or deleting a character.
        let line = (version % 3 + 1) as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let line_text = text[line_start..].lines().next().unwrap().to_string();
        let (start, end, insert) = if version % 2 == 0 {
            (line_text.len(), line_text.len(), if line == 1 { "'" } else { "x" })
        } else {
            (line_text.len() - 1, line_text.len(), "")
        };
        let range = json!({
            "start": { "line": line, "character": start },
            "end": { "line": line, "character": end },
        });
        let params = json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "range": range, "text": insert }],
        });
        text.replace_range(line_start + start..line_start + end, insert);
        client.notify("textDocument/didChange", params).await;
        if version % 10 == 0 {
            let hover = client.hover(&uri, pos(&text, "CMD", 0)).await.unwrap();
            assert!(hover.contains("**CMD**"));
        }
    }
    let parse = dflint_syntax::parse(&text);
    let fresh = dflint_lint::lint(&parse, &Default::default());
    let index = line_index::LineIndex::new(&text);
    let want: Vec<(String, u64, u64)> = fresh
        .iter()
        .map(|d| {
            let lc = index.line_col(d.range.start());
            (d.rule.code.to_string(), lc.line as u64, lc.col as u64)
        })
        .collect();
    // The findings of the final text come at once, ShellCheck's once the document is idle.
    loop {
        let last = client.diagnostics(&uri).await;
        if last.0 != Some(1001) {
            continue;
        }
        let got: Vec<(String, u64, u64)> = last
            .1
            .iter()
            .map(|d| {
                let start = &d["range"]["start"];
                (
                    d["code"].as_str().unwrap().to_string(),
                    start["line"].as_u64().unwrap(),
                    start["character"].as_u64().unwrap(),
                )
            })
            .collect();
        if got == want {
            break;
        }
        // Only ShellCheck's findings may be missing.
        let others: Vec<_> = want.iter().filter(|w| !w.0.starts_with("SC")).cloned().collect();
        assert_eq!(got, others);
    }
}

/// Five megabytes, mostly comments (cheap to lint even in a debug build), with instructions at
/// both ends.
pub fn five_megabytes() -> String {
    let mut text = String::from("FROM alpine:3.20\nRUN echo start\n");
    let comment = format!("# {}\n", "x".repeat(77));
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(&comment);
    }
    text.push_str("CMD ['a']\n");
    text
}

#[tokio::test]
async fn a_five_megabyte_document() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("large");
    let text = five_megabytes();
    let diagnostics = client.open(&uri, &text).await;
    assert!(diagnostics.iter().any(|d| d["code"] == "DF002"));
    let last_line = text.matches('\n').count() - 1;
    let hover = client.hover(&uri, json!({ "line": last_line, "character": 1 })).await.unwrap();
    assert!(hover.contains("**CMD**"));
    // An edit at the end is applied and linted.
    let at = json!({ "line": last_line, "character": 5 });
    let params = json!({
        "textDocument": { "uri": uri, "version": 2 },
        "contentChanges": [{ "range": { "start": at, "end": { "line": last_line, "character": 8 } }, "text": "\"a\"" }],
    });
    client.notify("textDocument/didChange", params).await;
    let (version, diagnostics) = client.diagnostics(&uri).await;
    assert_eq!(version, Some(2));
    assert!(!diagnostics.iter().any(|d| d["code"] == "DF002"), "{diagnostics:?}");
}
