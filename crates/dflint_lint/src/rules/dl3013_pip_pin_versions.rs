//! DL3013: `pip install` without version pins.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{pip_install, runs, simplified, unpinned_message};

declare_rule! {
    /// ## What it does
    /// Reports a `pip install` (also `pip3`, `python3 -m pip`, `pipx`, `pipenv`) that names a
    /// package without a version specifier (`flask` rather than `flask==3.0.3`).
    ///
    /// These count as pinned: any version specifier (`==`, `>=`, `<=`, `<`, `>`, `!=`, `~=`,
    /// `===`), a VCS URL with a revision (`git+https://...@v1.2`), a path or URL, and a wheel or
    /// sdist file (`.whl`, `.tar.gz`). Not reported: installs from requirement files
    /// (`-r requirements.txt`) or of the project in the current directory (`.`), and installs under
    /// a constraints file (`-c constraints.txt`), which pins what it lists.
    ///
    /// ## Why is this bad?
    /// An unpinned package installs the newest release on the day of the build: two builds of the
    /// same Dockerfile can differ, and a new release can break the image with no change in the
    /// repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask==3.0.3
    /// ```
    /// or pin in a requirements file:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY requirements.txt .
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the version to pin is not known.
    ///
    /// ## Differences from hadolint
    /// hadolint recognises pip by a command name that starts with `pip` and by `python -m pip
    /// install` written in that order; dflint also checks pip run by path (`/venv/bin/pip`,
    /// `.venv/bin/pip`, the usual way to install into a virtual environment) and with options
    /// before the subcommand (`python3 -m pip --no-cache-dir install`).
    ///
    /// hadolint skips the whole command when it reads `-r` or `.`; dflint still reports the other
    /// packages it names (`pip install -r requirements.txt gunicorn`), and takes any local path
    /// (`.`, `./pkg`, `.[dev]`) as pinned. A VCS URL counts as pinned only with a revision after
    /// the repository (`git+ssh://git@host/repo` has none; hadolint takes the `@` of the user
    /// name for one). The values of pip's options are skipped as pip reads them (`--retries 5` is
    /// not a package), where hadolint only knows some of those options.
    ///
    /// ## References
    /// - [hadolint DL3013](https://github.com/hadolint/hadolint/wiki/DL3013)
    /// - [pip: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
    pub(crate) static RULE = {
        code: "DL3013",
        name: "pip-pin-versions",
        severity: Warning,
        fix: None,
        hadolint: "DL3013",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let Some(pip) = pip_install(site.command) else { continue };
        if pip.has_option("-c", "--constraint") {
            continue;
        }
        let requirements = pip.requirements();
        let unpinned: Vec<&str> =
            requirements.iter().filter(|w| !is_pinned(&simplified(w))).map(|w| w.value.as_str()).collect();
        if unpinned.is_empty() {
            continue;
        }
        let message = unpinned_message("pip install", &unpinned, "`package==version`, or a requirements file");
        findings.push((site.finding_range(), message));
    }
    for (range, message) in findings {
        checker.report(range, message);
    }
}

/// VCS schemes pip knows (`git+https://...`).
const VCS_PREFIXES: &[&str] = &["git+", "git://", "hg+", "svn+", "svn://", "bzr+"];

fn is_pinned(requirement: &str) -> bool {
    const SPECIFIERS: &[&str] = &["==", ">=", "<=", "<", ">", "!=", "~=", "==="];
    if SPECIFIERS.iter().any(|s| requirement.contains(s)) {
        return true;
    }
    if requirement.ends_with(".whl") || requirement.ends_with(".tar.gz") {
        return true;
    }
    let vcs = VCS_PREFIXES.iter().any(|p| requirement.starts_with(p));
    if vcs {
        // A revision after the repository path: `git+https://host/repo@v1.0`.
        let after_scheme = requirement.split_once("://").map_or(requirement, |(_, rest)| rest);
        return after_scheme.rsplit_once('/').is_some_and(|(_, last)| last.contains('@'));
    }
    // A path (`./pkg`, `.[dev]`, `/src/pkg`) or a URL.
    requirement.contains('/') || requirement.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::is_pinned;

    #[test]
    fn pins() {
        for r in [
            "a==1",
            "a>=1,<2",
            "a~=1.0",
            "./dist/a.whl",
            "a-1.0.tar.gz",
            "git+https://h/r@v1",
            "./src",
            ".[dev]",
            "https://x/a.zip",
        ] {
            assert!(is_pinned(r), "{r}");
        }
        for r in ["a", "a[extra]", "git+https://h/r", "git+ssh://git@h/r", "${VAR}"] {
            assert!(!is_pinned(r), "{r}");
        }
    }
}
