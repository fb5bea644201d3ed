//! What gets linted: named files, folders (searched for Dockerfiles, honouring .gitignore),
//! standard input; and the errors for files that cannot be read.

use insta_cmd::assert_cmd_snapshot;

use crate::{dflint, fixture, run, run_with_stdin, tree};

#[test]
fn clean_file() {
    assert_cmd_snapshot!(dflint(&fixture("clean")).args(["check", "Dockerfile"]));
}

#[test]
fn paths_without_check() {
    let (code, stdout, _) = run(dflint(&fixture("findings")).args(["--format", "gnu", "Dockerfile"]));
    let (check_code, check_stdout, _) =
        run(dflint(&fixture("findings")).args(["check", "--format", "gnu", "Dockerfile"]));
    assert_eq!((code, &stdout), (check_code, &check_stdout));
    assert_eq!(code, 1);
}

#[test]
fn stdin_with_a_name() {
    let text = std::fs::read_to_string(fixture("findings").join("Dockerfile")).expect("fixture");
    assert_cmd_snapshot!(dflint(&fixture("findings"))
        .args(["check", "--format", "gnu", "--stdin-filename", "web/Dockerfile", "-"])
        .pass_stdin(text));
}

#[test]
fn stdin_without_a_name() {
    assert_cmd_snapshot!(dflint(&fixture("clean"))
        .args(["check", "--format", "gnu", "-"])
        .pass_stdin("FROM a\nCMD run\n"));
}

#[test]
fn stdin_name_finds_the_configuration() {
    // `legacy/` ignores DL3025 in fixtures/config; `--stdin-filename` alone reads standard input.
    let text = "FROM node:22\nCMD node server.js\n";
    let mut command = dflint(&fixture("config"));
    command.args(["check", "--format", "gnu", "--stdin-filename", "legacy/Dockerfile"]);
    let (code, stdout, stderr) = run_with_stdin(&mut command, text);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let mut command = dflint(&fixture("config"));
    command.args(["check", "--format", "gnu", "--stdin-filename", "Dockerfile"]);
    let (code, stdout, _) = run_with_stdin(&mut command, text);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("Dockerfile:2:5: info: "), "{stdout}");
}

const CMD: &[u8] = b"FROM alpine\nCMD run\n";

fn project() -> tempfile::TempDir {
    tree(&[
        (".gitignore", b"ignored/\nbuild.Dockerfile\n"),
        ("Dockerfile", CMD),
        ("app/Containerfile", CMD),
        ("app/Dockerfile.dev", CMD),
        ("app/web.dockerfile", CMD),
        ("app/Api.Dockerfile", CMD),
        ("app/Dockerfile-old", CMD),
        ("app/README.md", CMD),
        ("build.Dockerfile", CMD),
        ("ignored/Dockerfile", CMD),
        (".hidden/Dockerfile", CMD),
        ("docs/.ignore", b"Dockerfile\n"),
        ("docs/Dockerfile", CMD),
    ])
}

#[test]
fn folder() {
    let dir = project();
    // Not linted: `Dockerfile-old` and `README.md` (names), `build.Dockerfile` and `ignored/`
    // (.gitignore), `.hidden/` (hidden), `docs/Dockerfile` (.ignore).
    assert_cmd_snapshot!(dflint(dir.path()).args(["check", "--format", "gnu"]));
}

#[test]
fn folder_named_and_ignored_file_named() {
    let dir = project();
    // A file named on the command line is linted even when it is ignored.
    let mut command = dflint(dir.path());
    command.args(["check", "--format", "gnu", "app", "ignored/Dockerfile", "./app/Containerfile"]);
    assert_cmd_snapshot!(command);
}

#[test]
fn folder_without_dockerfiles() {
    let dir = tree(&[("README.md", b"nothing\n")]);
    assert_cmd_snapshot!(dflint(dir.path()).arg("check"));
}

#[test]
fn missing_file() {
    assert_cmd_snapshot!(dflint(&fixture("clean")).args(["check", "nope/Dockerfile"]));
}

#[test]
fn missing_file_and_findings() {
    // The findings of the files that could be read are printed; the exit code is 2.
    assert_cmd_snapshot!(dflint(&fixture("findings")).args([
        "check",
        "--format",
        "gnu",
        "Dockerfile",
        "missing.Dockerfile"
    ]));
}

#[test]
fn not_utf8() {
    // `RUN é` is five characters (six bytes): the invalid byte is the sixth character of line 2.
    let dir = tree(&[("Dockerfile", b"FROM alpine\nRUN \xc3\xa9\xff\n")]);
    assert_cmd_snapshot!(dflint(dir.path()).args(["check", "Dockerfile"]));
}

#[test]
fn colour() {
    let always = run(dflint(&fixture("findings")).args(["check", "--color", "always", "Dockerfile"]));
    assert!(always.1.contains("\u{1b}["), "--color always colours: {}", always.1);
    let never = run(dflint(&fixture("findings")).args(["check", "--color", "never", "Dockerfile"]));
    assert!(!never.1.contains('\u{1b}'));
    // `auto` and a pipe: no colour.
    let auto = run(dflint(&fixture("findings")).args(["check", "Dockerfile"]).env_remove("NO_COLOR"));
    assert_eq!(auto.1, never.1);
}
