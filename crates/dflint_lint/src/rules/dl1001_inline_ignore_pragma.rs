//! DL1001: inline ignore pragmas (off by default).

use crate::checker::Checker;
use crate::declare_rule;
use crate::suppression::{PragmaKind, Suppressions};

declare_rule! {
    /// ## What it does
    /// Reports every inline ignore pragma: `# hadolint ignore=...` and `# dflint ignore=...` above
    /// an instruction. File-wide pragmas (`# dflint global ignore=...`) and BuildKit's
    /// `# check=skip=...` are not reported. Off by default, as in hadolint: select it to forbid
    /// pragmas in a code base that keeps its exceptions in the configuration file.
    ///
    /// ## Why is this bad?
    /// Pragmas scattered through Dockerfiles silence checks where nobody reviews them; a team may
    /// prefer every exception in one configuration file.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// # hadolint ignore=DL3008
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## References
    /// - [hadolint DL1001](https://github.com/hadolint/hadolint/wiki/DL1001)
    pub(crate) static RULE = {
        code: "DL1001",
        name: "inline-ignore-pragma",
        severity: Info,
        fix: None,
        hadolint: "DL1001",
        enabled_by_default: false,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let suppressions = Suppressions::from_file(&checker.file);
    let found: Vec<_> = suppressions
        .pragmas
        .iter()
        .filter(|p| !p.global && matches!(p.kind, PragmaKind::Hadolint | PragmaKind::Dflint))
        .map(|p| p.range)
        .collect();
    for range in found {
        checker.report(range, "Avoid inline ignore pragmas: keep exceptions in the configuration file");
    }
}
