//! hadolint's configuration file (`.hadolint.yaml`), read into dflint's [`Options`].
//!
//! hadolint 2.15 reads these keys (`src/Hadolint/Config/Configfile.hs`); each maps onto a key of
//! `.dflint.toml`:
//!
//! | hadolint | `.dflint.toml` |
//! | --- | --- |
//! | `ignored: [DL3008]` | `ignore = ["DL3008"]` |
//! | `override: {error: [...], warning: [...], info: [...], style: [...]}` | `[severity]` (and `extend-select` for rules off by default, such as DL3057) |
//! | `failure-threshold: warning` | `fail-level = "warning"` (`ignore` and `none` fail on any finding, as in hadolint: `fail-level = "style"`) |
//! | `no-fail: true` | `fail-level = "none"` |
//! | `trustedRegistries: [...]` | `trusted-registries = [...]` |
//! | `label-schema: {key: type}` | `[label-schema]` |
//! | `strict-labels: true` | `strict-labels = true` |
//! | `disable-ignore-pragma: true` | `disable-ignore-pragma = true` |
//! | `format: json` | `output-format = "json"` |
//!
//! `no-color` and `verbose` have no equivalent in the file (`--color never` on the command line),
//! nor do rule codes dflint does not have; hadolint ignores unknown keys and codes, and so does
//! reading a `.hadolint.yaml`, while [`HadolintConfig::unmapped`] lists them (for `dflint migrate`).
//! Values of the wrong kind are errors at their line and column, as in `.dflint.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dflint_lint::registry;
use toml::Spanned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::error::ConfigError;
use crate::options::{FailLevel, LabelTypeOption, Options, OutputFormat, SeverityOption};

/// The file names hadolint looks for, in the current folder (hidden) and in configuration
/// folders (visible).
pub const HADOLINT_FILE_NAMES: [&str; 2] = [".hadolint.yaml", ".hadolint.yml"];

/// Where hadolint looks for its configuration when none is given, first found wins: the current
/// folder's `.hadolint.yaml` / `.hadolint.yml`, `$XDG_CONFIG_HOME/hadolint.yaml` (`~/.config` when
/// unset), `~/.hadolint/hadolint.yaml` or `config.yaml`, and `~/.hadolint.yaml` (each also `.yml`).
pub fn hadolint_candidates(cwd: &Path, xdg_config_home: Option<&Path>, home: Option<&Path>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = HADOLINT_FILE_NAMES.iter().map(|name| cwd.join(name)).collect();
    let xdg = xdg_config_home.map(Path::to_path_buf).or_else(|| home.map(|h| h.join(".config")));
    if let Some(xdg) = xdg {
        out.extend(["hadolint.yaml", "hadolint.yml"].iter().map(|name| xdg.join(name)));
    }
    if let Some(home) = home {
        let app = home.join(".hadolint");
        out.extend(["hadolint.yaml", "hadolint.yml", "config.yaml", "config.yml"].iter().map(|n| app.join(n)));
        out.extend(HADOLINT_FILE_NAMES.iter().map(|name| home.join(name)));
    }
    out
}

/// The hadolint configuration hadolint itself would use here, from the environment.
pub fn find_hadolint_config(cwd: &Path) -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()).map(PathBuf::from);
    let home = std::env::var_os("HOME").filter(|v| !v.is_empty()).map(PathBuf::from);
    hadolint_candidates(cwd, xdg.as_deref(), home.as_deref()).into_iter().find(|p| p.is_file())
}

/// Is `path` a hadolint configuration file (by its extension)?
pub fn is_hadolint_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

/// A YAML value with where it starts (byte offset).
#[derive(Clone, Debug)]
enum Node {
    Scalar(String, TScalarStyle, usize),
    Seq(Vec<Node>, usize),
    Map(Vec<(Node, Node)>, usize),
}

impl Node {
    fn at(&self) -> usize {
        match self {
            Node::Scalar(_, _, at) | Node::Seq(_, at) | Node::Map(_, at) => *at,
        }
    }
    fn is_null(&self) -> bool {
        matches!(self, Node::Scalar(s, TScalarStyle::Plain, _) if s.is_empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
    }
    fn kind(&self) -> &'static str {
        match self {
            Node::Scalar(..) => "a scalar",
            Node::Seq(..) => "a list",
            Node::Map(..) => "a mapping",
        }
    }
}

/// Builds [`Node`]s from the parser's events.
struct Builder<'a> {
    text: &'a str,
    /// Char index -> byte offset, built lazily for non-ASCII text.
    stack: Vec<Node>,
    done: Vec<Node>,
}

