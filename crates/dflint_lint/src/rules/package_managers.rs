//! What the package manager rules share: the commands of every `RUN` with where to report them,
//! reading `apt-get` and `pip` command lines, `RUN --mount` targets, and pin checks on words.
//!
//! Where findings start: hadolint reports these rules on the first line of the `RUN`, once per
//! instruction. Our diagnostics start at the `RUN` keyword as well, so that a finding is on the line
//! a hadolint user expects and a `# hadolint ignore=` comment above the `RUN` applies, and they end
//! where the offending command (or word) ends, so an editor underlines up to what is wrong.

use std::ops::Range;

use dflint_model::{Model, Run, RunScript, Stage};
use dflint_shell::{Command, Word};
use dflint_syntax::ast::AstNode;
use dflint_syntax::TextRange;

use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::util::keyword_range;

/// A `RUN` (`ONBUILD RUN` included) with the commands it runs: the shell scripts of the model,
/// or, for exec form (`RUN ["pip", "install", "x"]`), the one command the array spells.
pub(crate) struct RunView<'m> {
    pub(crate) stage: &'m Stage,
    pub(crate) run: &'m Run,
    pub(crate) scripts: &'m [RunScript],
    /// Exec form: `scripts` holds one script whose words are the array's JSON strings.
    pub(crate) exec: bool,
}

impl<'m> RunView<'m> {
    /// The commands, every script (heredoc bodies included), in order.
    pub(crate) fn commands(&self) -> impl Iterator<Item = RunCommand<'m>> + use<'m> {
        let (stage, run, exec) = (self.stage, self.run, self.exec);
        self.scripts.iter().flat_map(move |script| {
            script.script.commands.iter().map(move |command| RunCommand { stage, run, script, command, exec })
        })
    }
}

/// Every `RUN` of the file, stage by stage, in order.
pub(crate) fn runs(model: &Model) -> Vec<RunView<'_>> {
    let mut out = Vec::with_capacity(model.stages.iter().map(|s| s.runs.len()).sum());
    for stage in &model.stages {
        for run in &stage.runs {
            let (scripts, exec) = match &run.exec {
                Some(script) => (std::slice::from_ref(script), true),
                None => (run.scripts.as_slice(), false),
            };
            out.push(RunView { stage, run, scripts, exec });
        }
    }
    out
}

/// Where each stage's RUNs are in `all` (as [`runs`] lists them: stage by stage), by stage index;
/// an empty range for a stage without any.
pub(crate) fn stage_spans(all: &[RunView], stages: usize) -> Vec<Range<usize>> {
    let mut spans = vec![0..0; stages];
    for (k, view) in all.iter().enumerate() {
        if let Some(span) = spans.get_mut(view.stage.index) {
            if span.end == 0 {
                span.start = k;
            }
            span.end = k + 1;
        }
    }
    spans
}

/// A command of a `RUN`, with the stage, instruction and script it belongs to.
#[derive(Clone, Copy)]
pub(crate) struct RunCommand<'m> {
    pub(crate) stage: &'m Stage,
    pub(crate) run: &'m Run,
    pub(crate) script: &'m RunScript,
    pub(crate) command: &'m Command,
    /// The command is an exec-form array.
    pub(crate) exec: bool,
}

impl RunCommand<'_> {
    /// From the `RUN` keyword to the end of `range` of the script (see the module docs).
    pub(crate) fn report_range(&self, range: Range<usize>) -> TextRange {
        let start = keyword_range(&self.run.instruction).start();
        let end = self.script.file_range(range).end();
        TextRange::new(start, end.max(start))
    }

    /// The command's extent in the script, redirections written after it included.
    pub(crate) fn extent(&self) -> Range<usize> {
        extent(self.command)
    }

    /// Where the command's finding goes: from the `RUN` keyword to the end of the command.
    pub(crate) fn finding_range(&self) -> TextRange {
        self.report_range(self.extent())
    }

    /// An edit that adds the argument `arg` (an option) right after the word `after`: ` arg` in
    /// shell form, `, "arg"` in exec form. After a `--` that ends the options an option would be
    /// read as an operand, so then it goes right after the command name (`apk --no-cache -- add`).
    pub(crate) fn insert_after(&self, after: &Word, arg: &str) -> Edit {
        let options_ended = self.command.args.iter().any(|w| w.value == "--" && w.range.start < after.range.start);
        let after = match &self.command.name {
            Some(name) if options_ended => name,
            _ => after,
        };
        let at = self.script.file_range(after.range.clone()).end();
        if self.exec {
            Edit::insert(at, format!(", {}", crate::util::json_string(arg)))
        } else {
            Edit::insert(at, format!(" {arg}"))
        }
    }
}

