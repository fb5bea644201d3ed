//! DF303: a flag value BuildKit cannot read.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::builder_util::{
    accepted_flags, go_duration, has_eq, has_variable, name_range, parsed_flags, value_range, DurationError, FlagKind,
};
use dflint_syntax::SyntaxKind::*;

declare_rule! {
    /// ## What it does
    /// Reports a flag whose value Docker's builder rejects:
    /// - a missing value (`COPY --chown a b`, `--link=`);
    /// - a boolean flag (`--link`, `--parents`, `--keep-git-dir`, `--unpack`) set to something
    ///   other than `true` or `false`;
    /// - a `HEALTHCHECK` duration Go cannot parse (`--interval=5`, `--timeout=1x`) or below 1ms,
    ///   and a `--retries` that is not a number or is negative;
    /// - a `COPY --from` that cannot be a stage name, index or image reference;
    /// - `RUN --network` other than `default`, `none`, `host`, `RUN --security` other than
    ///   `sandbox`, `insecure`;
    /// - a `FROM --platform` that is not `os[/arch[/variant]]`;
    /// - an `ADD --checksum` that is neither a digest (`sha256:<hex>`) nor a git commit.
    ///
    /// ## Why is this bad?
    /// `docker build` stops on it before building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// HEALTHCHECK --interval=30 CMD ["true"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// HEALTHCHECK --interval=30s CMD ["true"]
    /// ```
    ///
    /// ## Differences from dockerfile-utils
    /// `--retries=0` is accepted, as BuildKit accepts it (it means the default); only negative
    /// counts are reported. An empty `COPY --from=` is accepted, as BuildKit reads it as no
    /// `--from`. Values holding a variable are not checked where BuildKit expands them first.
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    /// - [Go time.ParseDuration](https://pkg.go.dev/time#ParseDuration)
    pub(crate) static RULE = {
        code: "DF303",
        name: "invalid-flag-value",
        severity: Error,
        fix: None,
        check: check,
    }
}

const DURATIONS: &[&str] = &["interval", "timeout", "start-period", "start-interval"];

fn valid_platform(value: &str) -> bool {
    let parts: Vec<&str> = value.split('/').collect();
    parts.len() <= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
}

/// An `ADD --checksum`: a digest (`sha256:`, `sha384:`, `sha512:` and the matching number of hex
/// digits) or, for a git source, a commit (hex digits).
fn valid_checksum(value: &str) -> bool {
    let hex = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit());
    match value.split_once(':') {
        Some((algorithm, digest)) => {
            let len = match algorithm {
                "sha256" => 64,
                "sha384" => 96,
                "sha512" => 128,
                _ => return false,
            };
            digest.len() == len && hex(digest)
        }
        None => hex(value),
    }
}

fn check(checker: &mut Checker) {
    for instruction in checker.all_instructions().iter() {
        let Some(accepted) = accepted_flags(instruction) else { continue };
        let kind = instruction.kind();
        for flag in parsed_flags(instruction) {
            let Some(name) = flag.name() else { continue };
            let Some((_, flag_kind)) = accepted.iter().find(|(n, _)| *n == name) else { continue };
            let value = flag.value_text().unwrap_or_default();
            let eq = has_eq(&flag);
            match flag_kind {
                FlagKind::Bool => {
                    if eq && value.is_empty() {
                        checker.report(name_range(&flag), format!("Missing a value on flag `--{name}`"));
                    } else if eq && !matches!(value.to_ascii_lowercase().as_str(), "true" | "false") {
                        checker.report(
                            value_range(&flag),
                            format!(
                                "Expecting boolean value for flag `--{name}`, not `{value}`: write `true` or `false`"
                            ),
                        );
                    }
                    continue;
                }
                FlagKind::String | FlagKind::Strings => {
                    if !eq {
                        checker.report(
                            name_range(&flag),
                            format!("Missing a value on flag `--{name}`: write `--{name}=<value>`"),
                        );
                        continue;
                    }
                }
            }
            let vrange = value_range(&flag);
            match (kind, name.as_str()) {
                (HEALTHCHECK_INSTR, n) if DURATIONS.contains(&n) && !value.is_empty() => match go_duration(&value) {
                    Err(DurationError::Invalid) => {
                        checker.report(
                            vrange,
                            format!("Invalid duration `{value}` for `--{name}` (write e.g. `30s`, `1m30s`)"),
                        );
                    }
                    Err(DurationError::MissingUnit) => {
                        checker.report(
                            vrange,
                            format!("Missing unit in duration `{value}` for `--{name}` (write e.g. `30s`)"),
                        );
                    }
                    Err(DurationError::UnknownUnit(unit)) => {
                        checker.report(
                            vrange,
                            format!("Unknown unit `{unit}` in duration `{value}` (units: ns, us, ms, s, m, h)"),
                        );
                    }
                    Ok(d) if d != 0.0 && d < 1e6 => {
                        checker
                            .report(name_range(&flag), format!("`--{name}` cannot be less than 1ms (it is `{value}`)"));
                    }
                    Ok(_) => {}
                },
                (HEALTHCHECK_INSTR, "retries") if !value.is_empty() => match value.parse::<i32>() {
                    Err(_) => {
                        checker.report(vrange, format!("`--retries` must be a whole number, not `{value}`"));
                    }
                    Ok(n) if n < 0 => {
                        checker.report(vrange, format!("`--retries` cannot be negative ({n})"));
                    }
                    Ok(_) => {}
                },
                (COPY_INSTR, "from") => {
                    let first = value.chars().next();
                    if first.is_some_and(|c| !c.is_ascii_alphanumeric() && c != '$') {
                        checker.report(
                            vrange,
                            format!(
                                "Invalid `--from` value `{value}`: not a stage name, stage index or image reference"
                            ),
                        );
                    }
                }
                (ADD_INSTR, "checksum") if !value.is_empty() && !has_variable(&value) && !valid_checksum(&value) => {
                    checker.report(
                        vrange,
                        format!(
                            "Invalid checksum `{value}`: write a digest such as `sha256:<64 hex digits>` (or a git \
                             commit for a git source)"
                        ),
                    );
                }
                (RUN_INSTR, "network")
                    if !has_variable(&value) && !matches!(value.as_str(), "default" | "none" | "host") =>
                {
                    checker.report(
                        vrange,
                        format!("Invalid network mode `{value}` (BuildKit takes `default`, `none` or `host`)"),
                    );
                }
                (RUN_INSTR, "security")
                    if !has_variable(&value) && !matches!(value.as_str(), "sandbox" | "insecure") =>
                {
                    checker.report(
                        vrange,
                        format!("Invalid security mode `{value}` (BuildKit takes `sandbox` or `insecure`)"),
                    );
                }
                (FROM_INSTR, "platform") if !value.is_empty() && !has_variable(&value) && !valid_platform(&value) => {
                    checker.report(
                        vrange,
                        format!("Invalid platform `{value}`: write `os/arch[/variant]`, e.g. `linux/amd64`"),
                    );
                }
                _ => {}
            }
        }
    }
}
