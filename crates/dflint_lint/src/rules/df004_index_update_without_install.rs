//! DF004: a package index update in a `RUN` of its own, with the install in a later `RUN`.

use std::ops::Range;

use dflint_model::Run;
use dflint_shell::{Command, Connector};
use dflint_syntax::ast::AstNode;
use dflint_syntax::{TextRange, TextSize};

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::package_managers::{extent, index_use, runs, stage_spans, Family, IndexUse, RunCommand, RunView};

declare_rule! {
    /// ## What it does
    /// Reports a package index update (`apt-get update`, `apt update`, `apk update`,
    /// `yum makecache`, `dnf makecache`, `zypper refresh`) in a `RUN` that installs nothing, when
    /// a later `RUN` of the same stage installs with that package manager.
    ///
    /// Not reported when the later `RUN` updates the index itself first, or installs with an
    /// option that refreshes it (`apk add --update`, `apk add --no-cache`, `dnf --refresh`).
    ///
    /// ## Why is this bad?
    /// Each `RUN` is a cached layer. The update layer is reused as long as its line is unchanged,
    /// so when the install line changes weeks later, it installs from the index of the day the
    /// update layer was built: versions that the mirrors no longer have (the install fails with
    /// 404s) or that miss security fixes. Updating in the `RUN` that installs rebuilds the index
    /// whenever the install changes.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update
    /// RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the update (the whole `RUN` when the update was all it did) and puts it
    /// before the install, joined with `&&`. It is safe when no other `RUN` stands between the
    /// two: the install then sees a fresh index, as it would have on a build without cache. It is
    /// unsafe when other `RUN`s stand between, since one of them may run a script that installs
    /// with the index (`RUN ./install-deps.sh`) and would then find none.
    ///
    /// No fix is offered when the update is not a plain command of its script (inside an `if`,
    /// a pipeline, a subshell).
    ///
    /// ## References
    /// - [Dockerfile best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - [Docker build cache](https://docs.docker.com/build/cache/)
    pub(crate) static RULE = {
        code: "DF004",
        name: "index-update-without-install",
        severity: Warning,
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let file = &*checker.text;
    let all = runs(model);
    let mut findings = Vec::new();
    // Each stage's RUNs from its span (filtering the whole list per stage is quadratic).
    for span in stage_spans(&all, model.stages.len()) {
        let stage_runs: Vec<&RunView> = all[span].iter().filter(|v| !v.run.onbuild).collect();
        for (i, view) in stage_runs.iter().enumerate() {
            let commands: Vec<RunCommand> = view.commands().collect();
            let mut seen = Vec::new();
            for update in &commands {
                let Some((family, IndexUse::Update)) = index_use(update.command) else { continue };
                if seen.contains(&family) {
                    continue;
                }
                seen.push(family);
                let uses_here = commands
                    .iter()
                    .any(|c| matches!(index_use(c.command), Some((f, u)) if f == family && u != IndexUse::Update));
                if uses_here {
                    continue;
                }
                findings.extend(finding(file, &stage_runs, i, &commands, update, family));
            }
        }
    }
    for (range, message, fix) in findings {
        let diagnostic = checker.report(range, message);
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}

fn finding(
    file: &str,
    runs: &[&RunView],
    index: usize,
    commands: &[RunCommand],
    update: &RunCommand,
    family: Family,
) -> Option<(TextRange, String, Option<Fix>)> {
    // The first later command of the stage that touches this index.
    let (later, install) = runs[index + 1..].iter().enumerate().find_map(|(k, view)| {
        view.commands().find(|c| index_use(c.command).is_some_and(|(f, _)| f == family)).map(|c| (index + 1 + k, c))
    })?;
    if index_use(install.command) != Some((family, IndexUse::Install)) {
        return None;
    }
    let update_text = update.script.text().get(update.extent())?.trim().to_string();
    let message = format!(
        "`{}` in a `RUN` that installs nothing: the `{}` of a later `RUN` uses the index cached in this layer, \
         which goes stale; update in the `RUN` that installs",
        command_name(update.command),
        command_name(install.command),
    );
    let range = update.script.file_range(update.extent());
    if update.exec || install.exec {
        return Some((range, message, None));
    }

    let fix = delete_update(file, runs[index].run, commands, update).map(|deletion| {
        // Before the install, or before the pipeline it is part of (`yes | apt-get install`).
        let first = match install.command.pipeline {
            Some(pos) => install.script.script.pipeline(pos).next().unwrap_or(install.command),
            None => install.command,
        };
        let at = install.script.file_range(first.range.clone()).start();
        let edits = vec![Edit::delete(deletion), Edit::insert(at, format!("{update_text} && "))];
        let title = format!("Move `{update_text}` into the `RUN` that installs");
        if later == index + 1 {
            Fix::safe(title, edits)
        } else {
            Fix::unsafe_(title, edits)
        }
    });
    Some((range, message, fix))
}

/// `apt-get update`, `zypper refresh`, ...: the program and its subcommand.
fn command_name(command: &Command) -> String {
    let program = command.program().unwrap_or_default();
    match command.positional_args(&[]).first() {
        Some(sub) => format!("{program} {}", sub.value),
        None => program.to_string(),
    }
}

/// What to delete to take the update out of its `RUN`: the whole instruction (with its line) when
/// the update is all it runs, else the command with the operator that joins it to its neighbour.
fn delete_update(file: &str, run: &Run, commands: &[RunCommand], update: &RunCommand) -> Option<TextRange> {
    if commands.len() == 1 {
        return Some(whole_line(file, run));
    }
    let command = update.command;
    if command.in_subshell || command.in_substitution || command.pipeline.is_some() {
        return None;
    }
    let script = update.script;
    let text = script.text();
    let top: Vec<&Command> = script.script.commands.iter().filter(|c| !c.in_substitution).collect();
    let at = top.iter().position(|c| std::ptr::eq(*c, command))?;
    let joins = |c: Option<Connector>| matches!(c, None | Some(Connector::And | Connector::Semi | Connector::Newline));
    let only_operator = |r: Range<usize>| text.get(r).is_some_and(|t| matches!(t.trim(), "&&" | ";" | ""));
    let own = extent(command);
    if !joins(command.connector_before) {
        return None;
    }
    match top.get(at + 1) {
        // With the operator after it: `a && apt-get update && b` gives `a && b`.
        Some(next) if next.connector_before.is_some() && joins(next.connector_before) => {
            only_operator(own.end..next.range.start).then(|| script.file_range(own.start..next.range.start))
        }
        Some(_) => None,
        // The last command, with the operator before it: `a && apt-get update` gives `a`.
        None => {
            let previous_end = extent(top.get(at.checked_sub(1)?)?).end;
            let nothing_after = text.get(own.end..).is_some_and(|t| t.trim().is_empty());
            (nothing_after && only_operator(previous_end..own.start)).then(|| script.file_range(previous_end..own.end))
        }
    }
}

/// The instruction's range, widened to its whole lines (leading blanks and the line break after).
fn whole_line(text: &str, run: &Run) -> TextRange {
    let range = run.instruction.range();
    let (mut start, mut end) = (usize::from(range.start()), usize::from(range.end()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    if text[line_start..start].trim().is_empty() {
        start = line_start;
    }
    if text[end..].starts_with("\r\n") {
        end += 2;
    } else if text[end..].starts_with('\n') {
        end += 1;
    }
    TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32))
}