/// A command's range with the redirections written after it.
pub(crate) fn extent(command: &Command) -> Range<usize> {
    let end = command.redirects.iter().map(|r| r.range.end).chain([command.range.end]).max().unwrap_or_default();
    command.range.start..end
}

// ---------------------------------------------------------------------------------------------
// apt-get

/// `apt-get` options that take their value as the next argument.
const APT_GET_VALUE_FLAGS: &[&str] = &[
    "-o",
    "--option",
    "-c",
    "--config-file",
    "-t",
    "--target-release",
    "--default-release",
    "-a",
    "--host-architecture",
];

/// The subcommand word of an `apt-get` command (`install` in `apt-get -qy install curl`).
pub(crate) fn apt_get_subcommand(command: &Command) -> Option<&Word> {
    if !command.is("apt-get") {
        return None;
    }
    command.subcommand(APT_GET_VALUE_FLAGS)
}

/// The `install` word of an `apt-get install` command.
pub(crate) fn apt_get_install(command: &Command) -> Option<&Word> {
    apt_get_subcommand(command).filter(|w| w.value == "install")
}

/// The packages of an `apt-get install`: the positional arguments after the subcommand.
pub(crate) fn apt_get_packages(command: &Command) -> Vec<&Word> {
    command.args_after_subcommand(APT_GET_VALUE_FLAGS)
}

/// Does the `apt-get` command set the APT configuration `key` (case-insensitive) to `want` with
/// `-o key=value`?
pub(crate) fn apt_get_sets_option(command: &Command, key: &str, want: bool) -> bool {
    let values = command.flag_values("-o").into_iter().chain(command.flag_values("--option"));
    values.into_iter().any(|v| {
        v.value
            .split_once('=')
            .is_some_and(|(k, val)| k.trim().eq_ignore_ascii_case(key) && apt_bool(val) == Some(want))
    })
}

/// An APT configuration boolean (`true`, `yes`, `1`, `false`, ...).
fn apt_bool(value: &str) -> Option<bool> {
    let value = value.trim().trim_matches(['"', '\'', ';']).to_ascii_lowercase();
    match value.as_str() {
        "1" | "true" | "yes" | "on" | "with" | "enable" => Some(true),
        "0" | "false" | "no" | "off" | "without" | "disable" => Some(false),
        _ => None,
    }
}

/// Does a `RUN` before `before` in `stage` or in one of its parent stages write an APT
/// configuration file (under `/etc/apt/apt.conf`) that sets `key` to `want`, such as
/// `echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/10no-recommends`?
pub(crate) fn apt_config_written(model: &Model, stage: &Stage, before: &Run, key: &str, want: bool) -> bool {
    let before = before.instruction.range().start();
    let mut current = Some(stage);
    while let Some(s) = current {
        let earlier = s.runs.iter().filter(|r| !r.onbuild && r.instruction.range().start() < before);
        for run in earlier {
            for script in &run.scripts {
                if writes_apt_config(script.text(), key, want) {
                    return true;
                }
            }
        }
        current = s.parent.and_then(|p| model.stages.get(p));
    }
    false
}

fn writes_apt_config(text: &str, key: &str, want: bool) -> bool {
    if !text.contains("/etc/apt/apt.conf") {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let key = key.to_ascii_lowercase();
    lower.match_indices(&key).any(|(at, _)| {
        let rest = &text[at + key.len()..];
        let value: String =
            rest.trim_start_matches([' ', '\t', '\\', '"']).chars().take_while(|c| c.is_alphanumeric()).collect();
        apt_bool(&value) == Some(want)
    })
}

/// Is the command an index update of the apt family (`apt-get update`, `apt update`,
/// `aptitude update`)?
pub(crate) fn is_apt_update(command: &Command) -> bool {
    index_use(command) == Some((Family::Apt, IndexUse::Update))
}

/// Is the command run by apt (`apt-get`, `apt`, `aptitude`), whatever it does?
pub(crate) fn is_apt_command(command: &Command) -> bool {
    command.program().is_some_and(|p| matches!(p, "apt-get" | "apt" | "aptitude"))
}

// ---------------------------------------------------------------------------------------------
// Package indexes

/// Package managers that share an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// `apt-get`, `apt`, `aptitude`.
    Apt,
    /// `apk`.
    Apk,
    /// `yum`, `dnf`, `microdnf`.
    Rpm,
    /// `zypper`.
    Zypper,
}

