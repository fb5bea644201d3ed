//! DF101: `apk add --update` together with `--no-cache`.

use dflint_syntax::TextRange;

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::package_managers::{runs, subcommand_of, APK_VALUE_FLAGS};

declare_rule! {
    /// ## What it does
    /// Reports `--update` (`-U`, `--update-cache`) on an `apk add` that also has `--no-cache`.
    ///
    /// ## Why is this bad?
    /// `--no-cache` already downloads fresh package indexes (to a temporary place) before it
    /// installs: `--update` adds nothing, and suggests to the reader that the indexes are kept,
    /// which they are not. This is the point of hadolint's DL3019 message: "use the `--no-cache`
    /// switch to avoid the need to use `--update`".
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk add --update --no-cache curl=8.12.1-r1
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk add --no-cache curl=8.12.1-r1
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix deletes the `--update` word; apk does the same with or without it. A
    /// shell-form `RUN` gets the fix; an exec-form one does not.
    ///
    /// ## References
    /// - [apk add](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper)
    /// - [hadolint DL3019](https://github.com/hadolint/hadolint/wiki/DL3019)
    pub(crate) static RULE = {
        code: "DF101",
        name: "apk-update-with-no-cache",
        severity: Info,
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut findings = Vec::new();
    for site in runs(checker.model()).iter().flat_map(|run| run.commands()) {
        let command = site.command;
        if subcommand_of(command, &["apk"], APK_VALUE_FLAGS).is_none_or(|w| w.value != "add")
            || !command.has_flag("--no-cache")
        {
            continue;
        }
        let options = command.args.iter().take_while(|w| w.value != "--");
        let Some(update) =
            options.into_iter().find(|w| matches!(w.value.as_str(), "--update" | "-U" | "--update-cache"))
        else {
            continue;
        };
        let fix = (!site.exec).then(|| {
            // The word and the blanks before it.
            let text = site.script.text();
            let start = text[..update.range.start].trim_end_matches([' ', '\t']).len();
            let range = site.script.file_range(start..update.range.end);
            Fix::safe(
                format!("Remove `{}`", update.value),
                vec![Edit::delete(TextRange::new(range.start(), range.end()))],
            )
        });
        findings.push((site.finding_range(), update.value.clone(), fix));
    }
    for (range, flag, fix) in findings {
        let diagnostic =
            checker.report(range, format!("`{flag}` is redundant with `--no-cache`, which updates the indexes itself"));
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}