impl Builder<'_> {
    fn offset(&self, mark: Marker) -> usize {
        let index = mark.index();
        if self.text.is_ascii() {
            index.min(self.text.len())
        } else {
            self.text.char_indices().nth(index).map_or(self.text.len(), |(i, _)| i)
        }
    }
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(Node::Seq(items, _)) => items.push(node),
            Some(Node::Map(entries, _)) => match entries.last_mut() {
                Some((_, value)) if matches!(value, Node::Scalar(_, _, usize::MAX)) => *value = node,
                _ => entries.push((node, Node::Scalar(String::new(), TScalarStyle::Plain, usize::MAX))),
            },
            _ => self.done.push(node),
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = self.offset(mark);
        match event {
            Event::Scalar(value, style, _, _) => self.push(Node::Scalar(value, style, at)),
            Event::Alias(_) => self.push(Node::Scalar(String::new(), TScalarStyle::Plain, at)),
            Event::SequenceStart(..) => self.stack.push(Node::Seq(Vec::new(), at)),
            Event::MappingStart(..) => self.stack.push(Node::Map(Vec::new(), at)),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(node) = self.stack.pop() {
                    self.push(node);
                }
            }
            _ => {}
        }
    }
}

/// A hadolint configuration as read, with what dflint has no equivalent for.
#[derive(Clone, Debug, Default)]
pub struct HadolintConfig {
    /// The same settings as dflint options.
    pub options: Options,
    /// What is left out, one line each: keys without an equivalent, rule codes dflint does not
    /// have, output formats dflint does not write.
    pub unmapped: Vec<String>,
}

