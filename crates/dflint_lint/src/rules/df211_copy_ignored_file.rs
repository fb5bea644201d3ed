//! DF211 / CopyIgnoredFile: `COPY` or `ADD` of a file the `.dockerignore` excludes.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::dockerignore::clean;
use dflint_syntax::ast::AstNode;
use dflint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports a source of `COPY` (without `--from`) or `ADD` (not a URL or Git repository) that
    /// the build context's `.dockerignore` excludes: the path, or a folder it is in, matches a
    /// pattern. The `.dockerignore` is `<Dockerfile>.dockerignore` beside the Dockerfile when it
    /// exists, else `.dockerignore` in the build context (the Dockerfile's folder unless
    /// configured). Like BuildKit, nothing is reported when the file has `!` exceptions (a file
    /// let back into an ignored folder cannot be told apart statically), and `COPY . .` only
    /// when a pattern excludes everything (`*`, `**`, `**/*`). Sources are expanded with the
    /// ARG and ENV values known at that point; ones that stay unknown are skipped.
    ///
    /// ## Why is this bad?
    /// Ignored files are not sent to the builder: the instruction fails with "not found", or a
    /// wildcard silently copies less than it seems to.
    ///
    /// With this `.dockerignore`:
    /// ```dockerignore
    /// */tmp/*
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM scratch
    /// COPY ./src/tmp/helloworld.txt /helloworld.txt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM scratch
    /// COPY ./forever/helloworld.txt /helloworld.txt
    /// ```
    ///
    /// ## Differences from BuildKit's documentation
    /// BuildKit runs this check only when asked (`# check=experimental=CopyIgnoredFile`); dflint
    /// runs it by default. The documentation's example copies `./tmp/helloworld.txt` with the
    /// pattern `*/tmp/*`, but `*` stands for one path component, so that pattern ignores
    /// `src/tmp/x` and not `tmp/x`: BuildKit's matcher does not report that line, and neither
    /// does dflint.
    ///
    /// ## References
    /// - [BuildKit check CopyIgnoredFile](https://docs.docker.com/reference/build-checks/copy-ignored-file/)
    /// - [.dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    pub(crate) static RULE = {
        code: "DF211",
        name: "copy-ignored-file",
        severity: Warning,
        fix: None,
        buildkit: "CopyIgnoredFile",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let Some(patterns) = checker.dockerignore() else { return };
    if patterns.has_exclusions() {
        return;
    }
    let model = checker.model();
    let mut found: Vec<(TextRange, String)> = Vec::new();
    for stage in &model.stages {
        for instruction in &stage.instructions {
            let verb = match instruction.kind() {
                SyntaxKind::COPY_INSTR if instruction.flag("from").is_none() => "Copy",
                SyntaxKind::ADD_INSTR => "Add",
                _ => continue,
            };
            if instruction.flag("parents").is_some() {
                continue;
            }
            let mut sources: Vec<(TextRange, String)> = match instruction.exec_form() {
                Some(exec) => exec.elements().filter_map(|e| Some((e.range(), e.value()?))).collect(),
                None => instruction
                    .words()
                    .map(|w| (w.range(), model.expand(stage.index, instruction, &w.logical_text())))
                    .collect(),
            };
            sources.pop();
            for (range, src) in sources {
                if src.contains('$') || src.starts_with("<<") || src.contains("://") || src.starts_with("git@") {
                    continue;
                }
                let src = clean(&src);
                if (src == "." || src == "/") && !patterns.excludes_root() {
                    continue;
                }
                if patterns.matches_or_parent_matches(&src) {
                    found.push((
                        range,
                        format!("Attempting to {verb} file \"{src}\" that is excluded by .dockerignore"),
                    ));
                }
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}
