//! Diagnostics on open, change (incremental and full), save and close.

use serde_json::json;

use crate::support::{codes, pos, uri, Client};

const BAD_JSON: &str = "FROM alpine:3.20\nCMD ['sleep', '10']\n";

#[tokio::test]
async fn open_publishes_findings_with_code_link_source_and_severity() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("open");
    let diagnostics = client.open(&uri, BAD_JSON).await;
    let d = diagnostics.iter().find(|d| d["code"] == "DF002").expect("DF002 on the single-quoted array");
    assert_eq!(d["source"], "dflint");
    assert_eq!(d["severity"], 1, "DF002 is an error");
    assert_eq!(d["range"]["start"], pos(BAD_JSON, "['sleep'", 0));
    assert_eq!(d["codeDescription"]["href"], "https://github.com/dflint/dflint/blob/main/docs/rules/DF002.md");
}

#[tokio::test]
async fn incremental_and_full_changes_relint_the_newest_text() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("change");
    assert!(codes(&client.open(&uri, BAD_JSON).await).contains(&"DF002".to_string()));
    // Incremental: turn the single quotes into double quotes, one edit for the whole array.
    let start = pos(BAD_JSON, "['sleep', '10']", 0);
    let end = pos(BAD_JSON, "['sleep', '10']", "['sleep', '10']".len());
    let params = json!({
        "textDocument": { "uri": uri, "version": 2 },
        "contentChanges": [{ "range": { "start": start, "end": end }, "text": "[\"sleep\", \"10\"]" }],
    });
    client.notify("textDocument/didChange", params).await;
    let (version, diagnostics) = client.diagnostics(&uri).await;
    assert_eq!(version, Some(2));
    assert!(!codes(&diagnostics).contains(&"DF002".to_string()), "{diagnostics:?}");
    // Full: back to the bad text.
    client.replace(&uri, 3, BAD_JSON).await;
    let (version, diagnostics) = client.diagnostics(&uri).await;
    assert_eq!(version, Some(3));
    assert!(codes(&diagnostics).contains(&"DF002".to_string()));
}

#[tokio::test]
async fn stale_versions_are_dropped() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("stale");
    client.open(&uri, BAD_JSON).await;
    client.replace(&uri, 5, "FROM alpine:3.20\n").await;
    assert_eq!(client.diagnostics(&uri).await.0, Some(5));
    // An older version arriving late changes nothing and publishes nothing.
    client.replace(&uri, 4, BAD_JSON).await;
    assert!(!client.has_message());
    client.notify("textDocument/didSave", json!({ "textDocument": { "uri": uri } })).await;
    let (version, diagnostics) = client.diagnostics(&uri).await;
    assert_eq!(version, Some(5));
    assert!(!codes(&diagnostics).contains(&"DF002".to_string()));
}

#[tokio::test]
async fn close_clears_the_diagnostics() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("close");
    assert!(!client.open(&uri, BAD_JSON).await.is_empty());
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } })).await;
    let (version, diagnostics) = client.diagnostics(&uri).await;
    assert_eq!(version, None);
    assert!(diagnostics.is_empty());
    // Requests about a closed document answer nothing.
    assert_eq!(client.hover(&uri, json!({ "line": 0, "character": 1 })).await, None);
}

#[tokio::test]
async fn utf8_positions_when_the_client_offers_them() {
    let capabilities = json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } });
    let mut client = Client::start_with(json!(null), capabilities).await;
    let uri = uri("utf8");
    let text = "FROM alpine:3.20\nARG V=1\nENV X=\"\u{e9}\" Y=$V\n";
    client.open(&uri, text).await;
    // `V` of `$V`, counted in bytes: the two-byte character counts twice.
    let column = text.lines().nth(2).unwrap().find("$V").unwrap() + 1;
    let hover = client.hover(&uri, json!({ "line": 2, "character": column })).await.unwrap();
    assert!(hover.contains("**`V`** = `1`"), "{hover}");
}
