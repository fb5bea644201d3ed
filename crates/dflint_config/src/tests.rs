//! Each key of `.dflint.toml`, the command-line layer, discovery, and errors with their positions.

use std::path::{Path, PathBuf};

use dflint_lint::settings::LabelType;
use dflint_lint::{registry, Severity};

use crate::{Config, ConfigError, Discovery, FailLevel, Overrides};

fn resolve_with(text: &str, overrides: &Overrides) -> Result<Config, ConfigError> {
    let options = crate::Options::from_toml(text)
        .map_err(|err| ConfigError::at(".dflint.toml", text, err.span(), err.message().to_owned()))?;
    Config::resolve(options, text, Path::new(".dflint.toml"), PathBuf::from("/project"), overrides)
}

fn resolve(text: &str) -> Config {
    resolve_with(text, &Overrides::default()).unwrap_or_else(|err| panic!("{err}"))
}

fn error(text: &str) -> String {
    resolve_with(text, &Overrides::default()).expect_err("an invalid configuration").to_string()
}

fn enabled(config: &Config) -> Vec<&'static str> {
    registry::all().iter().filter(|r| config.settings.is_enabled(r)).map(|r| r.code).collect()
}

fn rule(code: &str) -> &'static dflint_lint::RuleMeta {
    registry::find(code).expect("a known rule")
}

#[test]
fn empty_file_is_the_defaults() {
    let config = resolve("");
    let defaults: Vec<_> = registry::all().iter().filter(|r| r.enabled_by_default).map(|r| r.code).collect();
    assert_eq!(enabled(&config), defaults);
    assert_eq!(config.fail_level, FailLevel::Info);
    assert!(config.settings.honor_pragmas);
    assert!(config.settings.shellcheck);
    assert!(!config.settings.strict_labels);
    assert!(config.settings.trusted_registries.is_empty());
    assert!(config.settings.label_schema.is_empty());
}

