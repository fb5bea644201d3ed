//! The safety net: does a formatted text read the way the original does?
//!
//! Two texts read alike when their BuildKit dumps are equal line for line, up to two allowed
//! differences: a shell-form command string may differ in runs of blanks that the shell reads as
//! one word separator (compared after [`crate::shell::normalize`]), and the `AS` of
//! `FROM image AS name` may differ in case (BuildKit compares it case-insensitively). Their
//! parser directives, byte-order mark, heredoc bodies and terminators must be identical, and they
//! must hold the same comments (compared without trailing blanks).

use dflint_syntax::ast::{AstNode, Instruction, SourceFile};
use dflint_syntax::{buildkit, go, Parse, SyntaxKind};

/// A difference found by [`check`].
#[derive(Debug)]
pub(crate) struct Mismatch {
    /// The index of the top-level instruction that reads differently, when it is one.
    pub(crate) instruction: Option<usize>,
    /// What differs.
    pub(crate) message: String,
}

/// A difference that is not one instruction's.
fn mismatch(message: impl Into<String>) -> Mismatch {
    Mismatch { instruction: None, message: message.into() }
}

/// `Ok` when `after` reads as `before` does; else what differs.
pub(crate) fn check(before: &Parse, after: &Parse) -> Result<(), Mismatch> {
    let has_bom = |p: &Parse| p.syntax_node().first_token().is_some_and(|t| t.kind() == SyntaxKind::BOM);
    if has_bom(before) != has_bom(after) {
        return Err(mismatch("the byte-order mark differs"));
    }
    let (file_before, file_after) = (before.tree(), after.tree());
    let directives = |f: &SourceFile| f.directives().map(|d| d.syntax().text().to_string()).collect::<Vec<_>>();
    if directives(&file_before) != directives(&file_after) {
        return Err(mismatch("the parser directives differ"));
    }
    if tokens(before, is_heredoc) != tokens(after, is_heredoc) {
        return Err(mismatch("a heredoc body differs"));
    }
    let comments = |p: &Parse| {
        let mut all: Vec<String> =
            tokens(p, |k| k == SyntaxKind::COMMENT).into_iter().map(|c| c.trim_end().to_string()).collect();
        all.sort_unstable();
        all
    };
    if comments(before) != comments(after) {
        return Err(mismatch("the comments differ"));
    }

    let instructions_before: Vec<Instruction> = file_before.instructions().collect();
    let instructions_after: Vec<Instruction> = file_after.instructions().collect();
    if instructions_before.len() != instructions_after.len() {
        let message = format!("{} instructions instead of {}", instructions_after.len(), instructions_before.len());
        return Err(mismatch(message));
    }
    match (buildkit::dump(before), buildkit::dump(after)) {
        (Ok(dump_before), Ok(dump_after)) => {
            let pairs = dump_before.lines().zip(dump_after.lines());
            let instructions = instructions_before.iter().zip(&instructions_after);
            for (i, ((line_before, line_after), (a, b))) in pairs.zip(instructions).enumerate() {
                if !lines_equivalent(line_before, a, line_after, b) {
                    let message = format!("instruction {} reads {line_after} instead of {line_before}", i + 1);
                    return Err(Mismatch { instruction: Some(i), message });
                }
            }
            Ok(())
        }
        (Err(error_before), Err(error_after)) if error_before.message == error_after.message => {
            // BuildKit rejects both; compare the instructions one by one.
            let escape = file_before.escape_char();
            for (i, (a, b)) in instructions_before.iter().zip(&instructions_after).enumerate() {
                let (text_before, text_after) = (a.syntax().text().to_string(), b.syntax().text().to_string());
                if text_before != text_after && !same_instruction(&text_before, &text_after, escape) {
                    let message = format!("instruction {} reads differently", i + 1);
                    return Err(Mismatch { instruction: Some(i), message });
                }
            }
            Ok(())
        }
        (Ok(_), Err(error)) => {
            // The instruction that holds BuildKit's complaint.
            let fatal = after.errors().iter().filter(|e| e.buildkit_fatal).min_by_key(|e| e.range.start());
            let instruction =
                fatal.and_then(|e| instructions_after.iter().position(|i| i.range().contains_range(e.range)));
            Err(Mismatch { instruction, message: format!("BuildKit would reject the result: {error}") })
        }
        (Err(error), _) => Err(mismatch(format!("BuildKit's verdict differs from the original's: {error}"))),
    }
}

