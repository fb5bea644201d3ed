//! End-to-end tests of `dflint lsp`: the real binary, spoken to over stdin/stdout with JSON-RPC
//! framing, as an editor would.

mod lsp_client;

use std::io::Write;

use lsp_client::Server;
use serde_json::{json, Value};

fn position(text: &str, needle: &str, delta: usize) -> Value {
    let at = text.find(needle).unwrap() + delta;
    let line = text[..at].matches('\n').count();
    let character = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": character })
}

fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        text.split_inclusive('\n').take(line).map(str::len).sum::<usize>() + p["character"].as_u64().unwrap() as usize
    };
    let mut edits: Vec<_> = edits
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap()))
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, new) in edits {
        out.replace_range(s..e, new);
    }
    out
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().filter_map(|d| d["code"].as_str()).collect()
}

const URI: &str = "file:///dflint-e2e/Dockerfile";
const TEXT: &str = "FROM alpine:3.20 AS base\nENTRYPOINT [\"sleep\"]\nCMD ['10']\n";

#[test]
fn a_session_from_initialize_to_exit() {
    let mut server = Server::start();
    let diagnostics = server.open(URI, TEXT);
    assert!(codes(&diagnostics).contains(&"DF002"), "{diagnostics:?}");
    let df002 = diagnostics.iter().find(|d| d["code"] == "DF002").unwrap();
    assert_eq!(df002["source"], "dflint");
    assert_eq!(df002["range"]["start"], position(TEXT, "['10']", 0));

    let hover = server
        .request("textDocument/hover", json!({ "textDocument": { "uri": URI }, "position": position(TEXT, "CMD", 1) }));
    let markdown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(markdown.contains("Effective start command"), "{markdown}");
    assert!(markdown.contains("sleep /bin/sh -c '['\\''10'\\'']'"), "the CMD is shell form until fixed: {markdown}");

    let completion = server.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 3, "character": 0 } }),
    );
    let labels: Vec<&str> =
        completion["result"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"HEALTHCHECK") && labels.len() == 18, "{labels:?}");

    let at = position(TEXT, "['10']", 1);
    let actions = server.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": { "start": at, "end": at }, "context": { "diagnostics": [] } }),
    );
    let actions = actions["result"].as_array().unwrap();
    let fix = actions.iter().find(|a| a["title"].as_str().unwrap().contains("(DF002)")).expect("a quick fix");
    let fixed = apply(TEXT, fix["edit"]["changes"][URI].as_array().unwrap());
    assert_eq!(fixed, "FROM alpine:3.20 AS base\nENTRYPOINT [\"sleep\"]\nCMD [\"10\"]\n");
    let change = json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": fixed }] });
    server.notify("textDocument/didChange", change);
    assert!(!codes(&server.diagnostics(URI, Some(2))).contains(&"DF002"));
    let hover = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": position(&fixed, "CMD", 1) }),
    );
    assert!(hover["result"]["contents"]["value"].as_str().unwrap().contains("```sh\nsleep 10\n```"));

    server.shutdown();
}

#[test]
fn malformed_messages_and_unknown_methods_do_not_stop_the_server() {
    let mut server = Server::start();
    server.send_raw(b"{this is not json");
    let error = server.wait_for(|m| m.get("error").is_some() && m["id"].is_null());
    assert_eq!(error["error"]["code"], -32700, "a parse error: {error}");
    server.send_raw(b"[1, 2, 3]");
    let error = server.wait_for(|m| m.get("error").is_some() && m["id"].is_null());
    assert_eq!(error["error"]["code"], -32600, "an invalid request: {error}");
    // A header block without Content-Length.
    server.stdin.write_all(b"X-Nonsense: 1\r\n\r\n").unwrap();
    let error = server.wait_for(|m| m.get("error").is_some() && m["id"].is_null());
    assert_eq!(error["error"]["code"], -32600, "{error}");
    server.send(json!({ "jsonrpc": "2.0", "id": 99, "params": {} }));
    let response = server.response(99);
    assert_eq!(response["error"]["code"], -32601, "no method: {response}");
    let response = server.request("dflint/noSuchMethod", json!({}));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    server.notify("dflint/noSuchNotification", json!({}));
    // Still answering.
    assert!(codes(&server.open(URI, TEXT)).contains(&"DF002"));
    server.shutdown();
}

