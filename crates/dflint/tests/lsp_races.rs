//! `dflint lsp` under races: the real binary over stdio gets 10,000 randomized incremental edits
//! (anywhere in the text, multi-byte UTF-8, CRLF line ends, several changes in one notification)
//! sent as fast as possible, with hover and completion requests interleaved and answered in any
//! order; its final diagnostics must equal a fresh lint of the final text. And its memory stays
//! flat across open/close cycles of a large file.

mod lsp_client;

use std::path::Path;
use std::time::{Duration, Instant};

use lsp_client::Server;
use serde_json::{json, Value};

/// A small, seeded random number generator (SplitMix64): the same edits on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SNIPPETS: &[&str] = &[
    "é",
    "日本語",
    "🐳",
    "\r\n",
    "\n",
    " ",
    "\t",
    "$",
    "${A:-x}",
    "\"",
    "'",
    "\\\r\n",
    "\\\n",
    "x",
    "FROM alpine:3.20 AS b\n",
    "FROM b\r\n",
    "ARG V=1\n",
    "ENV A=1 B=\"x y\" C=ü\r\n",
    "RUN echo \"ü $V\" && ls -la | grep x\r\n",
    "RUN apt-get update && apt-get install -y curl\n",
    "RUN cd /tmp && echo $A\n",
    "RUN <<EOF\necho hi 🐳\nEOF\n",
    "COPY --from=b /a /b\n",
    "# comment ✓\n",
    "# hadolint ignore=DL3008\n",
    "CMD [\"a\", \"b\"]\n",
    "HEALTHCHECK CMD curl -f http://x/ || exit 1\n",
    "USER app\n",
    "WORKDIR app\n",
    "EXPOSE 80/tcp\n",
    "ONBUILD RUN echo é\n",
];

const START: &str = "# syntax=docker/dockerfile:1\r\nFROM debian:12 AS base\r\nARG VERSION=1.0\r\nENV \
                     NAME=café\r\nRUN apt-get update && apt-get install -y curl \\\r\n    && echo \"日本 $VERSION\"\r\n\
                     COPY . /app\nWORKDIR /app\nFROM base\nRUN echo 🐳 $NAME\nCMD python -m app\n";

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

/// One random change to `text`: applied to it, and returned as an LSP content change.
fn random_change(rng: &mut Rng, text: &mut String) -> Value {
    let len = text.len();
    let delete_bias = if len > 6000 {
        70
    } else if len < 300 {
        10
    } else {
        40
    };
    let a = snap(text, rng.below(len + 1));
    let (b, insert) = if rng.below(100) < delete_bias {
        let span = if rng.below(10) == 0 { rng.below(400) } else { 1 + rng.below(30) };
        let b = snap(text, a + span).max(a);
        let insert = if rng.below(4) == 0 { rng.pick(SNIPPETS) } else { "" };
        (b, insert)
    } else {
        (a, rng.pick(SNIPPETS))
    };
    // Some clients send ranges end first.
    let (start, end) = if rng.below(20) == 0 { (b, a) } else { (a, b) };
    let change = json!({
        "range": { "start": position(text, start), "end": position(text, end) },
        "text": insert,
    });
    text.replace_range(a..b, insert);
    change
}

/// The diagnostics of a fresh lint of `text` as the server would publish them: (code, message,
/// start, end).
fn fresh_lint(uri_path: &str, text: &str) -> Vec<(String, String, Value, Value)> {
    let cwd = std::env::current_dir().unwrap();
    let mut discovery = dflint_config::Discovery::new(&cwd, dflint_config::Overrides::default()).unwrap();
    let config = discovery.config_for(Path::new(uri_path)).unwrap();
    let parse = dflint_syntax::parse(text);
    dflint_lint::lint_file(&parse, &config.settings, Some(Path::new(uri_path)))
        .iter()
        .map(|d| {
            let start = position(text, usize::from(d.range.start()));
            let end = position(text, usize::from(d.range.end()));
            (d.rule.code.to_string(), d.message.clone(), start, end)
        })
        .collect()
}

