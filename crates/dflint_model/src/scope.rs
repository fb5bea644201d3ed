//! Variable scopes: which ARG and ENV variables an instruction sees, with their values, following
//! BuildKit (`dockerfile2llb`):
//!
//! - Before the first `FROM`, ARGs are global. Each default is expanded with the global ARGs
//!   declared before it. Global ARGs and the automatic platform ARGs (`TARGETARCH`, ...) are what
//!   `FROM` lines see, and nothing else.
//! - In a stage, an `ARG` is visible after its declaration. `ARG X=default` expands its default
//!   with what is visible so far (pairs of one `ARG` see the pairs before them); a bare `ARG X`
//!   re-declares the global `X` and takes its value, or is unknown until build time.
//! - `ENV` keys and values are expanded with the scope before the instruction (all pairs of one
//!   `ENV` see the same scope). ARG and ENV share one namespace: the later definition wins, so an ENV after
//!   an ARG of the same name overrides it (and the other way round, as in BuildKit).
//! - A stage built `FROM` an earlier stage starts with that stage's final scope; one built from an
//!   image starts empty, but any name may come from the image's own ENV, so an undeclared name is
//!   unknown there rather than unset (it is unset in a `FROM scratch` stage and in the global scope).

use dflint_syntax::ast::{self, AstNode};
use dflint_syntax::SyntaxKind;
use rustc_hash::FxHashMap;

use crate::expand::{expand_with, Binding};

/// The ARGs BuildKit defines before any Dockerfile line: visible to `FROM` lines and to a stage
/// that re-declares them. Their values depend on the build.
pub const AUTOMATIC_ARGS: &[&str] = &[
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
];

/// Where a variable was defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VarSource {
    /// One of [`AUTOMATIC_ARGS`].
    Automatic,
    /// An `ARG` before the first `FROM`.
    GlobalArg,
    /// An `ARG` inside a stage (this one or a parent stage).
    Arg,
    /// An `ENV` (this stage or a parent stage).
    Env,
}

/// A variable in scope.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VarDef {
    /// The name, as written.
    pub name: String,
    /// The value after expansion; `None` when it is only known at build time (an ARG without a
    /// default, an automatic ARG).
    pub value: Option<String>,
    /// What defined it.
    pub source: VarSource,
    /// The `ARG`/`ENV` instruction that defined it (`None` for automatic ARGs).
    pub instruction: Option<ast::Instruction>,
}

/// One name declared by a global `ARG` (before the first `FROM`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ArgDecl {
    /// The `ARG` instruction.
    pub instruction: ast::Instruction,
    /// The `name[=default]` pair.
    pub pair: ast::KeyValue,
    /// The name.
    pub name: String,
    /// The default, expanded with the global ARGs before it; `None` without `=`.
    pub default: Option<String>,
}

/// The variables visible at one point of a Dockerfile.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// In definition order; a name appears once.
    vars: Vec<VarDef>,
    /// Where each name is in `vars`: lookups stay O(1) in files that define thousands of names.
    index: FxHashMap<String, usize>,
    /// An undeclared name may still be set (by the base image's ENV): it is unknown, not unset.
    open: bool,
}

impl PartialEq for Scope {
    fn eq(&self, other: &Scope) -> bool {
        // `index` follows from `vars`.
        self.vars == other.vars && self.open == other.open
    }
}

impl Eq for Scope {}

impl Scope {
    /// An empty scope; `open` says whether undeclared names may be set from outside (a base
    /// image's ENV).
    pub(crate) fn new(open: bool) -> Scope {
        Scope { vars: Vec::new(), index: FxHashMap::default(), open }
    }

    /// The scope `FROM` lines see: the automatic ARGs.
    pub(crate) fn global() -> Scope {
        let mut scope = Scope::new(false);
        for name in AUTOMATIC_ARGS {
            scope.set(VarDef { name: name.to_string(), value: None, source: VarSource::Automatic, instruction: None });
        }
        scope
    }

    /// The variable called `name`, if defined.
    pub fn get(&self, name: &str) -> Option<&VarDef> {
        self.index.get(name).map(|&i| &self.vars[i])
    }

