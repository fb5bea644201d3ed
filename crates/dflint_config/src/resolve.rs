//! Resolving [`Options`] and command-line [`Overrides`] into a [`Config`]: lint [`Settings`] with no
//! `Option`s left, the fail level, the per-file ignores, and the formatter's options.
//!
//! Rule selection is layered as in ruff: the defaults, then the file, then the command line. In
//! each layer `select` (when given) replaces everything before it, then `extend-select` adds rules
//! and `ignore` removes them.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use dflint_lint::{registry, Settings};
use globset::{GlobBuilder, GlobMatcher};

use crate::error::ConfigError;
use crate::options::{FailLevel, FormatSection, Options, OutputFormat, RuleSelector, ShellcheckPositions};

/// Settings given on the command line, which win over the configuration file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--select`: replaces the selection of the file.
    pub select: Option<Vec<String>>,
    /// `--extend-select`.
    pub extend_select: Vec<String>,
    /// `--ignore`.
    pub ignore: Vec<String>,
    /// `--fail-level`.
    pub fail_level: Option<FailLevel>,
    /// `--no-shellcheck` sets this to `false`.
    pub shellcheck: Option<bool>,
    /// `--shellcheck-positions`.
    pub shellcheck_positions: Option<ShellcheckPositions>,
}

impl Overrides {
    /// Checks that every selector names a rule, a prefix or `ALL`.
    pub fn validate(&self) -> Result<(), String> {
        let mut selectors = self.select.iter().flatten().chain(&self.extend_select).chain(&self.ignore);
        selectors.try_for_each(|s| check_selector(s))
    }
}

/// A resolved configuration: what applies to the files under one `.dflint.toml` (or to every file,
/// for the defaults and for `--config`).
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it was read from, as shown to people; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    /// The settings of files that no per-file ignore matches.
    pub settings: Settings,
    /// The least severe finding that fails a run.
    pub fail_level: FailLevel,
    /// `output-format`: how `dflint check` prints findings when `--format` is not given.
    pub output_format: Option<OutputFormat>,
    /// How `dflint fmt` writes the files (the `[format]` table).
    pub format: dflint_fmt::FormatOptions,
    /// The folder per-file globs are relative to (absolute).
    root: PathBuf,
    per_file_ignores: Vec<PerFileIgnore>,
}

#[derive(Clone, Debug)]
struct PerFileIgnore {
    matcher: GlobMatcher,
    /// The glob has no `/`: it also matches the file name alone.
    matches_name: bool,
    selectors: Vec<String>,
}

impl Config {
    /// The built-in defaults with command-line overrides.
    pub fn defaults(overrides: &Overrides) -> Result<Config, ConfigError> {
        Config::resolve(Options::default(), "", Path::new(""), PathBuf::new(), overrides)
    }

