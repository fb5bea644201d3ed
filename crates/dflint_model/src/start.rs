//! The command a stage's image starts with: its effective ENTRYPOINT and CMD, following Docker's
//! rules as BuildKit's `dispatchCmd`/`dispatchEntrypoint` apply them.
//!
//! - Exec form `["a", "b"]` is stored as is; shell form `a b` as the SHELL in effect at that
//!   instruction plus the text (`/bin/sh -c "a b"` by default).
//! - Setting ENTRYPOINT clears the CMD unless a CMD was already set in the same stage: a CMD
//!   inherited from the parent stage does not survive a new ENTRYPOINT (a CMD after the
//!   ENTRYPOINT sets it again, of course).
//! - The container runs ENTRYPOINT + CMD. With a shell-form ENTRYPOINT, CMD only becomes the
//!   positional parameters of `sh -c`, which the command string ignores: it is moot.
//! - Both are inherited from a parent stage in this file; from an external image they are unknown.

use dflint_syntax::ast;

/// How an ENTRYPOINT or CMD was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormKind {
    /// A JSON array: `["a", "b"]`.
    Exec,
    /// Anything else: given to the SHELL.
    Shell,
}

/// An ENTRYPOINT or CMD setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The instruction that set it (possibly in a parent stage).
    pub instruction: ast::Instruction,
    /// Exec or shell form.
    pub kind: FormKind,
    /// What was written: the exec-form strings, or the shell-form text as one element.
    pub args: Vec<String>,
    /// As stored in the image: the exec-form strings, or SHELL + the shell-form text.
    pub argv: Vec<String>,
}

impl Form {
    /// Was it written in shell form?
    pub fn is_shell(&self) -> bool {
        self.kind == FormKind::Shell
    }

    /// Reads an ENTRYPOINT or CMD instruction, with `shell` the SHELL in effect there.
    pub(crate) fn of(instruction: &ast::Instruction, shell: &[String]) -> Form {
        if let Some(exec) = instruction.exec_form() {
            let args: Vec<String> = exec.elements().filter_map(|e| e.value()).collect();
            return Form { instruction: instruction.clone(), kind: FormKind::Exec, argv: args.clone(), args };
        }
        let text = instruction.shell_form().map(|s| s.text()).unwrap_or_default();
        let mut argv = shell.to_vec();
        argv.push(text.clone());
        Form { instruction: instruction.clone(), kind: FormKind::Shell, args: vec![text], argv }
    }
}

/// The effective start command of a stage's image.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartCommand {
    /// The ENTRYPOINT in effect.
    pub entrypoint: Option<Form>,
    /// The CMD in effect (`None` when a later ENTRYPOINT cleared it).
    pub cmd: Option<Form>,
    /// What the container runs: ENTRYPOINT + CMD, or the shell-form ENTRYPOINT alone; `None`
    /// when neither is set in this file.
    pub argv: Option<Vec<String>>,
    /// A CMD is set but a shell-form ENTRYPOINT ignores it.
    pub cmd_ignored: bool,
    /// The stage descends from an external image and sets no ENTRYPOINT: the image's own
    /// ENTRYPOINT (unknown here) may come before `argv`, and with no CMD set the image's CMD
    /// applies.
    pub inherits_unknown: bool,
}

impl StartCommand {
    /// The start command of a stage that inherits `parent` (the default for a stage built from an
    /// image: nothing known, `inherits_unknown` when the image is not `scratch`).
    pub(crate) fn inherit(parent: Option<&StartCommand>, from_image: bool) -> StartCommand {
        match parent {
            Some(parent) => parent.clone(),
            None => StartCommand { inherits_unknown: from_image, ..StartCommand::default() },
        }
    }

    /// Applies an ENTRYPOINT, with `cmd_set_here` telling whether this stage set a CMD before it.
    pub(crate) fn set_entrypoint(&mut self, form: Form, cmd_set_here: bool) {
        self.entrypoint = Some(form);
        self.inherits_unknown = false;
        if !cmd_set_here {
            self.cmd = None;
        }
        self.resolve();
    }

    /// Applies a CMD.
    pub(crate) fn set_cmd(&mut self, form: Form) {
        self.cmd = Some(form);
        self.resolve();
    }

    fn resolve(&mut self) {
        self.cmd_ignored = false;
        self.argv = match (&self.entrypoint, &self.cmd) {
            (Some(entrypoint), cmd) if entrypoint.is_shell() => {
                self.cmd_ignored = cmd.is_some();
                Some(entrypoint.argv.clone())
            }
            (Some(entrypoint), Some(cmd)) => Some([entrypoint.argv.clone(), cmd.argv.clone()].concat()),
            (Some(entrypoint), None) => Some(entrypoint.argv.clone()),
            (None, Some(cmd)) => Some(cmd.argv.clone()),
            (None, None) => None,
        };
    }
}
