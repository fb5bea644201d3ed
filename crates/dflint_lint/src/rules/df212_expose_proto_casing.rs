//! DF212 / ExposeProtoCasing: `EXPOSE 80/TCP`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::buildkit_util::expose_ports;
use dflint_syntax::{TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Reports an `EXPOSE` port whose protocol (`tcp`, `udp`, `sctp`) is not in lower case.
    ///
    /// ## Why is this bad?
    /// BuildKit lower-cases the protocol anyway; writing it in lower case, as Docker prints it,
    /// keeps the file consistent and searchable.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// EXPOSE 80/TcP
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine
    /// EXPOSE 80/tcp
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the protocol is lower-cased, which BuildKit does when it reads it (not offered when
    /// the port comes from a variable).
    ///
    /// ## References
    /// - [BuildKit check ExposeProtoCasing](https://docs.docker.com/reference/build-checks/expose-proto-casing/)
    pub(crate) static RULE = {
        code: "DF212",
        name: "expose-proto-casing",
        severity: Style,
        fix: Sometimes,
        buildkit: "ExposeProtoCasing",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found: Vec<(TextRange, String, Option<Edit>)> = Vec::new();
    for port in expose_ports(checker) {
        let Some(slash) = port.value.find('/') else { continue };
        let proto = &port.value[slash + 1..];
        if proto == proto.to_lowercase() {
            continue;
        }
        let edit = port.exact.then(|| {
            let start = port.range.start() + TextSize::from((slash + 1) as u32);
            Edit::replace(TextRange::new(start, port.range.end()), proto.to_lowercase())
        });
        found.push((
            port.range,
            format!("Defined protocol '{}' in EXPOSE instruction should be lowercase", port.value),
            edit,
        ));
    }
    for (range, message, edit) in found {
        let d = checker.report(range, message);
        if let Some(edit) = edit {
            d.with_fix(Fix::safe("Lower-case the protocol", vec![edit]));
        }
    }
}