/// What a command does with a package index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IndexUse {
    /// Downloads it.
    Update,
    /// Installs from it.
    Install,
    /// Installs, refreshing it first.
    RefreshingInstall,
}

/// What `command` does with a package index, and whose.
pub(crate) fn index_use(command: &Command) -> Option<(Family, IndexUse)> {
    let program = command.program()?;
    let (family, value_flags, updates, installs): (Family, &[&str], &[&str], &[&str]) = match program {
        "apt-get" | "apt" | "aptitude" => (
            Family::Apt,
            APT_GET_VALUE_FLAGS,
            &["update"],
            &[
                "install",
                "upgrade",
                "dist-upgrade",
                "full-upgrade",
                "build-dep",
                "source",
                "download",
                "reinstall",
                "satisfy",
            ],
        ),
        "apk" => (
            Family::Apk,
            &["-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file"],
            &["update"],
            &["add", "upgrade", "fix", "fetch"],
        ),
        "yum" | "dnf" | "microdnf" => (
            Family::Rpm,
            &[
                "-c",
                "--config",
                "--installroot",
                "--releasever",
                "--setopt",
                "-x",
                "--exclude",
                "--enablerepo",
                "--disablerepo",
                "--repo",
            ],
            &["makecache"],
            &[
                "install",
                "update",
                "upgrade",
                "groupinstall",
                "localinstall",
                "reinstall",
                "downgrade",
                "distro-sync",
                "group",
                "groups",
                "builddep",
                "upgrade-minimal",
            ],
        ),
        "zypper" => (
            Family::Zypper,
            &["-R", "--root", "-c", "--config", "-D", "--reposd-dir", "-C", "--cache-dir"],
            &["refresh", "ref"],
            &["install", "in", "update", "up", "dist-upgrade", "dup", "patch", "source-install", "si"],
        ),
        _ => return None,
    };
    let sub = command.subcommand(value_flags)?;
    if updates.contains(&sub.value.as_str()) {
        return Some((family, IndexUse::Update));
    }
    if !installs.contains(&sub.value.as_str()) {
        return None;
    }
    let refreshes = match family {
        Family::Apk => command.has_any_flag(&["-U", "--update", "--update-cache", "--no-cache"]),
        Family::Rpm => command.has_flag("--refresh"),
        Family::Zypper => command.has_any_flag(&["--refresh"]),
        Family::Apt => false,
    };
    Some((family, if refreshes { IndexUse::RefreshingInstall } else { IndexUse::Install }))
}

// ---------------------------------------------------------------------------------------------
// pip

/// `pip` options (global and of `pip install`) that take their value as the next argument.
const PIP_VALUE_FLAGS: &[&str] = &[
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-t",
    "--target",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--root",
    "--prefix",
    "--src",
    "--upgrade-strategy",
    "--progress-bar",
    "--no-binary",
    "--only-binary",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-C",
    "--config-settings",
    "--global-option",
    "--build-option",
    "--install-option",
    "--report",
    "--root-user-action",
    "--group",
    "-b",
    "--build",
    "--python",
    "--log",
    "--log-file",
    "--proxy",
    "--retries",
    "--resume-retries",
    "--timeout",
    "--exists-action",
    "--trusted-host",
    "--cert",
    "--client-cert",
    "--cache-dir",
    "--use-feature",
    "--use-deprecated",
    "--keyring-provider",
];

/// How pip was called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PipKind {
    /// `pip`, `pip3`, `pip3.12`, `python3 -m pip`.
    Pip,
    /// `pipx` or `pipenv`, which install into environments of their own and take other options.
    Wrapper,
}

/// A `pip install` command line.
pub(crate) struct PipInstall<'c> {
    pub(crate) kind: PipKind,
    /// The `install` word.
    pub(crate) install: &'c Word,
    /// pip's arguments: for `python -m pip`, those after `pip`.
    pub(crate) args: &'c [Word],
}

