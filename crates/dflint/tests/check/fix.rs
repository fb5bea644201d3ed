//! `--fix`, `--unsafe-fixes` and `--diff`, on temporary copies.

use insta_cmd::assert_cmd_snapshot;

use crate::{dflint, fixture, run, run_with_stdin, tree};

/// A file with a byte-order mark and CRLF line endings: a safe fix (DF002), an unsafe one (DF001)
/// and a finding without a fix (DL3061).
const CRLF: &str =
    "\u{feff}LABEL a=b\r\nFROM nginx:1.27\r\nCOPY ['site/', '/srv/']\r\nCMD [\"nginx -g daemon-off\"]\r\n";

#[test]
fn fix_keeps_the_bom_and_line_endings() {
    let dir = tree(&[("Dockerfile", CRLF.as_bytes())]);
    assert_cmd_snapshot!(dflint(dir.path()).args(["check", "--fix", "Dockerfile"]));
    let fixed = std::fs::read_to_string(dir.path().join("Dockerfile")).expect("read back");
    assert_eq!(
        fixed,
        "\u{feff}LABEL a=b\r\nFROM nginx:1.27\r\nCOPY [\"site/\", \"/srv/\"]\r\nCMD [\"nginx -g daemon-off\"]\r\n"
    );
}

#[test]
fn unsafe_fixes() {
    let dir = tree(&[("Dockerfile", CRLF.as_bytes())]);
    let (code, stdout, stderr) = run(dflint(dir.path()).args(["check", "--fix", "--unsafe-fixes", "--format", "gnu"]));
    assert_eq!(code, 1, "DL3061 remains: {stdout}{stderr}");
    assert_eq!(stderr, "Fixed 2 problems.\n");
    assert!(stdout.starts_with("Dockerfile:1:1: error: `LABEL` comes before the first `FROM`"), "{stdout}");
    let fixed = std::fs::read_to_string(dir.path().join("Dockerfile")).expect("read back");
    assert_eq!(
        fixed,
        "\u{feff}LABEL a=b\r\nFROM nginx:1.27\r\nCOPY [\"site/\", \"/srv/\"]\r\nCMD [\"nginx\", \"-g\", \"daemon-off\"]\r\n"
    );
}

#[test]
fn fix_everything_exits_0() {
    let dir = tree(&[("Dockerfile", b"FROM nginx:1.27\nCOPY ['site/', '/srv/']\n")]);
    assert_cmd_snapshot!(dflint(dir.path()).args(["check", "--fix"]));
    let fixed = std::fs::read_to_string(dir.path().join("Dockerfile")).expect("read back");
    assert_eq!(fixed, "FROM nginx:1.27\nCOPY [\"site/\", \"/srv/\"]\n");
}

#[test]
fn diff_writes_nothing() {
    let original = std::fs::read_to_string(fixture("findings").join("Dockerfile")).expect("fixture");
    let dir = tree(&[("Dockerfile", original.as_bytes())]);
    assert_cmd_snapshot!(dflint(dir.path()).args(["check", "--diff", "--unsafe-fixes"]));
    let after = std::fs::read_to_string(dir.path().join("Dockerfile")).expect("read back");
    assert_eq!(after, original, "--diff writes nothing");
}

#[test]
fn diff_with_nothing_to_fix() {
    // DL3061 and DL3025 without a fix remain, but --diff only tells whether there are changes.
    let dir = tree(&[("Dockerfile", b"LABEL a=b\nFROM alpine\nCMD echo \"$HOME\"\n")]);
    let (code, stdout, stderr) = run(dflint(dir.path()).args(["check", "--diff"]));
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", "Would fix 0 problems.\n"));
}

#[test]
fn fix_stdin_prints_the_fixed_text() {
    let mut command = dflint(&fixture("clean"));
    command.args(["check", "--fix", "-"]);
    assert_cmd_snapshot!(command.pass_stdin("FROM nginx:1.27\nCOPY ['a', '/b/']\nCMD nginx\n"));
}

#[test]
fn fix_stdin_keeps_the_bom_and_line_endings() {
    let mut command = dflint(&fixture("clean"));
    command.args(["check", "--fix", "--quiet", "--format", "gnu", "-"]);
    let (code, stdout, stderr) = run_with_stdin(&mut command, CRLF);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout,
        "\u{feff}LABEL a=b\r\nFROM nginx:1.27\r\nCOPY [\"site/\", \"/srv/\"]\r\nCMD [\"nginx -g daemon-off\"]\r\n"
    );
    assert!(stderr.starts_with("<stdin>:1:1: error: "), "the findings go to stderr: {stderr}");
}
