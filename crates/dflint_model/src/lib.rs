//! `dflint_model`: what a Dockerfile means, built once per file for the rules.
//!
//! [`analyze`] reads a [`Parse`] (errors and all; it never fails) into a [`Model`]:
//!
//! - the global ARGs and the [`Stage`]s, each with its [`BaseImage`] (expanded with the global
//!   ARGs, resolved to an earlier stage case-insensitively, or `scratch`), its parent stage, and
//!   its instructions;
//! - variable [`Scope`]s with BuildKit's rules, and BuildKit's word expansion ([`expand_with`]);
//! - the SHELL in effect everywhere, and each `RUN` as shell [`Script`](dflint_shell::Script)s
//!   ([`Run`], [`RunScript`]), heredoc bodies included when a POSIX shell runs them;
//! - each stage's effective ENTRYPOINT and CMD ([`StartCommand`]).
//!
//! Module docs say which BuildKit behaviour each part follows: `scope` for variables, `run` for
//! RUN and heredocs, `start` for ENTRYPOINT/CMD, `expand` for expansion.

mod expand;
mod run;
mod scope;
mod stage;
mod start;

pub use expand::{expand_with, Binding};
pub use run::{is_posix_shell, is_posix_shell_argv, set_script_cache, Run, RunScript};
pub use scope::{ArgDecl, Scope, VarDef, VarSource, AUTOMATIC_ARGS};
pub use stage::{BaseImage, Stage, DEFAULT_SHELL, WINDOWS_DEFAULT_SHELL};
pub use start::{Form, FormKind, StartCommand};

use dflint_syntax::ast::{self, AstNode};
use dflint_syntax::{Parse, SyntaxKind, TextSize};
use rustc_hash::FxHashMap;

/// The semantic model of one Dockerfile.
#[derive(Clone, Debug)]
pub struct Model {
    /// The stages, in file order.
    pub stages: Vec<Stage>,
    /// The names declared by ARGs before the first `FROM`, in order.
    pub global_args: Vec<ArgDecl>,
    /// The escape character (`\`, or `` ` `` after `# escape=``).
    pub escape: char,
    global_scope: Scope,
    /// The last stage with each lower-case name.
    stage_names: FxHashMap<String, usize>,
    /// For each stage, whether a later stage is built on it (`FROM <this stage>`).
    has_child: Vec<bool>,
}

/// Builds the model of a parsed Dockerfile. Never fails: parts the parser could not read are
/// left out or read as far as they go.
pub fn analyze(parse: &Parse) -> Model {
    run::start_analysis();
    let file = parse.tree();
    let escape = file.escape_char();
    let mut global_scope = Scope::global();
    let mut global_args = Vec::new();
    let mut groups: Vec<(ast::From, Vec<ast::Instruction>)> = Vec::new();
    for instr in file.instructions() {
        if let Some(from) = instr.as_from() {
            groups.push((from, Vec::new()));
            continue;
        }
        match groups.last_mut() {
            Some((_, instructions)) => instructions.push(instr),
            None if instr.kind() == SyntaxKind::ARG_INSTR => {
                global_args.extend(global_scope.apply_global_arg(&instr, escape));
            }
            // BuildKit rejects any other instruction before the first FROM.
            None => {}
        }
    }
    let mut stages: Vec<Stage> = Vec::with_capacity(groups.len());
    let mut stage_names = FxHashMap::default();
    for (index, (from, instructions)) in groups.into_iter().enumerate() {
        let stage = stage::build(index, from, instructions, &stages, &stage_names, &global_scope, escape);
        if let Some(name) = &stage.name_lower {
            stage_names.insert(name.clone(), index);
        }
        stages.push(stage);
    }
    let mut has_child = vec![false; stages.len()];
    for parent in stages.iter().filter_map(|s| s.parent) {
        if let Some(flag) = has_child.get_mut(parent) {
            *flag = true;
        }
    }
    Model { stages, global_args, escape, global_scope, stage_names, has_child }
}

impl Model {
    /// The scope `FROM` lines see: the global ARGs and the automatic platform ARGs.
    pub fn global_scope(&self) -> &Scope {
        &self.global_scope
    }

    /// The stage named `name` (case-insensitively, as BuildKit matches stage names); the last
    /// one when several have that name.
    pub fn stage_by_name(&self, name: &str) -> Option<&Stage> {
        self.stage_names.get(&name.to_lowercase()).and_then(|&i| self.stages.get(i))
    }

    /// Is a later stage built on stage `index` (`FROM <its name>`)?
    pub fn has_child_stage(&self, index: usize) -> bool {
        self.has_child.get(index).copied().unwrap_or(false)
    }

    /// The stage whose text holds `offset` (its FROM line included).
    pub fn stage_at(&self, offset: TextSize) -> Option<&Stage> {
        // Stages are in file order and do not overlap (one may end where the next starts).
        let after = self.stages.partition_point(|s| s.range().start() <= offset);
        let first = after.saturating_sub(2);
        self.stages[first..after].iter().find(|s| s.range().contains_inclusive(offset))
    }

    /// The variables `at` sees, `at` being an instruction of stage `stage` (for the stage's `FROM`,
    /// or an unknown stage, the global scope).
    pub fn scope_at(&self, stage: usize, at: &ast::Instruction) -> Scope {
        match self.stages.get(stage) {
            Some(s) if at.kind() != SyntaxKind::FROM_INSTR => s.scope_before(at.range().start()),
            _ => self.global_scope.clone(),
        }
    }

    /// `text` expanded as BuildKit expands words of `at` (see [`Model::scope_at`]).
    pub fn expand(&self, stage: usize, at: &ast::Instruction, text: &str) -> String {
        self.scope_at(stage, at).expand(text, self.escape)
    }

    /// The ENV variables `at` sees (set in this stage or a parent stage), with their values.
    pub fn env_at(&self, stage: usize, at: &ast::Instruction) -> Vec<(String, String)> {
        let scope = self.scope_at(stage, at);
        scope
            .iter()
            .filter(|v| v.source == VarSource::Env)
            .map(|v| (v.name.clone(), v.value.clone().unwrap_or_default()))
            .collect()
    }

    /// The ARGs `at` sees, with their values where known (for a `FROM`: the global ARGs).
    pub fn args_at(&self, stage: usize, at: &ast::Instruction) -> Vec<(String, Option<String>)> {
        let scope = self.scope_at(stage, at);
        scope.iter().filter(|v| v.source != VarSource::Env).map(|v| (v.name.clone(), v.value.clone())).collect()
    }

    /// The names of all variables `at` sees (ARGs, ENVs, automatic ARGs). A name outside this
    /// list may still come from the base image's ENV; see [`Scope::is_open`].
    pub fn vars_defined_at(&self, stage: usize, at: &ast::Instruction) -> Vec<String> {
        self.scope_at(stage, at).iter().map(|v| v.name.clone()).collect()
    }

    /// The SHELL in effect for `at` in stage `stage`.
    pub fn shell_at(&self, stage: usize, at: &ast::Instruction) -> Vec<String> {
        match self.stages.get(stage) {
            Some(s) => s.shell_at(at.range().start()),
            None => DEFAULT_SHELL.iter().map(|s| s.to_string()).collect(),
        }
    }
}
