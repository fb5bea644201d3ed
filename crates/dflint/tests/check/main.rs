//! `dflint check`, `dflint rule` and `dflint rules` end to end: snapshots of stdout, stderr and the
//! exit code (insta-cmd), run in the fixture folders so that paths in the output are stable.

mod config;
mod fix;
mod formats;
mod inputs;
mod rules;

use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/fixtures/NAME`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The binary, run in `dir`.
fn dflint(dir: &Path) -> Command {
    let mut command = Command::new(insta_cmd::get_cargo_bin("dflint"));
    command.current_dir(dir);
    command
}

/// A temporary folder holding `files` (path, bytes).
fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, bytes) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(path, bytes).expect("write file");
    }
    dir
}

/// Runs `command` and returns its exit code, stdout and stderr.
fn run(command: &mut Command) -> (i32, String, String) {
    let output = command.output().expect("run dflint");
    (
        output.status.code().expect("an exit code"),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

/// Runs `command` with `stdin` as its standard input.
fn run_with_stdin(command: &mut Command, stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child =
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn dflint");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    let output = child.wait_with_output().expect("wait for dflint");
    (
        output.status.code().expect("an exit code"),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}
