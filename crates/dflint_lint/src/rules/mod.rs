//! The rules, one file each, and the registry list.

use crate::registry::RuleMeta;

mod df000_syntax_error;
mod df001_exec_form_single_element;
mod df002_invalid_json_array;
mod dl3025_json_args;
mod dl3061_from_first;
// -- package manager rules (apt, pip, ...) --
mod df004_index_update_without_install;
mod dl3008_apt_get_pin_versions;
mod dl3009_apt_lists_not_deleted;
mod dl3013_pip_pin_versions;
mod dl3014_apt_get_yes;
mod dl3015_apt_get_no_install_recommends;
mod dl3042_pip_no_cache_dir;
mod package_managers;
// -- end package manager rules --
// -- stage and layer rules --
mod df003_shell_entrypoint_ignores_cmd;
mod df005_copy_context_before_install;
mod dl3006_untagged_image;
mod dl3007_latest_tag;
mod dl3012_multiple_healthcheck;
mod dl3059_consecutive_run;
mod dl4003_multiple_cmd;
mod dl4004_multiple_entrypoint;
mod stage_util;
// -- end stage and layer rules --
// -- instruction rules (helper B) --
// -- end instruction rules (helper B) --
// -- label and registry rules (helper C) --
// -- end label and registry rules (helper C) --
// -- BuildKit checks (helper D) --
// -- end BuildKit checks (helper D) --
// -- builder syntax rules (helper E) --
// -- end builder syntax rules (helper E) --
// -- ShellCheck (helper S) --
pub(crate) mod df160_shellcheck;
mod shellcheck_process;
// -- end ShellCheck (helper S) --

/// Every rule, in the order they run and are listed.
pub(crate) static RULES: &[&RuleMeta] = &[
    &df000_syntax_error::RULE,
    &df001_exec_form_single_element::RULE,
    &df002_invalid_json_array::RULE,
    &dl3025_json_args::RULE,
    &dl3061_from_first::RULE,
    // -- package manager rules (apt, pip, ...) --
    &df004_index_update_without_install::RULE,
    &dl3008_apt_get_pin_versions::RULE,
    &dl3009_apt_lists_not_deleted::RULE,
    &dl3013_pip_pin_versions::RULE,
    &dl3014_apt_get_yes::RULE,
    &dl3015_apt_get_no_install_recommends::RULE,
    &dl3042_pip_no_cache_dir::RULE,
    // -- end package manager rules --
    // -- stage and layer rules --
    &df003_shell_entrypoint_ignores_cmd::RULE,
    &df005_copy_context_before_install::RULE,
    &dl3006_untagged_image::RULE,
    &dl3007_latest_tag::RULE,
    &dl3012_multiple_healthcheck::RULE,
    &dl3059_consecutive_run::RULE,
    &dl4003_multiple_cmd::RULE,
    &dl4004_multiple_entrypoint::RULE,
    // -- end stage and layer rules --
    // -- instruction rules (helper B) --
    // -- end instruction rules (helper B) --
    // -- label and registry rules (helper C) --
    // -- end label and registry rules (helper C) --
    // -- BuildKit checks (helper D) --
    // -- end BuildKit checks (helper D) --
    // -- builder syntax rules (helper E) --
    // -- end builder syntax rules (helper E) --
    // -- ShellCheck (helper S) --
    &df160_shellcheck::RULE,
    // -- end ShellCheck (helper S) --
];