    /// Reads and resolves the configuration file at `path` (absolute, or relative to the current
    /// folder): a `.dflint.toml`, or hadolint's YAML when the name ends in `.yaml` or `.yml`;
    /// errors name it as `shown`.
    pub fn load(path: &Path, shown: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
            path: shown.to_path_buf(),
            position: None,
            message: format!("cannot read configuration file: {err}"),
        })?;
        let options = if crate::hadolint::is_hadolint_file(path) {
            crate::hadolint::HadolintConfig::parse(&text, shown)?.options
        } else {
            Options::from_toml(&text)
                .map_err(|err| ConfigError::at(shown, &text, err.span(), err.message().to_owned()))?
        };
        let root = match std::path::absolute(path) {
            Ok(absolute) => crate::discovery::normalize(&absolute).parent().map(Path::to_path_buf).unwrap_or_default(),
            Err(err) => {
                return Err(ConfigError {
                    path: shown.to_path_buf(),
                    position: None,
                    message: format!("cannot resolve the folder of the configuration file: {err}"),
                })
            }
        };
        let mut config = Config::resolve(options, &text, shown, root, overrides)?;
        config.path = Some(shown.to_path_buf());
        Ok(config)
    }

    /// Resolves `options` read from `text` (named `shown` in errors), with globs relative to `root`.
    pub fn resolve(
        options: Options,
        text: &str,
        shown: &Path,
        root: PathBuf,
        overrides: &Overrides,
    ) -> Result<Config, ConfigError> {
        let error = |span: Option<std::ops::Range<usize>>, message: String| ConfigError::at(shown, text, span, message);
        let check = |selectors: &[RuleSelector]| -> Result<Vec<String>, ConfigError> {
            selectors
                .iter()
                .map(|s| {
                    check_selector(s.get_ref()).map(|()| s.get_ref().clone()).map_err(|m| error(Some(s.span()), m))
                })
                .collect()
        };

        let mut settings = Settings::default();
        let overridden = |message: String| error(None, format!("in command-line options: {message}"));

        // The file's layer.
        if let Some(select) = &options.select {
            settings.select_only(check(select)?.iter().map(String::as_str)).map_err(|m| error(None, m))?;
        }
        if let Some(extend) = &options.extend_select {
            settings.extend_select(check(extend)?.iter().map(String::as_str)).map_err(|m| error(None, m))?;
        }
        if let Some(ignore) = &options.ignore {
            settings.ignore(check(ignore)?.iter().map(String::as_str)).map_err(|m| error(None, m))?;
        }
        // The command line's layer.
        if let Some(select) = &overrides.select {
            settings.select_only(select.iter().map(String::as_str)).map_err(overridden)?;
        }
        settings.extend_select(overrides.extend_select.iter().map(String::as_str)).map_err(overridden)?;
        settings.ignore(overrides.ignore.iter().map(String::as_str)).map_err(overridden)?;

        if let Some(severities) = &options.severity {
            // Broad selectors first, so that `DL3008 = "error"` wins over `DL = "info"`.
            let mut entries = Vec::new();
            for (selector, severity) in severities {
                check_selector(selector.get_ref()).map_err(|m| error(Some(selector.span()), m))?;
                entries.push((registry::select(selector.get_ref()).len(), selector.get_ref().as_str(), *severity));
            }
            entries.sort_by_key(|entry| std::cmp::Reverse(entry.0));
            for (_, selector, severity) in entries {
                settings.set_severity(selector, severity.into()).map_err(|m| error(None, m))?;
            }
        }

        settings.trusted_registries = options.trusted_registries.unwrap_or_default();
        settings.label_schema =
            options.label_schema.unwrap_or_default().into_iter().map(|(label, kind)| (label, kind.into())).collect();
        settings.strict_labels = options.strict_labels.unwrap_or(false);
        settings.honor_pragmas = !options.disable_ignore_pragma.unwrap_or(false);
        settings.shellcheck = overrides.shellcheck.or(options.shellcheck).unwrap_or(true);
        settings.shellcheck_positions =
            overrides.shellcheck_positions.or(options.shellcheck_positions).map(Into::into).unwrap_or_default();
        settings.build_context = options.build_context.map(|c| root.join(c));
        settings.shellcheck_path = options.shellcheck_path.map(|p| match p.contains('/') {
            true => root.join(p),
            false => PathBuf::from(p),
        });

        let mut per_file_ignores = Vec::new();
        for entry in options.per_file_ignores.unwrap_or_default() {
            let glob = entry.glob.get_ref();
            let matcher = GlobBuilder::new(glob)
                .literal_separator(true)
                .build()
                .map_err(|err| error(Some(entry.glob.span()), format!("invalid glob `{glob}`: {}", err.kind())))?
                .compile_matcher();
            let selectors = check(&entry.ignore)?;
            per_file_ignores.push(PerFileIgnore { matcher, matches_name: !glob.contains('/'), selectors });
        }

        let format = resolve_format(options.format.unwrap_or_default(), &error)?;

        Ok(Config {
            path: None,
            settings,
            fail_level: overrides.fail_level.or(options.fail_level).unwrap_or_default(),
            output_format: options.output_format,
            format,
            root,
            per_file_ignores,
        })
    }

    /// The settings for the file at `path` (absolute and normalized, see
    /// [`crate::discovery::absolute`]): [`Config::settings`] less the rules of the per-file ignores
    /// that match it.
    pub fn settings_for(&self, path: &Path) -> Cow<'_, Settings> {
        let relative = path.strip_prefix(&self.root).ok();
        let name = path.file_name().map(Path::new);
        let mut settings = Cow::Borrowed(&self.settings);
        for entry in &self.per_file_ignores {
            let matches = relative.is_some_and(|r| entry.matcher.is_match(r))
                || (entry.matches_name && name.is_some_and(|n| entry.matcher.is_match(n)));
            if matches {
                // The selectors were checked when the configuration was read.
                let _ = settings.to_mut().ignore(entry.selectors.iter().map(String::as_str));
            }
        }
        settings
    }
}

/// The `[format]` table over the formatter's defaults.
fn resolve_format(
    section: FormatSection,
    error: &dyn Fn(Option<std::ops::Range<usize>>, String) -> ConfigError,
) -> Result<dflint_fmt::FormatOptions, ConfigError> {
    let defaults = dflint_fmt::FormatOptions::default();
    let in_range = |value: Option<toml::Spanned<usize>>, key: &str, range: std::ops::RangeInclusive<usize>| {
        let Some(value) = value else { return Ok(None) };
        if range.contains(value.get_ref()) {
            Ok(Some(*value.get_ref()))
        } else {
            let (min, max) = (range.start(), range.end());
            Err(error(Some(value.span()), format!("`{key}` must be between {min} and {max}")))
        }
    };
    Ok(dflint_fmt::FormatOptions {
        indent_width: in_range(section.indent_width, "indent-width", 1..=16)?.unwrap_or(defaults.indent_width),
        line_width: in_range(section.line_width, "line-width", 1..=10_000)?.unwrap_or(defaults.line_width),
        break_long_and_chains: section.break_long_and_chains.unwrap_or(defaults.break_long_and_chains),
        uppercase_keywords: section.uppercase_keywords.unwrap_or(defaults.uppercase_keywords),
    })
}

fn check_selector(selector: &str) -> Result<(), String> {
    if registry::select(selector).is_empty() {
        Err(format!("unknown rule or prefix `{selector}`"))
    } else {
        Ok(())
    }
}
