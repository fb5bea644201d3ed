//! Build stages: what each `FROM` starts, what it is built on, and the state it carries from its
//! parent stage (scope, SHELL, ENTRYPOINT/CMD).

use dflint_syntax::ast::{self, AstNode, ImageRef};
use dflint_syntax::{SyntaxKind, TextRange, TextSize};

use crate::run::{self, Run};
use crate::scope::Scope;
use crate::start::{Form, StartCommand};

/// The SHELL of a stage that sets none and has no parent stage in the file.
pub const DEFAULT_SHELL: &[&str] = &["/bin/sh", "-c"];

/// The SHELL BuildKit uses instead on a Windows base image (see [`BaseImage::looks_windows`]).
pub const WINDOWS_DEFAULT_SHELL: &[&str] = &["cmd", "/S", "/C"];

/// What a stage is built `FROM`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseImage {
    /// The image word as written (`alpine:${TAG}`), continuations removed.
    pub raw: String,
    /// After expanding the global ARGs, as BuildKit does for `FROM` (only global ARGs and the
    /// automatic platform ARGs are in scope; ARGs without a value are kept as written).
    pub expanded: String,
    /// The earlier stage `expanded` names (compared case-insensitively), if any.
    pub stage: Option<usize>,
    /// `FROM scratch` (any case).
    pub is_scratch: bool,
    /// Where the image word starts in the file.
    start: TextSize,
}

impl BaseImage {
    /// Is the base an image from a registry (not a stage of this file, not `scratch`)?
    pub fn is_external(&self) -> bool {
        self.stage.is_none() && !self.is_scratch
    }

    /// Does the reference name a Windows image (`mcr.microsoft.com/windows/servercore`,
    /// `...:8.0-nanoserver-ltsc2022`, ...)? BuildKit picks the default SHELL by the image's OS,
    /// which only the registry knows; the name is the best guess here.
    pub fn looks_windows(&self) -> bool {
        let name = self.expanded.to_ascii_lowercase();
        ["servercore", "nanoserver", "mcr.microsoft.com/windows", "microsoft/windows"].iter().any(|w| name.contains(w))
    }

    /// The expanded reference split into registry, name, tag and digest, for an external image.
    /// Ranges point into the file and are exact only when `raw == expanded`.
    pub fn image_ref(&self) -> Option<ImageRef> {
        (self.is_external() && !self.expanded.is_empty()).then(|| ImageRef::parse(&self.expanded, self.start))
    }
}

/// A build stage: a `FROM` and the instructions up to the next one.
#[derive(Clone, Debug)]
pub struct Stage {
    /// 0 for the first stage.
    pub index: usize,
    /// The `FROM` instruction.
    pub from: ast::From,
    /// The name after `AS`, as written.
    pub name: Option<String>,
    /// The name lower-cased, as BuildKit stores and matches stage names.
    pub name_lower: Option<String>,
    /// What the stage is built on.
    pub base: BaseImage,
    /// The earlier stage this one is built on (same as `base.stage`).
    pub parent: Option<usize>,
    /// The stage's instructions after `FROM`, in order (an `ONBUILD` as itself).
    pub instructions: Vec<ast::Instruction>,
    /// The SHELL in effect at the end of the stage: `["/bin/sh", "-c"]` (`["cmd", "/S", "/C"]` on a
    /// Windows base image) unless a `SHELL` here or in a parent stage changed it.
    pub shell: Vec<String>,
    /// The `RUN` instructions, `ONBUILD RUN` included, with their scripts.
    pub runs: Vec<Run>,
    /// The image's effective ENTRYPOINT and CMD at the end of the stage.
    pub start: StartCommand,
    initial_scope: Scope,
    final_scope: Scope,
    initial_shell: Vec<String>,
}

impl Stage {
    /// From the `FROM` to the end of the last instruction.
    pub fn range(&self) -> TextRange {
        let start = self.from.range().start();
        let end = self.instructions.last().map_or(self.from.range().end(), |i| i.range().end());
        TextRange::new(start, end)
    }

    /// The variables the first instruction after `FROM` sees (the parent stage's final scope,
    /// or an empty one).
    pub fn initial_scope(&self) -> &Scope {
        &self.initial_scope
    }

