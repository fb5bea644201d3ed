//! The file level: the top-level items (byte-order mark, parser directives, blank lines, comment
//! lines, instructions), blank lines between them, and the line ending.
//!
//! The formatted file is a list of [`Chunk`]s, one for each item of the input: the item's bytes
//! (with the blanks in front of it and its line ending) and what they become. [`crate::format()`]
//! joins them all; [`crate::format_range`] takes the ones a range touches.

use dflint_syntax::{Parse, SyntaxKind, SyntaxNode, TextRange, TextSize};

use crate::layout::{self, Style};
use crate::{FormatError, FormatOptions};

/// One item of the input and its formatted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Chunk {
    /// The item's bytes in the input, line ending included.
    pub(crate) range: TextRange,
    /// What they become (possibly nothing: a blank line removed).
    pub(crate) text: String,
}

#[derive(Debug)]
enum Item {
    Bom,
    /// A parser directive line, written as it is.
    Directive,
    Blank,
    Comment(String),
    Instruction(SyntaxNode),
    /// A line holding only a continuation (the instruction starts on a later line), written as
    /// it is.
    Continuation,
}

/// The chunks of `text`, formatted. The top-level instructions whose indices are in `as_written`
/// are written as they are.
pub(crate) fn chunks(
    text: &str,
    parse: &Parse,
    options: &FormatOptions,
    as_written: &[usize],
) -> Result<Vec<Chunk>, FormatError> {
    let root = parse.syntax_node();
    let items = items(text, &root);
    for (item, range) in &items {
        if matches!(item, Item::Directive) {
            if let Some(error) = parse.errors().iter().find(|e| range.contains_range(e.range)) {
                return Err(FormatError::Directives { message: error.message.clone() });
            }
        }
    }
    let style = Style { options, escape: parse.tree().escape_char(), newline: majority_newline(text) };
    let is_content =
        |item: &Item| matches!(item, Item::Directive | Item::Comment(_) | Item::Instruction(_) | Item::Continuation);
    let first_from = items.iter().position(|(item, _)| is_from(item));
    // Where a blank line must come before a non-first FROM (or the comments right above it).
    let mut blank_before = vec![false; items.len()];
    for (i, (item, _)) in items.iter().enumerate() {
        if is_from(item) && Some(i) != first_from {
            let mut start = i;
            while start > 0 && matches!(items[start - 1].0, Item::Comment(_)) {
                start -= 1;
            }
            blank_before[start] = true;
        }
    }

    // For each item, whether a non-blank item comes after it.
    let mut content_after = vec![false; items.len()];
    for i in (0..items.len().saturating_sub(1)).rev() {
        content_after[i] = content_after[i + 1] || !matches!(items[i + 1].0, Item::Blank);
    }

    let mut out = Vec::with_capacity(items.len());
    let mut instruction_index = 0;
    for (i, (item, range)) in items.iter().enumerate() {
        let mut formatted = String::new();
        match item {
            Item::Bom => formatted.push('\u{feff}'),
            Item::Directive | Item::Continuation => {
                let line = text[*range].trim_end_matches(['\r', '\n']);
                formatted.push_str(line);
                formatted.push_str(style.newline);
            }
            Item::Blank => {
                let previous = items[..i].last().filter(|(item, _)| !matches!(item, Item::Bom));
                let first_of_run = !matches!(previous, Some((Item::Blank, _)));
                // One blank line is kept where a run of them was, except at the end of the file and
                // at its start. At the start it is kept before a comment: removing it could turn
                // the comment into a parser directive.
                let keep = first_of_run
                    && content_after[i]
                    && (previous.is_some()
                        || items[i + 1..]
                            .iter()
                            .find(|(item, _)| !matches!(item, Item::Blank))
                            .is_some_and(|(item, _)| matches!(item, Item::Comment(_))));
                if keep {
                    formatted.push_str(style.newline);
                }
            }
            Item::Comment(comment) => {
                formatted.push_str(comment);
                formatted.push_str(style.newline);
            }
            Item::Instruction(node) => {
                let node_range = node.text_range();
                let has_error = parse.errors().iter().any(|e| {
                    node_range.contains_range(e.range)
                        || (e.range.start() < node_range.end() && node_range.start() < e.range.end())
                });
                let keep = has_error || as_written.contains(&instruction_index);
                instruction_index += 1;
                formatted.push_str(&layout::instruction(node, keep, &style));
                // An unterminated heredoc's body runs to the end of the file: nothing is added to it.
                let open_heredoc = node.descendants().any(|n| {
                    n.kind() == SyntaxKind::HEREDOC
                        && n.last_token().is_none_or(|t| t.kind() != SyntaxKind::HEREDOC_END)
                });
                if !open_heredoc {
                    formatted.push_str(style.newline);
                }
            }
        }
        if blank_before[i] && i > 0 && is_content(&items[i - 1].0) {
            formatted.insert_str(0, style.newline);
        }
        out.push(Chunk { range: *range, text: formatted });
    }
    // A U+FEFF starting the first line would be read as a byte-order mark: a blank line keeps it
    // where it was.
    if let Some(first) = out.iter_mut().find(|c| !c.text.is_empty()) {
        if first.text.starts_with('\u{feff}') && !matches!(items.first(), Some((Item::Bom, _))) {
            first.text.insert_str(0, style.newline);
        }
    }
    Ok(out)
}

