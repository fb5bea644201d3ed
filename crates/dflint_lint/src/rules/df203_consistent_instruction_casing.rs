//! DF203 / ConsistentInstructionCasing: instruction keywords in mixed case, or against the
//! file's majority case.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rules::buildkit_util::is_self_consistent;
use dflint_syntax::ast::AstNode;
use dflint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports an instruction keyword that is not in the case most keywords of the file use:
    /// counting the keywords written all in lower case and all in upper case (from the first
    /// `FROM` on, as BuildKit does), lower case wins only when it has more; every other keyword,
    /// mixed-case ones such as `From` included, is reported.
    ///
    /// ## Why is this bad?
    /// Keywords in one case read as keywords; `EntRYpOiNT` or a file that switches case halfway
    /// is harder to scan.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// RUN echo hello > /greeting.txt
    /// EntRYpOiNT ["cat", "/greeting.txt"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine
    /// RUN echo hello > /greeting.txt
    /// ENTRYPOINT ["cat", "/greeting.txt"]
    /// ```
    ///
    /// ## Fix safety
    /// Safe: keywords are read without regard to case; the fix writes the keyword in the
    /// majority case (not when a line continuation splits it).
    ///
    /// ## References
    /// - [BuildKit check ConsistentInstructionCasing](https://docs.docker.com/reference/build-checks/consistent-instruction-casing/)
    pub(crate) static RULE = {
        code: "DF203",
        name: "consistent-instruction-casing",
        severity: Style,
        fix: Sometimes,
        buildkit: "ConsistentInstructionCasing",
        check: check,
    }
}

fn check(checker: &mut Checker) {
    let mut keywords = Vec::new();
    let mut seen_from = false;
    for instruction in checker.instructions().iter() {
        seen_from |= instruction.kind() == SyntaxKind::FROM_INSTR;
        if !seen_from || instruction.kind() == SyntaxKind::UNKNOWN_INSTR {
            continue;
        }
        // The keyword's tokens (several when a continuation splits it), read from the green tree.
        let node = instruction.syntax();
        let (mut first, mut count, mut text) = (None, 0, String::new());
        let mut at = node.text_range().start();
        for child in node.green().children() {
            let len = child.text_len();
            if let Some(token) = child.into_token().filter(|t| t.kind() == SyntaxKind::KEYWORD.into()) {
                first.get_or_insert(TextRange::at(at, len));
                count += 1;
                text.push_str(token.text());
            }
            at += len;
        }
        let Some(first) = first else { continue };
        keywords.push((first, count == 1, text));
    }
    let (mut lower, mut upper) = (0, 0);
    for (_, _, k) in &keywords {
        if is_self_consistent(k) {
            if *k == k.to_lowercase() {
                lower += 1;
            } else {
                upper += 1;
            }
        }
    }
    let majority_lower = lower > upper;
    for (range, single, k) in keywords {
        let (wanted, casing) =
            if majority_lower { (k.to_lowercase(), "lowercase") } else { (k.to_uppercase(), "uppercase") };
        if wanted == k {
            continue;
        }
        let d =
            checker.report(range, format!("Command '{k}' should match the case of the command majority ({casing})"));
        if single {
            d.with_fix(Fix::safe(format!("Write `{wanted}`"), vec![Edit::replace(range, wanted)]));
        }
    }
}
