//! `dflint fmt` end to end: files rewritten in place (permissions, byte-order mark and line endings
//! kept), `--check` and `--diff`, standard input, the `[format]` table, and exit codes.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn dflint(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dflint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn dflint");
    // dflint may exit without reading its input (a bad configuration): a broken pipe is no error.
    let written = child.stdin.take().expect("stdin").write_all(stdin);
    assert!(written.is_ok() || written.is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe));
    let Output { status, stdout, stderr } = child.wait_with_output().expect("wait for dflint");
    Run {
        code: status.code().expect("exit code"),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

const UGLY: &str = "from alpine\nrun apk add curl &&\\\n  rm -rf /var/cache/apk/*\n";
const PRETTY: &str = "FROM alpine\nRUN apk add curl \\\n    && rm -rf /var/cache/apk/*\n";

#[test]
fn formats_files_in_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("Dockerfile"), UGLY).expect("write");
    std::fs::write(dir.path().join("app.Dockerfile"), PRETTY).expect("write");
    let run = dflint(dir.path(), &["fmt"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "1 file reformatted, 1 file already formatted.\n");
    assert_eq!(std::fs::read_to_string(dir.path().join("Dockerfile")).expect("read"), PRETTY);
    let again = dflint(dir.path(), &["fmt", "--check"], b"");
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stderr, "0 files would be reformatted, 2 files already formatted.\n");
}

#[test]
fn check_and_diff_print_the_changes_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("Dockerfile");
    std::fs::write(&path, UGLY).expect("write");
    for flag in ["--check", "--diff"] {
        let run = dflint(dir.path(), &["fmt", flag, "Dockerfile"], b"");
        assert_eq!(run.code, 1, "{flag}: {}", run.stderr);
        assert!(
            run.stdout.starts_with("--- Dockerfile\n+++ Dockerfile\n@@ -1,3 +1,3 @@\n-from alpine\n"),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains("+    && rm -rf /var/cache/apk/*\n"), "{}", run.stdout);
        assert_eq!(run.stderr, "1 file would be reformatted, 0 files already formatted.\n");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), UGLY, "{flag} wrote the file");
    }
}

#[test]
fn standard_input_goes_to_standard_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = dflint(dir.path(), &["fmt", "-"], UGLY.as_bytes());
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, PRETTY, ""));
    // A file the formatter refuses is echoed as it is, with an error.
    let refused = "# escape=x\nrun  a\n";
    let run = dflint(dir.path(), &["fmt", "-"], refused.as_bytes());
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, refused);
    assert!(
        run.stderr.starts_with("<stdin>: error: not formatted: the parser directives are invalid"),
        "{}",
        run.stderr
    );
}

#[test]
fn byte_order_mark_line_endings_and_permissions_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("Dockerfile");
    std::fs::write(&path, "\u{feff}from a\r\nrun b \\\r\n c\r\n").expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    let run = dflint(dir.path(), &["fmt"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read(&path).expect("read"), "\u{feff}FROM a\r\nRUN b \\\r\n    c\r\n".as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}

#[test]
fn the_format_table_applies() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(".dflint.toml"), "[format]\nindent-width = 2\nuppercase-keywords = false\n")
        .expect("write");
    let run = dflint(dir.path(), &["fmt", "--stdin-filename", "Dockerfile"], b"run a \\\n b\n");
    assert_eq!((run.code, run.stdout.as_str()), (0, "run a \\\n  b\n"), "{}", run.stderr);
    std::fs::write(dir.path().join(".dflint.toml"), "[format]\nline-width = 0\n").expect("write");
    let run = dflint(dir.path(), &["fmt", "--stdin-filename", "Dockerfile"], b"RUN a\n");
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, ".dflint.toml:2:14: error: `line-width` must be between 1 and 10000\n");
}
