//! The rules, one file each, and the registry list.

use crate::registry::RuleMeta;

mod df000_syntax_error;
mod df001_exec_form_single_element;
mod df002_invalid_json_array;
mod dl3025_json_args;
mod dl3061_from_first;
// -- package manager rules (apt, pip, ...) --
// -- end package manager rules --
// -- stage and layer rules --
// -- end stage and layer rules --

/// Every rule, in the order they run and are listed.
pub(crate) static RULES: &[&RuleMeta] = &[
    &df000_syntax_error::RULE,
    &df001_exec_form_single_element::RULE,
    &df002_invalid_json_array::RULE,
    &dl3025_json_args::RULE,
    &dl3061_from_first::RULE,
    // -- package manager rules (apt, pip, ...) --
    // -- end package manager rules --
    // -- stage and layer rules --
    // -- end stage and layer rules --
];