#[test]
fn select_replaces_the_default_set() {
    assert_eq!(enabled(&resolve(r#"select = ["DL3061", "DF001"]"#)), ["DF001", "DL3061"]);
    // Names, prefixes and BuildKit check names select too.
    assert_eq!(enabled(&resolve(r#"select = ["instruction-before-from"]"#)), ["DL3061"]);
    assert!(enabled(&resolve(r#"select = ["DL"]"#)).iter().all(|c| c.starts_with("DL")));
    assert_eq!(enabled(&resolve(r#"select = ["JSONArgsRecommended"]"#)), ["DL3025"]);
}

#[test]
fn extend_select_adds_and_ignore_removes() {
    let config = resolve("select = [\"DL3061\"]\nextend-select = [\"DF001\"]\n");
    assert_eq!(enabled(&config), ["DF001", "DL3061"]);
    let config = resolve("ignore = [\"DL3025\", \"exec-form-single-string\"]\n");
    assert!(!config.settings.is_enabled(rule("DL3025")));
    assert!(!config.settings.is_enabled(rule("DF001")));
    assert!(config.settings.is_enabled(rule("DL3061")));
    // `ignore` applies after `extend-select`.
    let config = resolve("extend-select = [\"DL3025\"]\nignore = [\"DL3025\"]\n");
    assert!(!config.settings.is_enabled(rule("DL3025")));
}

#[test]
fn command_line_is_the_last_layer() {
    let text = "select = [\"DL3061\"]\nignore = [\"DF001\"]\nfail-level = \"error\"\nshellcheck = true\n";
    let overrides = Overrides {
        extend_select: vec!["DF001".into()],
        fail_level: Some(FailLevel::None),
        shellcheck: Some(false),
        ..Overrides::default()
    };
    let config = resolve_with(text, &overrides).expect("valid");
    assert_eq!(enabled(&config), ["DF001", "DL3061"]);
    assert_eq!(config.fail_level, FailLevel::None);
    assert!(!config.settings.shellcheck);

    // `--select` replaces the file's selection, its ignores included.
    let overrides = Overrides { select: Some(vec!["DF".into()]), ..Overrides::default() };
    let config = resolve_with(text, &overrides).expect("valid");
    assert!(enabled(&config).iter().all(|c| c.starts_with("DF")));
    assert!(config.settings.is_enabled(rule("DF001")));

    let overrides = Overrides { ignore: vec!["DL9999".into()], ..Overrides::default() };
    assert_eq!(overrides.validate(), Err("unknown rule or prefix `DL9999`".to_owned()));
}

#[test]
fn fail_level() {
    for (text, level) in [
        ("error", FailLevel::Error),
        ("warning", FailLevel::Warning),
        ("info", FailLevel::Info),
        ("style", FailLevel::Style),
        ("none", FailLevel::None),
    ] {
        assert_eq!(resolve(&format!("fail-level = \"{text}\"")).fail_level, level);
        assert_eq!(text.parse::<FailLevel>(), Ok(level));
    }
    assert!(FailLevel::Warning.fails_on(Severity::Error));
    assert!(FailLevel::Warning.fails_on(Severity::Warning));
    assert!(!FailLevel::Warning.fails_on(Severity::Info));
    assert!(FailLevel::Style.fails_on(Severity::Style));
    assert!(!FailLevel::None.fails_on(Severity::Error));
    assert!("fatal".parse::<FailLevel>().is_err());
}

#[test]
fn severity_table() {
    let config = resolve("[severity]\nDL3025 = \"error\"\nDL3061 = \"style\"\n");
    assert_eq!(config.settings.severity(rule("DL3025")), Severity::Error);
    assert_eq!(config.settings.severity(rule("DL3061")), Severity::Style);
    // The more specific selector wins, whatever the order.
    let config = resolve("[severity]\nDF001 = \"warning\"\nDF = \"info\"\n");
    assert_eq!(config.settings.severity(rule("DF001")), Severity::Warning);
    assert_eq!(config.settings.severity(rule("DF002")), Severity::Info);
}

#[test]
fn options_of_rules() {
    let config = resolve(
        "trusted-registries = [\"docker.io\", \"ghcr.io\"]\nstrict-labels = true\n\
         disable-ignore-pragma = true\nshellcheck = false\n\
         [label-schema]\nmaintainer = \"email\"\nversion = \"semver\"\n",
    );
    assert_eq!(config.settings.trusted_registries, ["docker.io", "ghcr.io"]);
    assert!(config.settings.strict_labels);
    assert!(!config.settings.honor_pragmas);
    assert!(!config.settings.shellcheck);
    assert_eq!(
        config.settings.label_schema,
        [("maintainer".to_owned(), LabelType::Email), ("version".to_owned(), LabelType::Semver)]
    );
    let kinds = ["text", "rfc3339", "semver", "url", "hash", "spdx", "email"];
    for kind in kinds {
        assert_eq!(resolve(&format!("[label-schema]\nx = \"{kind}\"\n")).settings.label_schema.len(), 1);
    }
}

#[test]
fn per_file_ignores() {
    let config = resolve(
        "[[per-file-ignores]]\nglob = \"**/test/**\"\nignore = [\"DL3025\"]\n\
         [[per-file-ignores]]\nglob = \"*.dev.Dockerfile\"\nignore = [\"DL3061\"]\n\
         [[per-file-ignores]]\nglob = \"docker/*/Dockerfile\"\nignore = [\"DF001\"]\n",
    );
    let check = |path: &str, code: &str| config.settings_for(Path::new(path)).is_enabled(rule(code));
    assert!(check("/project/Dockerfile", "DL3025"));
    assert!(!check("/project/test/Dockerfile", "DL3025"));
    assert!(!check("/project/a/test/b/Dockerfile", "DL3025"));
    // A glob without `/` matches the name in any folder.
    assert!(!check("/project/deep/er/app.dev.Dockerfile", "DL3061"));
    assert!(check("/project/deep/er/app.dev.Dockerfile", "DL3025"));
    // `*` does not cross folders.
    assert!(!check("/project/docker/web/Dockerfile", "DF001"));
    assert!(check("/project/docker/web/x/Dockerfile", "DF001"));
    // Paths are relative to the configuration's folder.
    assert!(check("/elsewhere/test/Dockerfile", "DL3025"));
    assert!(config.settings.is_enabled(rule("DL3025")), "the base settings are unchanged");
}

#[test]
fn syntax_errors_point_at_the_line() {
    assert!(error("select = [\"DL3061\"\nfail-level = \"info\"\n").starts_with(".dflint.toml:2:"));
    let message = error("a = = 1\n");
    assert!(message.starts_with(".dflint.toml:1:"), "{message}");
    assert!(!message.contains('\n'), "one line: {message}");
}

#[test]
fn unknown_keys_are_errors() {
    let message = error("select = [\"DL3061\"]\n\nfail_level = \"info\"\n");
    assert!(message.starts_with(".dflint.toml:3:1: error: unknown field `fail_level`"), "{message}");
    let message = error("[[per-file-ignores]]\nglob = \"x\"\nignore = []\nrules = []\n");
    assert!(message.starts_with(".dflint.toml:4:1: error: unknown field `rules`"), "{message}");
}

#[test]
fn bad_values_point_at_the_value() {
    assert_eq!(
        error("ignore = [\"DL3025\", \"DL9999\"]\n"),
        ".dflint.toml:1:21: error: unknown rule or prefix `DL9999`"
    );
    assert_eq!(error("\nselect = [\"nope\"]\n"), ".dflint.toml:2:11: error: unknown rule or prefix `nope`");
    assert_eq!(error("extend-select = [\"XX1\"]\n"), ".dflint.toml:1:18: error: unknown rule or prefix `XX1`");
    assert_eq!(error("[severity]\nDL9999 = \"error\"\n"), ".dflint.toml:2:1: error: unknown rule or prefix `DL9999`");
    assert_eq!(
        error("[[per-file-ignores]]\nglob = \"x\"\nignore = [\"bogus\"]\n"),
        ".dflint.toml:3:11: error: unknown rule or prefix `bogus`"
    );
    let message = error("[[per-file-ignores]]\nglob = \"a[\"\nignore = []\n");
    assert!(message.starts_with(".dflint.toml:2:8: error: invalid glob `a[`"), "{message}");

    let message = error("[severity]\nDL3025 = \"fatal\"\n");
    assert!(message.starts_with(".dflint.toml:2:10: error: unknown variant `fatal`"), "{message}");
    let message = error("fail-level = \"sometimes\"\n");
    assert!(message.starts_with(".dflint.toml:1:14: error: unknown variant `sometimes`"), "{message}");
    let message = error("[label-schema]\nmaintainer = \"person\"\n");
    assert!(message.starts_with(".dflint.toml:2:14: error: unknown variant `person`"), "{message}");
    let message = error("strict-labels = \"yes\"\n");
    assert!(
        message.starts_with(".dflint.toml:1:17: error: invalid type: string \"yes\", expected a boolean"),
        "{message}"
    );
}

/// A folder tree of files, for discovery.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(path, text).expect("write file");
    }
    dir
}

#[test]
fn discovery_takes_the_nearest_file() {
    let dir = tree(&[
        ("project/.dflint.toml", "fail-level = \"error\"\n"),
        ("project/Dockerfile", ""),
        ("project/sub/Dockerfile", ""),
        ("project/sub/inner/.dflint.toml", "fail-level = \"none\"\n"),
        ("project/sub/inner/deeper/Dockerfile", ""),
        ("other/Dockerfile", ""),
    ]);
    let mut discovery = Discovery::new(dir.path(), Overrides::default()).expect("defaults");
    let config = discovery.config_for(Path::new("project/Dockerfile")).expect("valid");
    assert_eq!(config.fail_level, FailLevel::Error);
    assert_eq!(config.path.as_deref(), Some(Path::new("project/.dflint.toml")));
    let sub = discovery.config_for(Path::new("project/sub/Dockerfile")).expect("valid");
    assert!(std::sync::Arc::ptr_eq(&config, &sub), "read once");
    let inner = discovery.config_for(&dir.path().join("project/sub/inner/deeper/Dockerfile")).expect("valid");
    assert_eq!(inner.fail_level, FailLevel::None);
    assert_eq!(inner.path.as_deref(), Some(Path::new("project/sub/inner/.dflint.toml")));
    let other = discovery.config_for(Path::new("other/../other/./Dockerfile")).expect("valid");
    assert_eq!(other.path, None, "no configuration above `other`");
    let folder = discovery.config_for_folder(Path::new("project/sub")).expect("valid");
    assert_eq!(folder.fail_level, FailLevel::Error);
}

#[test]
fn discovered_globs_are_relative_to_their_file() {
    let dir = tree(&[("project/.dflint.toml", "[[per-file-ignores]]\nglob = \"test/*\"\nignore = [\"DL3025\"]\n")]);
    let mut discovery = Discovery::new(dir.path(), Overrides::default()).expect("defaults");
    let config = discovery.config_for(Path::new("project/test/Dockerfile")).expect("valid");
    let path = crate::absolute(dir.path(), Path::new("project/test/Dockerfile"));
    assert!(!config.settings_for(&path).is_enabled(rule("DL3025")));
    let path = crate::absolute(dir.path(), Path::new("project/Dockerfile"));
    assert!(config.settings_for(&path).is_enabled(rule("DL3025")));
}

#[test]
fn explicit_config_file_applies_everywhere() {
    let dir =
        tree(&[("custom.toml", "fail-level = \"warning\"\n"), ("project/.dflint.toml", "fail-level = \"error\"\n")]);
    let mut discovery =
        Discovery::with_config_file(dir.path(), Path::new("custom.toml"), Overrides::default()).expect("valid");
    let config = discovery.config_for(Path::new("project/Dockerfile")).expect("valid");
    assert_eq!(config.fail_level, FailLevel::Warning);
    assert_eq!(config.path.as_deref(), Some(Path::new("custom.toml")));

    let err = Discovery::with_config_file(dir.path(), Path::new("missing.toml"), Overrides::default())
        .expect_err("missing file");
    assert!(err.to_string().starts_with("missing.toml: error: cannot read configuration file: "), "{err}");
}

#[test]
fn discovery_reports_bad_files_with_their_path() {
    let dir = tree(&[("project/.dflint.toml", "select = [\"DL3061\"]\nignore = [\"nope\"]\n")]);
    let mut discovery = Discovery::new(dir.path(), Overrides::default()).expect("defaults");
    let err = discovery.config_for(Path::new("project/Dockerfile")).expect_err("bad value");
    assert_eq!(err.to_string(), "project/.dflint.toml:2:11: error: unknown rule or prefix `nope`");
    // The same error again, from the cache.
    let again = discovery.config_for(Path::new("project/x/Dockerfile")).expect_err("bad value");
    assert_eq!(again, err);
}

#[test]
fn normalize_is_lexical() {
    assert_eq!(crate::normalize(Path::new("/a/./b/../c")), Path::new("/a/c"));
    assert_eq!(crate::normalize(Path::new("/..")), Path::new("/"));
    assert_eq!(crate::normalize(Path::new("../a")), Path::new("../a"));
}

#[test]
fn format_table() {
    assert_eq!(resolve("").format, dflint_fmt::FormatOptions::default());
    let text =
        "[format]\nindent-width = 2\nline-width = 80\nbreak-long-and-chains = false\nuppercase-keywords = false\n";
    let format = resolve(text).format;
    assert_eq!(
        format,
        dflint_fmt::FormatOptions {
            indent_width: 2,
            line_width: 80,
            break_long_and_chains: false,
            uppercase_keywords: false
        }
    );
    assert_eq!(resolve("[format]\nline-width = 120\n").format.indent_width, 4);
}

#[test]
fn format_table_errors() {
    assert_eq!(
        error("[format]\nindent-width = 0\n"),
        ".dflint.toml:2:16: error: `indent-width` must be between 1 and 16"
    );
    assert!(error("[format]\nindent = 2\n").starts_with(".dflint.toml:2:1: error: unknown field `indent`"));
    assert!(error("[format]\nline-width = \"wide\"\n").starts_with(".dflint.toml:2:14: error:"));
}

fn hadolint(text: &str) -> Result<Config, ConfigError> {
    let options = crate::HadolintConfig::parse(text, Path::new(".hadolint.yaml"))?.options;
    Config::resolve(options, text, Path::new(".hadolint.yaml"), PathBuf::from("/project"), &Overrides::default())
}

const HADOLINT_FULL: &str = "\
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
  - ghcr.io
label-schema:
  maintainer: text
  org.opencontainers.image.version: semver
strict-labels: true
disable-ignore-pragma: true
no-fail: false
format: json
no-color: true
";

#[test]
fn hadolint_yaml_maps_every_key() {
    let config = hadolint(HADOLINT_FULL).unwrap_or_else(|err| panic!("{err}"));
    let s = &config.settings;
    assert!(!s.is_enabled(rule("DL3007")));
    assert_eq!(s.severity(rule("DL3006")), Severity::Error);
    assert_eq!(s.severity(rule("DL3048")), Severity::Warning);
    assert_eq!(s.severity(rule("DL3057")), Severity::Info);
    assert!(s.is_enabled(rule("DL3057")), "overriding a rule that is off by default turns it on, as in hadolint");
    assert_eq!(s.severity(rule("DL3059")), Severity::Style);
    assert_eq!(config.fail_level, FailLevel::Warning);
    assert_eq!(s.trusted_registries, ["docker.io", "ghcr.io"]);
    assert_eq!(
        s.label_schema,
        [
            ("maintainer".to_string(), LabelType::Text),
            ("org.opencontainers.image.version".to_string(), LabelType::Semver)
        ]
    );
    assert!(s.strict_labels);
    assert!(!s.honor_pragmas);
    assert_eq!(config.output_format, Some(crate::OutputFormat::Json));
    let parsed = crate::HadolintConfig::parse(HADOLINT_FULL, Path::new(".hadolint.yaml")).unwrap();
    // ShellCheck codes are dflint rules (DF160 reports them): SC2086 maps like a DL code.
    assert!(!parsed.unmapped.iter().any(|u| u.contains("SC2086")), "{:?}", parsed.unmapped);
    assert!(!s.is_enabled(dflint_lint::registry::find("SC2086").unwrap()));
    assert!(parsed.unmapped.iter().any(|u| u.starts_with("no-color")), "{:?}", parsed.unmapped);
}

#[test]
fn hadolint_thresholds_and_no_fail() {
    let level = |text: &str| hadolint(text).unwrap().fail_level;
    assert_eq!(level("failure-threshold: error\n"), FailLevel::Error);
    assert_eq!(level("failure-threshold: style\n"), FailLevel::Style);
    // hadolint reads `ignore` and `none` as its lowest severity: any finding fails.
    assert_eq!(level("failure-threshold: none\n"), FailLevel::Style);
    assert_eq!(level("failure-threshold: ignore\n"), FailLevel::Style);
    assert_eq!(level("failure-threshold: error\nno-fail: true\n"), FailLevel::None);
    assert_eq!(level(""), FailLevel::Info);
    assert_eq!(level("# only a comment\n"), FailLevel::Info);
    assert_eq!(level("ignored:\n"), FailLevel::Info);
}

#[test]
fn hadolint_errors_point_at_the_value() {
    let err = |text: &str| hadolint(text).expect_err("an invalid configuration").to_string();
    assert_eq!(
        err("ignored:\n  - DL3007\nfailure-threshold: loud\n"),
        ".hadolint.yaml:3:20: error: unknown failure-threshold `loud` (expected error, warning, info, style, ignore or none)"
    );
    assert_eq!(
        err("strict-labels: maybe\n"),
        ".hadolint.yaml:1:16: error: `strict-labels` must be true or false, found `maybe`"
    );
    assert_eq!(err("ignored: DL3007\n"), ".hadolint.yaml:1:10: error: `ignored` must be a list, found a scalar");
    assert_eq!(
        err("label-schema:\n  version: number\n"),
        ".hadolint.yaml:2:12: error: unknown label type `number` (expected text, rfc3339, semver, url, hash, spdx or email)"
    );
    assert_eq!(
        err("override:\n  fatal:\n    - DL3007\n"),
        ".hadolint.yaml:2:3: error: unknown severity `fatal` in `override` (expected error, warning, info or style)"
    );
    assert!(
        err("ignored: [DL3007\n").starts_with(".hadolint.yaml:2:1: error: invalid YAML"),
        "{}",
        err("ignored: [DL3007\n")
    );
    assert_eq!(err("- a\n"), ".hadolint.yaml:1:1: error: expected a mapping of keys, found a list");
}

#[test]
fn hadolint_unknown_keys_and_codes_are_ignored_as_hadolint_does() {
    let parsed = crate::HadolintConfig::parse("ignored: [DL9999]\nmystery: 1\n", Path::new(".hadolint.yaml")).unwrap();
    assert_eq!(parsed.unmapped.len(), 2, "{:?}", parsed.unmapped);
    assert!(hadolint("ignored: [DL9999]\nmystery: 1\n").is_ok());
}

#[test]
fn hadolint_search_order() {
    let c = crate::hadolint_candidates(Path::new("/w"), Some(Path::new("/x")), Some(Path::new("/h")));
    let c: Vec<String> = c.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(
        c,
        [
            "/w/.hadolint.yaml",
            "/w/.hadolint.yml",
            "/x/hadolint.yaml",
            "/x/hadolint.yml",
            "/h/.hadolint/hadolint.yaml",
            "/h/.hadolint/hadolint.yml",
            "/h/.hadolint/config.yaml",
            "/h/.hadolint/config.yml",
            "/h/.hadolint.yaml",
            "/h/.hadolint.yml",
        ]
    );
    let c = crate::hadolint_candidates(Path::new("/w"), None, Some(Path::new("/h")));
    assert_eq!(c[2], Path::new("/h/.config/hadolint.yaml"));
}

#[test]
fn hadolint_file_is_used_where_no_dflint_toml_applies() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join(".hadolint.yaml"), "ignored:\n  - DL3007\n").unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/.dflint.toml"), "").unwrap();
    let mut discovery = Discovery::new(root, Overrides::default()).unwrap();
    let top = discovery.config_for(&root.join("Dockerfile")).unwrap();
    assert!(!top.settings.is_enabled(rule("DL3007")));
    assert_eq!(top.path.as_deref(), Some(Path::new(".hadolint.yaml")));
    let sub = discovery.config_for(&root.join("sub/Dockerfile")).unwrap();
    assert!(sub.settings.is_enabled(rule("DL3007")), "a .dflint.toml wins over the hadolint file");
    // --config with a YAML file reads it as hadolint's.
    let explicit = Discovery::with_config_file(root, Path::new(".hadolint.yaml"), Overrides::default()).unwrap();
    let mut explicit = explicit;
    assert!(!explicit.config_for(&root.join("sub/Dockerfile")).unwrap().settings.is_enabled(rule("DL3007")));
}

#[test]
fn shellcheck_codes_and_path() {
    let config = resolve(
        "ignore = [\"SC2086\"]\nshellcheck-path = \"tools/shellcheck\"\n[severity]\nSC2046 = \"error\"\nSC = \"style\"\n",
    );
    assert!(!config.settings.is_enabled(rule("SC2086")));
    assert!(config.settings.is_enabled(rule("SC2154")));
    assert!(config.settings.is_enabled(rule("DF160")));
    assert_eq!(config.settings.severity_override(rule("SC2046")), Some(Severity::Error));
    assert_eq!(config.settings.shellcheck_path, Some(PathBuf::from("/project/tools/shellcheck")));
    assert_eq!(resolve("shellcheck-path = \"sc\"\n").settings.shellcheck_path, Some(PathBuf::from("sc")));
    let only = resolve("select = [\"SC2086\"]\n");
    assert_eq!(enabled(&only), ["DF160"]);
    assert!(only.settings.is_enabled(rule("SC2086")) && !only.settings.is_enabled(rule("SC2046")));
    assert!(error("ignore = [\"SC12\"]\n").contains("unknown rule"));
}

#[test]
fn shellcheck_positions() {
    use dflint_lint::ShellcheckPositions as P;
    assert_eq!(resolve("").settings.shellcheck_positions, P::Exact);
    let text = "shellcheck-positions = \"hadolint\"\n";
    assert_eq!(resolve(text).settings.shellcheck_positions, P::Hadolint);
    let overrides = Overrides { shellcheck_positions: Some(crate::ShellcheckPositions::Exact), ..Overrides::default() };
    assert_eq!(resolve_with(text, &overrides).expect("valid").settings.shellcheck_positions, P::Exact);
    assert!(error("shellcheck-positions = \"nowhere\"\n").contains("nowhere"));
}