impl HadolintConfig {
    /// Parses the text of a `.hadolint.yaml` (named `shown` in errors).
    pub fn parse(text: &str, shown: &Path) -> Result<HadolintConfig, ConfigError> {
        let error = |at: usize, message: String| ConfigError::at(shown, text, Some(at..at), message);
        let mut builder = Builder { text, stack: Vec::new(), done: Vec::new() };
        let mut parser = Parser::new_from_str(text);
        if let Err(err) = parser.load(&mut builder, false) {
            let at = builder.offset(*err.marker());
            return Err(error(at, format!("invalid YAML: {}", err.info())));
        }
        let mut config = HadolintConfig::default();
        let root = match builder.done.into_iter().next() {
            None => return Ok(config),
            Some(node) if node.is_null() => return Ok(config),
            Some(Node::Map(entries, _)) => entries,
            Some(other) => {
                return Err(error(other.at(), format!("expected a mapping of keys, found {}", other.kind())))
            }
        };
        let options = &mut config.options;
        let mut severities: BTreeMap<Spanned<String>, SeverityOption> = BTreeMap::new();
        let mut extend_select: Vec<Spanned<String>> = Vec::new();
        let mut fail_level = None;
        let mut no_fail = None;
        for (key, value) in root {
            let Node::Scalar(name, _, key_at) = &key else {
                return Err(error(key.at(), "expected a key".to_string()));
            };
            match name.as_str() {
                "ignored" => {
                    let codes = strings(&value, name, &error)?;
                    let known = known_codes(codes, &mut config.unmapped, "ignored");
                    options.ignore.get_or_insert_with(Vec::new).extend(known);
                }
                "override" => {
                    let entries = match &value {
                        v if v.is_null() => Vec::new(),
                        Node::Map(entries, _) => entries.clone(),
                        other => {
                            return Err(error(
                                other.at(),
                                format!("`override` must be a mapping, found {}", other.kind()),
                            ))
                        }
                    };
                    for (level, list) in entries {
                        let Node::Scalar(level_name, _, level_at) = &level else {
                            return Err(error(level.at(), "expected `error`, `warning`, `info` or `style`".into()));
                        };
                        let severity = match level_name.as_str() {
                            "error" => SeverityOption::Error,
                            "warning" => SeverityOption::Warning,
                            "info" => SeverityOption::Info,
                            "style" => SeverityOption::Style,
                            other => {
                                return Err(error(
                                    *level_at,
                                    format!(
                                    "unknown severity `{other}` in `override` (expected error, warning, info or style)"
                                ),
                                ))
                            }
                        };
                        let codes = strings(&list, level_name, &error)?;
                        for code in known_codes(codes, &mut config.unmapped, &format!("override.{level_name}")) {
                            if registry::find(code.get_ref()).is_some_and(|r| !r.enabled_by_default) {
                                extend_select.push(code.clone());
                            }
                            severities.insert(code, severity);
                        }
                    }
                }
                "failure-threshold" => {
                    let (level, at) = scalar(&value, name, &error)?;
                    fail_level = Some(match level.as_str() {
                        "error" => FailLevel::Error,
                        "warning" => FailLevel::Warning,
                        "info" => FailLevel::Info,
                        "style" | "ignore" | "none" => FailLevel::Style,
                        other => {
                            return Err(error(
                                at,
                                format!("unknown failure-threshold `{other}` (expected error, warning, info, style, ignore or none)"),
                            ))
                        }
                    });
                }
                "no-fail" => no_fail = boolean(&value, name, &error)?,
                "trustedRegistries" => {
                    let registries = strings(&value, name, &error)?;
                    options.trusted_registries =
                        Some(registries.into_iter().map(Spanned::into_inner).collect::<Vec<_>>());
                }
                "label-schema" => {
                    let entries = match &value {
                        v if v.is_null() => Vec::new(),
                        Node::Map(entries, _) => entries.clone(),
                        other => {
                            return Err(error(
                                other.at(),
                                format!("`label-schema` must be a mapping of label to type, found {}", other.kind()),
                            ))
                        }
                    };
                    let schema = options.label_schema.get_or_insert_with(BTreeMap::new);
                    for (label, kind) in entries {
                        let (label, _) = scalar(&label, "label-schema", &error)?;
                        let (kind_name, at) = scalar(&kind, &label, &error)?;
                        let kind = match kind_name.as_str() {
                            "text" => LabelTypeOption::Text,
                            "rfc3339" => LabelTypeOption::Rfc3339,
                            "semver" => LabelTypeOption::Semver,
                            "url" => LabelTypeOption::Url,
                            "hash" => LabelTypeOption::Hash,
                            "spdx" => LabelTypeOption::Spdx,
                            "email" => LabelTypeOption::Email,
                            other => {
                                return Err(error(
                                    at,
                                    format!(
                                        "unknown label type `{other}` (expected text, rfc3339, semver, url, hash, spdx or email)"
                                    ),
                                ))
                            }
                        };
                        schema.insert(label, kind);
                    }
                }
                "strict-labels" => options.strict_labels = boolean(&value, name, &error)?,
                "disable-ignore-pragma" => options.disable_ignore_pragma = boolean(&value, name, &error)?,
                "format" => {
                    let (format, at) = scalar(&value, name, &error)?;
                    match hadolint_format(&format) {
                        Some(Some(format)) => options.output_format = Some(format),
                        Some(None) => config.unmapped.push(format!(
                            "format: {format} (dflint has no such output format; see `dflint check --help`)"
                        )),
                        None => {
                            return Err(error(
                                at,
                                format!("unknown format `{format}` (expected tty, json, checkstyle, codeclimate, gitlab_codeclimate, gnu, codacy, sonarqube or sarif)"),
                            ))
                        }
                    }
                }
                "no-color" | "verbose" => {
                    if boolean(&value, name, &error)? == Some(true) {
                        let hint = if name == "no-color" { "use `--color never`" } else { "no equivalent" };
                        config.unmapped.push(format!("{name}: true ({hint})"));
                    }
                }
                other => {
                    let (line, column) = crate::error::line_column(text, *key_at);
                    config.unmapped.push(format!("{other} (line {line}, column {column}): not a key hadolint reads"));
                }
            }
        }
        if !severities.is_empty() {
            options.severity = Some(severities);
        }
        if !extend_select.is_empty() {
            options.extend_select = Some(extend_select);
        }
        options.fail_level = if no_fail == Some(true) { Some(FailLevel::None) } else { fail_level };
        Ok(config)
    }
}

