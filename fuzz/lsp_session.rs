//! One editing session of the language server, in process, driven by bytes: the `lsp` fuzz target
//! runs it on the fuzzer's inputs, and `dflint_lsp`'s `fuzz_regressions` test replays the inputs
//! that once failed.
//!
//! The bytes are read as operations on an open document: incremental inserts and deletions at
//! any character boundary (UTF-16 positions, CRLF and multi-byte text included), whole-text
//! replacements, several changes in one notification, and requests (hover, completion, signature
//! help, document symbols, folding ranges, semantic tokens, inlay hints, code actions, document
//! highlights, definition) in between. The session keeps its own copy of the text; at the end the
//! server's last diagnostics must equal those of a document opened fresh with that text. A panic
//! anywhere (the fuzzer's panic hook sees those the server catches too) is a failure.

use std::time::Duration;

use futures::StreamExt;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tower::{Service, ServiceExt};
use tower_lsp_server::jsonrpc::Request;
use tower_lsp_server::LspService;

const URI: &str = "file:///dflint-fuzz/edited/Dockerfile";
const FRESH: &str = "file:///dflint-fuzz/fresh/Dockerfile";

const START: &str = "FROM debian:12 AS base\r\nARG V=1\r\nENV A=é\nRUN echo \"日本 $V\" && \\\n  apt-get install -y curl\nFROM base\nCMD [\"a\"]\n";

const SNIPPETS: &[&str] = &[
    "\r\n",
    "\n",
    "é",
    "🐳",
    "\\\n",
    " ",
    "$",
    "\"",
    "'",
    "FROM alpine AS b\n",
    "RUN echo $A\n",
    "ARG X=1\n",
    "ENV B=2\n",
    "<<EOF\n",
    "EOF\n",
    "# hadolint ignore=DL3008\n",
    "COPY --from=b /a /b\n",
    "ONBUILD ",
    "${",
    "CMD ",
    "[\"",
    "--mount=type=cache,target=/x ",
];

const REQUESTS: &[&str] = &[
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/signatureHelp",
    "textDocument/documentSymbol",
    "textDocument/foldingRange",
    "textDocument/semanticTokens/full",
    "textDocument/inlayHint",
    "textDocument/codeAction",
    "textDocument/documentHighlight",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/documentLink",
];

/// Reads bytes as small numbers, zeros once they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> usize {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b as usize
            }
            None => 0,
        }
    }

    fn u16(&mut self) -> usize {
        self.byte() << 8 | self.byte()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `at` moved back to a character boundary, and off the middle of a CRLF.
fn snap(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let bytes = text.as_bytes();
    if at > 0 && at < text.len() && bytes[at - 1] == b'\r' && bytes[at] == b'\n' {
        at -= 1;
    }
    at
}

/// The LSP position (UTF-16) of byte offset `at`.
fn position(text: &str, at: usize) -> Value {
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": character })
}

/// Text from the input: a snippet, or raw bytes (lone `\r`s, which LSP clients count as line
/// breaks and the server does not, are made `\n`).
fn text_from(bytes: &mut Bytes) -> String {
    let n = bytes.byte();
    if n < 200 {
        return SNIPPETS[n % SNIPPETS.len()].to_string();
    }
    let raw: Vec<u8> = (0..(n - 200)).map(|_| bytes.byte() as u8).collect();
    String::from_utf8_lossy(&raw).replace("\r\n", "\u{0}").replace('\r', "\n").replace('\u{0}', "\r\n")
}

/// One change from the input, applied to `text`.
fn change(bytes: &mut Bytes, text: &mut String) -> Value {
    let a = snap(text, bytes.u16() % (text.len() + 1));
    let (b, insert) = if bytes.byte().is_multiple_of(2) {
        (a, text_from(bytes))
    } else {
        let b = snap(text, a + bytes.byte() % 64).max(a);
        let insert = if bytes.byte().is_multiple_of(4) { text_from(bytes) } else { String::new() };
        (b, insert)
    };
    // An insertion right after a lone `\r`... cannot happen: every `\r` is followed by `\n`,
    // and `snap` keeps positions off the middle of a CRLF.
    let change = json!({
        "range": { "start": position(text, a), "end": position(text, b) },
        "text": insert,
    });
    text.replace_range(a..b, &insert);
    change
}

struct Client {
    service: LspService<dflint_lsp::Backend>,
    messages: mpsc::UnboundedReceiver<Request>,
    next_id: i64,
}

impl Client {
    async fn call(&mut self, request: Request) -> Option<tower_lsp_server::jsonrpc::Response> {
        let service = self.service.ready().await.expect("the server is running");
        service.call(request).await.expect("the server is running")
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let request = Request::build(method.to_string()).params(params).id(self.next_id).finish();
        let response = self.call(request).await.expect("a response to a request");
        let (_, result) = response.into_parts();
        result.unwrap_or_else(|e| panic!("{method} failed: {e:?}"))
    }

    async fn notify(&mut self, method: &str, params: Value) {
        let request = Request::build(method.to_string()).params(params).finish();
        assert!(self.call(request).await.is_none(), "no response to a notification");
    }

    /// The diagnostics published for `uri` at `version` (waiting for them).
    async fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        loop {
            let message = tokio::time::timeout(Duration::from_secs(30), self.messages.recv())
                .await
                .expect("diagnostics in time")
                .expect("the server is running");
            let (method, _, params) = message.into_parts();
            let params = params.unwrap_or_default();
            if method == "textDocument/publishDiagnostics" && params["uri"] == uri && params["version"] == version {
                return params["diagnostics"].clone();
            }
        }
    }
}

