//! Resolved settings: which rules run, at which severity, with which options. No `Option`s here:
//! configuration files and command-line flags are resolved into this by the callers.

use crate::registry::{self, RuleMeta};
use crate::Severity;

/// Settings for one lint run.
#[derive(Clone, Debug)]
pub struct Settings {
    enabled: Vec<bool>,
    severity: Vec<Severity>,
    /// Registries an image may come from (DL3026); empty: any.
    pub trusted_registries: Vec<String>,
    /// Labels that must be present, with the kind of value each takes (DL3048 and friends).
    pub label_schema: Vec<(String, LabelType)>,
    /// Labels outside the schema are reported.
    pub strict_labels: bool,
    /// Inline ignore pragmas are honoured (hadolint's `disable-ignore-pragma` turns this off).
    pub honor_pragmas: bool,
    /// Run ShellCheck on RUN scripts when it is available.
    pub shellcheck: bool,
    /// The build context directory (for `.dockerignore`, BuildKit's CopyIgnoredFile); `None`: the
    /// Dockerfile's folder. A relative path is taken from the Dockerfile's folder.
    pub build_context: Option<std::path::PathBuf>,
    /// `.dockerignore` patterns to use instead of reading the file (tests, editors with unsaved
    /// buffers); `None`: read them from disk.
    pub dockerignore: Option<Vec<String>>,
}

/// The kind of value a schema label takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelType {
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

impl Default for Settings {
    fn default() -> Self {
        let rules = registry::all();
        Settings {
            enabled: rules.iter().map(|r| r.enabled_by_default).collect(),
            severity: rules.iter().map(|r| r.severity).collect(),
            trusted_registries: Vec::new(),
            label_schema: Vec::new(),
            strict_labels: false,
            honor_pragmas: true,
            shellcheck: true,
            build_context: None,
            dockerignore: None,
        }
    }
}

impl Settings {
    /// Is `rule` enabled?
    pub fn is_enabled(&self, rule: &'static RuleMeta) -> bool {
        self.enabled[rule.index()]
    }

    /// The severity `rule`'s findings get.
    pub fn severity(&self, rule: &'static RuleMeta) -> Severity {
        self.severity[rule.index()]
    }

    /// Runs exactly the rules the selectors pick (replacing the default set).
    pub fn select_only<'a>(&mut self, selectors: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
        let picked = resolve(selectors)?;
        self.enabled.iter_mut().for_each(|e| *e = false);
        for rule in picked {
            self.enabled[rule.index()] = true;
        }
        Ok(())
    }

    /// Also runs the rules the selectors pick.
    pub fn extend_select<'a>(&mut self, selectors: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
        for rule in resolve(selectors)? {
            self.enabled[rule.index()] = true;
        }
        Ok(())
    }

    /// Stops running the rules the selectors pick.
    pub fn ignore<'a>(&mut self, selectors: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
        for rule in resolve(selectors)? {
            self.enabled[rule.index()] = false;
        }
        Ok(())
    }

    /// Sets the severity of the rules the selector picks.
    pub fn set_severity(&mut self, selector: &str, severity: Severity) -> Result<(), String> {
        for rule in resolve([selector])? {
            self.severity[rule.index()] = severity;
        }
        Ok(())
    }
}

fn resolve<'a>(selectors: impl IntoIterator<Item = &'a str>) -> Result<Vec<&'static RuleMeta>, String> {
    let mut out = Vec::new();
    for s in selectors {
        let rules = registry::select(s);
        if rules.is_empty() {
            return Err(format!("unknown rule or prefix `{s}`"));
        }
        out.extend(rules);
    }
    Ok(out)
}
