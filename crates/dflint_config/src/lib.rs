//! `dflint_config`: finds and reads `.dflint.toml` and resolves it, with the command line's
//! overrides, into [`dflint_lint::Settings`] and the options of a run (the fail level).
//!
//! - [`Options`] is the documented schema of the file, as written.
//! - [`Config`] is what it resolves to, with no `Option`s left.
//! - [`Discovery`] finds the configuration of each linted file (the nearest `.dflint.toml` in its
//!   folder or a parent), reading each file once.
//!
//! hadolint's `.hadolint.yaml` is read too ([`HadolintConfig`]): when no `.dflint.toml` applies,
//! the one hadolint itself would use, and any `.yaml` / `.yml` file `--config` names.
//!
//! Errors point at the offending line: `PATH:LINE:COL: error: MESSAGE`.

mod discovery;
mod error;
mod hadolint;
mod options;
mod resolve;

pub use discovery::{absolute, normalize, Discovery, CONFIG_FILE_NAME};
pub use error::ConfigError;
pub use hadolint::{find_hadolint_config, hadolint_candidates, is_hadolint_file, HadolintConfig, HADOLINT_FILE_NAMES};
pub use options::{
    FailLevel, FormatSection, LabelTypeOption, Options, OutputFormat, PerFileIgnoreOptions, RuleSelector,
    SeverityOption, ShellcheckPositions,
};
pub use resolve::{Config, Overrides};

#[cfg(test)]
mod tests;