/// Reads `command` as a `pip install` (`pip`, `pip3`, `pip3.12`, `python3 -m pip`, `pipx`,
/// `pipenv`).
pub(crate) fn pip_install(command: &Command) -> Option<PipInstall<'_>> {
    let program = command.program()?;
    let (kind, args) = if let Some(rest) = program.strip_prefix("pip") {
        let kind = match rest {
            "x" | "env" => PipKind::Wrapper,
            _ if rest.chars().all(|c| c.is_ascii_digit() || c == '.') => PipKind::Pip,
            _ => return None,
        };
        (kind, command.args.as_slice())
    } else if program.starts_with("python") {
        let at = command.args.iter().position(|w| w.value == "-m" || w.value == "-mpip")?;
        let module_at = if command.args[at].value == "-mpip" { at } else { at + 1 };
        if command.args[at].value == "-m" && command.args.get(module_at).is_none_or(|w| w.value != "pip") {
            return None;
        }
        (PipKind::Pip, &command.args[module_at + 1..])
    } else {
        return None;
    };
    let install = subcommand_in(args, PIP_VALUE_FLAGS).filter(|w| w.value == "install")?;
    Some(PipInstall { kind, install, args })
}

impl<'c> PipInstall<'c> {
    /// The arguments after `install`.
    pub(crate) fn install_args(&self) -> &'c [Word] {
        let at = self.args.iter().position(|w| std::ptr::eq(w, self.install)).map_or(self.args.len(), |i| i + 1);
        &self.args[at..]
    }

    /// Does any of pip's arguments read `flag` (a long option, `--no-cache-dir`)?
    pub(crate) fn has_long_flag(&self, flag: &str) -> bool {
        self.args
            .iter()
            .take_while(|w| w.value != "--")
            .any(|w| w.value == flag || w.value.starts_with(&format!("{flag}=")))
    }

    /// Does any of pip's arguments read the short or long option `short`/`long`, with or
    /// without a value?
    pub(crate) fn has_option(&self, short: &str, long: &str) -> bool {
        self.args.iter().take_while(|w| w.value != "--").any(|w| {
            w.value == long
                || w.value.starts_with(&format!("{long}="))
                || (w.value.starts_with(short) && !w.value.starts_with("--"))
        })
    }

    /// The requirements named on the command line: the positional arguments after `install`
    /// (values of options skipped; `-e`/`--editable` targets are not counted).
    pub(crate) fn requirements(&self) -> Vec<&'c Word> {
        positional_in(self.install_args(), PIP_VALUE_FLAGS)
    }
}

/// The positional arguments of `args` (values of `value_flags` skipped; everything after `--`).
fn positional_in<'w>(args: &'w [Word], value_flags: &[&str]) -> Vec<&'w Word> {
    let mut out = Vec::new();
    let mut words = args.iter();
    while let Some(w) = words.next() {
        let v = w.value.as_str();
        if v == "--" {
            out.extend(words);
            break;
        }
        if v.starts_with("--") {
            if !v.contains('=') && value_flags.contains(&v) {
                words.next();
            }
        } else if v.len() > 1 && v.starts_with('-') {
            // A short flag takes the next word when it is a value flag written alone (`-r f`).
            if value_flags.contains(&v) {
                words.next();
            }
        } else {
            out.push(w);
        }
    }
    out
}

fn subcommand_in<'w>(args: &'w [Word], value_flags: &[&str]) -> Option<&'w Word> {
    positional_in(args, value_flags).into_iter().next()
}

// ---------------------------------------------------------------------------------------------
// Mounts and words

/// The `target` of every `--mount` of the `RUN` (any type), unquoted.
pub(crate) fn mount_targets(run: &Run) -> Vec<String> {
    let mut out = Vec::new();
    for flag in run.instruction.flags() {
        if flag.name().as_deref() != Some("mount") {
            continue;
        }
        let Some(value) = flag.value_text() else { continue };
        for field in value.split(',') {
            let Some((key, v)) = field.split_once('=') else { continue };
            if matches!(key.trim().to_ascii_lowercase().as_str(), "target" | "dst" | "destination") {
                out.push(v.trim().trim_matches(['"', '\'']).to_string());
            }
        }
    }
    out
}