    /// Is `name` defined (by an ARG, an ENV, or automatically)?
    pub fn is_defined(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// All variables, in definition order.
    pub fn iter(&self) -> impl Iterator<Item = &VarDef> {
        self.vars.iter()
    }

    /// Can names not defined here still be set at build time, by the base image's ENV?
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// How `name` expands here.
    pub fn binding(&self, name: &str) -> Binding {
        match self.get(name) {
            Some(VarDef { value: Some(v), .. }) => Binding::Value(v.clone()),
            Some(VarDef { value: None, .. }) => Binding::Unknown,
            None if self.open => Binding::Unknown,
            None => Binding::Unset,
        }
    }

    /// Expands `text` as BuildKit would here (see [`expand_with`]).
    pub fn expand(&self, text: &str, escape: char) -> String {
        expand_with(text, escape, &|name| self.binding(name))
    }

    /// Defines (or redefines) a variable; returns its position in definition order.
    pub(crate) fn set(&mut self, def: VarDef) -> usize {
        match self.index.get(&def.name) {
            Some(&i) => {
                self.vars[i] = def;
                i
            }
            None => {
                let i = self.vars.len();
                self.index.insert(def.name.clone(), i);
                self.vars.push(def);
                i
            }
        }
    }

    /// How many variables are defined.
    pub(crate) fn len(&self) -> usize {
        self.vars.len()
    }

    /// The variable at position `slot` in definition order.
    pub(crate) fn slot(&self, slot: usize) -> &VarDef {
        &self.vars[slot]
    }

    /// A scope with these variables, in this order (names are distinct).
    pub(crate) fn from_vars(vars: Vec<VarDef>, open: bool) -> Scope {
        let index = vars.iter().enumerate().map(|(i, v)| (v.name.clone(), i)).collect();
        Scope { vars, index, open }
    }

    /// Applies the global `ARG` instruction `instr`, returning its declarations.
    pub(crate) fn apply_global_arg(&mut self, instr: &ast::Instruction, escape: char) -> Vec<ArgDecl> {
        let mut decls = Vec::new();
        for pair in instr.pairs() {
            let Some(name) = pair.key().map(|k| k.logical_text()) else { continue };
            let default = pair_value(&pair).map(|raw| self.expand(&raw, escape));
            // A bare re-declaration keeps the value the name had.
            if default.is_some() || !self.is_defined(&name) {
                let def = VarDef {
                    name: name.clone(),
                    value: default.clone(),
                    source: VarSource::GlobalArg,
                    instruction: Some(instr.clone()),
                };
                self.set(def);
            }
            decls.push(ArgDecl { instruction: instr.clone(), pair, name, default });
        }
        decls
    }

    /// Applies a stage's instruction: `ARG` and `ENV` change the scope, nothing else does. The
    /// positions (in definition order) of the variables it set are pushed to `touched`.
    pub(crate) fn apply(&mut self, instr: &ast::Instruction, globals: &Scope, escape: char, touched: &mut Vec<usize>) {
        match instr.kind() {
            SyntaxKind::ARG_INSTR => {
                for pair in instr.pairs() {
                    let Some(name) = pair.key().map(|k| k.logical_text()) else { continue };
                    let value = match pair_value(&pair) {
                        Some(raw) => Some(self.expand(&raw, escape)),
                        None => match globals.get(&name).and_then(|g| g.value.clone()) {
                            Some(global) => Some(global),
                            // Declared, no default: the value comes with the build, if at all; an
                            // earlier definition stays in force until then.
                            None if self.is_defined(&name) => continue,
                            None => None,
                        },
                    };
                    touched.push(self.set(VarDef {
                        name,
                        value,
                        source: VarSource::Arg,
                        instruction: Some(instr.clone()),
                    }));
                }
            }
            SyntaxKind::ENV_INSTR => {
                // All pairs see the scope before the instruction: expand them all, then set them.
                let mut defs = Vec::new();
                for pair in instr.pairs() {
                    // BuildKit expands ENV keys as well as values.
                    let Some(name) = pair.key().map(|k| self.expand(&k.logical_text(), escape)) else { continue };
                    let value = self.expand(&pair_value(&pair).unwrap_or_default(), escape);
                    defs.push(VarDef {
                        name,
                        value: Some(value),
                        source: VarSource::Env,
                        instruction: Some(instr.clone()),
                    });
                }
                for def in defs {
                    touched.push(self.set(def));
                }
            }
            _ => {}
        }
    }
}

/// The raw value text of a pair: `Some("")` for `ARG A=`, `None` for a bare `ARG A`.
fn pair_value(pair: &ast::KeyValue) -> Option<String> {
    match (pair.value(), pair.eq_token()) {
        (Some(value), _) => Some(value.logical_text()),
        (None, Some(_)) => Some(String::new()),
        (None, None) => None,
    }
}
