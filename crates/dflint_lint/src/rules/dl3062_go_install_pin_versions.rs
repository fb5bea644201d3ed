//! DL3062: `go install` of a package without a version.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::package_managers::{runs, word_list};

/// `go install` (build) options that take their value as the next argument.
const GO_VALUE_FLAGS: &[&str] = &[
    "-C",
    "-p",
    "-asmflags",
    "-buildmode",
    "-buildvcs",
    "-compiler",
    "-gccgoflags",
    "-gcflags",
    "-installsuffix",
    "-ldflags",
    "-mod",
    "-modfile",
    "-overlay",
    "-pgo",
    "-pkgdir",
    "-tags",
    "-toolexec",
    "-o",
];

declare_rule! {
    /// ## What it does
    /// Reports a `go install` (or `go get`, `go run`) that names a remote package without a version
    /// (`golang.org/x/tools/gopls` rather than `golang.org/x/tools/gopls@v0.17.1`), or with
    /// `@latest`.
    ///
    /// Local packages (`.`, `./cmd/...`, `/src/app`, `main.go`) build the code in the image and
    /// are not reported; `go install` without a package builds the current directory. For
    /// `go run`, only the first argument is a package: the others are the program's arguments.
    ///
    /// ## Why is this bad?
    /// Without a version (in module mode, `go install` needs one for a remote package), or with
    /// `@latest`, the version installed is whatever was newest on the day of the build: two
    /// builds of the same Dockerfile can differ.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.24
    /// RUN go install golang.org/x/tools/gopls@latest
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.24
    /// RUN go install golang.org/x/tools/gopls@v0.17.1
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the version to pin is not known without asking the module proxy.
    ///
    /// ## Differences from hadolint
    /// dflint skips the values of build flags (`-tags netgo`, `-ldflags "-s -w"`), which hadolint
    /// reads as packages: hadolint reports `go install -tags netgo .`, which builds local code.
    /// hadolint reports `go run make.go`, which runs a local file; dflint does not. dflint reports
    /// each command (hadolint reports the `RUN` once).
    /// dflint reads the scripts of heredoc `RUN`s (`RUN <<EOF`), which hadolint does not check.
    ///
    /// ## References
    /// - [hadolint DL3062](https://github.com/hadolint/hadolint/wiki/DL3062)
    /// - [go install](https://go.dev/ref/mod#go-install)
    pub(crate) static RULE = {
        code: "DL3062",
        name: "go-install-pin-versions",
        severity: Warning,
        fix: None,
        hadolint: "DL3062",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let command = site.command;
        if !command.is("go") {
            continue;
        }
        let Some(sub) = command.subcommand(&[]).filter(|w| matches!(w.value.as_str(), "install" | "get" | "run"))
        else {
            continue;
        };
        let mut packages = go_packages(&command.args, &sub.value);
        if sub.value == "run" {
            // `go run pkg args...`: the package is the first argument, the rest are its own.
            packages.truncate(1);
        }
        let unpinned: Vec<&str> = packages.into_iter().filter(|p| !is_pinned(p)).collect();
        if unpinned.is_empty() {
            continue;
        }
        let message = format!(
            "Pin versions in `go {}`: {} {} no version (`package@version`)",
            sub.value,
            word_list(&unpinned),
            if unpinned.len() == 1 { "has" } else { "have" }
        );
        findings.push((site.finding_range(), message));
    }
    for (range, message) in findings {
        checker.report(range, message);
    }
}

/// The packages of `go install` or `go get`: the arguments after the subcommand that are neither flags (`-tags`,
/// `--tags`, `-tags=x`) nor the values of flags.
fn go_packages<'a>(args: &'a [dflint_shell::Word], sub: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut words = args.iter().map(|w| w.value.as_str()).skip_while(|w| *w != sub).skip(1);
    while let Some(w) = words.next() {
        if w == "--" {
            out.extend(words);
            break;
        }
        if let Some(flag) = w.strip_prefix('-') {
            let flag = format!("-{}", flag.trim_start_matches('-'));
            if !flag.contains('=') && GO_VALUE_FLAGS.contains(&flag.as_str()) {
                words.next();
            }
        } else {
            out.push(w);
        }
    }
    out
}

/// `pkg@version` (not `@latest`), or a local package or `.go` file.
fn is_pinned(package: &str) -> bool {
    if package.starts_with(['.', '/']) || package.ends_with(".go") {
        return true;
    }
    match package.rsplit_once('@') {
        Some((_, version)) => version != "latest",
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_and_pins() {
        let script = dflint_shell::parse("go install -tags 'a b' -ldflags=-s --mod vendor x/y@v1 ./cmd z");
        let command = &script.commands[0];
        assert_eq!(go_packages(&command.args, "install"), ["x/y@v1", "./cmd", "z"]);
        assert!(is_pinned("x/y@v1.2.3") && is_pinned("x/y@master") && is_pinned("./...") && is_pinned("main.go"));
        assert!(!is_pinned("x/y@latest") && !is_pinned("x/y") && !is_pinned("$PKG"));
    }
}
