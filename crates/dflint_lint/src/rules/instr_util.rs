//! Helpers shared by the instruction rules (DL1001, DL3000-DL3067, DL4000, DL4005, DL4006):
//! one finding per `RUN` whose commands match, `COPY`/`ADD` sources and destination, quotes.

use crate::checker::Checker;
use crate::rules::package_managers::{runs, RunCommand};
use dflint_syntax::ast::{AstNode, Instruction};
use dflint_syntax::TextRange;

/// Reports each `RUN` (not `ONBUILD RUN`, which hadolint does not check for these rules) that runs
/// a command `matches` accepts: once per instruction, from the `RUN` keyword to the end of the
/// first such command, with the message `message` gives for that command.
pub(crate) fn report_runs(
    checker: &mut Checker,
    matches: impl Fn(&RunCommand) -> bool,
    message: impl Fn(&RunCommand) -> String,
) {
    let mut found = Vec::new();
    for view in runs(checker.model()) {
        if view.run.onbuild {
            continue;
        }
        if let Some(site) = view.commands().find(|site| matches(site)) {
            found.push((site.finding_range(), message(&site)));
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}

/// `s` without the quotes around it (hadolint's `dropQuotes`: every leading and trailing `"`/`'`).
pub(crate) fn drop_quotes(s: &str) -> &str {
    s.trim_matches(['"', '\''])
}

/// A path argument of `COPY`/`ADD`: its text as written (continuations removed) and its range.
#[derive(Clone, Debug)]
pub(crate) struct PathArg {
    pub(crate) text: String,
    pub(crate) range: TextRange,
}

/// The sources and the destination of a `COPY` or `ADD` (shell or JSON form); `None` with fewer
/// than two arguments, or for a heredoc source.
pub(crate) fn copy_args(instruction: &Instruction) -> Option<(Vec<PathArg>, PathArg)> {
    let mut args: Vec<PathArg> = if let Some(exec) = instruction.exec_form() {
        exec.elements().map(|e| Some(PathArg { text: e.value()?, range: e.range() })).collect::<Option<_>>()?
    } else {
        instruction.words().map(|w| PathArg { text: w.logical_text(), range: w.range() }).collect()
    };
    if args.len() < 2 || args.iter().any(|a| a.text.starts_with("<<")) {
        return None;
    }
    let dest = args.pop()?;
    Some((args, dest))
}

/// hadolint's list of archive extensions (ADD extracts local archives).
pub(crate) const ARCHIVE_EXTENSIONS: &[&str] = &[
    ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz", ".txz", ".xz",
];

/// Does the path name an archive by its extension?
pub(crate) fn is_archive(path: &str) -> bool {
    let path = drop_quotes(path);
    ARCHIVE_EXTENSIONS.iter().any(|e| path.ends_with(e))
}

/// `http://` or `https://`.
pub(crate) fn is_url(path: &str) -> bool {
    let path = drop_quotes(path);
    path.starts_with("https://") || path.starts_with("http://")
}

/// The last path component (after `/` or `\`), quotes dropped.
pub(crate) fn basename(path: &str) -> &str {
    let path = drop_quotes(path);
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The range of the instruction's `--name` flag, with the blank after it, for deletion.
pub(crate) fn flag_with_blank(checker: &Checker, instruction: &Instruction, name: &str) -> Option<TextRange> {
    let flag = instruction.flag(name)?;
    let range = flag.range();
    let rest = &checker.text[usize::from(range.end())..];
    let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    Some(TextRange::new(range.start(), range.end() + dflint_syntax::TextSize::from(blanks as u32)))
}
