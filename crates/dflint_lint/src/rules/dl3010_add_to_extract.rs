//! DL3010: `COPY` of a local archive that a later `RUN` extracts.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::instr_util::{basename, copy_args, is_archive};
use crate::util::keyword_range;
use dflint_shell::Command;
use dflint_syntax::{SyntaxKind, TextRange};

/// Commands that unpack a compressed file.
const UNPACKERS: &[&str] = &["unzip", "gunzip", "bunzip2", "unlzma", "unxz", "zgz", "uncompress", "zcat", "gzcat"];

declare_rule! {
    /// ## What it does
    /// Reports a `COPY` (without `--from`) of a local archive (`.tar`, `.tgz`, `.tar.xz`, ...)
    /// that a later `RUN` of the same stage extracts with `tar -x`, `unzip`, `gunzip` and the
    /// like, naming the archive by its file name.
    ///
    /// ## Why is this bad?
    /// Copying an archive and extracting it in a `RUN` keeps the archive in the `COPY` layer: the
    /// image carries both the archive and its contents. `ADD` extracts a local tar archive as it
    /// copies it, in one layer.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// COPY app.tar.gz /tmp/
    /// RUN tar -xzf /tmp/app.tar.gz -C /opt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// ADD app.tar.gz /opt/
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3010](https://github.com/hadolint/hadolint/wiki/DL3010)
    /// - [Best practices: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    pub(crate) static RULE = {
        code: "DL3010",
        name: "add-to-extract-archive",
        severity: Info,
        fix: None,
        hadolint: "DL3010",
        check: check,
    }
}

/// Does the command extract an archive (`tar -x`, `tar --extract`, `unzip`, ...)?
fn extracts(command: &Command) -> bool {
    match command.name_str() {
        Some("tar") => command.args.iter().any(|a| {
            let v = a.value.as_str();
            v == "--extract" || v == "--get" || (v.starts_with('-') && v.contains('x'))
        }),
        Some(name) => UNPACKERS.contains(&name),
        None => false,
    }
}

fn check(checker: &mut Checker) {
    let model = checker.model();
    let mut found: Vec<TextRange> = Vec::new();
    for stage in &model.stages {
        let mut archives: Vec<(TextRange, String)> = Vec::new();
        for instruction in &stage.instructions {
            match instruction.kind() {
                SyntaxKind::COPY_INSTR if instruction.flag("from").is_none() => {
                    let Some((sources, dest)) = copy_args(instruction) else { continue };
                    let at = keyword_range(instruction);
                    if is_archive(&dest.text) {
                        archives.push((at, basename(&dest.text).to_string()));
                    } else {
                        archives.extend(
                            sources.iter().filter(|s| is_archive(&s.text)).map(|s| (at, basename(&s.text).to_string())),
                        );
                    }
                }
                SyntaxKind::RUN_INSTR => {
                    let Some(run) = stage.run_of(instruction) else { continue };
                    for script in &run.scripts {
                        for command in script.script.commands.iter().filter(|c| extracts(c)) {
                            let names: Vec<&str> = command
                                .args
                                .iter()
                                .filter(|a| !a.value.starts_with('-'))
                                .map(|a| basename(&a.value))
                                .collect();
                            for (at, _) in archives.iter().filter(|(_, name)| names.contains(&name.as_str())) {
                                if !found.contains(at) {
                                    found.push(*at);
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    found.sort_by_key(|r| r.start());
    for range in found {
        checker.report(
            range,
            "Use `ADD` to extract a local archive into the image: the copied archive stays in its layer",
        );
    }
}
