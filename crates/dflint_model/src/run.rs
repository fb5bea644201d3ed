//! `RUN` instructions as shell scripts.
//!
//! What a `RUN` gives the shell, following BuildKit's `dispatchRun`:
//!
//! - Shell form without heredocs: the logical text (continuations removed).
//! - `RUN <<EOF` (the command line is one heredoc marker and nothing else): the body alone is the
//!   script, run by the stage's SHELL, or by its `#!` interpreter when it has one.
//! - Any other heredoc use (`RUN cat <<EOF > f`, `RUN <<EOF bash`, `RUN python3 <<EOF`): the
//!   command line with the bodies appended goes to the SHELL. Its commands are parsed from the
//!   command line with the markers blanked out (tree-sitter-bash cannot read a heredoc marker
//!   before a command name, and the bodies are not shell), and each marker is attached to the
//!   command that reads it as a `<<` redirection. A body is a script of its own when the command
//!   that reads it is a POSIX shell reading stdin (`bash`, `sh -s`, ...; hadolint #1137).
//! - Exec form is not a shell script; nor is anything when the stage's SHELL is not a POSIX shell
//!   (`pwsh`, `powershell`, `cmd`).

use std::cell::RefCell;
use std::ops::Range;

use rustc_hash::FxHashMap;

use dflint_shell::{Command, Redirect, Script, Word};
use dflint_syntax::ast::{self, AstNode, LogicalText};
use dflint_syntax::{SyntaxKind, TextRange};

/// A `RUN` instruction (possibly an `ONBUILD` trigger) and the shell scripts it runs.
#[derive(Clone, Debug)]
pub struct Run {
    /// The `RUN` instruction (for an ONBUILD trigger, the `RUN` under `ONBUILD`).
    pub instruction: ast::Instruction,
    /// True for `ONBUILD RUN ...`: it runs when a later build uses this image as its base.
    pub onbuild: bool,
    /// The SHELL in effect where the instruction stands.
    pub shell: Vec<String>,
    /// The scripts, in file order; empty for exec form, a non-POSIX SHELL, or an empty `RUN`.
    pub scripts: Vec<RunScript>,
    /// For exec form (`RUN ["pip", "install", "x"]`), the one command the array spells, as a
    /// script over the array's text: each JSON string is a word (its range the string's, quotes
    /// included; its value the decoded string). `None` for shell form or an array that does not
    /// decode.
    pub exec: Option<RunScript>,
}

/// One shell script of a `RUN`: its text, where the text is in the file, and its commands.
#[derive(Clone, Debug)]
pub struct RunScript {
    /// The text parsed, with the way back to file offsets. For a command line with heredocs this
    /// is the command line as written; its markers were blanked before parsing.
    pub source: LogicalText,
    /// The commands. Ranges are byte offsets into `source.text`.
    pub script: Script,
    /// True when the script is a heredoc body.
    pub from_heredoc: bool,
}

impl RunScript {
    /// The file range of a range of the script (a [`Word`]'s or a [`Command`]'s).
    pub fn file_range(&self, range: Range<usize>) -> TextRange {
        self.source.range_to_source(range)
    }

    /// The script text.
    pub fn text(&self) -> &str {
        &self.source.text
    }
}

/// Scripts parsed in this thread's last analyses, when [`set_script_cache`] turned the cache on.
#[derive(Default)]
struct ScriptCache {
    enabled: bool,
    /// What the analysis under way used (or the last one, once it is done).
    current: FxHashMap<String, Script>,
    /// What the analysis before it used: whatever this one does not reuse is dropped with it.
    previous: FxHashMap<String, Script>,
}

thread_local! {
    static SCRIPTS: RefCell<ScriptCache> = RefCell::default();
}

/// Turns on (or off) a per-thread cache of parsed shell scripts, for a caller that analyses
/// successive versions of the same text (a language server): the RUN scripts an edit did not touch
/// are then not parsed again. The cache holds the scripts of the last two analyses of the thread.
pub fn set_script_cache(enabled: bool) {
    SCRIPTS.with(|cache| {
        let mut cache = cache.borrow_mut();
        cache.enabled = enabled;
        if !enabled {
            cache.current.clear();
            cache.previous.clear();
        }
    });
}

/// Marks the start of an analysis for the script cache.
pub(crate) fn start_analysis() {
    SCRIPTS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.enabled {
            let current = std::mem::take(&mut cache.current);
            cache.previous = current;
        }
    });
}

