//! DL3019: `apk add` without `--no-cache`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::Fix;
use crate::rules::package_managers::{mounts_dir, packages_of, runs, subcommand_of, APK_VALUE_FLAGS};

declare_rule! {
    /// ## What it does
    /// Reports an `apk add` without `--no-cache`.
    ///
    /// Not reported: a `RUN` that mounts apk's cache (`/var/cache/apk`, or `/etc/apk/cache`, or a
    /// directory above) with `--mount=type=cache`: the cache is then out of the layer, and reused
    /// by the next build.
    ///
    /// ## Why is this bad?
    /// Without `--no-cache`, `apk` keeps the package indexes it downloads (with `--update` or
    /// `apk update`) in `/var/cache/apk`, a few megabytes that stay in the layer unless removed in
    /// the same `RUN`. `--no-cache` downloads the indexes to a temporary place and deletes them,
    /// which also makes `apk update` and `rm -rf /var/cache/apk/*` unnecessary.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk add --update curl=8.12.1-r1
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk add --no-cache curl=8.12.1-r1
    /// ```
    /// or keep apk's cache out of the layer, reused across builds:
    /// ```dockerfile
    /// # syntax=docker/dockerfile:1
    /// FROM alpine:3.21
    /// RUN --mount=type=cache,target=/var/cache/apk apk add --update curl=8.12.1-r1
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `--no-cache` after `add`. It is safe: the same packages are installed, from
    /// freshly downloaded indexes, and nothing is left in the cache. It is unsafe when every
    /// package is a local `.apk` file: `--no-cache` then makes apk download the indexes, which an
    /// offline build cannot.
    ///
    /// ## Differences from hadolint
    /// hadolint skips a cache mount on `/var/cache/apk` but reports one on `/etc/apk/cache` (the
    /// cache directory apk uses when that link exists); dflint skips both (hadolint issue #497).
    /// dflint reports each `apk add` (hadolint reports the `RUN` once).
    ///
    /// ## References
    /// - [hadolint DL3019](https://github.com/hadolint/hadolint/wiki/DL3019)
    /// - [Alpine: apk local cache](https://wiki.alpinelinux.org/wiki/Local_APK_cache)
    pub(crate) static RULE = {
        code: "DL3019",
        name: "apk-no-cache",
        severity: Info,
        fix: Always,
        hadolint: "DL3019",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let Some(add) = subcommand_of(site.command, &["apk"], APK_VALUE_FLAGS).filter(|w| w.value == "add") else {
            continue;
        };
        if site.command.has_flag("--no-cache") {
            continue;
        }
        if mounts_dir(site.run, "/var/cache/apk") || mounts_dir(site.run, "/etc/apk/cache") {
            continue;
        }
        let packages = packages_of(site.command, APK_VALUE_FLAGS);
        let local = !packages.is_empty() && packages.iter().all(|w| w.value.ends_with(".apk"));
        let edit = site.insert_after(add, "--no-cache");
        let fix = if local {
            Fix::unsafe_("Add `--no-cache`", vec![edit])
        } else {
            Fix::safe("Add `--no-cache`", vec![edit])
        };
        findings.push((site.finding_range(), fix));
    }
    for (range, fix) in findings {
        checker
            .report(range, "`apk add` without `--no-cache` leaves the package indexes in `/var/cache/apk`")
            .with_fix(fix);
    }
}