#[test]
fn edits_outside_the_text_a_large_document_and_rapid_edits() {
    let mut server = Server::start();
    server.open(URI, "FROM alpine:3.20\n");
    let far = json!({ "line": 1000, "character": 1000 });
    let change = json!({
        "textDocument": { "uri": URI, "version": 2 },
        "contentChanges": [{ "range": { "start": far, "end": far }, "text": "CMD ['a']\n" }],
    });
    server.notify("textDocument/didChange", change);
    let diagnostics = server.diagnostics(URI, Some(2));
    assert!(diagnostics.iter().any(|d| d["code"] == "DF002" && d["range"]["start"]["line"] == 1), "{diagnostics:?}");

    // Five megabytes.
    let mut big = String::from("FROM alpine:3.20\nRUN echo start\n");
    let comment = format!("# {}\n", "x".repeat(77));
    while big.len() < 5 * 1024 * 1024 {
        big.push_str(&comment);
    }
    big.push_str("CMD ['a']\n");
    let big_uri = "file:///dflint-e2e/big/Dockerfile";
    assert!(codes(&server.open(big_uri, &big)).contains(&"DF002"));
    let last = big.matches('\n').count() - 1;
    let hover = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": big_uri }, "position": { "line": last, "character": 1 } }),
    );
    assert!(hover["result"]["contents"]["value"].as_str().unwrap().contains("**CMD**"));

    // 1,000 edits sent as fast as possible, a hover after every tenth.
    let mut text = String::from("FROM alpine:3.20\nCMD ['a']\n");
    let rapid = "file:///dflint-e2e/rapid/Dockerfile";
    server.open(rapid, &text);
    let mut hovers = Vec::new();
    for version in 2..1002 {
        let line_len = text.lines().nth(1).unwrap().len();
        let (start, end, insert) =
            if version % 2 == 0 { (line_len, line_len, "'") } else { (line_len - 1, line_len, "") };
        let range = json!({ "start": { "line": 1, "character": start }, "end": { "line": 1, "character": end } });
        let change = json!({ "textDocument": { "uri": rapid, "version": version }, "contentChanges": [{ "range": range, "text": insert }] });
        let line_start = text.find('\n').unwrap() + 1;
        text.replace_range(line_start + start..line_start + end, insert);
        server.notify("textDocument/didChange", change);
        if version % 10 == 0 {
            hovers.push(server.send_request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": rapid }, "position": { "line": 1, "character": 1 } }),
            ));
        }
    }
    for id in hovers {
        let hover = server.response(id);
        assert!(hover["result"]["contents"]["value"].as_str().unwrap().contains("**CMD**"), "{hover}");
    }
    let last = server.diagnostics(rapid, Some(1001));
    // A fresh lint of the final text, by a fresh document.
    let fresh = server.open("file:///dflint-e2e/fresh/Dockerfile", &text);
    assert_eq!(last, fresh);
    server.shutdown();
}

/// A large document of real instructions (stages, ARG/ENV, RUN scripts), edited in place and with
/// ranges outside the text, reversed, or past the end of a line: the server answers every version,
/// and its last diagnostics equal a fresh lint of the same text.
#[test]
fn a_large_real_document_edited_anywhere() {
    const SNIPPETS: &[&str] = &[
        "ARG VERSION=1.0\n",
        "ENV PATH=/opt/app/bin:$PATH LANG=C.UTF-8 APP_$VERSION=x\n",
        "RUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n",
        "COPY --chown=app:app requirements.txt /opt/app/\n",
        "RUN pip install -r /opt/app/requirements.txt\n",
        "WORKDIR /opt/app\n",
        "LABEL version=$VERSION\n",
        "RUN <<EOF\nset -e\necho $VERSION\nEOF\n",
        "CMD python -m app\n",
        "SHELL [\"/bin/bash\", \"-c\"]\n",
    ];
    let mut text = String::from("FROM alpine:3.20 AS base\n");
    let mut stage = 0;
    while text.len() < 256 * 1024 {
        for snippet in SNIPPETS {
            text.push_str(snippet);
        }
        stage += 1;
        if stage % 20 == 0 {
            text.push_str(&format!("FROM base AS s{stage}\n"));
        }
    }
    let mut server = Server::start();
    let uri = "file:///dflint-e2e/large/Dockerfile";
    server.open(uri, &text);
    let lines = text.matches('\n').count();
    let odd_ranges = [
        json!({ "start": { "line": lines + 10, "character": 0 }, "end": { "line": lines + 20, "character": 5 } }),
        json!({ "start": { "line": 5, "character": 3 }, "end": { "line": 2, "character": 0 } }),
        json!({ "start": { "line": 1, "character": 500 }, "end": { "line": 1, "character": 900 } }),
        json!({ "start": { "line": u32::MAX, "character": u32::MAX }, "end": { "line": u32::MAX, "character": u32::MAX } }),
    ];
    let mut version = 1;
    for range in odd_ranges {
        version += 1;
        let change = json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "range": range, "text": "" }],
        });
        server.notify("textDocument/didChange", change);
        server.diagnostics(uri, Some(version));
        let hover = server.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 1 } }),
        );
        assert!(hover["result"]["contents"]["value"].as_str().unwrap().contains("**FROM**"), "{hover}");
    }
    // Back to a known text, then edits in the middle, several in one notification.
    version += 1;
    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
    );
    for i in 0..20usize {
        version += 1;
        let line = (i * 7919) % lines;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let insert = if i % 2 == 0 { "RUN cd /tmp\n" } else { "ENV A$B=1\n" };
        text.insert_str(line_start, insert);
        let at = json!({ "line": line, "character": 0 });
        let range = json!({ "start": at, "end": at });
        let end = json!({ "line": line + 1, "character": 0 });
        let change = json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [
                { "range": range, "text": insert },
                { "range": { "start": end, "end": end }, "text": "" },
            ],
        });
        server.notify("textDocument/didChange", change);
    }
    let last = server.diagnostics(uri, Some(version));
    let fresh = server.open("file:///dflint-e2e/large-fresh/Dockerfile", &text);
    assert_eq!(last, fresh);
    server.shutdown();
}
