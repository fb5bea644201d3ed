//! DL3020: `ADD` for plain files and folders, where `COPY` does.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::instr_util::{copy_args, is_archive, is_url};
use crate::util::keyword_range;
use dflint_syntax::SyntaxKind;

/// Flags only `ADD` has.
const ADD_ONLY_FLAGS: &[&str] = &["checksum", "keep-git-dir", "unpack"];

declare_rule! {
    /// ## What it does
    /// Reports an `ADD` whose sources are not all archives (`.tar`, `.tgz`, `.xz`, ...) or
    /// `http(s)://` URLs, the two things `COPY` does not do.
    ///
    /// ## Why is this bad?
    /// `ADD` also fetches URLs and unpacks local archives; `COPY` only copies. Using `ADD` for
    /// plain files hides that nothing more is meant, and a file that later gets an archive name
    /// is silently unpacked.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ADD app.py /app/
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// COPY app.py /app/
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `ADD` with `COPY`. It is offered when no source is an archive, a URL, a
    /// git repository (`git@...`, `*.git`), or holds a variable (which may expand to an archive),
    /// and when `ADD` has no flag `COPY` lacks (`--checksum`, `--keep-git-dir`, `--unpack`); it is
    /// then safe, since `ADD` of local files and folders copies them as `COPY` does.
    ///
    /// ## References
    /// - [hadolint DL3020](https://github.com/hadolint/hadolint/wiki/DL3020)
    /// - [Best practices: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    pub(crate) static RULE = {
        code: "DL3020",
        name: "copy-instead-of-add",
        severity: Error,
        fix: Sometimes,
        hadolint: "DL3020",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        if instruction.kind() != SyntaxKind::ADD_INSTR {
            continue;
        }
        let Some((sources, _)) = copy_args(instruction) else { continue };
        if sources.iter().all(|s| is_archive(&s.text) || is_url(&s.text)) {
            continue;
        }
        let plain = sources.iter().all(|s| {
            let t = &s.text;
            !is_archive(t) && !t.contains('$') && !t.contains("://") && !t.starts_with("git@") && !t.ends_with(".git")
        }) && !ADD_ONLY_FLAGS.iter().any(|f| instruction.flag(f).is_some());
        let keyword = keyword_range(instruction);
        let fix = (plain && instruction.keyword().is_some_and(|k| k.text().eq_ignore_ascii_case("add"))).then(|| {
            let text = if checker.text[keyword].starts_with('a') { "copy" } else { "COPY" };
            Fix::safe("Replace `ADD` with `COPY`", vec![Edit::replace(keyword, text)])
        });
        found.push((keyword, fix));
    }
    for (range, fix) in found {
        let diagnostic = checker.report(range, "Use `COPY` instead of `ADD` for files and folders");
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}