/// `dflint_shell::parse`, through the cache when it is on.
fn parse_script(text: &str) -> Script {
    SCRIPTS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if !cache.enabled {
            drop(cache);
            return dflint_shell::parse(text);
        }
        if let Some(script) = cache.current.get(text) {
            return script.clone();
        }
        let script = match cache.previous.remove(text) {
            Some(script) => script,
            None => dflint_shell::parse(text),
        };
        cache.current.insert(text.to_owned(), script.clone());
        script
    })
}

/// Shells whose language is (close enough to) POSIX sh for our parser.
const POSIX_SHELLS: &[&str] = &["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"];

/// Does a SHELL (`["/bin/bash", "-c"]`, `["/usr/bin/env", "bash", "-c"]`) run a POSIX shell?
pub fn is_posix_shell_argv(shell: &[String]) -> bool {
    let mut words = shell.iter();
    match words.next() {
        Some(env) if env.rsplit('/').next() == Some("env") => {
            words.find(|w| !w.starts_with('-')).is_some_and(|w| is_posix_shell(w))
        }
        Some(program) => is_posix_shell(program),
        None => false,
    }
}

/// Is `program` (a path or a name, `.exe` or not) a POSIX shell?
pub fn is_posix_shell(program: &str) -> bool {
    let base = program.rsplit(['/', '\\']).next().unwrap_or(program).to_ascii_lowercase();
    let base = base.strip_suffix(".exe").unwrap_or(&base);
    POSIX_SHELLS.contains(&base)
}

/// The interpreter a `#!` line names (`/usr/bin/env bash` gives `bash`); `None` without one.
fn shebang_interpreter(body: &str) -> Option<&str> {
    let line = body.strip_prefix("#!")?.lines().next().unwrap_or_default();
    let mut words = line.split_whitespace();
    let program = words.next()?;
    if program.rsplit('/').next() == Some("env") {
        return words.find(|w| !w.starts_with('-'));
    }
    Some(program)
}

/// Builds the [`Run`] for `instruction` (a `RUN`, or the `RUN` of an ONBUILD, then `owner` is the
/// `ONBUILD`, which holds the heredoc bodies).
pub(crate) fn run(instruction: ast::Instruction, owner: &ast::Instruction, shell: &[String]) -> Run {
    let onbuild = owner != &instruction;
    let scripts = if is_posix_shell_argv(shell) { scripts(&instruction, owner) } else { Vec::new() };
    let exec = exec_script(&instruction);
    Run { instruction, onbuild, shell: shell.to_vec(), scripts, exec }
}

/// See [`Run::exec`].
fn exec_script(instruction: &ast::Instruction) -> Option<RunScript> {
    let exec = instruction.exec_form()?;
    let start = exec.range().start();
    let text = exec.syntax().text().to_string();
    let mut words = Vec::new();
    for element in exec.elements() {
        let value = element.value()?;
        let range = element.range() - start;
        words.push(Word { range: range.into(), raw: element.token.text().to_string(), value });
    }
    let mut words = words.into_iter();
    let name = words.next()?;
    let command = Command {
        range: 0..text.len(),
        name: Some(name),
        args: words.collect(),
        assignments: Vec::new(),
        redirects: Vec::new(),
        pipeline: None,
        in_substitution: false,
        in_subshell: false,
        connector_before: None,
    };
    let script = Script { commands: vec![command], has_errors: false };
    Some(RunScript { source: LogicalText::verbatim(&text, start), script, from_heredoc: false })
}

fn scripts(instruction: &ast::Instruction, owner: &ast::Instruction) -> Vec<RunScript> {
    let Some(shell_form) = instruction.shell_form() else { return Vec::new() };
    let source = LogicalText::of(shell_form.syntax());
    let heredocs = owner.heredocs();
    if heredocs.is_empty() {
        let script = parse_script(&source.text);
        return vec![RunScript { source, script, from_heredoc: false }];
    }
    let markers = marker_ranges(&shell_form, &heredocs);

    if let [heredoc] = heredocs.as_slice() {
        if source.text.trim() == heredoc.marker.text() {
            // `RUN <<EOF`: BuildKit runs the body alone.
            let Some(body) = body_script(heredoc) else { return Vec::new() };
            let runs_in_shell = shebang_interpreter(body.text()).is_none_or(is_posix_shell);
            return if runs_in_shell { vec![body] } else { Vec::new() };
        }
    }

    let mut blanked = source.text.clone();
    for range in markers.iter().flatten() {
        if blanked.get(range.clone()).is_some() {
            blanked.replace_range(range.clone(), &" ".repeat(range.len()));
        }
    }
    let mut script = parse_script(&blanked);
    let mut bodies = Vec::new();
    for (heredoc, range) in heredocs.iter().zip(&markers) {
        let Some(range) = range.clone() else { continue };
        let Some(reader) = reader_of(&script, &blanked, &range) else { continue };
        let command = &mut script.commands[reader];
        command.redirects.push(marker_redirect(heredoc, &source.text, range));
        command.redirects.sort_by_key(|r| r.range.start);
        if reads_script_from_stdin(command) {
            bodies.extend(body_script(heredoc));
        }
    }
    let mut out = vec![RunScript { source, script, from_heredoc: false }];
    out.extend(bodies);
    out
}