/// `path` without trailing slashes (`/` stays `/`).
pub(crate) fn trim_path(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() && path.starts_with('/') {
        "/"
    } else {
        trimmed
    }
}

/// Is `dir` the directory `ancestor` or below it?
pub(crate) fn is_within(dir: &str, ancestor: &str) -> bool {
    let (dir, ancestor) = (trim_path(dir), trim_path(ancestor));
    ancestor == "/" || dir == ancestor || dir.strip_prefix(ancestor).is_some_and(|rest| rest.starts_with('/'))
}

/// A word's value as hadolint's shell reader (ShellCheck's `oversimplify`) sees it when it looks
/// for pins: quotes removed and every expansion (`$X`, `${X}`, `$(...)`, backquotes) read as
/// `${VAR}`. A variable is not a pin: its value is unknown.
pub(crate) fn simplified(word: &Word) -> String {
    let value = &word.value;
    if !word.has_expansion() {
        return value.clone();
    }
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '$' if i + 1 < chars.len() => {
                let next = chars[i + 1];
                i += 1;
                match next {
                    '{' | '(' => i = skip_balanced(&chars, i),
                    c if c.is_ascii_alphabetic() || c == '_' => {
                        while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                            i += 1;
                        }
                    }
                    c if c.is_ascii_digit() || "@*#?-!$".contains(c) => i += 1,
                    _ => {
                        out.push('$');
                        continue;
                    }
                }
                out.push_str("${VAR}");
            }
            '`' => {
                i += 1;
                while i < chars.len() && chars[i] != '`' {
                    i += 1;
                }
                i += 1;
                out.push_str("${VAR}");
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// From the opening bracket at `open` to just after its match.
fn skip_balanced(chars: &[char], open: usize) -> usize {
    let (o, c) = (chars[open], if chars[open] == '{' { '}' } else { ')' });
    let mut depth = 0usize;
    let mut i = open;
    while i < chars.len() {
        if chars[i] == o {
            depth += 1;
        } else if chars[i] == c {
            depth -= 1;
            if depth == 0 {
                return i + 1;
            }
        }
        i += 1;
    }
    chars.len()
}

/// `a`, `a` and `b`, `a`, `b` and 3 more: a short list of words for a message.
pub(crate) fn word_list(words: &[&str]) -> String {
    const SHOWN: usize = 3;
    let quoted: Vec<String> = words.iter().take(SHOWN).map(|w| format!("`{w}`")).collect();
    match words.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n if n <= SHOWN => format!("{} and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
        n => format!("{} and {} more", quoted.join(", "), n - SHOWN),
    }
}

/// Where the script's last statement ends: after its last command, and after the words that
/// close the compound commands around it (`fi`, `done`, `esac`, `}`, `)`), but before a final
/// `;`. `None` when anything else follows (a comment, a `&`).
pub(crate) fn statement_end(script: &RunScript) -> Option<usize> {
    let text = script.text();
    let mut end = script.script.commands.iter().map(|c| extent(c).end).max()?;
    let mut pos = end;
    loop {
        pos += text[pos..].len() - text[pos..].trim_start().len();
        let rest = &text[pos..];
        if rest.is_empty() {
            return Some(end);
        }
        if rest.starts_with(';') {
            pos += 1;
        } else if rest.starts_with([')', '}']) {
            pos += 1;
            end = pos;
        } else {
            let word = &rest[..rest.find(|c: char| c.is_whitespace() || c == ';').unwrap_or(rest.len())];
            if !matches!(word, "fi" | "done" | "esac") {
                return None;
            }
            pos += word.len();
            end = pos;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Other package managers and downloaders

/// `apk` options that take their value as the next argument (global and of `apk add`).
pub(crate) const APK_VALUE_FLAGS: &[&str] = &[
    "-X",
    "--repository",
    "-p",
    "--root",
    "--arch",
    "--cache-dir",
    "--keys-dir",
    "--repositories-file",
    "-t",
    "--virtual",
    "--cache-max-age",
    "--timeout",
];

/// yum/dnf/microdnf options that take their value as the next argument.
pub(crate) const RPM_VALUE_FLAGS: &[&str] = &[
    "-c",
    "--config",
    "--installroot",
    "--releasever",
    "-x",
    "--exclude",
    "--enablerepo",
    "--disablerepo",
    "--repo",
    "--repoid",
    "-d",
    "--debuglevel",
    "-e",
    "--errorlevel",
    "--rpmverbosity",
    "-R",
    "--randomwait",
    "--forcearch",
    "--setopt",
    "--downloaddir",
    "--destdir",
    "--comment",
];

/// zypper options (global and of the install-like subcommands) that take their value as the next
/// argument.
pub(crate) const ZYPPER_VALUE_FLAGS: &[&str] = &[
    "-R",
    "--root",
    "-c",
    "--config",
    "-D",
    "--reposd-dir",
    "-C",
    "--cache-dir",
    "--raw-cache-dir",
    "--solv-cache-dir",
    "--pkg-cache-dir",
    "-r",
    "--repo",
    "-t",
    "--type",
    "-f",
    "--from",
];

/// The subcommand word of `command` when its program is one of `programs`, read with
/// `value_flags`.
pub(crate) fn subcommand_of<'c>(command: &'c Command, programs: &[&str], value_flags: &[&str]) -> Option<&'c Word> {
    let program = command.program()?;
    if !programs.contains(&program) {
        return None;
    }
    command.subcommand(value_flags)
}

/// The positional arguments after the subcommand (the packages), read with `value_flags`.
pub(crate) fn packages_of<'c>(command: &'c Command, value_flags: &[&str]) -> Vec<&'c Word> {
    command.args_after_subcommand(value_flags)
}

