//! DL3029: `FROM --platform`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::instr_util::flag_with_blank;
use dflint_syntax::ast::AstNode;

declare_rule! {
    /// ## What it does
    /// Reports a `FROM` with a non-empty `--platform` flag, unless the value is the automatic
    /// `$BUILDPLATFORM` (the idiom of cross-compiling stages) or `$TARGETPLATFORM` (the default,
    /// which DL3065 reports).
    ///
    /// ## Why is this bad?
    /// A fixed platform (`--platform=linux/amd64`) makes the image build for one architecture
    /// whatever platform is asked for, and run under emulation elsewhere. The platform belongs to
    /// the build command (`docker build --platform ...`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 debian:12
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the flag. It is unsafe: the stage is then built for the requested target
    /// platform, which changes the image whenever that differs from the pinned one.
    ///
    /// ## Differences from BuildKit
    /// BuildKit's check FromPlatformFlagConstDisallowed reports only a constant `--platform`
    /// (no variable at all), and not when the stage name mentions that platform
    /// (`AS build-amd64`). Like hadolint, this rule also reports values built from other
    /// variables (`--platform=linux/${arch}`), which pin the platform just as well. The BuildKit
    /// name is an alias, so `# check=skip=FromPlatformFlagConstDisallowed` turns it off.
    ///
    /// ## References
    /// - [hadolint DL3029](https://github.com/hadolint/hadolint/wiki/DL3029)
    /// - [BuildKit check FromPlatformFlagConstDisallowed](https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/)
    pub(crate) static RULE = {
        code: "DL3029",
        name: "from-platform",
        severity: Warning,
        fix: Always,
        hadolint: "DL3029",
        buildkit: "FromPlatformFlagConstDisallowed",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.instructions().iter() {
        let Some(from) = instruction.as_from() else { continue };
        let Some(flag) = from.platform() else { continue };
        let value = flag.value().map(|v| v.logical_text()).unwrap_or_default();
        let automatic = ["$BUILDPLATFORM", "${BUILDPLATFORM}", "$TARGETPLATFORM", "${TARGETPLATFORM}"];
        if flag.value_text().is_some_and(|v| !v.is_empty()) && !automatic.contains(&value.as_str()) {
            if let Some(delete) = flag_with_blank(checker, instruction, "platform") {
                found.push((flag.range(), delete));
            }
        }
    }
    for (range, delete) in found {
        checker
            .report(range, "Do not use `--platform` with `FROM`: the platform belongs to the build command")
            .with_fix(Fix::unsafe_("Remove `--platform`", vec![Edit::delete(delete)]));
    }
}
