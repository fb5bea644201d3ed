//! An in-process client: requests go straight to the server's `LspService`, and what the server
//! sends to the client (diagnostics, registrations) is collected from its socket.

use std::time::Duration;

use dflint_lsp::Backend;
use futures::StreamExt;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tower::{Service, ServiceExt};
use tower_lsp_server::jsonrpc::{Error, Request};
use tower_lsp_server::LspService;

/// A client talking to a server in this process.
pub struct Client {
    service: LspService<Backend>,
    messages: mpsc::UnboundedReceiver<Request>,
    next_id: i64,
    /// The server's answer to `initialize`.
    pub initialize_result: Value,
}

/// A `file://` URI in a folder without a `.dflint.toml` above it.
pub fn uri(name: &str) -> String {
    format!("file:///dflint-test/{name}/Dockerfile")
}

/// The LSP position (UTF-16) of the `nth` occurrence of `needle` in `text`, plus `delta` bytes.
pub fn pos(text: &str, needle: &str, delta: usize) -> Value {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` in the text")) + delta;
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": character })
}

/// The text of `text` after applying LSP `edits` (ASCII text, so UTF-16 = bytes).
pub fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + character
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap().to_string()))
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, new) in edits {
        out.replace_range(s..e, &new);
    }
    out
}

impl Client {
    /// Starts a server and initializes it with `initialization_options`.
    pub async fn start(initialization_options: Value) -> Client {
        Client::start_with(initialization_options, json!({})).await
    }

    /// Starts a server with the given client capabilities.
    pub async fn start_with(initialization_options: Value, capabilities: Value) -> Client {
        let (service, socket) = dflint_lsp::service();
        let (tx, messages) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut socket = socket;
            while let Some(message) = socket.next().await {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client { service, messages, next_id: 1, initialize_result: Value::Null };
        let result = client
            .request(
                "initialize",
                json!({ "capabilities": capabilities, "initializationOptions": initialization_options }),
            )
            .await;
        assert_eq!(result["serverInfo"]["name"], "dflint");
        client.initialize_result = result;
        client.notify("initialized", json!({})).await;
        client
    }

    async fn call(&mut self, request: Request) -> Option<tower_lsp_server::jsonrpc::Response> {
        let service = self.service.ready().await.expect("the server is running");
        service.call(request).await.expect("the server is running")
    }

    /// Sends a request and returns its result, or the error.
    pub async fn try_request(&mut self, method: &str, params: Value) -> Result<Value, Error> {
        let id = self.next_id;
        self.next_id += 1;
        let request = Request::build(method.to_string()).params(params).id(id).finish();
        let response = self.call(request).await.expect("a response to a request");
        response.into_parts().1
    }

    /// Sends a request and returns its result.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.try_request(method, params).await.unwrap_or_else(|e| panic!("{method} failed: {e:?}"))
    }

    /// Sends a notification.
    pub async fn notify(&mut self, method: &str, params: Value) {
        let request = Request::build(method.to_string()).params(params).finish();
        assert!(self.call(request).await.is_none(), "no response to a notification");
    }

    /// The next `publishDiagnostics` for `uri`: (version, diagnostics).
    pub async fn diagnostics(&mut self, uri: &str) -> (Option<i64>, Vec<Value>) {
        loop {
            let message = tokio::time::timeout(Duration::from_secs(10), self.messages.recv())
                .await
                .expect("diagnostics within 10 s")
                .expect("the server is running");
            let (method, _, params) = message.into_parts();
            let params = params.unwrap_or_default();
            if method == "textDocument/publishDiagnostics" && params["uri"] == uri {
                let diagnostics = params["diagnostics"].as_array().cloned().unwrap_or_default();
                return (params["version"].as_i64(), diagnostics);
            }
        }
    }

    /// Is a message from the server waiting?
    pub fn has_message(&mut self) -> bool {
        !self.messages.is_empty()
    }

    /// Opens `text` as `uri` and returns the first diagnostics.
    pub async fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        let params = json!({ "textDocument": { "uri": uri, "languageId": "dockerfile", "version": 1, "text": text } });
        self.notify("textDocument/didOpen", params).await;
        self.diagnostics(uri).await.1
    }

    /// Replaces the text of `uri` (full sync) at `version`.
    pub async fn replace(&mut self, uri: &str, version: i64, text: &str) {
        let params = json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "text": text }],
        });
        self.notify("textDocument/didChange", params).await;
    }

    /// Hover at `position`: the markdown, or `None`.
    pub async fn hover(&mut self, uri: &str, position: Value) -> Option<String> {
        let result =
            self.request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": position })).await;
        result["contents"]["value"].as_str().map(str::to_string)
    }

    /// Completion labels at `position`.
    pub async fn completion_labels(&mut self, uri: &str, position: Value) -> Vec<String> {
        let result = self
            .request("textDocument/completion", json!({ "textDocument": { "uri": uri }, "position": position }))
            .await;
        result.as_array().map_or(Vec::new(), |items| {
            items.iter().map(|i| i["label"].as_str().unwrap_or_default().to_string()).collect()
        })
    }
}

/// The codes of LSP diagnostics.
pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().filter_map(|d| d["code"].as_str().map(str::to_string)).collect()
}
