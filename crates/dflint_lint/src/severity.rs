//! How serious a finding is.

use std::fmt;
use std::str::FromStr;

/// A rule's severity, from least to most serious (the order hadolint uses for `--failure-threshold`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A matter of style or consistency.
    Style,
    /// Worth knowing; rarely wrong.
    Info,
    /// Probably a mistake, or a bad practice with real costs.
    Warning,
    /// The build fails, or the image does not do what the file says.
    Error,
}

impl Severity {
    /// All severities, least serious first.
    pub const ALL: [Severity; 4] = [Severity::Style, Severity::Info, Severity::Warning, Severity::Error];

    /// The lower-case name: `error`, `warning`, `info`, `style`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Style => "style",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "style" => Ok(Severity::Style),
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!("unknown severity `{s}` (expected error, warning, info or style)")),
        }
    }
}
