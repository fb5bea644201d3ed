//! `.dflint.toml` as the binary sees it: discovery, severities, per-file ignores, errors, and the
//! exit codes of `--fail-level` and `--no-fail`.

use insta_cmd::assert_cmd_snapshot;

use crate::{dflint, fixture, run, tree};

#[test]
fn discovered_configuration() {
    // `fixtures/config/.dflint.toml`: LABEL before FROM ignored, DL3025 as info, DF002 as style,
    // DL3025 ignored under `legacy/`. Info is at the default fail level: exit code 1.
    assert_cmd_snapshot!(dflint(&fixture("config")).arg("check"));
}

#[test]
fn fail_levels() {
    // Findings there: one info, one style.
    for (args, expected) in [
        (&[][..], 1),
        (&["--fail-level", "info"], 1),
        (&["--fail-level", "style"], 1),
        (&["--fail-level", "warning"], 0),
        (&["--fail-level", "error"], 0),
        (&["--fail-level", "none"], 0),
        (&["--no-fail"], 0),
        (&["--fail-level", "style", "--no-fail"], 0),
    ] {
        let (code, _, stderr) = run(dflint(&fixture("config")).arg("check").args(args));
        assert_eq!(code, expected, "dflint check {args:?}: {stderr}");
    }
    let (code, _, _) = run(dflint(&fixture("findings")).args(["check", "--fail-level", "error"]));
    assert_eq!(code, 1, "an error fails at --fail-level error");
}

#[test]
fn fail_level_from_the_configuration() {
    let dir = tree(&[(".dflint.toml", b"fail-level = \"error\"\n"), ("Dockerfile", b"FROM a\nCMD run\n")]);
    let (code, stdout, _) = run(dflint(dir.path()).arg("check"));
    assert_eq!(code, 0, "a warning is below `fail-level = \"error\"`: {stdout}");
    let (code, _, _) = run(dflint(dir.path()).args(["check", "--fail-level", "warning"]));
    assert_eq!(code, 1, "the command line wins");
}

#[test]
fn bad_configuration() {
    assert_cmd_snapshot!(dflint(&fixture("bad-config")).arg("check"));
}

#[test]
fn bad_configuration_given_with_config() {
    assert_cmd_snapshot!(dflint(&fixture("clean")).args(["check", "--config", "../bad-config/.dflint.toml"]));
}

#[test]
fn config_option_replaces_discovery() {
    let dir = tree(&[("strict.toml", b"select = [\"DL3025\"]\n[severity]\nDL3025 = \"error\"\n")]);
    let config = dir.path().join("strict.toml");
    let (code, stdout, stderr) =
        run(dflint(&fixture("config")).args(["check", "--format", "gnu", "--config"]).arg(&config));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout,
        "Dockerfile:4:5: error: Use exec form (JSON array) for `CMD` so the process receives signals: `CMD [\"...\"]` [DL3025]\n\
         legacy/Dockerfile:2:5: error: Use exec form (JSON array) for `CMD` so the process receives signals: `CMD [\"...\"]` [DL3025]\n"
    );
}

#[test]
fn command_line_selection() {
    let (code, stdout, _) =
        run(dflint(&fixture("findings")).args(["check", "--format", "gnu", "--select", "DL3025,DL3061"]));
    assert_eq!(code, 1);
    let codes: Vec<&str> = stdout.lines().map(|l| &l[l.rfind('[').expect("a code")..]).collect();
    assert_eq!(codes, ["[DL3061]", "[DL3025]", "[DL3025]"]);

    let args = ["check", "--format", "gnu", "--ignore", "DL3025", "--ignore", "instruction-before-from,DF"];
    let (code, stdout, _) = run(dflint(&fixture("findings")).args(args));
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn unknown_rule_in_select() {
    assert_cmd_snapshot!(dflint(&fixture("findings")).args(["check", "--select", "DL3025,DL9999"]));
}
