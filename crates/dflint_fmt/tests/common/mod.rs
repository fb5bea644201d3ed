//! The equivalence the formatter's tests hold it to; see the documentation of `real_corpus.rs`
//! for its definition. Written independently of the formatter's own safety net.

use dflint_syntax::ast::{AstNode, Instruction};
use dflint_syntax::{buildkit, go, Parse, SyntaxKind};

/// Check (2): the dumps match up to the allowed differences.
pub fn same_meaning(before: &Parse, after: &Parse) -> Result<(), String> {
    let directives = |p: &Parse| p.tree().directives().map(|d| d.syntax().to_string()).collect::<Vec<_>>();
    if directives(before) != directives(after) {
        return Err("the parser directives differ".into());
    }
    let bom = |p: &Parse| p.syntax_node().to_string().starts_with('\u{feff}');
    if bom(before) != bom(after) {
        return Err("the byte-order mark differs".into());
    }
    let (dump_before, dump_after) = match (buildkit::dump(before), buildkit::dump(after)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(a), Err(b)) if a.message == b.message => return Ok(()),
        (a, b) => return Err(format!("BuildKit's verdict changed: {a:?} -> {b:?}")),
    };
    let instructions_before: Vec<Instruction> = before.tree().instructions().collect();
    let instructions_after: Vec<Instruction> = after.tree().instructions().collect();
    let (lines_before, lines_after): (Vec<&str>, Vec<&str>) =
        (dump_before.lines().collect(), dump_after.lines().collect());
    if lines_before.len() != lines_after.len() || instructions_before.len() != instructions_after.len() {
        return Err(format!("{} instructions became {}", lines_before.len(), lines_after.len()));
    }
    for i in 0..lines_before.len() {
        let (a, b) = (lines_before[i], lines_after[i]);
        if a == b {
            continue;
        }
        let (Some((prefix_a, words_a)), Some((prefix_b, words_b))) =
            (split_line(a, &instructions_before[i]), split_line(b, &instructions_after[i]))
        else {
            return Err(format!("instruction {}:\n    before: {}\n    after:  {}", i + 1, cut(a), cut(b)));
        };
        if prefix_a != prefix_b {
            return Err(format!("instruction {}:\n    before: {}\n    after:  {}", i + 1, cut(a), cut(b)));
        }
        if words_a != words_b {
            let k = words_a.iter().zip(&words_b).take_while(|(x, y)| x == y).count();
            return Err(format!(
                "instruction {}, shell word {}:\n    before: {:?}\n    after:  {:?}",
                i + 1,
                k + 1,
                words_a.get(k).map(|w| cut(w)),
                words_b.get(k).map(|w| cut(w)),
            ));
        }
    }
    Ok(())
}

/// A dump line cut into the part compared as text and the shell words compared as words; the
/// `AS` of a `FROM` upper-cased.
fn split_line(line: &str, instruction: &Instruction) -> Option<(String, Vec<String>)> {
    if let Some(from) = instruction.as_from() {
        let as_word = from.as_keyword()?.logical_text();
        let name = from.stage_name()?.logical_text();
        let suffix = format!(" {} {})", go::quote(&as_word), go::quote(&name));
        let prefix = line.strip_suffix(&suffix)?;
        return Some((format!("{prefix} \"AS\" {}", go::quote(&name)), Vec::new()));
    }
    let (target, closers) = match instruction.onbuild_trigger() {
        Some(trigger) => (trigger, "))"),
        None => (instruction.clone(), ")"),
    };
    let command = target.shell_form()?.text();
    let prefix = line.strip_suffix(&format!("{}{closers}", go::quote(&command)))?;
    Some((prefix.to_string(), shell_words(&command)))
}

/// The command split at unquoted runs of blanks (see the module documentation).
fn shell_words(command: &str) -> Vec<String> {
    let chars: Vec<char> = command.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c == '\t' {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            i += 1;
            continue;
        }
        if c == '#' && word.is_empty() {
            words.push(chars[i..].iter().collect());
            return words;
        }
        let end = match (c, chars.get(i + 1)) {
            ('\\', _) => i + 2,
            ('\'', _) => closing(&chars, i + 1, '\''),
            ('"', _) => closing(&chars, i + 1, '"'),
            ('`', _) => closing(&chars, i + 1, '`'),
            ('$', Some('\'')) => closing(&chars, i + 2, '\''),
            ('$', Some('"')) => closing(&chars, i + 2, '"'),
            ('$', Some('(')) => nested(&chars, i + 2, '(', ')'),
            ('$', Some('{')) => nested(&chars, i + 2, '{', '}'),
            _ => i + 1,
        };
        let end = end.min(chars.len());
        word.extend(&chars[i..end]);
        i = end;
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The index after the first unescaped `close` from `from`, or the end (an unclosed quote takes
/// the rest of the text, blanks and all). Inside double quotes, `$(...)` and `` `...` `` are
/// skipped whole (they may hold quotes of their own).
fn closing(chars: &[char], from: usize, close: char) -> usize {
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '\\' if close != '\'' => i += 2,
            c if c == close => return i + 1,
            '$' if close == '"' && chars.get(i + 1) == Some(&'(') => i = nested(chars, i + 2, '(', ')'),
            '`' if close == '"' => i = closing(chars, i + 1, '`'),
            _ => i += 1,
        }
    }
    chars.len()
}

/// The index after the `close` that balances an `open` already read, skipping quoted text.
fn nested(chars: &[char], from: usize, open: char, close: char) -> usize {
    let mut depth = 1;
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '\'' if open == '(' => i = closing(chars, i + 1, '\''),
            '"' => i = closing(chars, i + 1, '"'),
            c if c == open => {
                depth += 1;
                i += 1;
            }
            c if c == close => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    chars.len()
}

pub fn is_heredoc(kind: SyntaxKind) -> bool {
    matches!(kind, SyntaxKind::HEREDOC_BODY | SyntaxKind::HEREDOC_END)
}

pub fn token_texts(parse: &Parse, keep: fn(SyntaxKind) -> bool) -> Vec<String> {
    let tokens = parse.syntax_node().descendants_with_tokens().filter_map(|e| e.into_token());
    tokens.filter(|t| keep(t.kind())).map(|t| t.text().to_string()).collect()
}

pub fn comment_multiset(parse: &Parse) -> Vec<String> {
    let mut comments: Vec<String> =
        token_texts(parse, |k| k == SyntaxKind::COMMENT).into_iter().map(|c| c.trim_end().to_string()).collect();
    comments.sort_unstable();
    comments
}

/// At most 200 characters of `s`.
fn cut(s: &str) -> String {
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

#[test]
fn shell_words_keep_quoted_text_whole() {
    assert_eq!(shell_words("a  'b  c'\t\"d \\\" e\" f\\ g"), ["a", "'b  c'", "\"d \\\" e\"", "f\\ g"]);
    assert_eq!(shell_words("x $(a \"b ) \" c) ${y:- z} # c  d"), ["x", "$(a \"b ) \" c)", "${y:- z}", "# c  d"]);
    assert_eq!(shell_words("a && b"), ["a", "&&", "b"]);
    assert_eq!(shell_words("x=\"$(a 'b  c' \"d  e\")\"  y"), ["x=\"$(a 'b  c' \"d  e\")\"", "y"]);
}