fn is_from(item: &Item) -> bool {
    matches!(item, Item::Instruction(node) if node.kind() == SyntaxKind::FROM_INSTR)
}

/// `\r\n` when more lines end with it than with `\n` alone, else `\n`.
fn majority_newline(text: &str) -> &'static str {
    let lf = text.bytes().filter(|&b| b == b'\n').count();
    let crlf = text.matches("\r\n").count();
    if crlf > lf - crlf {
        "\r\n"
    } else {
        "\n"
    }
}

/// The top-level items with their ranges (from the start of their line to the end of their line
/// ending), covering the whole text.
fn items(text: &str, root: &SyntaxNode) -> Vec<(Item, TextRange)> {
    let mut items = Vec::new();
    let mut line_start = TextSize::from(0);
    let mut content: Option<Item> = None;
    for element in root.children_with_tokens() {
        let range = element.text_range();
        if let Some(node) = element.as_node() {
            let item =
                if node.kind() == SyntaxKind::DIRECTIVE { Item::Directive } else { Item::Instruction(node.clone()) };
            content = Some(item);
            continue;
        }
        match element.kind() {
            SyntaxKind::BOM => {
                items.push((Item::Bom, range));
                line_start = range.end();
            }
            SyntaxKind::NEWLINE => {
                let item = content.take().unwrap_or(Item::Blank);
                items.push((item, TextRange::new(line_start, range.end())));
                line_start = range.end();
            }
            SyntaxKind::LINE_CONTINUATION => content = Some(Item::Continuation),
            SyntaxKind::COMMENT => {
                let comment = element.as_token().map_or("", |t| t.text()).trim_end().to_string();
                content = Some(Item::Comment(comment));
            }
            // Blanks before an item or on a blank line; nothing else is found at the top.
            _ => {}
        }
    }
    let end = TextSize::of(text);
    if content.is_some() || line_start < end {
        items.push((content.unwrap_or(Item::Blank), TextRange::new(line_start, end)));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn majority() {
        assert_eq!(majority_newline("a\r\nb\r\nc\n"), "\r\n");
        assert_eq!(majority_newline("a\r\nb\nc\n"), "\n");
        assert_eq!(majority_newline("a\r\nb\n"), "\n");
        assert_eq!(majority_newline(""), "\n");
    }

    #[test]
    fn items_cover_the_text() {
        let text = "\u{feff}# syntax=x\n\n  # c  \nFROM a\nRUN b \\\n  c\n\n";
        let parse = dflint_syntax::parse(text);
        let items = items(text, &parse.syntax_node());
        let mut at = TextSize::from(0);
        for (_, range) in &items {
            assert_eq!(range.start(), at);
            at = range.end();
        }
        assert_eq!(at, TextSize::of(text));
        let kinds: Vec<String> = items.iter().map(|(i, _)| format!("{i:?}").chars().take(5).collect()).collect();
        assert_eq!(kinds, ["Bom", "Direc", "Blank", "Comme", "Instr", "Instr", "Blank"]);
    }
}
