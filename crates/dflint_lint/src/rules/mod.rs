//! The rules, one file each, and the registry list.

use crate::registry::RuleMeta;

mod df000_syntax_error;
mod df001_exec_form_single_element;
mod df002_invalid_json_array;
mod dl3025_json_args;
mod dl3061_from_first;
// -- package manager rules (apt, pip, ...) --
mod df004_index_update_without_install;
mod df100_curl_without_fail;
mod df101_apk_update_with_no_cache;
mod dl3008_apt_get_pin_versions;
mod dl3009_apt_lists_not_deleted;
mod dl3013_pip_pin_versions;
mod dl3014_apt_get_yes;
mod dl3015_apt_get_no_install_recommends;
mod dl3016_npm_pin_versions;
mod dl3018_apk_pin_versions;
mod dl3019_apk_no_cache;
mod dl3027_apt;
mod dl3028_gem_pin_versions;
mod dl3030_yum_yes;
mod dl3032_yum_clean_all;
mod dl3033_yum_pin_versions;
mod dl3034_zypper_non_interactive;
mod dl3035_zypper_dist_upgrade;
mod dl3036_zypper_clean;
mod dl3037_zypper_pin_versions;
mod dl3038_dnf_yes;
mod dl3040_dnf_clean_all;
mod dl3041_dnf_pin_versions;
mod dl3042_pip_no_cache_dir;
mod dl3047_wget_progress;
mod dl3060_yarn_cache_clean;
mod dl3062_go_install_pin_versions;
mod dl4001_wget_and_curl;
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
mod dl1001_inline_ignore_pragma;
mod dl3000_workdir_absolute;
mod dl3001_pointless_command;
mod dl3002_last_user_root;
mod dl3003_use_workdir;
mod dl3004_sudo;
mod dl3010_add_to_extract;
mod dl3011_expose_port_range;
mod dl3020_copy_instead_of_add;
mod dl3021_copy_dest_slash;
mod dl3022_copy_from_unknown;
mod dl3023_copy_from_self;
mod dl3024_duplicate_stage_name;
mod dl3029_from_platform;
mod dl3043_onbuild_forbidden_trigger;
mod dl3044_env_self_reference;
mod dl3045_copy_relative_dest;
mod dl3046_useradd_high_uid;
mod dl3063_missing_user;
mod dl3064_sensitive_variable;
mod dl3065_redundant_target_platform;
mod dl3066_user_non_numeric;
mod dl3067_copy_whole_filesystem;
mod dl4000_maintainer_deprecated;
mod dl4005_ln_bin_sh;
mod dl4006_pipefail;
mod instr_util;
// -- end instruction rules (helper B) --
// -- label and registry rules (helper C) --
mod dl3026_trusted_registry;
mod dl3048_invalid_label_key;
mod dl3049_missing_label;
mod dl3050_superfluous_label;
mod dl3051_empty_label;
mod dl3052_label_not_url;
mod dl3053_label_not_rfc3339;
mod dl3054_label_not_spdx;
mod dl3055_label_not_git_hash;
mod dl3056_label_not_semver;
mod dl3057_missing_healthcheck;
mod dl3058_label_not_email;
mod label_util;
// -- end label and registry rules (helper C) --
// -- BuildKit checks (helper D) --
mod buildkit_util;
mod df200_stage_name_casing;
mod df201_from_as_casing;
mod df202_no_empty_continuation;
mod df203_consistent_instruction_casing;
mod df204_reserved_stage_name;
mod df205_undefined_arg_in_from;
mod df206_undefined_var;
mod df207_legacy_key_value_format;
mod df209_secrets_used_in_arg_or_env;
mod df210_invalid_default_arg_in_from;
mod df211_copy_ignored_file;
mod df212_expose_proto_casing;
mod df213_expose_invalid_format;
mod df214_invalid_definition_description;
pub(crate) mod dockerignore;
// -- end BuildKit checks (helper D) --
// -- builder syntax rules (helper E) --
mod builder_util;
mod df300_wrong_argument_count;
mod df301_unknown_flag;
mod df302_duplicate_flag;
mod df303_invalid_flag_value;
mod df304_invalid_run_mount;
mod df305_invalid_stage_name;
mod df306_invalid_image_reference;
mod df307_invalid_onbuild_trigger;
mod df308_shell_not_json;
mod df309_invalid_healthcheck;
mod df310_invalid_key_value;
mod df311_unsupported_modifier;
mod df312_invalid_expose;
mod df313_invalid_stop_signal;
mod df314_empty_base_name;
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
    &df100_curl_without_fail::RULE,
    &df101_apk_update_with_no_cache::RULE,
    &dl3008_apt_get_pin_versions::RULE,
    &dl3009_apt_lists_not_deleted::RULE,
    &dl3013_pip_pin_versions::RULE,
    &dl3014_apt_get_yes::RULE,
    &dl3015_apt_get_no_install_recommends::RULE,
    &dl3016_npm_pin_versions::RULE,
    &dl3018_apk_pin_versions::RULE,
    &dl3019_apk_no_cache::RULE,
    &dl3027_apt::RULE,
    &dl3028_gem_pin_versions::RULE,
    &dl3030_yum_yes::RULE,
    &dl3032_yum_clean_all::RULE,
    &dl3033_yum_pin_versions::RULE,
    &dl3034_zypper_non_interactive::RULE,
    &dl3035_zypper_dist_upgrade::RULE,
    &dl3036_zypper_clean::RULE,
    &dl3037_zypper_pin_versions::RULE,
    &dl3038_dnf_yes::RULE,
    &dl3040_dnf_clean_all::RULE,
    &dl3041_dnf_pin_versions::RULE,
    &dl3042_pip_no_cache_dir::RULE,
    &dl3047_wget_progress::RULE,
    &dl3060_yarn_cache_clean::RULE,
    &dl3062_go_install_pin_versions::RULE,
    &dl4001_wget_and_curl::RULE,
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
    &dl1001_inline_ignore_pragma::RULE,
    &dl3000_workdir_absolute::RULE,
    &dl3001_pointless_command::RULE,
    &dl3002_last_user_root::RULE,
    &dl3003_use_workdir::RULE,
    &dl3004_sudo::RULE,
    &dl3010_add_to_extract::RULE,
    &dl3011_expose_port_range::RULE,
    &dl3020_copy_instead_of_add::RULE,
    &dl3021_copy_dest_slash::RULE,
    &dl3022_copy_from_unknown::RULE,
    &dl3023_copy_from_self::RULE,
    &dl3024_duplicate_stage_name::RULE,
    &dl3029_from_platform::RULE,
    &dl3043_onbuild_forbidden_trigger::RULE,
    &dl3044_env_self_reference::RULE,
    &dl3045_copy_relative_dest::RULE,
    &dl3046_useradd_high_uid::RULE,
    &dl3064_sensitive_variable::RULE,
    &dl3065_redundant_target_platform::RULE,
    &dl3066_user_non_numeric::RULE,
    &dl3067_copy_whole_filesystem::RULE,
    &dl4000_maintainer_deprecated::RULE,
    &dl4005_ln_bin_sh::RULE,
    &dl4006_pipefail::RULE,
    &dl3063_missing_user::RULE,
    // -- end instruction rules (helper B) --
    // -- label and registry rules (helper C) --
    &dl3026_trusted_registry::RULE,
    &dl3048_invalid_label_key::RULE,
    &dl3049_missing_label::RULE,
    &dl3050_superfluous_label::RULE,
    &dl3051_empty_label::RULE,
    &dl3052_label_not_url::RULE,
    &dl3053_label_not_rfc3339::RULE,
    &dl3054_label_not_spdx::RULE,
    &dl3055_label_not_git_hash::RULE,
    &dl3056_label_not_semver::RULE,
    &dl3057_missing_healthcheck::RULE,
    &dl3058_label_not_email::RULE,
    // -- end label and registry rules (helper C) --
    // -- BuildKit checks (helper D) --
    &df200_stage_name_casing::RULE,
    &df201_from_as_casing::RULE,
    &df202_no_empty_continuation::RULE,
    &df203_consistent_instruction_casing::RULE,
    &df204_reserved_stage_name::RULE,
    &df205_undefined_arg_in_from::RULE,
    &df206_undefined_var::RULE,
    &df207_legacy_key_value_format::RULE,
    &df209_secrets_used_in_arg_or_env::RULE,
    &df210_invalid_default_arg_in_from::RULE,
    &df211_copy_ignored_file::RULE,
    &df212_expose_proto_casing::RULE,
    &df213_expose_invalid_format::RULE,
    &df214_invalid_definition_description::RULE,
    // -- end BuildKit checks (helper D) --
    // -- builder syntax rules (helper E) --
    &df300_wrong_argument_count::RULE,
    &df301_unknown_flag::RULE,
    &df302_duplicate_flag::RULE,
    &df303_invalid_flag_value::RULE,
    &df304_invalid_run_mount::RULE,
    &df305_invalid_stage_name::RULE,
    &df306_invalid_image_reference::RULE,
    &df307_invalid_onbuild_trigger::RULE,
    &df308_shell_not_json::RULE,
    &df309_invalid_healthcheck::RULE,
    &df310_invalid_key_value::RULE,
    &df311_unsupported_modifier::RULE,
    &df312_invalid_expose::RULE,
    &df313_invalid_stop_signal::RULE,
    &df314_empty_base_name::RULE,
    // -- end builder syntax rules (helper E) --
    // -- ShellCheck (helper S) --
    &df160_shellcheck::RULE,
    // -- end ShellCheck (helper S) --
];
