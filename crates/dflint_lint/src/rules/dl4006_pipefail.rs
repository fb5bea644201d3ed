//! DL4006: a pipe in a `RUN` whose shell does not have `pipefail` set.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::util::keyword_range;
use dflint_model::{is_posix_shell_argv, Run, RunScript, DEFAULT_SHELL};
use dflint_shell::Command;
use dflint_syntax::ast::AstNode;
use dflint_syntax::{SyntaxKind, TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` whose script has a pipe (`a | b`) when nothing turns on `pipefail` for it:
    /// neither the `SHELL` in effect (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, also as
    /// `-eo pipefail`) nor a `set -o pipefail` (`set -euxo pipefail`, ...) earlier in the same
    /// script. Scripts that a `SHELL` other than a POSIX shell runs (`pwsh`, `powershell`,
    /// `cmd`) are not checked, and neither are exec-form `RUN`s and `ONBUILD RUN`s.
    ///
    /// A heredoc body that a shell of its own runs (`RUN <<EOF bash`, `RUN bash <<EOF`, a body
    /// starting with `#!/bin/bash`) is checked as a script of its own: the `SHELL`'s options do
    /// not reach it, its own `set -o pipefail` does.
    ///
    /// ## Why is this bad?
    /// A pipeline's exit status is its last command's. `RUN wget -O - https://some.site | wc -l >
    /// /number` succeeds even when the download fails, and the build goes on with a broken image.
    /// With `pipefail` the pipeline fails when any of its commands fails, and so does the build.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget -O - https://some.site | wc -l > /number
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN wget -O - https://some.site | wc -l > /number
    /// ```
    ///
    /// ## Fix safety
    /// On the first finding of a stage that sets no `SHELL` before it and runs the default
    /// `/bin/sh -c`, the fix inserts
    /// `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the `RUN`. It is unsafe: the image may
    /// have no bash (Alpine, distroless), every later `RUN`, `CMD` and `ENTRYPOINT` of the stage
    /// and of the stages built on it then runs in bash, and a pipeline that used to pass can fail.
    ///
    /// ## Differences from hadolint
    /// - A script that runs `set -o pipefail` before its pipes is not reported; hadolint
    ///   reports it (hadolint #1137, #806), also for `RUN <<EOF bash` heredocs that set it.
    /// - hadolint forgets the `SHELL` at every `FROM`; dflint keeps the `SHELL` a stage inherits
    ///   from the stage it is built `FROM`, as BuildKit does.
    /// - Any shell started with `-o pipefail` counts (`/bin/sh -o pipefail -c` works on shells
    ///   that support it and fails every `RUN` on those that do not); hadolint only counts
    ///   `bash`, `zsh` and `ash`.
    /// - A Windows stage without `SHELL` runs `cmd`, which has no `pipefail`: not reported.
    /// - hadolint reports nothing at all in a file it cannot parse: a `RUN` directly after a
    ///   heredoc terminator (hadolint #1137), a `RUN --mount` without `target=`, which BuildKit
    ///   accepts. dflint reads such files and reports their pipes.
    ///
    /// ## References
    /// - [hadolint DL4006](https://github.com/hadolint/hadolint/wiki/DL4006)
    /// - [Best practices: using pipes](https://docs.docker.com/build/building/best-practices/#using-pipes)
    pub(crate) static RULE = {
        code: "DL4006",
        name: "pipefail",
        severity: Warning,
        fix: Sometimes,
        hadolint: "DL4006",
        check: check,
    }
}

/// Does a shell command line (`["/bin/bash", "-eo", "pipefail", "-c"]`) turn `pipefail` on?
fn argv_sets_pipefail(args: &[String]) -> bool {
    args.windows(2).any(|w| {
        let flag = w[0].as_str();
        w[1] == "pipefail" && flag.starts_with('-') && !flag.starts_with("--") && flag.contains('o')
    }) || args.iter().any(|a| a == "-opipefail")
}

/// Does `command` (a `set` or a shell) turn `pipefail` on?
fn command_sets_pipefail(command: &Command) -> bool {
    if command.name_str() != Some("set") {
        return false;
    }
    let args: Vec<String> = command.args.iter().map(|a| a.value.clone()).collect();
    argv_sets_pipefail(&args)
}

/// The first command of `script` in a pipeline that no earlier `set -o pipefail` covers.
fn unguarded_pipe(script: &RunScript) -> Option<&Command> {
    let mut guarded = false;
    for command in &script.script.commands {
        if !command.in_substitution && !command.in_subshell && command_sets_pipefail(command) {
            guarded = true;
        }
        if !guarded && command.pipeline.is_some_and(|p| p.index == 0) {
            return Some(command);
        }
    }
    None
}

/// Is the script run by a shell of its own, not the `SHELL` (a heredoc body read by `bash` on the
/// command line, or one with a `#!` line)?
fn runs_in_own_shell(run: &Run, index: usize) -> bool {
    let script = &run.scripts[index];
    script.from_heredoc && (index > 0 || script.text().starts_with("#!"))
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut found: Vec<(TextRange, Option<Fix>)> = Vec::new();
    for stage in &model.stages {
        let mut fix_offered = false;
        let first_shell =
            stage.instructions.iter().find(|i| i.kind() == SyntaxKind::SHELL_INSTR).map(|i| i.range().start());
        for run in stage.runs.iter().filter(|r| !r.onbuild) {
            if run.instruction.exec_form().is_some() || !is_posix_shell_argv(&run.shell) {
                continue;
            }
            let shell_has_pipefail = argv_sets_pipefail(&run.shell);
            let mut hit: Option<(usize, &Command)> = None;
            let mut outer = false;
            for (i, script) in run.scripts.iter().enumerate() {
                let own = runs_in_own_shell(run, i);
                if shell_has_pipefail && !own {
                    continue;
                }
                if let Some(command) = unguarded_pipe(script) {
                    hit = Some((i, command));
                    outer = !own;
                    break;
                }
            }
            let Some((i, command)) = hit else { continue };
            let start = keyword_range(&run.instruction).start();
            let end = run.scripts[i].file_range(command.range.clone()).end().max(start);
            let is_default = run.shell.iter().map(String::as_str).eq(DEFAULT_SHELL.iter().copied());
            let start_of_run = run.instruction.range().start();
            let shell_set_here = first_shell.is_some_and(|at| at < start_of_run);
            let fix = if outer && is_default && !shell_set_here && !fix_offered {
                fix_offered = true;
                let line_start = line_start(&checker.text, run.instruction.range().start());
                let indent: String = checker.text
                    [usize::from(line_start)..usize::from(run.instruction.range().start())]
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect();
                let newline = checker.newline();
                Some(Fix::unsafe_(
                    "Set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this `RUN`",
                    vec![Edit::insert(
                        run.instruction.range().start(),
                        format!("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]{newline}{indent}"),
                    )],
                ))
            } else {
                None
            };
            found.push((TextRange::new(start, end), fix));
        }
    }
    for (range, fix) in found {
        let diagnostic = checker.report(
            range,
            "Set the `SHELL` option `-o pipefail` before a `RUN` with a pipe in it: without it a failing command \
             before the last `|` does not fail the build",
        );
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}

/// The offset where the line holding `offset` starts.
fn line_start(text: &str, offset: TextSize) -> TextSize {
    let before = &text[..usize::from(offset)];
    TextSize::from(before.rfind('\n').map_or(0, |i| i + 1) as u32)
}
