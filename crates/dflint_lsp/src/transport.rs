//! A guard in front of `tower-lsp-server`'s reader.
//!
//! Its framed reader stops for good at the first message it cannot decode (a body that is not
//! JSON, not a JSON-RPC message, or a header block without `Content-Length`), which would end the
//! session. The guard reads the frames itself, passes well-formed messages through unchanged, and
//! replaces a broken one with a `dflint/invalidMessage` request carrying a null id, which the
//! server answers with the JSON-RPC error a client expects (-32700 parse error, -32600 invalid
//! request), and goes on reading.

use serde::Deserialize;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Error, Request, Response, Result};

/// The method a broken message is replaced with.
pub const INVALID_MESSAGE: &str = "dflint/invalidMessage";

/// What was wrong with a message.
#[derive(Debug, Deserialize)]
pub struct InvalidMessage {
    /// `parse` (not JSON) or `invalid` (JSON, but not a JSON-RPC message).
    pub kind: String,
}

/// The error a broken message is answered with.
pub fn invalid_message_error(message: &InvalidMessage) -> Error {
    match message.kind.as_str() {
        "parse" => Error::parse_error(),
        _ => Error::invalid_request(),
    }
}

/// Copies LSP frames from `input` to `output` (the server's reader), replacing broken ones, until
/// `input` ends.
pub async fn guard(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) -> std::io::Result<()> {
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let mut line = String::new();
    let mut body = Vec::new();
    loop {
        // Headers, up to an empty line.
        let mut length: Option<usize> = None;
        let mut saw_header = false;
        loop {
            line.clear();
            if input.read_line(&mut line).await? == 0 {
                return output.shutdown().await;
            }
            let header = line.trim_end_matches(['\r', '\n']);
            if header.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((name, value)) = header.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().ok();
                }
            }
        }
        let replacement = match length {
            Some(length) => {
                body.resize(length, 0);
                input.read_exact(&mut body).await?;
                check(&body)
            }
            None => Some("invalid"),
        };
        let frame: &[u8] = match replacement {
            None => &body,
            Some(kind) => {
                body = serde_json::to_vec(&serde_json::json!({
                    "jsonrpc": "2.0", "id": null, "method": INVALID_MESSAGE, "params": { "kind": kind },
                }))
                .expect("a JSON value serializes");
                &body
            }
        };
        output.write_all(format!("Content-Length: {}\r\n\r\n", frame.len()).as_bytes()).await?;
        output.write_all(frame).await?;
        output.flush().await?;
    }
}

/// `None` when `body` is a message the server can decode, else what is wrong with it.
fn check(body: &[u8]) -> Option<&'static str> {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else { return Some("parse") };
    let decodes =
        serde_json::from_value::<Request>(value.clone()).is_ok() || serde_json::from_value::<Response>(value).is_ok();
    (!decodes).then_some("invalid")
}

