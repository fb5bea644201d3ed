//! `dflint migrate`: a hadolint configuration using every key of hadolint's schema becomes a
//! `.dflint.toml` that resolves to the same settings, and gives the same findings, as reading the
//! `.hadolint.yaml` directly.

use std::path::Path;
use std::process::{Command, Output};

use dflint_config::{Config, Overrides};

/// Every key hadolint 2.15 reads from its configuration file.
const HADOLINT_YAML: &str = "\
ignored:
  - DL3007
  - SC2086
override:
  error:
    - DL3006
  warning:
    - DL3048
  info:
    - DL3057
  style:
    - DL3059
failure-threshold: warning
trustedRegistries:
  - docker.io
  - \"registry.example.com:5000\"
label-schema:
  maintainer: text
  org.opencontainers.image.version: semver
  org.opencontainers.image.source: url
strict-labels: true
disable-ignore-pragma: true
no-fail: false
format: json
no-color: true
verbose: false
";

const DOCKERFILES: [(&str, &str); 3] = [
    ("a/Dockerfile", "FROM alpine:latest\nLABEL Maintainer=x\nRUN a\nRUN b\n"),
    (
        "b/Dockerfile",
        "FROM quay.io/team/app:1.0 AS build\n# hadolint ignore=DL3026\nFROM ubuntu\nLABEL maintainer=\"\" \\\n      org.opencontainers.image.version=v1 org.opencontainers.image.source=x\nCOPY --from=build /a /a\n",
    ),
    ("c/Dockerfile", "FROM registry.example.com:5000/app:1.2\nLABEL maintainer=jane org.opencontainers.image.version=1.0.0\nHEALTHCHECK NONE\n"),
];

fn dflint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dflint")).args(args).current_dir(dir).output().expect("run dflint")
}

#[test]
fn migrated_configuration_is_equivalent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(root.join(".hadolint.yaml"), HADOLINT_YAML).unwrap();
    for (path, text) in DOCKERFILES {
        std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        std::fs::write(root.join(path), text).unwrap();
    }

    // --stdout prints, and names what has no equivalent.
    let printed = dflint(root, &["migrate", "--stdout"]);
    assert_eq!(printed.status.code(), Some(0), "{}", String::from_utf8_lossy(&printed.stderr));
    let stderr = String::from_utf8(printed.stderr).unwrap();
    assert!(stderr.contains("no-color"), "{stderr}");
    // ShellCheck codes are dflint codes too (DF160 reports them): they migrate like DL codes.
    assert!(String::from_utf8_lossy(&printed.stdout).contains("SC2086"), "SC2086 is migrated");
    assert!(!root.join(".dflint.toml").exists(), "--stdout writes nothing");

    // Writing, then refusing to overwrite without --force.
    assert_eq!(dflint(root, &["migrate"]).status.code(), Some(0));
    let written = std::fs::read_to_string(root.join(".dflint.toml")).unwrap();
    assert_eq!(written, String::from_utf8(printed.stdout).unwrap());
    let again = dflint(root, &["migrate", "."]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(dflint(root, &["migrate", ".hadolint.yaml", "--force"]).status.code(), Some(0));

    // The same resolved settings.
    let overrides = Overrides::default();
    let from_yaml = Config::load(&root.join(".hadolint.yaml"), Path::new(".hadolint.yaml"), &overrides).unwrap();
    let from_toml = Config::load(&root.join(".dflint.toml"), Path::new(".dflint.toml"), &overrides).unwrap();
    assert_eq!(format!("{:?}", from_yaml.settings), format!("{:?}", from_toml.settings));
    assert_eq!(from_yaml.fail_level, from_toml.fail_level);
    assert_eq!(from_yaml.output_format, from_toml.output_format);
    assert_eq!(from_yaml.output_format, Some(dflint_config::OutputFormat::Json));
    assert!(from_yaml.settings.strict_labels && !from_yaml.settings.honor_pragmas);

    // The same findings and exit codes, with each file given to --config, and by discovery.
    let dockerfiles: Vec<&str> = DOCKERFILES.iter().map(|(path, _)| *path).collect();
    let run = |config: &str| {
        let mut args = vec!["check", "--config", config];
        args.extend(&dockerfiles);
        dflint(root, &args)
    };
    let yaml = run(".hadolint.yaml");
    let toml = run(".dflint.toml");
    let yaml_out = String::from_utf8(yaml.stdout).unwrap();
    assert_eq!(yaml_out, String::from_utf8(toml.stdout).unwrap());
    assert_eq!(yaml.status.code(), toml.status.code());
    assert_eq!(yaml.status.code(), Some(1), "DL3026 is an error here, and the threshold is warning");
    for code in ["DL3006", "DL3026", "DL3048", "DL3049", "DL3050", "DL3051", "DL3052", "DL3056", "DL3057", "DL3059"] {
        assert!(yaml_out.contains(&format!("\"code\": \"{code}\"")), "{code} missing from:\n{yaml_out}");
    }
    assert!(!yaml_out.contains("\"DL3007\""), "DL3007 is ignored");
    let mut discovered_args = vec!["check"];
    discovered_args.extend(&dockerfiles);
    let discovered = dflint(root, &discovered_args);
    assert_eq!(String::from_utf8(discovered.stdout).unwrap(), yaml_out, "the .dflint.toml is found in the folder");
    std::fs::remove_file(root.join(".dflint.toml")).unwrap();
    let hadolint_discovered = dflint(root, &discovered_args);
    assert_eq!(String::from_utf8(hadolint_discovered.stdout).unwrap(), yaml_out, "and so is the .hadolint.yaml");
}

#[test]
fn migrate_reports_errors_with_their_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(".hadolint.yml"), "ignored:\n  - DL3007\nstrict-labels: sometimes\n").unwrap();
    let out = dflint(dir.path(), &["migrate", "--stdout", "."]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("./.hadolint.yml:3:16: error: `strict-labels` must be true or false"), "{stderr}");
    let empty = tempfile::tempdir().expect("temp dir");
    let none = dflint(empty.path(), &["migrate", "--stdout", "."]);
    assert_eq!(none.status.code(), Some(2));
}

#[test]
fn check_reports_a_bad_hadolint_file_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("Dockerfile"), "FROM alpine:3.20\n").unwrap();
    std::fs::write(dir.path().join(".hadolint.yaml"), "ignored:\n  - DL3007\nfailure-threshold: loud\n").unwrap();
    for args in [&["check", "Dockerfile"][..], &["check", "--config", ".hadolint.yaml", "Dockerfile"][..]] {
        let out = dflint(dir.path(), args);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with(".hadolint.yaml:3:20: error: unknown failure-threshold `loud`"), "{stderr}");
    }
}
