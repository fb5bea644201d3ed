//! DF301: a flag the instruction does not take.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::builder_util::{
    accepted_flags, dashed_name_range, frontend, labs_flag, parsed_flags, suggest, Frontend,
};
use dflint_syntax::ast::AstNode;

declare_rule! {
    /// ## What it does
    /// Reports a `--flag` that Docker's builder does not accept on that instruction: a misspelt
    /// one (`COPY --form=build`), one of another instruction (`COPY --checksum`), or any flag on
    /// an instruction that takes none (`ENV`, `WORKDIR`, `CMD`...). When a known flag is close,
    /// the message names it.
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "Unknown flag" before building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS build
    /// FROM alpine:3.20
    /// COPY --form=build /out /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20 AS build
    /// FROM alpine:3.20
    /// COPY --from=build /out /app
    /// ```
    ///
    /// ## Fix safety
    /// When a known flag is close to the unknown one, the fix renames it. Unsafe: the intended
    /// flag may be another one.
    ///
    /// ## Differences from dockerfile-utils
    /// Flags of `ARG`, `STOPSIGNAL` and `HEALTHCHECK NONE` are not reported: BuildKit never reads
    /// them. `RUN` flags (`--mount`, `--network`, `--security`) and `ADD --unpack` are known, and
    /// `RUN --device` under a `# syntax=docker/dockerfile:1-labs` directive. Files whose `# syntax=`
    /// names another frontend than `docker/dockerfile` are not checked: their flags are their own.
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    pub(crate) static RULE = {
        code: "DF301",
        name: "unknown-flag",
        severity: Error,
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let frontend = frontend(&checker.file);
    if frontend == Frontend::Other {
        return;
    }
    for instruction in checker.all_instructions().iter() {
        let flags = parsed_flags(instruction);
        if flags.is_empty() {
            continue;
        }
        let Some(accepted) = accepted_flags(instruction) else { continue };
        let keyword = instruction.keyword_text();
        for flag in flags {
            let name = flag.name().unwrap_or_default();
            if accepted.iter().any(|(n, _)| *n == name)
                || (frontend == Frontend::Labs && labs_flag(instruction.kind(), &name))
            {
                continue;
            }
            let range = if name.is_empty() { flag.range() } else { dashed_name_range(&flag) };
            let hint = suggest(&name, accepted.iter().map(|(n, _)| *n)).filter(|_| !name.is_empty());
            let message = match (accepted.is_empty(), hint) {
                _ if labs_flag(instruction.kind(), &name) => format!(
                    "`{keyword} --{name}` is only in the labs frontend: start the file with \
                     `# syntax=docker/dockerfile:1-labs`"
                ),
                (true, _) => format!("`{keyword}` takes no flags: `--{name}` is unknown"),
                (false, Some(h)) => format!("Unknown flag `--{name}` for `{keyword}`: did you mean `--{h}`?"),
                (false, None) => {
                    let known: Vec<String> = accepted.iter().map(|(n, _)| format!("`--{n}`")).collect();
                    format!("Unknown flag `--{name}` for `{keyword}` (it takes {})", known.join(", "))
                }
            };
            let diagnostic = checker.report(range, message);
            if let Some(h) = hint {
                diagnostic
                    .with_fix(Fix::unsafe_(format!("Rename to `--{h}`"), vec![Edit::replace(range, format!("--{h}"))]));
            }
        }
    }
}
