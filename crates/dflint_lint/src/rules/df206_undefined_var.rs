//! DF206 / UndefinedVar: a variable used before any `ARG` or `ENV` defines it.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::buildkit_util::{suggest, suggest_within};
use dflint_syntax::ast::{AstNode, Flag, Var};
use dflint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports a variable that BuildKit expands in an instruction (`ADD`, `COPY`, `ENV`, `EXPOSE`,
    /// `LABEL`, `STOPSIGNAL`, `USER`, `VOLUME`, `WORKDIR`, and `ARG` defaults) when nothing
    /// defines it at that point of the stage: no `ARG` or `ENV` before it, in this stage or the
    /// stages it is built on. `RUN`, `CMD` and `ENTRYPOINT` are left alone: the shell expands their
    /// variables. A close match among the defined names is suggested.
    ///
    /// ## Why is this bad?
    /// An undefined variable expands to nothing: `COPY $foo .` copies the whole context, and
    /// `ENV PATH=$PAHT:/app/bin` loses the system `PATH`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine AS base
    /// COPY $foo .
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine AS base
    /// ARG foo
    /// COPY $foo .
    /// ```
    ///
    /// ## Differences from BuildKit
    /// BuildKit also knows the `ENV` of the base image, which a linter cannot see. In a stage built
    /// from an image, an undeclared name is therefore only reported when it has lower-case letters
    /// (images set their variables in upper case, as `PYTHON_VERSION` in `python`) or when it is
    /// one edit (a swap of two neighbours counts as one) from a defined name (`$PAHT` for `$PATH`,
    /// but not `$GOPATH`). `PATH` is always defined, as BuildKit sets it when the image does not.
    ///
    /// ## References
    /// - [BuildKit check UndefinedVar](https://docs.docker.com/reference/build-checks/undefined-var/)
    pub(crate) static RULE = {
        code: "DF206",
        name: "undefined-var",
        severity: Warning,
        fix: None,
        buildkit: "UndefinedVar",
        check: check,
    }
}

fn is_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut found: Vec<(TextRange, String)> = Vec::new();
    for stage in &model.stages {
        for instruction in &stage.instructions {
            use SyntaxKind::*;
            let kind = instruction.kind();
            if !matches!(
                kind,
                ADD_INSTR
                    | COPY_INSTR
                    | ENV_INSTR
                    | EXPOSE_INSTR
                    | LABEL_INSTR
                    | STOPSIGNAL_INSTR
                    | USER_INSTR
                    | VOLUME_INSTR
                    | WORKDIR_INSTR
                    | ARG_INSTR
            ) {
                continue;
            }
            // A variable starts with `$`.
            if !checker.text[instruction.range()].contains('$') {
                continue;
            }
            let scope = model.scope_at(stage.index, instruction);
            // The names in scope, for suggestions: built only when a name is undefined, so a long
            // file with many variables stays linear.
            let mut defined: Option<Vec<String>> = None;
            let mut reported: Vec<String> = Vec::new();
            let mut vars: Vec<(Var, Vec<String>)> = Vec::new();
            if kind == ARG_INSTR {
                // Each default sees the names of the pairs before it.
                let mut earlier = Vec::new();
                for pair in instruction.pairs() {
                    if let Some(value) = pair.value() {
                        vars.extend(value.vars().map(|v| (v, earlier.clone())));
                    }
                    earlier.extend(pair.key().map(|k| k.logical_text()));
                }
            } else {
                let from_flag = |v: &Var| {
                    v.syntax().ancestors().filter_map(Flag::cast).any(|f| f.name().as_deref() == Some("from"))
                };
                vars.extend(
                    instruction
                        .syntax()
                        .descendants()
                        .filter_map(Var::cast)
                        .filter(|v| !from_flag(v))
                        .map(|v| (v, Vec::new())),
                );
            }
            for (var, earlier) in vars {
                let Some(name) = var.name().map(|t| t.text().to_string()) else { continue };
                let in_scope = name == "PATH" || scope.is_defined(&name);
                if !is_name(&name) || in_scope || earlier.contains(&name) || reported.contains(&name) {
                    continue;
                }
                let defined = defined.get_or_insert_with(|| {
                    let mut names: Vec<String> = scope.iter().map(|v| v.name.clone()).collect();
                    names.push("PATH".to_string());
                    names
                });
                let options = defined.iter().chain(earlier.iter()).map(String::as_str);
                let suggestion = suggest(&name, options.clone(), true);
                // In a stage built from an image, an upper-case name may be the image's ENV: only a
                // typo (one edit from a defined name) is reported.
                let from_image_env = scope.is_open() && !name.chars().any(|c| c.is_ascii_lowercase());
                if from_image_env && suggest_within(&name, options, true, 1).is_none() {
                    continue;
                }
                reported.push(name.clone());
                let mut message = format!("Usage of undefined variable '${name}'");
                if let Some(s) = suggestion {
                    message.push_str(&format!(" (did you mean ${s}?)"));
                }
                found.push((var.range(), message));
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
