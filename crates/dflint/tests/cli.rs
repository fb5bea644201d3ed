//! The `dflint` binary end to end: exit codes and the shape of stdout and stderr.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary's result, with stdout and stderr as text.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn dflint(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dflint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn dflint");
    child.stdin.take().unwrap().write_all(stdin).expect("write stdin");
    let Output { status, stdout, stderr } = child.wait_with_output().expect("wait for dflint");
    Run {
        code: status.code().expect("exit code"),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// Writes `bytes` to `name` in a fresh temporary directory (kept alive by the returned guard).
fn file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    (dir, path)
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

#[test]
fn version() {
    let run = dflint(&["--version"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    // `dflint 0.1.0`, or `dflint 0.1.0 (abc1234)` when built from a git checkout (tests/integrations.rs).
    let version = format!("dflint {}", env!("CARGO_PKG_VERSION"));
    assert!(run.stdout == format!("{version}\n") || run.stdout.starts_with(&format!("{version} (")), "{}", run.stdout);
}

#[test]
fn usage_errors_exit_2() {
    for args in [&[][..], &["debug"], &["no-such-command"], &["debug", "tree"], &["debug", "tree", "a", "b"]] {
        let run = dflint(args, b"");
        assert_eq!(run.code, 2, "dflint {args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "dflint {args:?} printed to stdout: {}", run.stdout);
    }
}

#[test]
fn debug_tree_prints_the_tree() {
    let text = "FROM alpine\nRUN echo hi\n";
    let (_dir, path) = file("Dockerfile", text.as_bytes());
    let run = dflint(&["debug", "tree", arg(&path)], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let first = run.stdout.lines().next().unwrap_or_default();
    assert_eq!(first, format!("SOURCE_FILE@0..{}", text.len()));
    assert!(run.stdout.contains("KEYWORD@0..4 \"FROM\""), "{}", run.stdout);
}

#[test]
fn debug_tree_reports_errors_on_stderr_and_exits_0() {
    let (_dir, path) = file("Dockerfile", b"FROM alpine\nFOO bar\n");
    let run = dflint(&["debug", "tree", arg(&path)], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("SOURCE_FILE@"), "{}", run.stdout);
    assert!(!run.stderr.is_empty(), "no error for an unknown instruction");
    for line in run.stderr.lines() {
        let rest = line.strip_prefix(arg(&path)).and_then(|rest| rest.strip_prefix(':'));
        let rest = rest.unwrap_or_else(|| panic!("not FILE:LINE:COL: error: MESSAGE: {line}"));
        let mut parts = rest.splitn(3, ':');
        let line_no = parts.next().unwrap_or_default();
        let col = parts.next().unwrap_or_default();
        let message = parts.next().unwrap_or_default();
        assert!(line_no.parse::<u32>().is_ok_and(|n| n >= 1), "bad line number: {line}");
        assert!(col.parse::<u32>().is_ok_and(|n| n >= 1), "bad column: {line}");
        assert!(message.starts_with(" error: ") && message.len() > " error: ".len(), "{line}");
    }
    assert!(
        run.stderr.starts_with(&format!("{}:2:", arg(&path))),
        "the unknown instruction is on line 2: {}",
        run.stderr
    );
}

#[test]
fn debug_tokens_prints_a_json_array_of_all_tokens() {
    let text = "# syntax=docker/dockerfile:1\nFROM alpine AS é♥\r\nRUN echo \"hi\" \\\n  there\n";
    let (_dir, path) = file("Dockerfile", text.as_bytes());
    let run = dflint(&["debug", "tokens", arg(&path)], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tokens: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let tokens = tokens.as_array().expect("a JSON array");
    let mut concatenated = String::new();
    for token in tokens {
        let object = token.as_object().expect("each token is an object");
        assert_eq!(object.len(), 2, "{token}");
        assert!(object["kind"].as_str().is_some_and(|kind| !kind.is_empty()), "{token}");
        concatenated.push_str(object["text"].as_str().expect("text is a string"));
    }
    assert_eq!(concatenated, text, "the tokens' texts add up to the file");
    assert!(
        tokens.contains(&serde_json::json!({ "kind": "KEYWORD", "text": "FROM" })),
        "no KEYWORD FROM token in {}",
        run.stdout
    );
}

#[test]
fn debug_tokens_of_an_empty_file() {
    let (_dir, path) = file("Dockerfile", b"");
    let run = dflint(&["debug", "tokens", arg(&path)], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "[]\n");
}

#[test]
fn debug_buildkit_prints_the_dump() {
    let (_dir, path) = file("Dockerfile", b"FROM alpine\nRUN echo hi\n");
    let run = dflint(&["debug", "buildkit", arg(&path)], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "(from \"alpine\")\n(run \"echo hi\")\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn debug_buildkit_error_exits_1_with_file_and_line() {
    let (_dir, path) = file("Dockerfile", b"FROM alpine\nENV PATH\n");
    let run = dflint(&["debug", "buildkit", arg(&path)], b"");
    assert_eq!(run.code, 1, "stdout: {} stderr: {}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    let prefix = format!("{}:2: ", arg(&path));
    assert!(run.stderr.starts_with(&prefix), "expected `{prefix}MESSAGE`, got {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn stdin_is_read_for_dash() {
    let run = dflint(&["debug", "buildkit", "-"], b"FROM alpine\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "(from \"alpine\")\n");

    let run = dflint(&["debug", "tree", "-"], b"FROM alpine\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("SOURCE_FILE@0..12\n"), "{}", run.stdout);

    let run = dflint(&["debug", "tokens", "-"], b"FROM alpine\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("[\n"), "{}", run.stdout);

    let run = dflint(&["debug", "tree", "-"], b"FROM alpine\nFOO bar\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.starts_with("<stdin>:2:"), "{}", run.stderr);
}

#[test]
fn missing_file_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope.Dockerfile");
    for command in ["tree", "tokens", "buildkit"] {
        let run = dflint(&["debug", command, arg(&missing)], b"");
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{command}");
        assert!(
            run.stderr.starts_with(&format!("{}: error: cannot read file: ", arg(&missing))),
            "{command}: {}",
            run.stderr
        );
    }
}

#[test]
fn non_utf8_file_exits_2_with_position() {
    // `RUN é` is five characters (six bytes): the invalid byte is the sixth character of line 2.
    let (_dir, path) = file("Dockerfile", b"FROM alpine\nRUN \xc3\xa9\xff\n");
    for command in ["tree", "tokens", "buildkit"] {
        let run = dflint(&["debug", command, arg(&path)], b"");
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{command}");
        assert_eq!(run.stderr, format!("{}:2:6: error: file is not valid UTF-8\n", arg(&path)));
    }
}
