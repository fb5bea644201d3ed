//! DF002: an argument written as a JSON array that is not valid JSON, silently run as shell form.

use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::util::json_array;
use dflint_syntax::ast::{AstNode, LogicalText};
use dflint_syntax::SyntaxKind::*;

declare_rule! {
    /// ## What it does
    /// Reports an argument written to look like a JSON array that is not valid JSON: single quotes
    /// (`['a', 'b']`), a trailing comma, a missing bracket or quote, typographic quotes (`“a”`), an
    /// unescaped backslash (`["C:\path"]`).
    ///
    /// ## Why is this bad?
    /// BuildKit uses exec form only when the text parses as a JSON array of strings. Anything else
    /// is silently run as a shell command: `CMD ['nginx', '-g', 'daemon off;']` runs
    /// `/bin/sh -c "['nginx', '-g', 'daemon off;']"`, which fails at start-up.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// CMD ['nginx', '-g', 'daemon off;']
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// ## Fix safety
    /// Safe when every element is quoted with matching quotes, so the intended words are certain;
    /// unsafe when elements had to be guessed (missing quotes or commas).
    ///
    /// ## References
    /// - [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    pub(crate) static RULE = {
        code: "DF002",
        name: "invalid-json-array",
        severity: Error,
        fix: Always,
        check: check,
    }
}

fn check(checker: &mut Checker) {
    for instruction in checker.all_instructions().iter() {
        let node = match instruction.kind() {
            CMD_INSTR | ENTRYPOINT_INSTR | RUN_INSTR | SHELL_INSTR | HEALTHCHECK_INSTR => {
                match instruction.shell_form() {
                    Some(s) => s.syntax().clone(),
                    None => continue,
                }
            }
            COPY_INSTR | ADD_INSTR | VOLUME_INSTR => {
                let words: Vec<_> = instruction.words().collect();
                let (Some(first), Some(last)) = (words.first(), words.last()) else { continue };
                let range = first.range().cover(last.range());
                // The logical text keeps characters of the file's: no `[`, no JSON array.
                if !checker.text[range].contains('[') {
                    continue;
                }
                let lt = LogicalText::of_range(instruction.syntax(), range);
                if let Some(parsed) = tolerant_json(&lt.text) {
                    report(checker, &instruction.keyword_text(), lt.range_to_source(0..lt.text.len()), parsed);
                }
                continue;
            }
            _ => continue,
        };
        // The text must start with `[` (after blanks, or a line continuation or comment line
        // that the logical text leaves out).
        let written = checker.text[node.text_range()].trim_start();
        if !written.starts_with(['[', '\\', '`', '#']) || !written.contains('[') {
            continue;
        }
        let lt = LogicalText::of(&node);
        if let Some(parsed) = tolerant_json(&lt.text) {
            report(checker, &instruction.keyword_text(), node.text_range(), parsed);
        }
    }
}

fn report(checker: &mut Checker, kw: &str, range: dflint_syntax::TextRange, parsed: Parsed) {
    let replacement = json_array(&parsed.words);
    let title = format!("Rewrite as `{replacement}`");
    let fix = if parsed.certain {
        Fix::safe(title, vec![Edit::replace(range, replacement)])
    } else {
        Fix::unsafe_(title, vec![Edit::replace(range, replacement)])
    };
    checker
        .report(
            range,
            format!(
                "`{kw}` argument looks like a JSON array but is not valid JSON ({}): it runs as a shell command",
                parsed.problem
            ),
        )
        .with_fix(fix);
}

/// What a JSON-looking argument was meant to be.
#[derive(Debug, PartialEq)]
struct Parsed {
    words: Vec<String>,
    certain: bool,
    problem: &'static str,
}

fn closing_quote(open: char) -> Option<&'static [char]> {
    match open {
        '"' => Some(&['"']),
        '\'' => Some(&['\'']),
        '“' | '”' | '„' => Some(&['”', '“']),
        '‘' | '’' => Some(&['’', '‘']),
        _ => None,
    }
}

