//! DL3060: `yarn install` without `yarn cache clean`.

use dflint_shell::Command;

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{check_cache_cleanup, removes, subcommand_of, CacheCleanup};

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that runs `yarn install` and not `yarn cache clean`.
    ///
    /// Like DL3009, only stages whose files end up in an image are checked: the last stage, and
    /// stages that another stage is built `FROM`. A stage that other stages only `COPY --from`
    /// is a build stage, and what it leaves behind is not shipped. `ONBUILD RUN` is always
    /// checked.
    ///
    /// Not reported: a `RUN` that deletes yarn's cache (`rm -rf /usr/local/share/.cache/yarn`), and a
    /// `RUN` that mounts it (`--mount=type=cache,target=/usr/local/share/.cache/yarn`,
    /// or `/root/.cache/yarn`, or a directory above), so that it is not in the layer.
    ///
    /// ## Why is this bad?
    /// yarn keeps a copy of every package it downloads in its cache (`/usr/local/share/.cache/yarn`
    /// for root in the official `node` images), often as large as `node_modules` itself. Left in the
    /// layer, it makes the image larger for nothing; deleting it in a later `RUN` does not help.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN yarn install --frozen-lockfile
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN yarn install --frozen-lockfile && yarn cache clean
    /// ```
    /// or keep the cache out of the layer, reused across builds:
    /// ```dockerfile
    /// # syntax=docker/dockerfile:1
    /// FROM node:22-slim
    /// RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends ` && yarn cache clean` to the end of the `RUN`'s script. It is safe in a
    /// shell-form `RUN` whose script ends with its last statement. It is unsafe in a heredoc script
    /// and when the script ends in a comment or a `&`; the command then goes right after the last
    /// yarn command. An exec-form `RUN` gets no fix.
    ///
    /// ## Differences from hadolint
    /// hadolint reports a `RUN` that deletes yarn's cache with `rm` rather than `yarn cache clean`;
    /// dflint does not, since the cache is gone either way. Like hadolint (since hadolint issue
    /// #723), dflint skips a cache mount.
    ///
    /// ## References
    /// - [hadolint DL3060](https://github.com/hadolint/hadolint/wiki/DL3060)
    /// - [yarn cache](https://classic.yarnpkg.com/en/docs/cli/cache)
    pub(crate) static RULE = {
        code: "DL3060",
        name: "yarn-cache-clean",
        severity: Info,
        fix: Sometimes,
        hadolint: "DL3060",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    check_cache_cleanup(
        checker,
        &CacheCleanup {
            tool: "yarn",
            cache_dirs: CACHE_DIRS,
            clean_anywhere: CLEAN_ANYWHERE,
            only_shipped: true,
            installs,
            cleans,
            is_tool,
            cleanup_for,
        },
    );
}

/// Directories whose mount keeps the cache out of the layer.
const CACHE_DIRS: &[&str] =
    &["/usr/local/share/.cache/yarn", "/root/.cache/yarn", "/home/node/.cache/yarn", "/root/.yarn/berry/cache"];
/// hadolint accepts the clean anywhere in the `RUN`.
const CLEAN_ANYWHERE: bool = true;

fn installs(command: &Command) -> bool {
    subcommand_of(command, &["yarn"], &[]).is_some_and(|w| w.value == "install")
}

fn cleans(command: &Command) -> bool {
    command.is("yarn") && {
        let args = command.positional_args(&[]);
        args.first().is_some_and(|w| w.value == "cache") && args.get(1).is_some_and(|w| w.value == "clean")
    } || CACHE_DIRS.iter().any(|dir| removes(command, dir))
}

fn is_tool(command: &Command) -> bool {
    command.is("yarn")
}

fn cleanup_for(_install: &Command) -> String {
    "yarn cache clean".to_string()
}
