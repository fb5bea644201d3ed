//! DF302: a flag given twice where BuildKit takes it once.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::builder_util::{accepted_flags, name_range, parsed_flags, FlagKind};

declare_rule! {
    /// ## What it does
    /// Reports the second and later uses of a flag that an instruction takes only once
    /// (`COPY --chown=a --chown=b`, `HEALTHCHECK --retries=3 --retries=5`). Flags that may repeat
    /// (`RUN --mount`, `COPY --exclude`) are not reported.
    ///
    /// ## Why is this bad?
    /// `docker build` stops with "Duplicate flag specified" before building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY --chown=app --chown=root app /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY --chown=app app /app
    /// ```
    ///
    /// ## Differences from dockerfile-utils
    /// dockerfile-utils marks the first use as well; dflint marks the repeats, which are what
    /// BuildKit rejects.
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    pub(crate) static RULE = {
        code: "DF302",
        name: "duplicate-flag",
        severity: Error,
        fix: None,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    for instruction in checker.all_instructions().iter() {
        let Some(accepted) = accepted_flags(instruction) else { continue };
        let mut seen: Vec<String> = Vec::new();
        for flag in parsed_flags(instruction) {
            let Some(name) = flag.name() else { continue };
            let Some((_, kind)) = accepted.iter().find(|(n, _)| *n == name) else { continue };
            if *kind == FlagKind::Strings {
                continue;
            }
            if seen.contains(&name) {
                checker.report(
                    name_range(&flag),
                    format!("Duplicate flag `--{name}`: `{}` takes it once", instruction.keyword_text()),
                );
            } else {
                seen.push(name);
            }
        }
    }
}