/// Is an rpm package argument pinned (yum, dnf, microdnf)? A `.rpm` file, or `name-version`
/// where what follows the first `-` is made of version parts (letters, digits, `.~^_:+`, split
/// on `-`), one of them starting with a digit: `httpd-2.4.62`, `python3-3.13.1-1.fc41`, but
/// not `python3-devel` or `epel-release`.
pub(crate) fn rpm_version_pinned(package: &str) -> bool {
    if package.ends_with(".rpm") {
        return true;
    }
    let mut parts = package.split('-');
    parts.next();
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && rest.iter().all(|p| p.chars().all(|c| c.is_ascii_alphanumeric() || ".~^_:+".contains(c)))
        && rest.iter().any(|p| p.starts_with(|c: char| c.is_ascii_digit()))
}

/// Does the stage end up in an image: is it the last one, or the base of another stage? (A stage
/// that other stages only `COPY --from` is a build stage, whose leftovers are not shipped.)
pub(crate) fn ships(model: &Model, stage: &Stage) -> bool {
    stage.index + 1 == model.stages.len() || model.has_child_stage(stage.index)
}

/// Does a `--mount` of the `RUN` hold the directory `dir` (a mount on `dir` or above it)?
pub(crate) fn mounts_dir(run: &Run, dir: &str) -> bool {
    mount_targets(run).iter().any(|target| target.starts_with('/') && is_within(dir, target))
}

/// A fix that appends `&& <cleanup>` to the `RUN` (see DL3009): at the end of the script that
/// runs the last command `is_last` accepts; failing that (a comment or a `&` ends it), right
/// after that command, or the pipeline it is part of. Safe only at the end of a shell-form script
/// that is not a heredoc, and when `unsafe_anyway` is false. `None` in exec form.
pub(crate) fn append_cleanup(
    view: &RunView,
    is_last: impl Fn(&Command) -> bool,
    cleanup: &str,
    title: String,
    unsafe_anyway: bool,
) -> Option<Fix> {
    if view.exec {
        return None;
    }
    let commands: Vec<_> = view.commands().collect();
    let last = commands.iter().rev().find(|c| is_last(c.command))?;
    let script = last.script;
    // A script that does not parse cleanly (an unterminated quote) has no end we can append at:
    // the cleanup would land inside the quote, and the finding would stay (the fix never converges).
    if script.script.has_errors {
        return None;
    }
    let (end, at_end) = match statement_end(script) {
        Some(end) => (end, true),
        None => match last.command.pipeline {
            Some(pos) => (script.script.pipeline(pos).map(|c| extent(c).end).max().unwrap_or(last.extent().end), false),
            None => (last.extent().end, false),
        },
    };
    let edit = Edit::insert(script.file_range(end..end).start(), format!(" && {cleanup}"));
    Some(if at_end && !script.from_heredoc && !unsafe_anyway {
        Fix::safe(title, vec![edit])
    } else {
        Fix::unsafe_(title, vec![edit])
    })
}