async fn session(data: &[u8]) {
    let (service, socket) = dflint_lsp::service();
    let (tx, messages) = mpsc::unbounded_channel();
    let drain = tokio::spawn(async move {
        let mut socket = socket;
        while let Some(message) = socket.next().await {
            if tx.send(message).is_err() {
                break;
            }
        }
    });
    let mut client = Client { service, messages, next_id: 0 };
    // ShellCheck (a process, published later) is left out: the comparison is of the rest.
    client.request("initialize", json!({ "capabilities": {}, "initializationOptions": { "shellcheck": false } })).await;
    client.notify("initialized", json!({})).await;
    let mut text = START.to_string();
    let open = |uri: &str, text: &str| json!({ "textDocument": { "uri": uri, "languageId": "dockerfile", "version": 1, "text": text } });
    client.notify("textDocument/didOpen", open(URI, &text)).await;
    let mut bytes = Bytes(data);
    let mut version = 1;
    while !bytes.is_empty() {
        let op = bytes.byte();
        if op < 160 {
            version += 1;
            let changes: Vec<Value> = if op < 140 {
                vec![change(&mut bytes, &mut text)]
            } else if op < 150 {
                (0..1 + op % 4).map(|_| change(&mut bytes, &mut text)).collect()
            } else {
                text = text_from(&mut bytes);
                vec![json!({ "text": text })]
            };
            let params = json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": changes });
            client.notify("textDocument/didChange", params).await;
        } else {
            let method = REQUESTS[op % REQUESTS.len()];
            let at = snap(&text, bytes.u16() % (text.len() + 1));
            let end = snap(&text, at + bytes.byte() % 128).max(at);
            let document = json!({ "uri": URI });
            let params = match method {
                "textDocument/documentSymbol"
                | "textDocument/foldingRange"
                | "textDocument/semanticTokens/full"
                | "textDocument/documentLink" => json!({ "textDocument": document }),
                "textDocument/inlayHint" => json!({
                    "textDocument": document,
                    "range": { "start": position(&text, at), "end": position(&text, end) },
                }),
                "textDocument/codeAction" => json!({
                    "textDocument": document,
                    "range": { "start": position(&text, at), "end": position(&text, end) },
                    "context": { "diagnostics": [] },
                }),
                "textDocument/references" => json!({
                    "textDocument": document,
                    "position": position(&text, at),
                    "context": { "includeDeclaration": true },
                }),
                _ => json!({ "textDocument": document, "position": position(&text, at) }),
            };
            client.request(method, params).await;
        }
    }
    let edited = client.diagnostics(URI, version).await;
    client.notify("textDocument/didOpen", open(FRESH, &text)).await;
    let fresh = client.diagnostics(FRESH, 1).await;
    assert_eq!(edited, fresh, "final text: {text:?}");
    drop(client);
    let _ = tokio::time::timeout(Duration::from_secs(1), drain).await;
}

/// Runs one session on `data`.
pub fn run(data: &[u8]) {
    thread_local! {
        static RUNTIME: tokio::runtime::Runtime =
            tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    }
    RUNTIME.with(|runtime| runtime.block_on(session(data)));
}