/// The body of `heredoc` as a script.
fn body_script(heredoc: &ast::Heredoc) -> Option<RunScript> {
    let text = heredoc.body_text()?;
    let start = heredoc.body_range()?.start();
    let script = parse_script(&text);
    Some(RunScript { source: LogicalText::verbatim(&text, start), script, from_heredoc: true })
}

/// The logical range of each heredoc's marker in the shell form's logical text.
fn marker_ranges(shell_form: &ast::ShellForm, heredocs: &[ast::Heredoc]) -> Vec<Option<Range<usize>>> {
    let mut offset = 0usize;
    let mut found = Vec::new();
    for token in shell_form.syntax().descendants_with_tokens().filter_map(|e| e.into_token()) {
        let kind = token.kind();
        if kind.is_trivia() || kind == SyntaxKind::HEREDOC_BODY || kind == SyntaxKind::HEREDOC_END {
            continue;
        }
        let len = token.text().len();
        if kind == SyntaxKind::HEREDOC_MARKER {
            found.push((token, offset..offset + len));
        }
        offset += len;
    }
    heredocs.iter().map(|h| found.iter().find(|(t, _)| *t == h.marker).map(|(_, r)| r.clone())).collect()
}

/// The command that reads the heredoc whose marker is at `marker`: the one whose text (with its
/// redirections) spans the marker, else the one the marker directly follows (`cat <<EOF`), else
/// the one it directly precedes (`<<EOF bash`).
fn reader_of(script: &Script, text: &str, marker: &Range<usize>) -> Option<usize> {
    let blank_between =
        |a: usize, b: usize| a <= b && text.get(a..b).is_some_and(|t| t.chars().all(|c| c == ' ' || c == '\t'));
    let candidates = || script.commands.iter().enumerate().filter(|(_, c)| !c.in_substitution);
    let extent = |c: &Command| {
        let end = c.redirects.iter().map(|r| r.range.end).chain([c.range.end]).max().unwrap_or(c.range.end);
        c.range.start..end
    };
    candidates()
        .find(|(_, c)| extent(c).contains(&marker.start))
        .or_else(|| candidates().rfind(|(_, c)| blank_between(extent(c).end, marker.start)))
        .or_else(|| candidates().find(|(_, c)| blank_between(marker.end, c.range.start)))
        .map(|(i, _)| i)
}

/// The `<<EOF` redirection for a Dockerfile heredoc marker at `range` of `text`.
fn marker_redirect(heredoc: &ast::Heredoc, text: &str, range: Range<usize>) -> Redirect {
    let marker = heredoc.marker.text();
    let op = if heredoc.strips_tabs() { "<<-" } else { "<<" };
    let op_end = marker.find("<<").map_or(0, |i| i + op.len());
    let target_range = range.start + op_end..range.end;
    let target = Word {
        raw: text.get(target_range.clone()).unwrap_or_default().to_string(),
        value: heredoc.delimiter(),
        range: target_range,
    };
    Redirect { range, fd: heredoc.fd(), op: op.to_string(), target: Some(target) }
}

/// Does `command` run a shell that reads its script from stdin (`bash`, `sh -s -- x`, not
/// `bash -c '...'`, not `bash script.sh`)?
fn reads_script_from_stdin(command: &Command) -> bool {
    let Some(program) = command.program() else { return false };
    let (shell, args): (&str, Vec<&Word>) = if program == "busybox" {
        let mut positional = command.positional_args(&[]).into_iter();
        match positional.next() {
            Some(applet) => (applet.value.as_str(), positional.collect()),
            None => return false,
        }
    } else {
        (program, command.positional_args(&["-o", "-O"]))
    };
    is_posix_shell(shell)
        && shell != "busybox"
        && !command.has_flag("-c")
        && (command.has_flag("-s") || args.is_empty())
}
