//! DF213 / ExposeInvalidFormat: `EXPOSE 127.0.0.1:80:80` or `EXPOSE 8080:80`.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::buildkit_util::expose_ports;
use dflint_syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Reports an `EXPOSE` port written with an IP address or a host port (`ip:host:container`,
    /// `host:container`).
    ///
    /// ## Why is this bad?
    /// `EXPOSE` documents the ports the container listens on; publishing them on the host is
    /// `docker run -p`'s job. BuildKit keeps only the container port and ignores the rest, and a
    /// future release will reject the form.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// EXPOSE 127.0.0.1:80:80
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine
    /// EXPOSE 80
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the address and host port are removed, leaving the container port that BuildKit
    /// exposes either way (not offered when the port comes from a variable).
    ///
    /// ## References
    /// - [BuildKit check ExposeInvalidFormat](https://docs.docker.com/reference/build-checks/expose-invalid-format/)
    pub(crate) static RULE = {
        code: "DF213",
        name: "expose-invalid-format",
        severity: Warning,
        fix: Sometimes,
        buildkit: "ExposeInvalidFormat",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut found: Vec<(TextRange, String, Option<Edit>)> = Vec::new();
    for port in expose_ports(checker) {
        let Some(colon) = port.value.rfind(':') else { continue };
        let container = &port.value[colon + 1..];
        let edit = (port.exact && !container.is_empty()).then(|| Edit::replace(port.range, container));
        found.push((
            port.range,
            format!("EXPOSE instruction should not define an IP address or host-port mapping, found '{}'", port.value),
            edit,
        ));
    }
    for (range, message, edit) in found {
        let d = checker.report(range, message);
        if let Some(edit) = edit {
            d.with_fix(Fix::safe("Keep only the container port", vec![edit]));
        }
    }
}
