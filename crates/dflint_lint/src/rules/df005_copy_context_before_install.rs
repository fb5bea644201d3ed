//! DF005: the whole build context copied before a dependency install, which then re-runs on every
//! source change.

use crate::checker::Checker;
use crate::declare_rule;
use dflint_shell::Command;
use dflint_syntax::ast::{self, AstNode};
use dflint_syntax::{SyntaxKind, TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Reports a `COPY` or `ADD` of the whole build context (`.`, `./`, `*`) that comes before a
    /// `RUN` of the same stage installing dependencies from manifest files:
    ///
    /// | install | manifests |
    /// |---|---|
    /// | `pip install -r F`, `pip install .`, `python -m pip ...`, `uv pip install -r F` | `F`, `pyproject.toml` |
    /// | `poetry install`, `uv sync`, `pipenv install`/`sync` | `pyproject.toml` + `poetry.lock` / `uv.lock`, `Pipfile` + `Pipfile.lock` |
    /// | `npm ci`, `npm install`, `yarn`, `pnpm install` (no package names, not global) | `package.json` + `package-lock.json` / `yarn.lock` / `pnpm-lock.yaml` |
    /// | `go mod download` | `go.mod` + `go.sum` |
    /// | `cargo build`, `cargo fetch` | `Cargo.toml` + `Cargo.lock` |
    /// | `bundle install` | `Gemfile` + `Gemfile.lock` |
    /// | `composer install` | `composer.json` + `composer.lock` |
    /// | `mvn ...`, `mvnw ...` | `pom.xml` |
    /// | `gradle ...`, `gradlew ...` | `build.gradle*` + `settings.gradle*` |
    /// | `dotnet restore` | `*.csproj` |
    ///
    /// It is not reported when an earlier `COPY`/`ADD` of the stage already copies one of those
    /// manifests (`COPY package*.json ./`), and `COPY --from=...` copies no build context. The
    /// finding is on the `COPY` and names the manifests to copy first.
    ///
    /// ## Why is this bad?
    /// BuildKit reuses a cached layer only while everything it depends on is unchanged. Once the
    /// whole context is copied, any edit to any source file invalidates the install below it, and
    /// every build downloads and installs all dependencies again. Copying the manifests first and
    /// installing before copying the rest keeps the install cached until the dependencies change.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci
    /// COPY . .
    /// ```
    ///
    /// ## References
    /// - [Optimize cache usage in builds](https://docs.docker.com/build/cache/optimize/)
    /// - [Dockerfile best practices: leverage build cache](https://docs.docker.com/build/building/best-practices/#leverage-build-cache)
    pub(crate) static RULE = {
        code: "DF005",
        name: "copy-context-before-install",
        severity: Info,
        fix: None,
        check: check,
    }
}

/// A dependency install found in a `RUN`.
struct Install {
    /// What it runs, for the message: `npm ci`.
    what: String,
    /// The manifests to copy first, for the message.
    manifests: Vec<String>,
    /// Names (globs allowed) that, copied earlier, show the manifests are already copied first.
    known: Vec<String>,
}

fn check(checker: &mut Checker) {
    let mut found: Vec<(TextRange, String, Install, TextSize)> = Vec::new();
    for stage in &checker.model().stages {
        let mut copied: Vec<String> = Vec::new();
        for instruction in &stage.instructions {
            if !matches!(instruction.kind(), SyntaxKind::COPY_INSTR | SyntaxKind::ADD_INSTR)
                || instruction.flag("from").is_some()
                || !instruction.heredocs().is_empty()
            {
                continue;
            }
            let Some((sources, ranges)) = sources(instruction) else { continue };
            let broad = sources.iter().position(|s| matches!(s.as_str(), "." | "./" | "*" | "./*"));
            let Some(broad) = broad else {
                copied.extend(sources);
                continue;
            };
            let after = instruction.range().end();
            let install = stage
                .runs
                .iter()
                .filter(|r| !r.onbuild && r.instruction.range().start() >= after)
                .flat_map(|r| r.scripts.iter().map(move |s| (r, s)))
                .flat_map(|(r, s)| s.script.commands.iter().map(move |c| (r, c)))
                .find_map(|(r, c)| install_of(c).filter(|i| !already_copied(i, &copied)).map(|i| (r, i)));
            if let Some((run, install)) = install {
                let keyword = instruction.keyword_text();
                found.push((ranges[broad], keyword, install, run.instruction.range().start()));
                break;
            }
        }
    }
    for (range, keyword, install, run_at) in found {
        let line = checker.line_number(run_at);
        let source = checker.slice(range).to_string();
        let Install { what, manifests, .. } = install;
        checker.report(
            range,
            format!(
                "`{keyword} {source}` copies the whole build context before `{what}` on line {line}, so any source \
                 change re-runs the install: copy {} first, install, then copy the rest",
                join_names(&manifests)
            ),
        );
    }
}

