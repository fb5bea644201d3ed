//! Build stages: what each `FROM` starts, what it is built on, and the state it carries from its
//! parent stage (scope, SHELL, ENTRYPOINT/CMD).

use dflint_syntax::ast::{self, AstNode, ImageRef};
use dflint_syntax::{SyntaxKind, TextRange, TextSize};

use crate::run::{self, Run};
use crate::scope::{History, HistoryBuilder, Scope};
use crate::start::{Form, StartCommand};
use std::rc::Rc;

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
    initial_shell: Vec<String>,
    /// The initial and final scopes and how the scope changed along the stage, so that the scope
    /// at any instruction is read without replaying the stage (which made the rules quadratic in
    /// big files).
    history: Rc<History>,
    /// The `SHELL` changes: index of the instruction, and the new SHELL.
    shell_changes: Vec<(usize, Vec<String>)>,
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
        &self.history.initial
    }

    /// The variables in scope at the end of the stage (what a child stage starts with).
    pub fn final_scope(&self) -> &Scope {
        &self.history.final_scope
    }

    /// The variables an instruction starting at `offset` sees: the initial scope with the stage's
    /// ARG and ENV instructions before `offset` applied.
    pub(crate) fn scope_before(&self, offset: TextSize) -> Scope {
        Scope::at(&self.history, self.instructions_before(offset))
    }

    /// How many of the stage's instructions start before `offset`.
    fn instructions_before(&self, offset: TextSize) -> usize {
        self.instructions.partition_point(|i| i.range().start() < offset)
    }

    /// The [`Run`] of `instruction` (a `RUN` of this stage, or an `ONBUILD RUN`'s trigger), found
    /// by binary search: `runs` are in file order.
    pub fn run_of(&self, instruction: &ast::Instruction) -> Option<&Run> {
        let start = instruction.range().start();
        let idx = self.runs.partition_point(|r| r.instruction.range().start() < start);
        self.runs[idx..]
            .iter()
            .take_while(|r| r.instruction.range().start() == start)
            .find(|r| &r.instruction == instruction)
    }

    /// The SHELL in effect for an instruction starting at `offset`.
    pub fn shell_at(&self, offset: TextSize) -> Vec<String> {
        let applied = self.instructions_before(offset);
        let changes = self.shell_changes.partition_point(|(i, _)| *i < applied);
        match changes.checked_sub(1) {
            Some(last) => self.shell_changes[last].1.clone(),
            None => self.initial_shell.clone(),
        }
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

/// Builds stage `index` from its `FROM` and instructions; `earlier` are the stages before it,
/// `by_name` the last of them with each (lower-case) name.
pub(crate) fn build(
    index: usize,
    from: ast::From,
    instructions: Vec<ast::Instruction>,
    earlier: &[Stage],
    by_name: &rustc_hash::FxHashMap<String, usize>,
    globals: &Scope,
    escape: char,
) -> Stage {
    let name = from.stage_name().map(|w| w.logical_text());
    let name_lower = name.as_ref().map(|n| n.to_lowercase());
    let image = from.image();
    let raw = image.as_ref().map(|w| w.logical_text()).unwrap_or_default();
    let expanded = globals.expand(&raw, escape);
    let wanted = expanded.to_lowercase();
    let parent = by_name.get(&wanted).copied();
    let is_scratch = parent.is_none() && expanded.eq_ignore_ascii_case("scratch");
    let start = image.map_or(from.range().start(), |w| w.range().start());
    let base = BaseImage { raw, expanded, stage: parent, is_scratch, start };

    let parent_stage = parent.and_then(|p| earlier.get(p));
    let initial_scope = parent_stage.map_or_else(|| Scope::new(base.is_external()), |p| p.history.final_scope.clone());
    let default_shell = if base.looks_windows() { WINDOWS_DEFAULT_SHELL } else { DEFAULT_SHELL };
    let initial_shell =
        parent_stage.map_or_else(|| default_shell.iter().map(|s| s.to_string()).collect(), |p| p.shell.clone());
    let mut start = StartCommand::inherit(parent_stage.map(|p| &p.start), base.is_external());

    let mut scope = initial_scope.clone();
    let mut shell = initial_shell.clone();
    let mut runs = Vec::new();
    let mut cmd_set_here = false;
    let mut history = HistoryBuilder::default();
    let mut shell_changes = Vec::new();
    let mut touched = Vec::new();
    for (at, instr) in instructions.iter().enumerate() {
        touched.clear();
        scope.apply(instr, globals, escape, &mut touched);
        history.record(at, &scope, &touched);
        match instr.kind() {
            SyntaxKind::SHELL_INSTR => {
                if let Some(new) = shell_of(instr) {
                    shell_changes.push((at, new.clone()));
                    shell = new;
                }
            }
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
        initial_shell,
        history: Rc::new(history.finish(initial_scope, scope)),
        shell_changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scope and SHELL at every instruction, read from the history, equal a replay of the
    /// stage up to that instruction (how they were computed before the history existed).
    fn check_against_replay(text: &str) {
        let parse = dflint_syntax::parse(text);
        let model = crate::analyze(&parse);
        for stage in &model.stages {
            let mut scope = stage.initial_scope().clone();
            let mut shell = stage.initial_shell.clone();
            let mut touched = Vec::new();
            for instr in &stage.instructions {
                let at = instr.range().start();
                assert_eq!(stage.scope_before(at), scope, "scope before {:?} in {text:?}", instr.syntax().text());
                assert_eq!(stage.shell_at(at), shell, "SHELL before {:?}", instr.syntax().text());
                scope.apply(instr, model.global_scope(), model.escape, &mut touched);
                if let Some(new) = shell_of(instr) {
                    shell = new;
                }
            }
            assert_eq!(&scope, stage.final_scope());
            let end = stage.range().end() + TextSize::from(1);
            assert_eq!(stage.scope_before(end), scope);
        }
    }

    #[test]
    fn history_equals_replay() {
        check_against_replay(
            "ARG G=g\nARG B\nFROM alpine AS one\nARG G\nENV A=1 B=$A\nARG A=2 A=3 C\nSHELL [\"/bin/bash\", \"-c\"]\n\
             RUN x\nENV ${A}X=y PATH=/p:$PATH\nONBUILD ENV Q=1\nFROM one\nENV A=4 G=$G\nARG B\nSHELL [\"sh\", \"-c\"]\n\
             ARG C=c\nRUN y\nFROM scratch\nENV Z=$A\nARG Z\nARG Z=2\n",
        );
        check_against_replay("FROM a\n");
        check_against_replay("ARG A=1\n");
    }

    #[test]
    fn history_equals_replay_on_the_real_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
        let Ok(entries) = std::fs::read_dir(&dir) else { return };
        for entry in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                check_against_replay(&text);
            }
        }
    }
}
