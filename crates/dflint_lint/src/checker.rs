//! What a rule sees while it checks a file, and how it reports.

use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::RuleMeta;
use crate::settings::Settings;
use dflint_model::Model;
use dflint_syntax::ast::SourceFile;
use dflint_syntax::{Parse, TextRange, TextSize};
use std::cell::OnceCell;

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
    line_starts: OnceCell<Vec<usize>>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(parse: &'a Parse, settings: &'a Settings) -> Self {
        Checker {
            parse,
            file: parse.tree(),
            text: parse.syntax_node().text().to_string(),
            settings,
            rule: None,
            diagnostics: Vec::new(),
            model: OnceCell::new(),
            line_starts: OnceCell::new(),
        }
    }

    /// The semantic model (stages, variables, RUN scripts, start commands), built on first use.
    pub fn model(&self) -> &Model {
        self.model.get_or_init(|| dflint_model::analyze(self.parse))
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
