//! What a rule sees while it checks a file, and how it reports.

use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::RuleMeta;
use crate::settings::Settings;
use dflint_model::Model;
use dflint_syntax::ast::SourceFile;
use dflint_syntax::{Parse, TextRange};
use std::cell::OnceCell;
use std::path::Path;

/// The state of one lint run over one file.
pub struct Checker<'a> {
    /// The parsed file.
    pub parse: &'a Parse,
    /// The typed root.
    pub file: SourceFile,
    /// The file's text.
    pub text: String,
    /// The settings in force.
    pub settings: &'a Settings,
    pub(crate) rule: Option<&'static RuleMeta>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    model: OnceCell<Model>,
    /// The Dockerfile's path, when it is a file.
    pub path: Option<&'a Path>,
    dockerignore: OnceCell<Option<crate::rules::dockerignore::Patterns>>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(parse: &'a Parse, settings: &'a Settings, path: Option<&'a Path>) -> Self {
        Checker {
            parse,
            file: parse.tree(),
            text: parse.syntax_node().text().to_string(),
            settings,
            rule: None,
            diagnostics: Vec::new(),
            model: OnceCell::new(),
            path,
            dockerignore: OnceCell::new(),
        }
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