fn published(diagnostics: &[Value]) -> Vec<(String, String, Value, Value)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["message"].as_str().unwrap_or_default().to_string(),
                d["range"]["start"].clone(),
                d["range"]["end"].clone(),
            )
        })
        .collect()
}

#[test]
fn ten_thousand_random_edits_with_requests_in_flight() {
    const EDITS: usize = 10_000;
    let path = "/dflint-races/edits/Dockerfile";
    let uri = format!("file://{path}");
    let mut server = Server::start();
    let mut text = START.to_string();
    server.open(&uri, &text);
    let mut rng = Rng(0x00df_1157);
    let mut requests = Vec::new();
    let mut version = 1;
    let started = Instant::now();
    for i in 0..EDITS {
        version += 1;
        let changes: Vec<Value> = if i % 23 == 0 {
            (0..2 + rng.below(3)).map(|_| random_change(&mut rng, &mut text)).collect()
        } else {
            vec![random_change(&mut rng, &mut text)]
        };
        server.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
        if i % 7 == 3 || i % 11 == 5 {
            let at = snap(&text, rng.below(text.len() + 1));
            let method = if i % 7 == 3 { "textDocument/hover" } else { "textDocument/completion" };
            let params = json!({ "textDocument": { "uri": uri }, "position": position(&text, at) });
            requests.push(server.send_request(method, params));
        }
    }
    // Every request gets an answer, none an error (answers come in any order).
    for id in requests.iter().rev() {
        let response = server.response(*id);
        assert!(response.get("error").is_none() && response.get("result").is_some(), "{response}");
    }
    // The final findings come at once, ShellCheck's once the document is idle: wait for the
    // publication of the final version that equals a fresh lint.
    let want = fresh_lint(path, &text);
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut got = Vec::new();
    while Instant::now() < deadline {
        let message =
            server.wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str());
        if message["params"]["version"] != version {
            continue;
        }
        got = published(message["params"]["diagnostics"].as_array().unwrap());
        if got == want {
            break;
        }
    }
    assert_eq!(got, want, "final text:\n{text}");
    // A fresh document with the same text gets the same findings (without ShellCheck's first).
    let fresh = server.open("file:///dflint-races/fresh/Dockerfile", &text);
    let others: Vec<_> = want.iter().filter(|d| !d.0.starts_with("SC")).cloned().collect();
    assert_eq!(published(&fresh), others);
    eprintln!(
        "{EDITS} edits, {} requests, {} bytes at the end, {} findings, {:.1} s",
        requests.len(),
        text.len(),
        want.len(),
        started.elapsed().as_secs_f64()
    );
    server.shutdown();
}

/// VmRSS of a process, in kB.
fn vm_rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
#[cfg(target_os = "linux")]
fn memory_stays_flat_across_open_close_cycles() {
    const BLOCK: &str = "ARG VERSION=1.0\nENV PATH=/opt/app/bin:$PATH LANG=C.UTF-8\nRUN apt-get update && \
                         apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY --chown=app:app \
                         requirements.txt /opt/app/\nWORKDIR /opt/app\nLABEL version=$VERSION\nRUN <<EOF\nset \
                         -e\necho $VERSION\nEOF\n# a comment\nCMD python -m app\n";
    let mut text = String::from("FROM alpine:3.20 AS base\n");
    while text.matches('\n').count() < 1000 {
        text.push_str(BLOCK);
    }
    let uri = "file:///dflint-races/memory/Dockerfile";
    let mut server = Server::start();
    let pid = server.child.id();
    let mut after_10 = 0;
    for cycle in 1..=100 {
        server.open(uri, &text);
        server.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
        let cleared = server.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["diagnostics"].as_array().is_some_and(Vec::is_empty)
        });
        assert!(cleared["params"]["version"].is_null());
        if cycle == 10 {
            after_10 = vm_rss_kb(pid);
        }
    }
    let after_100 = vm_rss_kb(pid);
    eprintln!("VmRSS after 10 cycles: {after_10} kB, after 100: {after_100} kB");
    assert!(after_100 * 100 < after_10 * 120, "VmRSS grew from {after_10} kB to {after_100} kB");
    server.shutdown();
}