/// Does the instruction written `after` read as the one written `before` (each the text of one
/// instruction node, in a file whose escape character is `escape`, which BuildKit rejects)? When BuildKit rejects both,
/// they must be rejected for the same reason and have the same logical text (up to the case of
/// their keywords).
fn same_instruction(before: &str, after: &str, escape: char) -> bool {
    let alone = |text: &str| {
        let file = if escape == '`' { format!("# escape=`\n{text}\n") } else { format!("{text}\n") };
        let parse = dflint_syntax::parse(&file);
        let mut instructions = parse.tree().instructions();
        let instruction = instructions.next()?;
        if instructions.next().is_some() {
            return None;
        }
        let comments: Vec<String> =
            tokens(&parse, |k| k == SyntaxKind::COMMENT).iter().map(|c| c.trim_end().to_string()).collect();
        Some((buildkit::dump(&parse), instruction, comments))
    };
    let (Some((dump_before, a, comments_before)), Some((dump_after, b, comments_after))) =
        (alone(before), alone(after))
    else {
        return false;
    };
    if comments_before != comments_after {
        return false;
    }
    match (dump_before, dump_after) {
        (Ok(x), Ok(y)) => lines_equivalent(x.trim_end(), &a, y.trim_end(), &b),
        (Err(x), Err(y)) => x.message == y.message && logical_text(&a) == logical_text(&b),
        _ => false,
    }
}

/// What BuildKit reads of an instruction, with its keywords in upper case.
fn logical_text(instruction: &Instruction) -> String {
    let mut out = String::new();
    for token in instruction.syntax().descendants_with_tokens().filter_map(|e| e.into_token()) {
        let kind = token.kind();
        if kind == SyntaxKind::KEYWORD {
            out.push_str(&token.text().to_ascii_uppercase());
        } else if !kind.is_trivia() && !is_heredoc(kind) {
            out.push_str(token.text());
        }
    }
    out
}

fn is_heredoc(kind: SyntaxKind) -> bool {
    matches!(kind, SyntaxKind::HEREDOC_BODY | SyntaxKind::HEREDOC_END)
}

/// The texts of the tokens of the kinds `keep` accepts, in order.
fn tokens(parse: &Parse, keep: impl Fn(SyntaxKind) -> bool) -> Vec<String> {
    parse
        .syntax_node()
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| keep(t.kind()))
        .map(|t| t.text().to_string())
        .collect()
}

/// Are two dump lines (of the instructions `a` and `b`) equal up to the allowed differences?
fn lines_equivalent(line_a: &str, a: &Instruction, line_b: &str, b: &Instruction) -> bool {
    line_a == line_b || normalized(line_a, a) == normalized(line_b, b)
}

/// A dump line with its shell-form command normalised and a `FROM`'s `AS` in upper case.
fn normalized(line: &str, instruction: &Instruction) -> String {
    let mut line = line.to_string();
    let (target, closers) = match instruction.onbuild_trigger() {
        Some(trigger) => (trigger, "))"),
        None => (instruction.clone(), ")"),
    };
    if let Some(shell_form) = target.shell_form() {
        let text = shell_form.text();
        let suffix = format!("{}{closers}", go::quote(&text));
        if let Some(prefix) = line.strip_suffix(&suffix) {
            line = format!("{prefix}{}{closers}", go::quote(&crate::shell::normalize(&text)));
        }
    }
    if let Some(from) = instruction.as_from() {
        let words: Vec<String> = from
            .syntax()
            .children()
            .filter(|n| n.kind() == SyntaxKind::WORD)
            .map(|w| dflint_syntax::ast::logical_text(&w))
            .collect();
        if words.len() == 3 && words[1].eq_ignore_ascii_case("as") {
            let name = go::quote(&words[2]);
            let suffix = format!(" {} {name})", go::quote(&words[1]));
            if let Some(prefix) = line.strip_suffix(&suffix) {
                line = format!("{prefix} \"AS\" {name})");
            }
        }
    }
    line
}