/// The source paths of a `COPY`/`ADD` (all arguments but the destination), with their ranges.
fn sources(instruction: &ast::Instruction) -> Option<(Vec<String>, Vec<TextRange>)> {
    if let Some(exec) = instruction.exec_form() {
        let elements: Vec<_> = exec.elements().collect();
        let (_, sources) = elements.split_last()?;
        let values = sources.iter().map(|e| e.value()).collect::<Option<Vec<_>>>()?;
        return Some((values, sources.iter().map(|e| e.range()).collect()));
    }
    let words: Vec<ast::Word> = instruction.words().collect();
    let (_, sources) = words.split_last()?;
    Some((sources.iter().map(|w| w.logical_text()).collect(), sources.iter().map(|w| w.range()).collect()))
}

fn join_names(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

fn install(what: String, manifests: &[&str], known: &[&str]) -> Option<Install> {
    Some(Install {
        what,
        manifests: manifests.iter().map(|s| s.to_string()).collect(),
        known: known.iter().map(|s| s.to_string()).collect(),
    })
}

const NODE: &[&str] = &["package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"];
const PYPROJECT: &[&str] = &["pyproject.toml", "setup.py", "setup.cfg", "requirements*.txt"];

/// The dependency install `command` runs, if any.
fn install_of(command: &Command) -> Option<Install> {
    let program = command.program()?;
    let sub = |flags: &[&str]| command.subcommand(flags).map(|w| w.value.clone()).unwrap_or_default();
    let positional = |flags: &[&str]| command.positional_args(flags).len();
    match program {
        p if p.starts_with("python") && command.args.len() > 2 && command.args[0].value == "-m" => {
            let mut inner = command.clone();
            inner.name = Some(inner.args[1].clone());
            inner.args.drain(..2);
            install_of(&inner).filter(|_| inner.program().is_some_and(is_pip))
        }
        p if is_pip(p) => pip_install(command, program),
        "uv" if sub(&[]) == "sync" => install("uv sync".into(), &["pyproject.toml", "uv.lock"], PYPROJECT),
        "uv" if sub(&[]) == "pip" => {
            let mut inner = command.clone();
            let at = inner.args.iter().position(|a| a.value == "pip")?;
            inner.name = Some(inner.args[at].clone());
            inner.args.drain(..=at);
            match inner.subcommand(&[]).map(|w| w.value.as_str()) {
                Some("sync") => {
                    let files: Vec<String> = inner.args_after_subcommand(&[]).iter().map(|w| w.value.clone()).collect();
                    Some(requirements_install("uv pip sync".into(), files))
                }
                _ => pip_install(&inner, "uv pip"),
            }
        }
        "poetry" if sub(&[]) == "install" => {
            install("poetry install".into(), &["pyproject.toml", "poetry.lock"], &["pyproject.toml", "poetry.lock"])
        }
        "pipenv" if matches!(sub(&[]).as_str(), "install" | "sync") => {
            install(format!("pipenv {}", sub(&[])), &["Pipfile", "Pipfile.lock"], &["Pipfile", "Pipfile.lock"])
        }
        "npm" => {
            let s = sub(NPM_VALUE_FLAGS);
            let global = command.has_any_flag(&["-g", "--global"]);
            let named = |s: &str| matches!(s, "ci" | "install" | "i") && positional(NPM_VALUE_FLAGS) == 1 && !global;
            named(&s).then(|| install(format!("npm {s}"), &["package.json", "package-lock.json"], NODE)).flatten()
        }
        "yarn" => {
            let s = sub(YARN_VALUE_FLAGS);
            (s.is_empty() || s == "install")
                .then(|| install(format!("yarn {s}").trim().to_string(), &["package.json", "yarn.lock"], NODE))
                .flatten()
        }
        "pnpm" => {
            let s = sub(PNPM_VALUE_FLAGS);
            (matches!(s.as_str(), "install" | "i") && positional(PNPM_VALUE_FLAGS) == 1)
                .then(|| install(format!("pnpm {s}"), &["package.json", "pnpm-lock.yaml"], NODE))
                .flatten()
        }
        "go" => {
            let pos: Vec<&str> = command.positional_args(&[]).iter().map(|w| w.value.as_str()).collect();
            (pos.starts_with(&["mod", "download"]))
                .then(|| install("go mod download".into(), &["go.mod", "go.sum"], &["go.mod", "go.sum"]))
                .flatten()
        }
        "cargo" => {
            let s = sub(&["--manifest-path", "--config", "-Z"]);
            matches!(s.as_str(), "build" | "fetch")
                .then(|| install(format!("cargo {s}"), &["Cargo.toml", "Cargo.lock"], &["Cargo.toml", "Cargo.lock"]))
                .flatten()
        }
        "bundle" if sub(&[]) == "install" => {
            install("bundle install".into(), &["Gemfile", "Gemfile.lock"], &["Gemfile", "Gemfile.lock", "*.gemspec"])
        }
        "composer" if sub(&[]) == "install" => {
            install("composer install".into(), &["composer.json", "composer.lock"], &["composer.json", "composer.lock"])
        }
        "mvn" | "mvnw" => install(program.into(), &["pom.xml"], &["pom.xml"]),
        "gradle" | "gradlew" => install(
            program.into(),
            &["build.gradle*", "settings.gradle*"],
            &["build.gradle*", "settings.gradle*", "gradle.properties", "libs.versions.toml"],
        ),
        "dotnet" if sub(&[]) == "restore" => install(
            "dotnet restore".into(),
            &["*.csproj"],
            &["*.csproj", "*.fsproj", "*.vbproj", "*.sln", "Directory.Packages.props", "packages.lock.json"],
        ),
        _ => None,
    }
}

/// Flags of the Node package managers that take a value as the next argument.
const NPM_VALUE_FLAGS: &[&str] =
    &["--prefix", "-C", "--loglevel", "--registry", "--cache", "--workspace", "-w", "--omit"];
const YARN_VALUE_FLAGS: &[&str] =
    &["--cwd", "--network-timeout", "--cache-folder", "--modules-folder", "--mutex", "--registry"];
const PNPM_VALUE_FLAGS: &[&str] = &["--filter", "-F", "-C", "--dir", "--store-dir", "--registry"];

/// `pip`, `pip3`, `pip3.12`.
fn is_pip(program: &str) -> bool {
    program.strip_prefix("pip").is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// Flags of `pip install` that take a value as the next argument.
const PIP_VALUE_FLAGS: &[&str] = &[
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--trusted-host",
    "--python",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--src",
    "--upgrade-strategy",
    "--progress-bar",
    "--cache-dir",
    "--timeout",
    "--retries",
    "--proxy",
    "--cert",
    "--client-cert",
    "--log",
    "--only-binary",
    "--no-binary",
    "--config-settings",
    "-C",
];

/// `pip install -r F` or `pip install .` (`-e .`, `.[extra]`).
fn pip_install(command: &Command, program: &str) -> Option<Install> {
    let positional = command.positional_args(PIP_VALUE_FLAGS);
    if positional.first().map(|w| w.value.as_str()) != Some("install") {
        return None;
    }
    let files: Vec<String> = ["-r", "--requirement"]
        .iter()
        .flat_map(|f| command.flag_values(f))
        .map(|v| v.value.to_string())
        .filter(|v| !v.contains("://"))
        .collect();
    if !files.is_empty() {
        return Some(requirements_install(format!("{program} install -r"), files));
    }
    let editable = ["-e", "--editable"].iter().flat_map(|f| command.flag_values(f)).map(|v| v.value.to_string());
    let local = |p: &str| {
        let path = p.split('[').next().unwrap_or(p);
        matches!(path, "." | "./")
    };
    let installs_project = positional.iter().skip(1).map(|w| w.value.clone()).chain(editable).any(|p| local(&p));
    installs_project.then(|| install(format!("{program} install ."), &["pyproject.toml"], PYPROJECT)).flatten()
}

/// An install from requirement files: those are the manifests.
fn requirements_install(what: String, files: Vec<String>) -> Install {
    let mut known = files.clone();
    known.push("requirements*.txt".to_string());
    Install { what, manifests: files, known }
}

/// Does an earlier source in `copied` already copy one of the install's manifests? A source
/// matches a manifest by file name (either may be a glob: `package*.json`, `requirements*.txt`),
/// or when it is a directory the manifest's path lies in (`requirements/` for
/// `requirements/base.txt`).
fn already_copied(install: &Install, copied: &[String]) -> bool {
    copied.iter().any(|source| {
        let source = source.trim_start_matches("./");
        let dir = source.trim_end_matches('/');
        let name = dir.rsplit('/').next().unwrap_or(dir);
        install.known.iter().any(|known| {
            let known_path = known.trim_start_matches("./");
            let known_name = known_path.rsplit('/').next().unwrap_or(known_path);
            glob_match(known_name, name)
                || glob_match(name, known_name)
                || (!dir.is_empty() && known_path.starts_with(&format!("{dir}/")))
        })
    })
}

/// Does `text` match the glob `pattern` (`*` and `?` only)?
fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            backtrack = Some((pi, ti));
            pi += 1;
        } else if let Some((star, matched)) = backtrack {
            pi = star + 1;
            ti = matched + 1;
            backtrack = Some((star, matched + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("package*.json", "package.json"));
        assert!(glob_match("requirements*.txt", "requirements-dev.txt"));
        assert!(glob_match("*.csproj", "App.csproj"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("go.mod", "go.sum"));
        assert!(!glob_match("*.csproj", "App.fsproj"));
    }

    #[test]
    fn manifests_already_copied() {
        let npm = install_of(&dflint_shell::parse("npm ci").commands[0]).unwrap();
        assert!(already_copied(&npm, &["package*.json".into()]));
        assert!(already_copied(&npm, &["./package.json".into()]));
        assert!(!already_copied(&npm, &["src".into()]));
        let pip = install_of(&dflint_shell::parse("pip install -r requirements/base.txt").commands[0]).unwrap();
        assert!(already_copied(&pip, &["requirements/".into()]));
        assert!(already_copied(&pip, &["requirements.txt".into()]));
        assert!(!already_copied(&pip, &["app.py".into()]));
    }

    #[test]
    fn installs() {
        let what = |s: &str| install_of(&dflint_shell::parse(s).commands[0]).map(|i| i.what);
        assert_eq!(what("python3 -m pip install -r req.txt").as_deref(), Some("pip install -r"));
        assert_eq!(what("pip install --no-cache-dir -e .[dev]").as_deref(), Some("pip install ."));
        assert_eq!(what("pip install flask"), None);
        assert_eq!(what("npm install -g pnpm"), None);
        assert_eq!(what("npm install express"), None);
        assert_eq!(what("yarn").as_deref(), Some("yarn"));
        assert_eq!(what("yarn add react"), None);
        assert_eq!(what("uv pip install -r requirements.txt").as_deref(), Some("uv pip install -r"));
        assert_eq!(what("go mod download").as_deref(), Some("go mod download"));
        assert_eq!(what("go build ./..."), None);
        assert_eq!(what("./gradlew build").as_deref(), Some("gradlew"));
        assert_eq!(what("cargo install ripgrep"), None);
    }
}