/// What a "clean the cache in the same `RUN`" rule (DL3032, DL3036, DL3040, DL3060) checks:
/// the rules differ only in these parts and share [`check_cache_cleanup`].
pub(crate) struct CacheCleanup {
    /// The tool's name, for the message (`yum`).
    pub tool: &'static str,
    /// Directories whose cache mount keeps the cache out of the layer.
    pub cache_dirs: &'static [&'static str],
    /// The clean counts anywhere in the `RUN`, not only after the install (as hadolint does for yarn).
    pub clean_anywhere: bool,
    /// Only stages that end up in an image (and `ONBUILD RUN`s) are checked.
    pub only_shipped: bool,
    pub installs: fn(&Command) -> bool,
    pub cleans: fn(&Command) -> bool,
    pub is_tool: fn(&Command) -> bool,
    /// The cleanup command to append after `install`.
    pub cleanup_for: fn(&Command) -> String,
}

/// Reports each `RUN` whose install is not followed (or, with `clean_anywhere`, accompanied) by a
/// cleanup, with a fix that appends the cleanup.
pub(crate) fn check_cache_cleanup(checker: &mut Checker, spec: &CacheCleanup) {
    let mut findings = Vec::new();
    let model = checker.model();
    for view in runs(model) {
        // The install first: most `RUN`s have none, and it is the cheapest test.
        if !view.commands().any(|c| (spec.installs)(c.command)) {
            continue;
        }
        if spec.only_shipped && !(ships(model, view.stage) || view.run.onbuild) {
            continue;
        }
        if spec.cache_dirs.iter().any(|dir| mounts_dir(view.run, dir)) {
            continue;
        }
        let commands: Vec<_> = view.commands().collect();
        let Some(at) = commands.iter().position(|c| (spec.installs)(c.command)) else { continue };
        let after = if spec.clean_anywhere { &commands[..] } else { &commands[at + 1..] };
        if after.iter().any(|c| (spec.cleans)(c.command)) {
            continue;
        }
        let install = &commands[at];
        let cleanup = (spec.cleanup_for)(install.command);
        let fix = append_cleanup(&view, spec.is_tool, &cleanup, format!("Append `{cleanup}`"), false);
        let when = if spec.clean_anywhere { "" } else { " after it" };
        let tool = spec.tool;
        findings.push((
            install.finding_range(),
            format!("`{tool} install` leaves its cache in the layer: run `{cleanup}`{when} in the same `RUN`"),
            fix,
        ));
    }
    for (range, message, fix) in findings {
        let diagnostic = checker.report(range, message);
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}

/// Does `rm` delete `dir` (or its contents, or a directory above it)?
pub(crate) fn removes(command: &Command, dir: &str) -> bool {
    command.is("rm")
        && command.positional_args(&[]).iter().any(|w| {
            let path = w.value.trim_end_matches(['*', '/']);
            !path.is_empty() && is_within(dir, path)
        })
}

/// DL3033 and DL3041: `yum`/`dnf` `install` (and `module install`) of packages without a version.
/// `programs` are the commands of the tool, `tool` names it in the message.
pub(crate) fn check_rpm_pins(checker: &mut Checker, programs: &[&str], tool: &str) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let command = site.command;
        if !command.program().is_some_and(|p| programs.contains(&p)) {
            continue;
        }
        let positional = command.positional_args(RPM_VALUE_FLAGS);
        let (packages, modules) = match positional.first().map(|w| w.value.as_str()) {
            Some("install") => (&positional[1..], false),
            Some("module") if positional.get(1).is_some_and(|w| w.value == "install") => (&positional[2..], true),
            _ => continue,
        };
        let unpinned: Vec<&str> = packages
            .iter()
            .filter(|w| {
                let p = simplified(w);
                if modules {
                    !p.contains(':')
                } else {
                    !rpm_version_pinned(&p)
                }
            })
            .map(|w| w.value.as_str())
            .collect();
        if unpinned.is_empty() {
            continue;
        }
        let message = unpinned_message(&format!("{tool} install"), &unpinned, "`package-version`");
        findings.push((site.finding_range(), message));
    }
    for (range, message) in findings {
        checker.report(range, message);
    }
}

