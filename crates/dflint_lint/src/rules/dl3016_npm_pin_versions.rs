//! DL3016: `npm install` of a package without a version.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{runs, simplified, unpinned_message};

/// `npm install` options that take their value as the next argument.
const NPM_VALUE_FLAGS: &[&str] =
    &["--prefix", "--registry", "--cache", "--userconfig", "--tag", "-w", "--workspace", "--omit", "--include"];

declare_rule! {
    /// ## What it does
    /// Reports an `npm install` that names a package without a version (`express` rather than
    /// `express@4.21.2`).
    ///
    /// A package counts as pinned when it has a version, range or tag (`name@1.2.3`,
    /// `@scope/name@^1`), is a git URL with a commit or semver fragment (`git+https://...#v1.2`),
    /// a tarball (`.tgz`, `.tar.gz`, `.tar`) or a folder (`./lib`, `/src`, `../x`, `~/x`).
    /// `npm install` without packages installs what `package.json` and the lock file say, and is
    /// not reported.
    ///
    /// ## Why is this bad?
    /// Without a version, npm installs whatever the registry's `latest` tag points to on the day
    /// of the build: two builds of the same Dockerfile can differ, and a new major release can
    /// break the image with no change in the repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN npm install -g typescript
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN npm install -g typescript@5.7.3
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the version to pin is not known without asking the registry.
    ///
    /// ## Differences from hadolint
    /// Like hadolint, only the subcommand `install` is read (not its aliases `i` and `add`).
    /// dflint skips the values of options such as `--prefix` and `--registry`, and reports each
    /// `npm install` (hadolint reports the `RUN` once).
    ///
    /// ## References
    /// - [hadolint DL3016](https://github.com/hadolint/hadolint/wiki/DL3016)
    /// - [npm install](https://docs.npmjs.com/cli/commands/npm-install)
    pub(crate) static RULE = {
        code: "DL3016",
        name: "npm-pin-versions",
        severity: Warning,
        fix: None,
        hadolint: "DL3016",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let command = site.command;
        if !command.is("npm") || command.subcommand(NPM_VALUE_FLAGS).is_none_or(|w| w.value != "install") {
            continue;
        }
        let unpinned: Vec<&str> = command
            .args_after_subcommand(NPM_VALUE_FLAGS)
            .into_iter()
            .filter(|w| !is_pinned(&simplified(w)))
            .map(|w| w.value.as_str())
            .collect();
        if unpinned.is_empty() {
            continue;
        }
        let message = unpinned_message("npm install", &unpinned, "`package@version`");
        findings.push((site.finding_range(), message));
    }
    for (range, message) in findings {
        checker.report(range, message);
    }
}

fn is_pinned(package: &str) -> bool {
    const GIT: &[&str] = &["git://", "git+ssh://", "git+http://", "git+https://"];
    if GIT.iter().any(|p| package.starts_with(p)) {
        return package.contains('#');
    }
    if [".tar", ".tar.gz", ".tgz"].iter().any(|s| package.ends_with(s)) {
        return true;
    }
    if ["/", "./", "../", "~/"].iter().any(|p| package.starts_with(p)) || package == "." {
        return true;
    }
    let name = match package.strip_prefix('@') {
        Some(scoped) => scoped.split_once('/').map_or("", |(_, rest)| rest),
        None => package,
    };
    name.contains('@')
}

#[cfg(test)]
mod tests {
    use super::is_pinned;

    #[test]
    fn pins() {
        for p in ["express@4", "@scope/x@1", "./lib", ".", "../x", "/src", "~/x", "x.tgz", "git+https://h/r.git#v1"] {
            assert!(is_pinned(p), "{p}");
        }
        for p in ["express", "@scope/x", "git+https://h/r.git", "$PKG"] {
            assert!(!is_pinned(p), "{p}");
        }
    }
}
