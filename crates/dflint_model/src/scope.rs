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
use std::rc::Rc;

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
///
/// A scope is either a plain list of variables, or a view of a stage's [`History`] at one
/// instruction: the view costs O(1) to make, and reads a variable in O(log n), so asking for the
/// scope of every instruction of a stage with thousands of ARGs and ENVs stays linear.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    repr: Repr,
    /// An undeclared name may still be set (by the base image's ENV): it is unknown, not unset.
    open: bool,
}

#[derive(Clone, Debug)]
enum Repr {
    Flat {
        /// In definition order; a name appears once.
        vars: Vec<VarDef>,
        /// Where each name is in `vars`: lookups stay O(1) in files that define thousands of names.
        index: FxHashMap<String, usize>,
    },
    /// The scope once the first `applied` instructions of a stage have run.
    At { history: Rc<History>, applied: usize },
}

impl Default for Repr {
    fn default() -> Repr {
        Repr::Flat { vars: Vec::new(), index: FxHashMap::default() }
    }
}

/// How the scope changed along a stage, stored once: for each variable of the final scope (in
/// its order), the definitions it received in the stage, each with the index of the instruction
/// that made it.
#[derive(Debug)]
pub(crate) struct History {
    pub(crate) initial: Scope,
    /// Its `index` gives every name's slot.
    pub(crate) final_scope: Scope,
    slots: Vec<Vec<(usize, VarDef)>>,
}

impl History {
    pub(crate) fn new(initial: Scope, final_scope: Scope, slots: Vec<Vec<(usize, VarDef)>>) -> History {
        History { initial, final_scope, slots }
    }

    /// The definition of slot `slot` once `applied` instructions have run.
    fn def(&self, slot: usize, applied: usize) -> Option<&VarDef> {
        let defs = self.slots.get(slot).map_or(&[][..], Vec::as_slice);
        let seen = defs.partition_point(|(i, _)| *i < applied);
        if seen > 0 {
            Some(&defs[seen - 1].1)
        } else if slot < self.initial.len() {
            Some(self.initial.slot(slot))
        } else {
            // Names are added in file order: a slot not defined yet has no later slot defined.
            None
        }
    }
}

/// Records, slot by slot, the definitions a stage makes (see [`History`]).
#[derive(Debug, Default)]
pub(crate) struct HistoryBuilder {
    slots: Vec<Vec<(usize, VarDef)>>,
}

impl HistoryBuilder {
    /// Records that instruction `at` set the variables at positions `touched` of `scope` (the
    /// scope just after it).
    pub(crate) fn record(&mut self, at: usize, scope: &Scope, touched: &[usize]) {
        for &slot in touched {
            if self.slots.len() <= slot {
                self.slots.resize_with(slot + 1, Vec::new);
            }
            let defs = &mut self.slots[slot];
            let def = scope.slot(slot).clone();
            // An instruction that sets a name twice (`ARG A=1 A=2`) keeps its last definition.
            match defs.last_mut() {
                Some((i, last)) if *i == at => *last = def,
                _ => defs.push((at, def)),
            }
        }
    }

    pub(crate) fn finish(self, initial: Scope, final_scope: Scope) -> History {
        History::new(initial, final_scope, self.slots)
    }
}

impl PartialEq for Scope {
    fn eq(&self, other: &Scope) -> bool {
        // `index` follows from `vars`.
        self.open == other.open && self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Scope {}

impl Scope {
    /// An empty scope; `open` says whether undeclared names may be set from outside (a base
    /// image's ENV).
    pub(crate) fn new(open: bool) -> Scope {
        Scope { repr: Repr::default(), open }
    }

    /// The scope of `history` once `applied` instructions of its stage have run.
    pub(crate) fn at(history: &Rc<History>, applied: usize) -> Scope {
        Scope { repr: Repr::At { history: history.clone(), applied }, open: history.initial.open }
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
        match &self.repr {
            Repr::Flat { vars, index } => index.get(name).map(|&i| &vars[i]),
            Repr::At { history, applied } => {
                let slot = history.final_scope.slot_of(name)?;
                history.def(slot, *applied)
            }
        }
    }

    fn slot_of(&self, name: &str) -> Option<usize> {
        match &self.repr {
            Repr::Flat { index, .. } => index.get(name).copied(),
            Repr::At { .. } => None,
        }
    }

    /// Is `name` defined (by an ARG, an ENV, or automatically)?
    pub fn is_defined(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// All variables, in definition order.
    pub fn iter(&self) -> impl Iterator<Item = &VarDef> {
        let (flat, view) = match &self.repr {
            Repr::Flat { vars, .. } => (Some(vars.iter()), None),
            Repr::At { history, applied } => {
                let applied = *applied;
                let history: &History = history;
                (None, Some((0..).map_while(move |slot| history.def(slot, applied))))
            }
        };
        flat.into_iter().flatten().chain(view.into_iter().flatten())
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

    /// The variables as a plain list, for a view about to be changed.
    fn make_flat(&mut self) -> (&mut Vec<VarDef>, &mut FxHashMap<String, usize>) {
        if let Repr::At { .. } = self.repr {
            let vars: Vec<VarDef> = self.iter().cloned().collect();
            let index = vars.iter().enumerate().map(|(i, v)| (v.name.clone(), i)).collect();
            self.repr = Repr::Flat { vars, index };
        }
        match &mut self.repr {
            Repr::Flat { vars, index } => (vars, index),
            Repr::At { .. } => unreachable!("made flat above"),
        }
    }

    /// Defines (or redefines) a variable; returns its position in definition order.
    pub(crate) fn set(&mut self, def: VarDef) -> usize {
        let (vars, index) = self.make_flat();
        match index.get(&def.name) {
            Some(&i) => {
                vars[i] = def;
                i
            }
            None => {
                let i = vars.len();
                index.insert(def.name.clone(), i);
                vars.push(def);
                i
            }
        }
    }

    /// How many variables are defined.
    pub(crate) fn len(&self) -> usize {
        match &self.repr {
            Repr::Flat { vars, .. } => vars.len(),
            Repr::At { .. } => self.iter().count(),
        }
    }

    /// The variable at position `slot` in definition order.
    pub(crate) fn slot(&self, slot: usize) -> &VarDef {
        match &self.repr {
            Repr::Flat { vars, .. } => &vars[slot],
            Repr::At { history, applied } => history.def(slot, *applied).expect("a defined slot"),
        }
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
