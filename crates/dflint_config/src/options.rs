//! The schema of `.dflint.toml`, as written by people: every key optional, kebab-case, unknown keys
//! rejected. [`crate::Config`] resolves it into settings with no `Option`s left.
//!
//! Values that name rules keep their place in the file ([`Spanned`]) so that an unknown code is
//! reported on the line where it is written.

use std::collections::BTreeMap;

use dflint_lint::settings::LabelType;
use dflint_lint::Severity;
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// A rule selector as written: a code (`DL3008`), a name (`apt-get-pin-versions`), a hadolint code,
/// a BuildKit check name (`JSONArgsRecommended`), a code prefix (`DL3`) or `ALL`.
pub type RuleSelector = Spanned<String>;

/// The contents of a `.dflint.toml`.
///
/// ```toml
/// select = ["DL", "DF001"]
/// extend-select = ["DL3026"]
/// ignore = ["DL3008", "json-args-recommended"]
/// fail-level = "warning"
/// output-format = "json"
/// trusted-registries = ["docker.io", "ghcr.io"]
/// strict-labels = false
/// disable-ignore-pragma = false
/// shellcheck = true
/// shellcheck-path = "/opt/shellcheck/shellcheck"
///
/// [severity]
/// DL3025 = "error"
///
/// [label-schema]
/// maintainer = "text"
///
/// [[per-file-ignores]]
/// glob = "**/test/**"
/// ignore = ["DL3007"]
///
/// [format]
/// indent-width = 4
/// line-width = 100
/// ```
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// The rules to run, replacing the default set.
    #[schemars(with = "Option<Vec<String>>")]
    pub select: Option<Vec<RuleSelector>>,
    /// Rules to run in addition to the default set (or to `select`).
    #[schemars(with = "Option<Vec<String>>")]
    pub extend_select: Option<Vec<RuleSelector>>,
    /// Rules not to run. Applied after `select` and `extend-select`.
    #[schemars(with = "Option<Vec<String>>")]
    pub ignore: Option<Vec<RuleSelector>>,
    /// The least severe finding that makes `dflint check` exit with status 1 (default `info`).
    pub fail_level: Option<FailLevel>,
    /// How `dflint check` prints findings when `--format` is not given (default `human`). Read
    /// from the configuration of the current folder (or the one `--config` names).
    pub output_format: Option<OutputFormat>,
    /// The registries images may come from; empty or absent: any.
    pub trusted_registries: Option<Vec<String>>,
    /// Report labels that are not in `label-schema`.
    pub strict_labels: Option<bool>,
    /// Ignore inline `# dflint ignore=`, `# hadolint ignore=` and `# check=skip=` comments.
    pub disable_ignore_pragma: Option<bool>,
    /// Run ShellCheck on `RUN` scripts when it is installed (default `true`).
    pub shellcheck: Option<bool>,
    /// The build context whose `.dockerignore` the CopyIgnoredFile check (DF211) reads, relative
    /// to this file's folder; absent: each Dockerfile's own folder.
    pub build_context: Option<std::path::PathBuf>,
    /// The ShellCheck program (default: `shellcheck` from `PATH`); a relative path with a `/` is
    /// relative to the folder of the configuration file.
    pub shellcheck_path: Option<String>,
    /// Where ShellCheck findings are reported: `exact` (default), each where it is; `hadolint`,
    /// as hadolint 2.15 does (one finding per `RUN`, the last, at the `RUN`'s line), to compare
    /// with hadolint or keep a baseline made with it.
    pub shellcheck_positions: Option<ShellcheckPositions>,
    /// Per-rule severity, keyed by rule selector. A more specific selector wins over a prefix.
    #[schemars(with = "Option<BTreeMap<String, SeverityOption>>")]
    pub severity: Option<BTreeMap<RuleSelector, SeverityOption>>,
    /// Labels every image must have, with the kind of value each takes.
    pub label_schema: Option<BTreeMap<String, LabelTypeOption>>,
    /// Rules to ignore in the files that match a glob.
    pub per_file_ignores: Option<Vec<PerFileIgnoreOptions>>,
    /// How `dflint fmt` (and an editor's formatting) writes Dockerfiles.
    pub format: Option<FormatSection>,
}

/// The `[format]` table: how `dflint fmt` writes Dockerfiles. Every key is optional.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FormatSection {
    /// Spaces per indentation level of continuation lines, 1 to 16 (default 4).
    #[schemars(with = "Option<usize>", range(min = 1, max = 16))]
    pub indent_width: Option<Spanned<usize>>,
    /// A shell-form `RUN` longer than this many characters has its `&&` chain written one
    /// command a line (default 100).
    #[schemars(with = "Option<usize>", range(min = 1, max = 10_000))]
    pub line_width: Option<Spanned<usize>>,
    /// Write the `&&` chains of shell-form `RUN`s one command a line when they are on several
    /// lines already or longer than `line-width` (default `true`).
    pub break_long_and_chains: Option<bool>,
    /// Write instruction keywords in upper case (default `true`).
    pub uppercase_keywords: Option<bool>,
}

