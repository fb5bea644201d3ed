//! DF214 / InvalidDefinitionDescription: a comment above `FROM ... AS name` or `ARG name` that
//! does not start with the name.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::buildkit_util::instructions_with_comments;
use dflint_syntax::ast::AstNode;
use dflint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports the comment line directly above a named `FROM` or an `ARG` when it does not
    /// start with the stage or argument name (`# <name> <description>`). Off by default, as in
    /// BuildKit (where it is experimental); turn it on with `--select DF214` or
    /// `# check=experimental=InvalidDefinitionDescription`.
    ///
    /// ## Why is this bad?
    /// `docker build --call=outline` and `--call=targets` show such comments as the description
    /// of the stage or argument. A comment that is not meant as one becomes a confusing
    /// description; separate it from the instruction with an empty line.
    ///
    /// ## Example
    /// ```dockerfile
    /// # a non-descriptive comment
    /// FROM scratch AS base
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # base is a stage for compiling source
    /// FROM scratch AS base
    /// # VERSION This is the version number.
    /// ARG VERSION=1
    /// ```
    ///
    /// ## References
    /// - [BuildKit check InvalidDefinitionDescription](https://docs.docker.com/reference/build-checks/invalid-definition-description/)
    pub(crate) static RULE = {
        code: "DF214",
        name: "invalid-definition-description",
        severity: Info,
        fix: None,
        buildkit: "InvalidDefinitionDescription",
        enabled_by_default: false,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found: Vec<(TextRange, String)> = Vec::new();
    for (instruction, comments) in instructions_with_comments(&checker.file) {
        let Some(last) = comments.last() else { continue };
        let (what, keys): (&str, Vec<String>) = match instruction.kind() {
            SyntaxKind::FROM_INSTR => {
                let Some(name) = instruction.as_from().and_then(|f| f.stage_name()) else { continue };
                ("FROM", vec![name.logical_text()])
            }
            SyntaxKind::ARG_INSTR => {
                ("ARG", instruction.pairs().filter_map(|p| p.key()).map(|k| k.logical_text()).collect())
            }
            _ => continue,
        };
        if keys.is_empty() {
            continue;
        }
        let text = last.text().trim_start_matches('#').trim_start();
        let first = text.split(' ').next().unwrap_or("");
        if keys.iter().any(|k| k == first) {
            continue;
        }
        let example = if keys.len() > 1 { "<arg_key>".to_string() } else { keys[0].clone() };
        found.push((
            last.text_range(),
            format!("Comment for {what} should follow the format: `# {example} <description>`"),
        ));
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