    /// The variables in scope at the end of the stage (what a child stage starts with).
    pub fn final_scope(&self) -> &Scope {
        &self.final_scope
    }

    /// The variables an instruction starting at `offset` sees: the initial scope with the stage's
    /// ARG and ENV instructions before `offset` applied.
    pub(crate) fn scope_before(&self, offset: TextSize, globals: &Scope, escape: char) -> Scope {
        let mut scope = self.initial_scope.clone();
        for instr in self.instructions.iter().take_while(|i| i.range().start() < offset) {
            scope.apply(instr, globals, escape);
        }
        scope
    }

    /// The SHELL in effect for an instruction starting at `offset`.
    pub fn shell_at(&self, offset: TextSize) -> Vec<String> {
        let mut shell = self.initial_shell.clone();
        for instr in self.instructions.iter().take_while(|i| i.range().start() < offset) {
            if let Some(new) = shell_of(instr) {
                shell = new;
            }
        }
        shell
    }
}

/// The new SHELL an instruction sets, if it is a `SHELL` with a non-empty JSON array.
fn shell_of(instr: &ast::Instruction) -> Option<Vec<String>> {
    if instr.kind() != SyntaxKind::SHELL_INSTR {
        return None;
    }
    let strings = instr.exec_form()?.strings()?;
    (!strings.is_empty()).then_some(strings)
}

/// Builds stage `index` from its `FROM` and instructions; `earlier` are the stages before it.
pub(crate) fn build(
    index: usize,
    from: ast::From,
    instructions: Vec<ast::Instruction>,
    earlier: &[Stage],
    globals: &Scope,
    escape: char,
) -> Stage {
    let name = from.stage_name().map(|w| w.logical_text());
    let name_lower = name.as_ref().map(|n| n.to_lowercase());
    let image = from.image();
    let raw = image.as_ref().map(|w| w.logical_text()).unwrap_or_default();
    let expanded = globals.expand(&raw, escape);
    let wanted = expanded.to_lowercase();
    let parent = earlier.iter().rev().find(|s| s.name_lower.as_deref() == Some(wanted.as_str())).map(|s| s.index);
    let is_scratch = parent.is_none() && expanded.eq_ignore_ascii_case("scratch");
    let start = image.map_or(from.range().start(), |w| w.range().start());
    let base = BaseImage { raw, expanded, stage: parent, is_scratch, start };

    let parent_stage = parent.and_then(|p| earlier.get(p));
    let initial_scope = parent_stage.map_or_else(|| Scope::new(base.is_external()), |p| p.final_scope.clone());
    let default_shell = if base.looks_windows() { WINDOWS_DEFAULT_SHELL } else { DEFAULT_SHELL };
    let initial_shell =
        parent_stage.map_or_else(|| default_shell.iter().map(|s| s.to_string()).collect(), |p| p.shell.clone());
    let mut start = StartCommand::inherit(parent_stage.map(|p| &p.start), base.is_external());

    let mut scope = initial_scope.clone();
    let mut shell = initial_shell.clone();
    let mut runs = Vec::new();
    let mut cmd_set_here = false;
    for instr in &instructions {
        scope.apply(instr, globals, escape);
        match instr.kind() {
            SyntaxKind::SHELL_INSTR => shell = shell_of(instr).unwrap_or(shell),
            SyntaxKind::RUN_INSTR => runs.push(run::run(instr.clone(), instr, &shell)),
            SyntaxKind::ONBUILD_INSTR => {
                if let Some(trigger) = instr.onbuild_trigger().filter(|t| t.kind() == SyntaxKind::RUN_INSTR) {
                    runs.push(run::run(trigger, instr, &shell));
                }
            }
            SyntaxKind::ENTRYPOINT_INSTR => start.set_entrypoint(Form::of(instr, &shell), cmd_set_here),
            SyntaxKind::CMD_INSTR => {
                start.set_cmd(Form::of(instr, &shell));
                cmd_set_here = true;
            }
            _ => {}
        }
    }

    Stage {
        index,
        from,
        name,
        name_lower,
        base,
        parent,
        instructions,
        shell,
        runs,
        start,
        initial_scope,
        final_scope: scope,
        initial_shell,
    }
}
