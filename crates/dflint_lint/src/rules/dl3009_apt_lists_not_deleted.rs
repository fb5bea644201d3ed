//! DL3009: the apt package lists left in the layer after `apt-get update`.

use std::ops::Range;

use dflint_model::Run;
use dflint_shell::Command;
use dflint_syntax::TextRange;

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Fix;
use crate::rules::package_managers::{
    append_cleanup, index_use, is_apt_command, is_apt_update, is_within, mount_targets, runs, ships, stage_spans,
    Family, IndexUse, RunView,
};

const LISTS: &str = "/var/lib/apt/lists";

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that downloads the apt package lists (`apt-get update`, `apt update`,
    /// `aptitude update`) and does not delete them before it ends: with `rm -rf
    /// /var/lib/apt/lists/*` (or an `rm` of the directory or one above it), or with
    /// `apt-get dist-clean` (apt 3.0, Debian 13), which deletes everything in the lists but the
    /// small `Release` files.
    ///
    /// Only stages whose files end up in an image are checked: the last stage, and stages that
    /// another stage is built `FROM`. A stage that other stages only `COPY --from` is a build
    /// stage, and what it leaves behind is not shipped. `ONBUILD RUN` is always checked: it runs
    /// in the image built on this one.
    ///
    /// Not reported: a `RUN` that mounts `/var/lib/apt/lists` (or a directory above it) with
    /// `--mount=type=cache` (or any other mount), since the lists are then not written to the
    /// layer at all.
    ///
    /// ## Why is this bad?
    /// The lists take tens of megabytes. Deleting them in a later `RUN` does not help: they stay
    /// in the layer that downloaded them. They are also stale as soon as the image is built, so
    /// keeping them only invites an install from outdated indexes later.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    /// or keep the lists out of the layer with a cache mount:
    /// ```dockerfile
    /// # syntax=docker/dockerfile:1
    /// FROM debian:12
    /// RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    ///     --mount=type=cache,target=/var/cache/apt,sharing=locked \
    ///     apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends ` && rm -rf /var/lib/apt/lists/*` to the end of the `RUN`'s script, so the
    /// lists are deleted after everything else, and only when the last statement succeeded. It is
    /// safe in a shell-form `RUN` whose script ends with its last statement.
    ///
    /// It is unsafe when a later `RUN` of the stage (or of a stage built on it) installs with apt
    /// without updating first: that `RUN` relies on these lists and would fail without them (move
    /// the update there instead, see DF004). It is unsafe in a heredoc script, which may hold
    /// here-documents of its own whose lines must not be touched, and when the script ends in a
    /// comment or a `&`; the deletion then goes right after the last apt command. An exec-form
    /// `RUN` gets no fix.
    ///
    /// ## Differences from hadolint
    /// hadolint does not know `apt-get dist-clean` and reports the `RUN`s that clean up with it
    /// (the Debian 13 images of the official `php` and `python` images do, and so do most of
    /// tianon's Dockerfiles: on a corpus of 1,321 real Dockerfiles, all 76 `RUN`s that hadolint
    /// reports and dflint does not clean up with `apt-get dist-clean`). hadolint takes any
    /// `rm` with an argument `-rf` as the cleanup (`rm -rf /tmp/*` silences it); dflint wants an
    /// `rm` of `/var/lib/apt/lists` (or its contents, or a directory above it). hadolint skips a cache mount only on `/var/lib/apt/lists`
    /// itself or on both `/var/lib/apt` and `/var/cache/apt`; dflint skips any mount that holds
    /// the lists, since only that matters (hadolint issue #497). hadolint checks `ONBUILD RUN`
    /// under the same stage rules as `RUN`.
    ///
    /// ## References
    /// - [hadolint DL3009](https://github.com/hadolint/hadolint/wiki/DL3009)
    /// - [Dockerfile best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - [RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    pub(crate) static RULE = {
        code: "DL3009",
        name: "apt-lists-not-deleted",
        severity: Info,
        fix: Sometimes,
        hadolint: "DL3009",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut findings = Vec::new();
    let all = runs(model);
    // `all` lists the RUNs stage by stage: where each stage's are, and which stages build on each.
    let n = model.stages.len();
    let spans = stage_spans(&all, n);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for stage in &model.stages {
        if let Some(parent) = stage.parent.filter(|&p| p < n) {
            children[parent].push(stage.index);
        }
    }
    for (i, view) in all.iter().enumerate() {
        // Only a RUN that updates the lists can be reported: look at later RUNs for those alone
        // (looking for every RUN was quadratic in files with thousands of RUNs).
        let updates = || view.commands().any(|c| is_apt_update(c.command));
        if (ships(model, view.stage) || view.run.onbuild) && !mounts_lists(view.run) && updates() {
            let needed_later = !view.run.onbuild && lists_needed_later(view, i, &all, &spans, &children);
            findings.extend(finding(view, needed_later));
        }
    }
    for (range, message, fix) in findings {
        let diagnostic = checker.report(range, message);
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}

/// Does a later `RUN` of the stage, or of a stage built on it, install from the lists this `RUN`
/// downloads (before a `RUN` that updates them again)?
/// Does a later `RUN` of this stage, or of a stage built on it, use the lists before updating
/// them again? The RUNs looked at, in file order: the rest of this stage's, then those of the
/// stages that descend from it (found through `children`, not by walking every later stage).
fn lists_needed_later(
    view: &RunView,
    index: usize,
    all: &[RunView],
    spans: &[Range<usize>],
    children: &[Vec<usize>],
) -> bool {
    let mut descendants = Vec::new();
    let mut stack: Vec<usize> = children[view.stage.index].clone();
    while let Some(stage) = stack.pop() {
        descendants.push(stage);
        stack.extend(&children[stage]);
    }
    descendants.sort_unstable();
    let own = &all[index + 1..spans[view.stage.index].end];
    let later = descendants.iter().flat_map(|&stage| &all[spans[stage].clone()]);
    for other in own.iter().chain(later).filter(|v| !v.run.onbuild) {
        for command in other.commands() {
            match index_use(command.command) {
                Some((Family::Apt, IndexUse::Update)) => return false,
                Some((Family::Apt, _)) => return true,
                _ => {}
            }
        }
    }
    false
}

fn finding(view: &RunView, needed_later: bool) -> Option<(TextRange, String, Option<Fix>)> {
    let commands: Vec<_> = view.commands().collect();
    let update = commands.iter().find(|c| is_apt_update(c.command))?;
    if commands.iter().any(|c| deletes_lists(c.command)) {
        return None;
    }
    let program = update.command.program().unwrap_or("apt-get");
    let message = format!("Delete the apt lists (`rm -rf {LISTS}/*`) in the `RUN` that runs `{program} update`");
    let range = update.finding_range();
    let title = format!("Append `rm -rf {LISTS}/*`");
    let fix = append_cleanup(view, is_apt_command, &format!("rm -rf {LISTS}/*"), title, needed_later);
    Some((range, message, fix))
}

/// `rm` of the lists (or a directory above them), `apt-get distclean`, or
/// `find /var/lib/apt/lists ... -delete`.
fn deletes_lists(command: &Command) -> bool {
    if command.is("rm") {
        return command.positional_args(&[]).iter().any(|w| removes_lists(&w.value));
    }
    if is_apt_command(command) {
        return command
            .subcommand(&["-o", "-c"])
            .is_some_and(|w| matches!(w.value.as_str(), "distclean" | "dist-clean"));
    }
    if command.is("find") {
        let args = command.args_str();
        return args.first().is_some_and(|p| removes_lists(p))
            && (args.contains(&"-delete") || args.windows(2).any(|w| w[0] == "-exec" && w[1] == "rm"));
    }
    false
}

/// Does removing `path` remove the lists? `/var/lib/apt/lists/*`, `/var/lib/apt/lists/`,
/// `/var/lib/apt`, ... Patterns inside the lists (`/var/lib/apt/lists/*_Packages`) count too.
fn removes_lists(path: &str) -> bool {
    let trimmed = path.trim_end_matches(['*', '/']);
    if trimmed.is_empty() {
        return false;
    }
    is_within(LISTS, trimmed) || (path.starts_with("/var/lib/apt/lists/") && path.contains('*'))
}

/// Does a `--mount` of the `RUN` hold the lists?
fn mounts_lists(run: &Run) -> bool {
    mount_targets(run).iter().any(|target| target.starts_with('/') && is_within(LISTS, target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_paths() {
        for p in ["/var/lib/apt/lists/*", "/var/lib/apt/lists", "/var/lib/apt/lists/", "/var/lib/apt", "/var/lib/apt/*"]
        {
            assert!(removes_lists(p), "{p}");
        }
        for p in ["/tmp/*", "/var/cache/apt/*", "/var/lib/apt/listsx", "/", "*"] {
            assert!(!removes_lists(p), "{p}");
        }
    }
}
