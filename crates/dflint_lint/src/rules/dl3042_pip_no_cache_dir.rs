//! DL3042: `pip install` without `--no-cache-dir`.

use dflint_model::{Model, Run, Stage, VarSource};

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Fix;
use crate::rules::package_managers::{is_within, mount_targets, pip_install, runs, trim_path, PipKind};

declare_rule! {
    /// ## What it does
    /// Reports a `pip install` (also `pip3`, `python3 -m pip`) without `--no-cache-dir`.
    ///
    /// Not reported when pip's cache is off or out of the layer some other way:
    /// `PIP_NO_CACHE_DIR` set by `ENV` or `ARG` (in this stage or a parent stage) or in the `RUN`
    /// itself (`PIP_NO_CACHE_DIR=1 pip install ...`, `export PIP_NO_CACHE_DIR=1`), or a
    /// `--mount` on pip's cache directory (`--mount=type=cache,target=/root/.cache/pip`, or on
    /// `/root/.cache`, or on `$PIP_CACHE_DIR`). `pipx` and `pipenv` are not pip and are not
    /// checked.
    ///
    /// ## Why is this bad?
    /// pip keeps every wheel it downloads or builds in `~/.cache/pip`. In an image that cache is
    /// never used again: it only makes the layer larger, often by as much as the packages
    /// themselves.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install flask==3.0.3
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask==3.0.3
    /// ```
    /// or keep the cache out of the image, and reuse it across builds:
    /// ```dockerfile
    /// # syntax=docker/dockerfile:1
    /// FROM python:3.12-slim
    /// RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix adds `--no-cache-dir` after `install`. Only pip's cache changes, which
    /// nothing in the image reads.
    ///
    /// ## Differences from hadolint
    /// hadolint reports a `RUN` whose pip cache is a cache mount (hadolint issue #723); dflint
    /// does not, since the cache is then not in the layer. pip turns its cache off for any
    /// boolean value of `PIP_NO_CACHE_DIR`, `0` and `false` included (for backward compatibility);
    /// hadolint only counts true-looking values, dflint counts them all. hadolint skips a whole
    /// `RUN` that sets the variable anywhere in its text; dflint does the same.
    ///
    /// hadolint recognises pip by a command name that starts with `pip` and by `python -m pip
    /// install` written in that order; dflint also checks pip run by path (`/venv/bin/pip`,
    /// `.venv/bin/pip`) and with options before the subcommand (`python3 -m pip -q install`).
    ///
    /// ## References
    /// - [hadolint DL3042](https://github.com/hadolint/hadolint/wiki/DL3042)
    /// - [pip: caching](https://pip.pypa.io/en/stable/topics/caching/)
    pub(crate) static RULE = {
        code: "DL3042",
        name: "pip-no-cache-dir",
        severity: Warning,
        fix: Always,
        hadolint: "DL3042",
        check: check,
    }
}

const VARIABLE: &str = "PIP_NO_CACHE_DIR";

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut findings = Vec::new();
    for site in runs(model).iter().flat_map(|run| run.commands()) {
        let Some(pip) = pip_install(site.command) else { continue };
        if pip.kind != PipKind::Pip || pip.has_long_flag("--no-cache-dir") {
            continue;
        }
        if cache_off_in_run(site.run) || cache_off_in_scope(model, site.stage, site.run) {
            continue;
        }
        if cache_mounted(model, site.stage, site.run) {
            continue;
        }
        findings.push((site.finding_range(), site.insert_after(pip.install, "--no-cache-dir")));
    }
    for (range, edit) in findings {
        checker
            .report(range, "`pip install` without `--no-cache-dir` leaves pip's download cache in the layer")
            .with_fix(Fix::safe("Add `--no-cache-dir`", vec![edit]));
    }
}

/// Does pip accept `value` for `PIP_NO_CACHE_DIR`? pip parses it with `strtobool` and turns the
/// cache off for every value that parses, false ones included.
fn turns_cache_off(value: &str) -> bool {
    let value = value.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
    matches!(value.as_str(), "y" | "yes" | "t" | "true" | "on" | "1" | "n" | "no" | "f" | "false" | "off" | "0")
}

/// Does the `RUN` text set `PIP_NO_CACHE_DIR=<value>` anywhere?
fn cache_off_in_run(run: &Run) -> bool {
    run.scripts.iter().any(|script| {
        let text = script.text();
        text.match_indices(VARIABLE).any(|(at, _)| {
            let rest = &text[at + VARIABLE.len()..];
            let Some(value) = rest.strip_prefix('=') else { return false };
            let value: String =
                value.chars().take_while(|c| !c.is_whitespace() && !matches!(c, ';' | '&' | '|' | ')')).collect();
            turns_cache_off(&value)
        })
    })
}

/// Do `ENV` or `ARG` in scope at the `RUN` set `PIP_NO_CACHE_DIR`?
fn cache_off_in_scope(model: &Model, stage: &Stage, run: &Run) -> bool {
    // One lookup (a scope holds the latest definition of each name), not a list of the scope.
    let scope = model.scope_at(stage.index, &run.instruction);
    match scope.get(VARIABLE) {
        Some(def) if def.source == VarSource::Env => turns_cache_off(def.value.as_deref().unwrap_or_default()),
        Some(def) => def.value.as_deref().is_some_and(turns_cache_off),
        None => false,
    }
}

/// Does a `--mount` of the `RUN` hold pip's cache directory?
fn cache_mounted(model: &Model, stage: &Stage, run: &Run) -> bool {
    let scope = model.scope_at(stage.index, &run.instruction);
    let custom = scope
        .get("PIP_CACHE_DIR")
        .filter(|def| def.source == VarSource::Env)
        .map(|def| def.value.clone().unwrap_or_default());
    mount_targets(run).iter().any(|target| {
        let target = trim_path(target);
        target.ends_with("/.cache")
            || target.ends_with("/.cache/pip")
            || custom.as_deref().is_some_and(|c| is_within(c, target))
    })
}
