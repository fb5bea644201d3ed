//! What a rule sees while it checks a file, and how it reports.

use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::RuleMeta;
use crate::settings::Settings;
use crate::suppression::ShellPragmas;
use dflint_model::Model;
use dflint_syntax::ast::{Instruction, SourceFile};
use dflint_syntax::{Parse, TextRange, TextSize};
use std::cell::OnceCell;
use std::path::Path;
use std::rc::Rc;

/// The state of one lint run over one file.
pub struct Checker<'a> {
    /// The parsed file.
    pub parse: &'a Parse,
    /// The typed root.
    pub file: SourceFile,
    /// The file's text.
    pub text: std::sync::Arc<str>,
    /// The settings in force.
    pub settings: &'a Settings,
    pub(crate) rule: Option<&'static RuleMeta>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    model: OnceCell<Model>,
    shell_pragmas: OnceCell<ShellPragmas>,
    /// The Dockerfile's path, when it is a file.
    pub path: Option<&'a Path>,
    dockerignore: OnceCell<Option<crate::rules::dockerignore::Patterns>>,
    line_starts: OnceCell<Vec<usize>>,
    instructions: OnceCell<Rc<[Instruction]>>,
    all_instructions: OnceCell<Rc<[Instruction]>>,
    newline: OnceCell<&'static str>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(parse: &'a Parse, settings: &'a Settings, path: Option<&'a Path>) -> Self {
        Checker {
            parse,
            file: parse.tree(),
            text: std::sync::Arc::clone(parse.text()),
            settings,
            rule: None,
            diagnostics: Vec::new(),
            model: OnceCell::new(),
            shell_pragmas: OnceCell::new(),
            path,
            dockerignore: OnceCell::new(),
            line_starts: OnceCell::new(),
            instructions: OnceCell::new(),
            all_instructions: OnceCell::new(),
            newline: OnceCell::new(),
        }
    }

    /// The file's instructions, ONBUILD triggers aside (listed once per file, shared by the rules).
    pub(crate) fn instructions(&self) -> Rc<[Instruction]> {
        self.instructions.get_or_init(|| self.file.instructions().collect()).clone()
    }

    /// Every instruction of the file, ONBUILD triggers included (after their ONBUILD).
    pub(crate) fn all_instructions(&self) -> Rc<[Instruction]> {
        self.all_instructions
            .get_or_init(|| {
                let instructions = self.instructions();
                if !instructions.iter().any(|i| i.kind() == dflint_syntax::SyntaxKind::ONBUILD_INSTR) {
                    return instructions;
                }
                let mut out = Vec::with_capacity(instructions.len() + 1);
                for i in instructions.iter() {
                    out.push(i.clone());
                    out.extend(i.onbuild_trigger());
                }
                out.into()
            })
            .clone()
    }

    /// The `.dockerignore` patterns of the build context, if there are any (read on first use).
    pub(crate) fn dockerignore(&self) -> Option<&crate::rules::dockerignore::Patterns> {
        self.dockerignore
            .get_or_init(|| crate::rules::dockerignore::Patterns::for_dockerfile(self.path, self.settings))
            .as_ref()
    }

    /// The semantic model (stages, variables, RUN scripts, start commands), built on first use.
    pub fn model(&self) -> &Model {
        self.model.get_or_init(|| dflint_model::analyze(self.parse))
    }

    /// The `# hadolint shell=<shell>` pragmas of the file (read on first use). See
    /// [`ShellPragmas`] for where each holds.
    pub fn shell_pragmas(&self) -> &ShellPragmas {
        self.shell_pragmas.get_or_init(|| ShellPragmas::from_file(&self.file))
    }

    /// The shell a `# hadolint shell=<shell>` (or `# dflint shell=<shell>`) pragma names for the
    /// instruction at `offset`, if one is in force there: shell-aware rules (ShellCheck's dialect,
    /// DL4006's pipefail check) should read it before the stage's `SHELL`.
    pub fn pragma_shell_at(&self, offset: TextSize) -> Option<&str> {
        self.shell_pragmas().at(offset).map(|p| p.shell.as_str())
    }

    /// The shell that runs a `RUN` starting at `offset`, for shell-aware rules: `[shell]` when a
    /// shell pragma is in force there, else the stage's `SHELL` (`["/bin/sh", "-c"]` by default);
    /// empty before the first `FROM`.
    pub fn shell_at(&self, offset: TextSize) -> Vec<String> {
        if let Some(shell) = self.pragma_shell_at(offset) {
            return vec![shell.to_string()];
        }
        self.model().stage_at(offset).map(|stage| stage.shell_at(offset)).unwrap_or_default()
    }

    /// The line break fixes should write: `\r\n` when the file has one, else `\n` (the file is
    /// read once, not for every fix).
    pub fn newline(&self) -> &'static str {
        self.newline.get_or_init(|| if self.text.contains("\r\n") { "\r\n" } else { "\n" })
    }

    /// The 1-based line `offset` is on (past the end: the last line). The line table is built on
    /// first use, so rules that name lines in many messages stay linear.
    pub fn line_number(&self, offset: TextSize) -> usize {
        let starts = self.line_starts.get_or_init(|| {
            let newlines = self.text.bytes().enumerate().filter(|&(_, b)| b == b'\n');
            std::iter::once(0).chain(newlines.map(|(i, _)| i + 1)).collect()
        });
        let offset = usize::from(offset).min(self.text.len());
        starts.partition_point(|&start| start <= offset)
    }

    /// Reports a finding of the rule being run.
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        let rule = self.rule.expect("report() is called from a rule's check");
        self.report_as(rule, range, message)
    }

    /// Reports a finding of `rule` (for checks that serve several rules).
    pub fn report_as(
        &mut self,
        rule: &'static RuleMeta,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            rule,
            range,
            message: message.into(),
            severity: self.settings.severity(rule),
            fix: None,
        });
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// The text of `range`.
    pub fn slice(&self, range: TextRange) -> &str {
        &self.text[range]
    }
}

impl Diagnostic {
    /// Attaches a fix.
    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_at_prefers_the_shell_pragma() {
        let text = "FROM a\nRUN x\n# hadolint shell=bash\nRUN y\nSHELL [\"/bin/zsh\", \"-c\"]\nRUN z\n";
        let parse = dflint_syntax::parse(text);
        let settings = Settings::default();
        let checker = Checker::new(&parse, &settings, None);
        let at = |needle: &str| checker.shell_at(TextSize::from(text.find(needle).unwrap() as u32));
        assert_eq!(at("RUN x"), ["/bin/sh", "-c"]);
        assert_eq!(at("RUN y"), ["bash"]);
        assert_eq!(checker.pragma_shell_at(TextSize::from(text.find("RUN y").unwrap() as u32)), Some("bash"));
        assert_eq!(at("RUN z"), ["/bin/zsh", "-c"]);
    }
}
