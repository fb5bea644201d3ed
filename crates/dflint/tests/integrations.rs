//! The integrations around the binary: the generated reference docs, the JSON schema of the
//! configuration, shell completions and the man page, the GitHub Action, the pre-commit hooks,
//! the project's own Dockerfile, and standard input piped into `dflint check`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the repository root")
}

/// Runs the binary in `dir` with `stdin` (`None`: no standard input, as from /dev/null).
fn dflint(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dflint"));
    command.current_dir(dir).args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = command.spawn().expect("spawn dflint");
    if let Some(bytes) = stdin {
        child.stdin.take().expect("stdin").write_all(bytes).expect("write stdin");
    }
    let output = child.wait_with_output().expect("wait for dflint");
    (
        output.status.code().expect("an exit code"),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

fn yaml(path: &Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", path.display()))
}

#[test]
fn generated_docs_are_up_to_date() {
    let root = root();
    let (code, _, stderr) = dflint(&root, &["generate-docs", "--check", "--root", root.to_str().unwrap()], None);
    assert_eq!(
        code, 0,
        "docs/rules/, docs/rules.md, docs/configuration.md or docs/dflint.schema.json are out of date; \
         regenerate them with `cargo run -p dflint -- generate-docs` (from the repository root):\n{stderr}"
    );
}

#[test]
fn generate_docs_writes_and_then_finds_nothing_stale() {
    // A scratch copy of the layout the command expects: it writes every file, removes the page of
    // a rule that is gone, and a second --check passes.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("crates/dflint_lint")).unwrap();
    std::fs::create_dir_all(dir.path().join("docs/rules")).unwrap();
    std::fs::write(dir.path().join("docs/rules/dl0000-gone.md"), "old").unwrap();
    let root = dir.path().to_str().unwrap();
    let (code, _, stderr) = dflint(dir.path(), &["generate-docs", "--check", "--root", root], None);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cargo run -p dflint -- generate-docs"), "{stderr}");
    let (code, _, stderr) = dflint(dir.path(), &["generate-docs", "--root", root], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(!dir.path().join("docs/rules/dl0000-gone.md").exists());
    assert!(dir.path().join("docs/rules/dl3025-json-args-recommended.md").exists());
    let (code, _, stderr) = dflint(dir.path(), &["generate-docs", "--check", "--root", root], None);
    assert_eq!(code, 0, "{stderr}");
    // Not a repository root: a clear error.
    let (code, _, stderr) = dflint(dir.path(), &["generate-docs", "--root", "docs"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("not the dflint repository root"), "{stderr}");
}

#[test]
fn the_json_schema_accepts_the_documented_example_and_rejects_mistakes() {
    let root = root();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("docs/dflint.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON schema");
    let docs = std::fs::read_to_string(root.join("docs/configuration.md")).unwrap();
    let example = docs.split("```toml\n").nth(1).and_then(|s| s.split("```").next()).expect("a TOML example");
    let as_json = |text: &str| serde_json::to_value(toml::from_str::<toml::Table>(text).unwrap()).unwrap();
    let errors: Vec<String> = validator.iter_errors(&as_json(example)).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    for bad in [
        "unknown-key = 1",
        "fail-level = \"loud\"",
        "select = \"DL3008\"",
        "[format]\nindent-width = 40",
        "[severity]\nDL3008 = \"fatal\"",
        "[[per-file-ignores]]\nignore = [\"DL3008\"]",
    ] {
        assert!(!validator.is_valid(&as_json(bad)), "the schema accepts `{bad}`");
        assert!(dflint_config_rejects(bad), "dflint accepts `{bad}` but the schema does not");
    }
}

/// Does `dflint check` reject this configuration (exit code 2)?
fn dflint_config_rejects(config: &str) -> bool {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(".dflint.toml"), config).unwrap();
    std::fs::write(dir.path().join("Dockerfile"), "FROM alpine:3.20\n").unwrap();
    dflint(dir.path(), &["check", "Dockerfile"], None).0 == 2
}

#[test]
fn completions_for_each_shell() {
    let root = root();
    for (shell, checker) in
        [("bash", Some(["bash", "-n"])), ("zsh", Some(["zsh", "-n"])), ("fish", Some(["fish", "--no-execute"]))]
    {
        let (code, script, stderr) = dflint(&root, &["completions", shell], None);
        assert_eq!(code, 0, "{stderr}");
        for word in ["dflint", "check", "fmt", "format", "fail-level", "sarif", "completions"] {
            assert!(script.contains(word), "{shell} completions lack `{word}`");
        }
        assert!(!script.contains("generate-docs"), "{shell} completions offer the hidden generate-docs");
        // When the shell is installed, the script must at least parse.
        if let Some([program, flag]) = checker {
            let Ok(mut child) = Command::new(program).arg(flag).stdin(Stdio::piped()).stderr(Stdio::piped()).spawn()
            else {
                // .ci/run installs the shells.
                assert!(std::env::var_os("CI").is_none(), "{program} is not installed");
                continue;
            };
            child.stdin.take().unwrap().write_all(script.as_bytes()).unwrap();
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "{program} rejects the script: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    let (code, _, _) = dflint(&root, &["completions", "tcsh"], None);
    assert_eq!(code, 2);
}

#[test]
fn man_page() {
    let root = root();
    let (code, page, stderr) = dflint(&root, &["man"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(page.contains(".TH dflint 1"), "{page}");
    assert!(page.contains("check") && page.contains("completions"), "{page}");
    assert!(page.contains(env!("CARGO_PKG_VERSION")));
    let (code, page, stderr) = dflint(&root, &["man", "check"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(page.contains(".TH dflint-check 1") && page.contains("fail\\-level"), "{page}");
    assert_eq!(dflint(&root, &["man", "nonsense"], None).0, 2);
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, _, stderr) = dflint(&root, &["man", "--dir", dir.path().to_str().unwrap()], None);
    assert_eq!(code, 0, "{stderr}");
    let check = std::fs::read_to_string(dir.path().join("dflint-check.1")).expect("dflint-check.1");
    assert!(check.contains("fail\\-level"), "{check}");
    assert!(dir.path().join("dflint.1").exists());
}

#[test]
fn version_names_the_commit_when_built_from_git() {
    let (code, stdout, _) = dflint(&root(), &["--version"], None);
    assert_eq!(code, 0);
    let version = format!("dflint {}", env!("CARGO_PKG_VERSION"));
    assert!(stdout == format!("{version}\n") || stdout.starts_with(&format!("{version} (")), "{stdout}");
    if std::env::var_os("DFLINT_COMMIT").is_none() {
        let git = Command::new("git").args(["rev-parse", "--short", "HEAD"]).current_dir(root()).output();
        if let Some(git) = git.ok().filter(|g| g.status.success()) {
            let commit = String::from_utf8_lossy(&git.stdout).trim().to_owned();
            assert_eq!(stdout, format!("{version} ({commit})\n"));
        }
    }
    assert!(!stdout.contains('/'), "a path leaked into the version: {stdout}");
}

#[test]
fn own_dockerfile_and_the_clean_corpus_have_no_findings() {
    let (code, stdout, stderr) =
        dflint(&root(), &["check", "--format", "gnu", "--fail-level", "style", "Dockerfile", "corpus/clean"], None);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
}

#[test]
fn piped_standard_input_is_linted_when_no_path_is_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("Dockerfile"), "FROM alpine:3.20\nCMD run\n").unwrap();
    // A Dockerfile piped in: linted as <stdin>, the folder left alone.
    let (code, stdout, stderr) = dflint(dir.path(), &["check", "--format", "gnu"], Some(b"FROM python:latest\n"));
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.starts_with("<stdin>:1:13:") && !stdout.contains("Dockerfile:"), "{stdout}");
    // `dflint --format gnu < Dockerfile` too (the default command).
    let (_, stdout, _) = dflint(dir.path(), &["--format", "gnu"], Some(b"FROM python:latest\n"));
    assert!(stdout.starts_with("<stdin>:"), "{stdout}");
    // An empty pipe (what CI runners give their steps) or no input at all: the current folder.
    for stdin in [Some(&b""[..]), None] {
        let (code, stdout, stderr) = dflint(dir.path(), &["check", "--format", "gnu"], stdin);
        assert_eq!(code, 1, "{stderr}");
        assert!(stdout.starts_with("Dockerfile:2:5:"), "{stdout}");
    }
}

#[test]
fn the_github_action_is_well_formed() {
    let root = root();
    let action = yaml(&root.join("action.yml"));
    for key in ["name", "description", "runs"] {
        assert!(action.get(key).is_some(), "action.yml lacks `{key}`");
    }
    let runs = &action["runs"];
    assert_eq!(runs["using"].as_str(), Some("composite"));
    let inputs = action["inputs"].as_mapping().expect("inputs");
    for (name, input) in inputs {
        assert!(input.get("description").is_some(), "input {name:?} has no description");
    }
    let steps = runs["steps"].as_sequence().expect("steps");
    let ids: Vec<&str> = steps.iter().filter_map(|s| s.get("id")?.as_str()).collect();
    for step in steps {
        let name = step["name"].as_str().expect("every step has a name");
        assert!(step.get("run").is_some() != step.get("uses").is_some(), "{name}: run or uses");
        if step.get("run").is_some() {
            assert!(step.get("shell").is_some(), "{name}: a composite `run` step needs `shell`");
        }
    }
    // Every `${{ inputs.X }}` and `steps.ID.outputs` refers to something that exists.
    let text = std::fs::read_to_string(root.join("action.yml")).unwrap();
    for (prefix, known) in [("inputs.", inputs.keys().filter_map(|k| k.as_str()).collect::<Vec<_>>()), ("steps.", ids)]
    {
        for reference in text.split(prefix).skip(1) {
            let name: String =
                reference.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
            assert!(known.contains(&name.as_str()), "action.yml refers to {prefix}{name}, which does not exist");
        }
    }
    // The input defaults are values dflint accepts.
    let format = inputs[&serde_yaml::Value::from("format")]["default"].as_str().unwrap();
    let (code, _, stderr) = dflint(&root, &["check", "--format", format, "--", "corpus/clean"], None);
    assert_eq!(code, 0, "--format {format}: {stderr}");
    // The build step installs the CLI crate.
    assert!(text.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH/crates/dflint\""));
    assert!(root.join("crates/dflint/Cargo.toml").exists());
}

#[test]
fn the_pre_commit_hooks_are_well_formed() {
    let root = root();
    let hooks = yaml(&root.join(".pre-commit-hooks.yaml"));
    let hooks = hooks.as_sequence().expect("a list of hooks");
    assert!(!hooks.is_empty());
    for hook in hooks {
        for key in ["id", "name", "entry", "language"] {
            assert!(hook.get(key).and_then(|v| v.as_str()).is_some(), "a hook lacks `{key}`: {hook:?}");
        }
        let entry = hook["entry"].as_str().unwrap();
        assert!(entry.starts_with("dflint ") || entry.starts_with("/usr/local/bin/dflint "), "{entry}");
        if hook["language"].as_str() == Some("docker") {
            // Runs in the image the root Dockerfile builds, which installs dflint there.
            let dockerfile = std::fs::read_to_string(root.join("Dockerfile")).unwrap();
            assert!(dockerfile.contains("/usr/local/bin/dflint"));
        }
        // The entry's arguments, with a file name added as pre-commit does, are accepted.
        let mut args: Vec<&str> = entry.split_whitespace().skip(1).collect();
        if args.contains(&"--fix") {
            args.push("--diff"); // write nothing
        }
        args.push("corpus/clean/Dockerfile");
        let (code, _, stderr) = dflint(&root, &args, None);
        assert_eq!(code, 0, "{entry}: {stderr}");
    }
    // `language: rust` hooks are built with `cargo install --path .`, which needs a package at the root.
    let manifest: toml::Table = toml::from_str(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap()).unwrap();
    if hooks.iter().any(|h| h["language"].as_str() == Some("rust")) {
        assert!(manifest.contains_key("package"), "a `language: rust` hook needs a package at the repository root");
    }
}
