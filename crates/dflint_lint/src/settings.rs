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
    /// The ShellCheck program to run; `None`: `shellcheck` from `PATH`.
    pub shellcheck_path: Option<std::path::PathBuf>,
    /// Where ShellCheck findings are reported (DF160).
    pub shellcheck_positions: ShellcheckPositions,
    /// Dynamic rules (ShellCheck's `SCxxxx` codes): per-code enabled and severity overrides.
    dynamic: Vec<(&'static str, Option<bool>, Option<Severity>)>,
    /// Whether dynamic codes without an override are reported (false after a `select` that
    /// names none of them in general: neither `ALL`, `DF`, `DF160` nor `SC`).
    dynamic_default: bool,
}

/// Where DF160 reports ShellCheck's findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ShellcheckPositions {
    /// Every finding, at its exact place in the Dockerfile.
    #[default]
    Exact,
    /// As hadolint 2.15 does: one finding per `RUN` (the last ShellCheck gives), at the start of
    /// the `RUN` instruction. For comparing with hadolint and for baselines made with it.
    Hadolint,
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
            shellcheck_path: None,
            shellcheck_positions: ShellcheckPositions::Exact,
            dynamic: Vec::new(),
            dynamic_default: true,
        }
    }
}

impl Settings {
    /// Is `rule` enabled?
    pub fn is_enabled(&self, rule: &'static RuleMeta) -> bool {
        match rule.slot() {
            Some(i) => self.enabled[i],
            None => {
                self.dynamic_entry(rule).and_then(|e| e.1).unwrap_or(self.dynamic_default && rule.enabled_by_default)
            }
        }
    }

    /// Is the rule at `index` in the registry enabled?
    pub(crate) fn is_enabled_at(&self, index: usize) -> bool {
        self.enabled[index]
    }

    /// The severity `rule`'s findings get.
    pub fn severity(&self, rule: &'static RuleMeta) -> Severity {
        match rule.slot() {
            Some(i) => self.severity[i],
            None => self.severity_override(rule).unwrap_or(rule.severity),
        }
    }

    /// The severity configured for a dynamic rule, if any (without one, a ShellCheck finding keeps
    /// the level ShellCheck gives it).
    pub fn severity_override(&self, rule: &'static RuleMeta) -> Option<Severity> {
        self.dynamic_entry(rule).and_then(|e| e.2)
    }

    fn dynamic_entry(&self, rule: &RuleMeta) -> Option<&(&'static str, Option<bool>, Option<Severity>)> {
        self.dynamic.iter().find(|e| e.0 == rule.code)
    }

    fn dynamic_entry_mut(&mut self, rule: &'static RuleMeta) -> &mut (&'static str, Option<bool>, Option<Severity>) {
        match self.dynamic.iter().position(|e| e.0 == rule.code) {
            Some(i) => &mut self.dynamic[i],
            None => {
                self.dynamic.push((rule.code, None, None));
                self.dynamic.last_mut().expect("just pushed")
            }
        }
    }

    fn enable(&mut self, rule: &'static RuleMeta) {
        match rule.slot() {
            Some(i) => {
                self.enabled[i] = true;
                if std::ptr::eq(rule, registry::dynamic_runner()) {
                    self.dynamic_default = true;
                }
            }
            None => {
                self.dynamic_entry_mut(rule).1 = Some(true);
                self.enabled[registry::dynamic_runner().index()] = true;
            }
        }
    }

    /// Runs exactly the rules the selectors pick (replacing the default set).
    pub fn select_only<'a>(&mut self, selectors: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
        let picked = resolve(selectors)?;
        self.enabled.iter_mut().for_each(|e| *e = false);
        self.dynamic.iter_mut().for_each(|e| e.1 = None);
        self.dynamic_default = false;
        for rule in picked {
            self.enable(rule);
        }
        Ok(())
    }

    /// Also runs the rules the selectors pick.
    pub fn extend_select<'a>(&mut self, selectors: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
        for rule in resolve(selectors)? {
            self.enable(rule);
        }
        Ok(())
    }

    /// Stops running the rules the selectors pick.
    pub fn ignore<'a>(&mut self, selectors: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
        for rule in resolve(selectors)? {
            match rule.slot() {
                Some(i) => self.enabled[i] = false,
                None => self.dynamic_entry_mut(rule).1 = Some(false),
            }
        }
        Ok(())
    }

    /// Sets the severity of the rules the selector picks.
    pub fn set_severity(&mut self, selector: &str, severity: Severity) -> Result<(), String> {
        for rule in resolve([selector])? {
            match rule.slot() {
                Some(i) => self.severity[i] = severity,
                None => self.dynamic_entry_mut(rule).2 = Some(severity),
            }
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
