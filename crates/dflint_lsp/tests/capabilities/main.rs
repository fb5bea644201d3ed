//! In-process tests of every capability of the language server, one module a capability group.

mod code_action;
mod completion;
mod config;
mod diagnostics;
mod document;
mod hover;
mod navigation;
mod robustness;
mod support;