/// One `[[per-file-ignores]]` entry.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PerFileIgnoreOptions {
    /// A glob over paths relative to the folder of the configuration file (`*` stays within a
    /// folder, `**` crosses folders). A glob without `/` also matches the file name alone.
    #[schemars(with = "String")]
    pub glob: Spanned<String>,
    /// The rules to ignore in matching files.
    #[schemars(with = "Vec<String>")]
    pub ignore: Vec<RuleSelector>,
}

/// A severity as written in the configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeverityOption {
    /// `error`
    Error,
    /// `warning`
    Warning,
    /// `info`
    Info,
    /// `style`
    Style,
}

impl From<SeverityOption> for Severity {
    fn from(option: SeverityOption) -> Severity {
        match option {
            SeverityOption::Error => Severity::Error,
            SeverityOption::Warning => Severity::Warning,
            SeverityOption::Info => Severity::Info,
            SeverityOption::Style => Severity::Style,
        }
    }
}

/// The kind of value a label takes, as written in `[label-schema]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LabelTypeOption {
    /// Any text.
    Text,
    /// An RFC 3339 date.
    Rfc3339,
    /// A semantic version.
    Semver,
    /// A URL.
    Url,
    /// A git hash.
    Hash,
    /// An SPDX licence expression.
    Spdx,
    /// An email address.
    Email,
}

impl From<LabelTypeOption> for LabelType {
    fn from(option: LabelTypeOption) -> LabelType {
        match option {
            LabelTypeOption::Text => LabelType::Text,
            LabelTypeOption::Rfc3339 => LabelType::Rfc3339,
            LabelTypeOption::Semver => LabelType::Semver,
            LabelTypeOption::Url => LabelType::Url,
            LabelTypeOption::Hash => LabelType::Hash,
            LabelTypeOption::Spdx => LabelType::Spdx,
            LabelTypeOption::Email => LabelType::Email,
        }
    }
}

/// Where ShellCheck findings are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ShellcheckPositions {
    /// Every finding, at its exact place.
    Exact,
    /// One finding per `RUN` (the last ShellCheck gives), at the `RUN`'s line, as hadolint 2.15.
    Hadolint,
}

impl From<ShellcheckPositions> for dflint_lint::ShellcheckPositions {
    fn from(value: ShellcheckPositions) -> Self {
        match value {
            ShellcheckPositions::Exact => dflint_lint::ShellcheckPositions::Exact,
            ShellcheckPositions::Hadolint => dflint_lint::ShellcheckPositions::Hadolint,
        }
    }
}

/// An output format of `dflint check`, as `output-format` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// Source snippets for people, and a summary.
    Human,
    /// A JSON array, one object a finding.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML.
    Junit,
    /// `FILE:LINE:COL: severity: message [CODE]`.
    Gnu,
}

impl OutputFormat {
    /// The name `output-format` and `--format` use.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Human => "human",
            OutputFormat::Json => "json",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Github => "github",
            OutputFormat::Checkstyle => "checkstyle",
            OutputFormat::Gitlab => "gitlab",
            OutputFormat::Junit => "junit",
            OutputFormat::Gnu => "gnu",
        }
    }
}

/// The least severe finding that fails a run, or `none`: never fail on findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FailLevel {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on anything but style findings (hadolint's default threshold).
    #[default]
    Info,
    /// Fail on any finding.
    Style,
    /// Never fail because of findings.
    None,
}

impl FailLevel {
    /// Does a finding of `severity` fail the run?
    pub fn fails_on(self, severity: Severity) -> bool {
        match self.threshold() {
            Some(threshold) => severity >= threshold,
            None => false,
        }
    }

    /// The least severe failing severity; `None` for `none`.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailLevel::Error => Some(Severity::Error),
            FailLevel::Warning => Some(Severity::Warning),
            FailLevel::Info => Some(Severity::Info),
            FailLevel::Style => Some(Severity::Style),
            FailLevel::None => None,
        }
    }
}

impl std::str::FromStr for FailLevel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Ok(FailLevel::Error),
            "warning" => Ok(FailLevel::Warning),
            "info" => Ok(FailLevel::Info),
            "style" => Ok(FailLevel::Style),
            "none" => Ok(FailLevel::None),
            _ => Err(format!("unknown fail level `{s}` (expected error, warning, info, style or none)")),
        }
    }
}

impl Options {
    /// Parses the text of a `.dflint.toml`. Syntax errors, unknown keys and values of the wrong
    /// kind are errors; rule names are checked later, by [`crate::Config`].
    pub fn from_toml(text: &str) -> Result<Options, toml::de::Error> {
        toml::from_str(text)
    }
}