/// Answers `dflint/invalidMessage`.
pub async fn answer(message: InvalidMessage) -> Result<()> {
    Err(invalid_message_error(&message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_bodies_as_the_server_would_decode_them() {
        assert_eq!(check(br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#), None);
        assert_eq!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#), None);
        assert_eq!(check(b"{not json"), Some("parse"));
        assert_eq!(check(b"[1, 2]"), Some("invalid"));
        assert_eq!(check(br#"{"id": 1}"#), Some("invalid"));
    }

    #[tokio::test]
    async fn replaces_broken_frames_and_keeps_going() {
        let input: &[u8] = b"Content-Length: 5\r\n\r\n{bad}X-Nonsense: 1\r\n\r\nContent-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}";
        let mut output = Vec::new();
        guard(input, &mut output).await.unwrap();
        let text = String::from_utf8(output).unwrap();
        assert_eq!(text.matches(INVALID_MESSAGE).count(), 2, "{text}");
        assert!(text.contains(r#""kind":"parse""#) && text.contains(r#""kind":"invalid""#), "{text}");
        assert!(text.ends_with("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}"), "{text}");
    }
}

/// Frames for the client, in the order they are to be written: the server's own (responses,
/// requests, notifications, cut out of `tower-lsp-server`'s writer by [`split_frames`]) and the
/// diagnostics the world serialises itself (see [`publish_frame`]). An empty frame ends the
/// writer.
pub type Frames = tokio::sync::mpsc::UnboundedSender<Vec<u8>>;

/// Cuts the byte stream `tower-lsp-server` writes into whole frames and queues them on `frames`,
/// until the stream ends.
pub async fn split_frames(mut input: impl AsyncRead + Unpin, frames: Frames) {
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match input.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        pending.extend_from_slice(&chunk[..n]);
        let complete = complete_frames(&pending);
        if complete > 0 {
            let rest = pending.split_off(complete);
            if frames.send(std::mem::replace(&mut pending, rest)).is_err() {
                return;
            }
        }
    }
    if !pending.is_empty() {
        let _ = frames.send(pending);
    }
}

/// The length of the whole frames at the start of `buffer`.
fn complete_frames(buffer: &[u8]) -> usize {
    let mut at = 0;
    loop {
        let rest = &buffer[at..];
        let Some(header_end) = rest.windows(4).position(|w| w == b"\r\n\r\n") else { return at };
        let header = String::from_utf8_lossy(&rest[..header_end]);
        let length = header.split("\r\n").find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok()).flatten()
        });
        // The server always writes a length; without one, pass everything on as it is.
        let Some(length) = length else { return buffer.len() };
        let end = header_end + 4 + length;
        if rest.len() < end {
            return at;
        }
        at += end;
    }
}

/// Writes the queued frames to `output` until an empty frame (or the end of the queue).
pub async fn write_frames(
    mut frames: tokio::sync::mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: impl AsyncWrite + Unpin,
) {
    while let Some(frame) = frames.recv().await {
        if frame.is_empty() {
            break;
        }
        if output.write_all(&frame).await.is_err() {
            return;
        }
        if frames.is_empty() && output.flush().await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
}

/// A `textDocument/publishDiagnostics` notification, framed: exactly the bytes
/// `tower-lsp-server`'s `Client::publish_diagnostics` writes (which serialises the parameters
/// into a `serde_json::Value` first, a map per object, then the value: twice the work on a big
/// document's hundreds of diagnostics).
pub fn publish_frame(params: &tower_lsp_server::ls_types::PublishDiagnosticsParams) -> Vec<u8> {
    let body = serde_json::to_vec(&wire::Notification {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: wire::Params::of(params),
    })
    .expect("diagnostics serialise");
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    frame
}

/// The notification's JSON, fields in the order `serde_json::Value` keeps them (sorted by name),
/// each one serialised as `ls_types` does.
mod wire {
    use serde::Serialize;
    use tower_lsp_server::ls_types::{
        CodeDescription, Diagnostic, DiagnosticSeverity, DiagnosticTag, NumberOrString, Position, Range, Uri,
    };

    #[derive(Serialize)]
    pub struct Notification<'a> {
        pub jsonrpc: &'static str,
        pub method: &'static str,
        pub params: Params<'a>,
    }

    #[derive(Serialize)]
    pub struct Params<'a> {
        diagnostics: Vec<WireDiagnostic<'a>>,
        uri: &'a Uri,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<i32>,
    }

    impl<'a> Params<'a> {
        pub fn of(params: &'a tower_lsp_server::ls_types::PublishDiagnosticsParams) -> Params<'a> {
            Params {
                diagnostics: params.diagnostics.iter().map(WireDiagnostic::of).collect(),
                uri: &params.uri,
                version: params.version,
            }
        }
    }

    #[derive(Serialize)]
    struct WireDiagnostic<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        code: Option<&'a NumberOrString>,
        #[serde(rename = "codeDescription", skip_serializing_if = "Option::is_none")]
        code_description: Option<&'a CodeDescription>,
        #[serde(skip_serializing_if = "Option::is_none")]
        data: Option<&'a serde_json::Value>,
        message: &'a str,
        range: WireRange,
        /// Rare: through a `Value`, whose maps keep their keys sorted.
        #[serde(rename = "relatedInformation", skip_serializing_if = "Option::is_none")]
        related_information: Option<serde_json::Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        severity: Option<&'a DiagnosticSeverity>,
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tags: Option<&'a Vec<DiagnosticTag>>,
    }

    impl<'a> WireDiagnostic<'a> {
        fn of(d: &'a Diagnostic) -> WireDiagnostic<'a> {
            WireDiagnostic {
                code: d.code.as_ref(),
                code_description: d.code_description.as_ref(),
                data: d.data.as_ref(),
                message: &d.message,
                range: WireRange::of(d.range),
                related_information: d
                    .related_information
                    .as_ref()
                    .map(|r| serde_json::to_value(r).expect("related information serialises")),
                severity: d.severity.as_ref(),
                source: d.source.as_deref(),
                tags: d.tags.as_ref(),
            }
        }
    }

    #[derive(Serialize)]
    struct WireRange {
        end: WirePosition,
        start: WirePosition,
    }

    impl WireRange {
        fn of(range: Range) -> WireRange {
            WireRange { end: WirePosition::of(range.end), start: WirePosition::of(range.start) }
        }
    }

    #[derive(Serialize)]
    struct WirePosition {
        character: u32,
        line: u32,
    }

    impl WirePosition {
        fn of(position: Position) -> WirePosition {
            WirePosition { character: position.character, line: position.line }
        }
    }
}

#[cfg(test)]
mod frame_tests {
    use super::*;
    use tower_lsp_server::ls_types::*;

    fn tower_frame(params: &PublishDiagnosticsParams) -> Vec<u8> {
        // What `Client::publish_diagnostics` sends: the parameters as a `Value`, in a request
        // without id, through the codec's `Content-Length` framing.
        let request =
            Request::build("textDocument/publishDiagnostics").params(serde_json::to_value(params).unwrap()).finish();
        let body = serde_json::to_string(&request).unwrap();
        format!("Content-Length: {}\r\n\r\n{}", body.len(), body).into_bytes()
    }

    #[test]
    fn publish_frames_are_the_bytes_tower_lsp_writes() {
        let uri: Uri = "file:///w/Docker%20file".parse().unwrap();
        let full = Diagnostic {
            range: Range::new(Position::new(3, 7), Position::new(12, 0)),
            severity: Some(DiagnosticSeverity::HINT),
            code: Some(NumberOrString::String("DL3008".into())),
            code_description: Some(CodeDescription { href: "https://example.com/a%20b.md".parse().unwrap() }),
            source: Some("dflint".into()),
            message: "quote \" backslash \\ tab \t newline \n unicode é \u{1} end".into(),
            related_information: Some(vec![DiagnosticRelatedInformation {
                location: Location { uri: uri.clone(), range: Range::default() },
                message: "here".into(),
            }]),
            tags: Some(vec![DiagnosticTag::DEPRECATED, DiagnosticTag::UNNECESSARY]),
            data: Some(serde_json::json!({"z": 1, "a": [true, null, "x"], "m": {"y": 2, "b": 3}})),
        };
        let bare = Diagnostic { range: Range::default(), message: String::new(), ..Diagnostic::default() };
        let number = Diagnostic { code: Some(NumberOrString::Number(-4)), ..bare.clone() };
        for (diagnostics, version) in
            [(vec![], None), (vec![bare.clone()], Some(0)), (vec![full.clone(), bare, number, full], Some(-3))]
        {
            let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, version);
            let ours = publish_frame(&params);
            assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(tower_frame(&params)).unwrap());
        }
    }

    #[test]
    fn frames_are_cut_whole() {
        let a = b"Content-Length: 2\r\n\r\n{}".to_vec();
        let b = b"Content-Length: 3\r\n\r\n[1]".to_vec();
        let both = [a.clone(), b.clone()].concat();
        assert_eq!(complete_frames(&both), both.len());
        assert_eq!(complete_frames(&both[..a.len() + 5]), a.len());
        assert_eq!(complete_frames(&both[..a.len() - 1]), 0);
        assert_eq!(complete_frames(b""), 0);
    }
}