impl HadolintConfig {
    /// The equivalent `.dflint.toml`, with a header naming `source`.
    pub fn to_dflint_toml(&self, source: &str) -> String {
        let o = &self.options;
        let mut out = format!("# Migrated from {source} by `dflint migrate`.\n");
        let list = |items: &mut dyn Iterator<Item = &str>| {
            let items: Vec<String> = items.map(toml_string).collect();
            format!("[{}]", items.join(", "))
        };
        if let Some(ignore) = &o.ignore {
            out += &format!("ignore = {}\n", list(&mut ignore.iter().map(|s| s.get_ref().as_str())));
        }
        if let Some(extend) = &o.extend_select {
            out += &format!("extend-select = {}\n", list(&mut extend.iter().map(|s| s.get_ref().as_str())));
        }
        if let Some(level) = o.fail_level {
            let name = match level {
                FailLevel::Error => "error",
                FailLevel::Warning => "warning",
                FailLevel::Info => "info",
                FailLevel::Style => "style",
                FailLevel::None => "none",
            };
            out += &format!("fail-level = \"{name}\"\n");
        }
        if let Some(format) = o.output_format {
            out += &format!("output-format = \"{}\"\n", format.as_str());
        }
        if let Some(registries) = &o.trusted_registries {
            out += &format!("trusted-registries = {}\n", list(&mut registries.iter().map(String::as_str)));
        }
        if let Some(strict) = o.strict_labels {
            out += &format!("strict-labels = {strict}\n");
        }
        if let Some(disable) = o.disable_ignore_pragma {
            out += &format!("disable-ignore-pragma = {disable}\n");
        }
        if let Some(severities) = &o.severity {
            out += "\n[severity]\n";
            for (code, severity) in severities {
                let name = match severity {
                    SeverityOption::Error => "error",
                    SeverityOption::Warning => "warning",
                    SeverityOption::Info => "info",
                    SeverityOption::Style => "style",
                };
                out += &format!("{} = \"{name}\"\n", toml_key(code.get_ref()));
            }
        }
        if let Some(schema) = &o.label_schema {
            out += "\n[label-schema]\n";
            for (label, kind) in schema {
                let name = match kind {
                    LabelTypeOption::Text => "text",
                    LabelTypeOption::Rfc3339 => "rfc3339",
                    LabelTypeOption::Semver => "semver",
                    LabelTypeOption::Url => "url",
                    LabelTypeOption::Hash => "hash",
                    LabelTypeOption::Spdx => "spdx",
                    LabelTypeOption::Email => "email",
                };
                out += &format!("{} = \"{name}\"\n", toml_key(label));
            }
        }
        out
    }
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare when it can be, quoted otherwise.
fn toml_key(s: &str) -> String {
    let bare = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        s.to_string()
    } else {
        toml_string(s)
    }
}

/// hadolint's output format names: `Some(Some(_))` when dflint writes it, `Some(None)` when it
/// does not, `None` when hadolint does not know it either.
fn hadolint_format(name: &str) -> Option<Option<OutputFormat>> {
    Some(match name {
        "tty" => Some(OutputFormat::Human),
        "json" => Some(OutputFormat::Json),
        "checkstyle" => Some(OutputFormat::Checkstyle),
        "gitlab_codeclimate" => Some(OutputFormat::Gitlab),
        "gnu" => Some(OutputFormat::Gnu),
        "sarif" => Some(OutputFormat::Sarif),
        "codeclimate" | "codacy" | "sonarqube" => None,
        _ => return None,
    })
}

type ErrorFn<'a> = dyn Fn(usize, String) -> ConfigError + 'a;

fn scalar(node: &Node, key: &str, error: &ErrorFn) -> Result<(String, usize), ConfigError> {
    match node {
        Node::Scalar(value, _, at) => Ok((value.clone(), *at)),
        other => Err(error(other.at(), format!("`{key}` must be a single value, found {}", other.kind()))),
    }
}

fn boolean(node: &Node, key: &str, error: &ErrorFn) -> Result<Option<bool>, ConfigError> {
    if node.is_null() {
        return Ok(None);
    }
    let (value, at) = scalar(node, key, error)?;
    match value.as_str() {
        "true" | "True" | "TRUE" => Ok(Some(true)),
        "false" | "False" | "FALSE" => Ok(Some(false)),
        _ => Err(error(at, format!("`{key}` must be true or false, found `{value}`"))),
    }
}

fn strings(node: &Node, key: &str, error: &ErrorFn) -> Result<Vec<Spanned<String>>, ConfigError> {
    match node {
        n if n.is_null() => Ok(Vec::new()),
        Node::Seq(items, _) => items
            .iter()
            .map(|item| match item {
                Node::Scalar(value, _, at) => Ok(Spanned::new(*at..*at + value.len(), value.clone())),
                other => Err(error(other.at(), format!("`{key}` must be a list of strings, found {}", other.kind()))),
            })
            .collect(),
        other => Err(error(other.at(), format!("`{key}` must be a list, found {}", other.kind()))),
    }
}

/// The codes that name dflint rules; the others go to `unmapped`.
fn known_codes(codes: Vec<Spanned<String>>, unmapped: &mut Vec<String>, key: &str) -> Vec<Spanned<String>> {
    let mut known = Vec::new();
    for code in codes {
        if registry::find(code.get_ref()).is_some() {
            known.push(code);
        } else {
            unmapped.push(format!("{key}: {} (no such dflint rule)", code.get_ref()));
        }
    }
    known
}
