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