/// The message of a pin-versions rule: "Pin versions in `apt-get install`: `curl` has no version
/// (`package=version`)".
pub(crate) fn unpinned_message(command: &str, unpinned: &[&str], form: &str) -> String {
    let verb = if unpinned.len() == 1 { "has" } else { "have" };
    format!("Pin versions in `{command}`: {} {verb} no version ({form})", word_list(unpinned))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Command {
        dflint_shell::parse(text).commands.into_iter().next().expect("a command")
    }

    #[test]
    fn apt_get() {
        let c = first("apt-get -o Dpkg::Options::=--force-confold -qy install curl=1 git");
        assert_eq!(apt_get_install(&c).unwrap().value, "install");
        let packages: Vec<_> = apt_get_packages(&c).iter().map(|w| w.value.as_str()).collect();
        assert_eq!(packages, ["curl=1", "git"]);
        assert!(apt_get_install(&first("apt-get update")).is_none());
        assert!(is_apt_update(&first("apt -q update")));
        let c = first("apt-get install -o APT::Install-Recommends=false x");
        assert!(apt_get_sets_option(&c, "APT::Install-Recommends", false));
        assert!(writes_apt_config(
            "echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/9",
            "apt::get::assume-yes",
            true
        ));
    }

    #[test]
    fn pip() {
        let c = first("python3 -m pip --no-cache-dir install -r req.txt flask==2 ./local");
        let p = pip_install(&c).unwrap();
        assert_eq!(p.kind, PipKind::Pip);
        assert!(p.has_long_flag("--no-cache-dir"));
        assert!(p.has_option("-r", "--requirement"));
        let reqs: Vec<_> = p.requirements().iter().map(|w| w.value.as_str()).collect();
        assert_eq!(reqs, ["flask==2", "./local"]);
        assert_eq!(pip_install(&first("pipx install black")).unwrap().kind, PipKind::Wrapper);
        assert!(pip_install(&first("pip3.12 install x")).is_some());
        assert!(pip_install(&first("pip freeze")).is_none());
        assert!(pip_install(&first("pipeline install")).is_none());
        assert!(pip_install(&first("python -m venv install")).is_none());
    }

    #[test]
    fn words() {
        let c = first("x $A \"${B}\"=1 $(cat f)/x 'a$b'");
        let s: Vec<_> = c.args.iter().map(simplified).collect();
        assert_eq!(s, ["${VAR}", "${VAR}=1", "${VAR}/x", "a$b"]);
        assert!(is_within("/var/lib/apt/lists/", "/var/lib/apt"));
        assert!(!is_within("/var/lib/aptx", "/var/lib/apt"));
        assert_eq!(word_list(&["a", "b"]), "`a` and `b`");
        assert_eq!(word_list(&["a", "b", "c", "d"]), "`a`, `b`, `c` and 1 more");
    }

    #[test]
    fn statement_ends() {
        fn end(text: &str) -> Option<&str> {
            let script = RunScript {
                source: dflint_syntax::ast::LogicalText::verbatim(text, 0.into()),
                script: dflint_shell::parse(text),
                from_heredoc: false,
            };
            statement_end(&script).map(|at| &text[..at])
        }
        assert_eq!(end("a && b > /dev/null; "), Some("a && b > /dev/null"));
        assert_eq!(end("if a; then b; fi;"), Some("if a; then b; fi"));
        assert_eq!(end("for x in 1; do (cd a && b); done"), Some("for x in 1; do (cd a && b); done"));
        assert_eq!(end("a && b # note"), None);
        assert_eq!(end("a &"), None);
    }

    #[test]
    fn uses() {
        let parse = |t: &str| dflint_shell::parse(t).commands.into_iter().next().unwrap();
        assert_eq!(index_use(&parse("apt-get -qq update")), Some((Family::Apt, IndexUse::Update)));
        assert_eq!(index_use(&parse("apk add --no-cache curl")), Some((Family::Apk, IndexUse::RefreshingInstall)));
        assert_eq!(index_use(&parse("zypper --non-interactive ref")), Some((Family::Zypper, IndexUse::Update)));
        assert_eq!(index_use(&parse("dnf -y install x")), Some((Family::Rpm, IndexUse::Install)));
        assert_eq!(index_use(&parse("apt-get clean")), None);
    }
}