/// Reads `text` as a sloppy JSON array. `None` when it does not look like one (for example the
/// shell's `[ -f x ]` test).
fn tolerant_json(text: &str) -> Option<Parsed> {
    let text = text.trim();
    let inner = text.strip_prefix('[')?;
    // `[` directly followed by a quote; `[ "$a" = b ]` is the shell's test command.
    let tight = inner.chars().next().is_some_and(|c| closing_quote(c).is_some());
    // `[node, server.js]`: unquoted words, but written as a list.
    let unquoted_list = inner.starts_with(|c: char| c.is_alphanumeric() || c == '/' || c == '.')
        && inner.contains(',')
        && text.ends_with(']');
    let mut chars = inner.chars().peekable();
    let mut words = Vec::new();
    let mut certain = true;
    let mut problem = None;
    let mut closed = false;
    let mut expect_element = true;
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == ']' {
            chars.next();
            closed = true;
            break;
        }
        if c == ',' {
            chars.next();
            if expect_element {
                certain = false;
            }
            expect_element = true;
            continue;
        }
        if !expect_element {
            // Two elements with no comma between.
            if words.len() == 1 && !tight {
                return None;
            }
            certain = false;
            problem.get_or_insert("missing comma");
        }
        expect_element = false;
        if let Some(close) = closing_quote(c) {
            chars.next();
            if c != '"' {
                problem.get_or_insert(if c == '\'' { "single quotes" } else { "typographic quotes" });
            }
            let mut word = String::new();
            let mut terminated = false;
            while let Some(d) = chars.next() {
                if close.contains(&d) {
                    terminated = true;
                    break;
                }
                if d == '\\' && c == '"' {
                    match chars.peek() {
                        Some(&e @ ('"' | '\\' | '/')) => {
                            word.push(e);
                            chars.next();
                        }
                        Some('n') => {
                            word.push('\n');
                            chars.next();
                        }
                        Some('t') => {
                            word.push('\t');
                            chars.next();
                        }
                        _ => {
                            problem.get_or_insert("unescaped backslash");
                            word.push('\\');
                        }
                    }
                    continue;
                }
                word.push(d);
            }
            if !terminated {
                problem.get_or_insert("missing closing quote");
                certain = false;
            }
            words.push(word);
        } else {
            if words.is_empty() && !unquoted_list {
                return None;
            }
            // An unquoted element: take it up to the next comma or bracket.
            let mut word = String::new();
            while let Some(&d) = chars.peek() {
                if d == ',' || d == ']' {
                    break;
                }
                word.push(d);
                chars.next();
            }
            certain = false;
            problem.get_or_insert("unquoted element");
            words.push(word.trim().to_string());
        }
    }
    if words.is_empty() {
        return None;
    }
    let rest: String = chars.collect();
    if !rest.trim().is_empty() {
        return None;
    }
    if expect_element && closed {
        problem.get_or_insert("trailing comma");
    }
    if !closed {
        problem.get_or_insert("missing closing bracket");
    }
    Some(Parsed { words, certain, problem: problem.unwrap_or("invalid JSON") })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Option<(Vec<String>, bool, &'static str)> {
        tolerant_json(text).map(|p| (p.words, p.certain, p.problem))
    }

    #[test]
    fn sloppy_arrays() {
        assert_eq!(words("['a', 'b']"), Some((vec!["a".into(), "b".into()], true, "single quotes")));
        assert_eq!(words(r#"["a",]"#).unwrap().2, "trailing comma");
        assert_eq!(words(r#"["a", "b""#).unwrap().2, "missing closing bracket");
        assert_eq!(words("[“a”]").unwrap().2, "typographic quotes");
        assert_eq!(words(r#"["C:\path"]"#), Some((vec![r"C:\path".into()], true, "unescaped backslash")));
        assert!(!words(r#"["a" "b"]"#).unwrap().1);
        assert_eq!(words("[ -f /x ] && echo"), None);
        assert_eq!(
            words("[node, server.js]"),
            Some((vec!["node".into(), "server.js".into()], false, "unquoted element"))
        );
        assert_eq!(words("[a]"), None);
        assert_eq!(words(r#"[ "$A" = b ]"#), None);
        assert_eq!(words(r#"[ "$A" ]"#).map(|w| w.2), Some("invalid JSON"));
    }
}
