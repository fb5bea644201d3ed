//! Helpers shared by the stage and layer rules: line numbers for messages, the "instruction
//! repeated in a stage" check (DL4003, DL4004, DL3012), and a stage's base image reference as the
//! tag rules (DL3006, DL3007) read it.

use crate::checker::Checker;
use crate::util::keyword_range;
use dflint_model::Stage;
use dflint_syntax::ast::{AstNode, ImageRef};
use dflint_syntax::{SyntaxKind, TextRange, TextSize};

/// The 1-based line `offset` is on. This counts from the start of `text` on every call: in a rule,
/// use [`Checker::line_number`], which does not.
#[allow(dead_code)]
pub(crate) fn line_number(text: &str, offset: TextSize) -> usize {
    let end = usize::from(offset).min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Reports every `kind` instruction of a stage that follows another one in the same stage (not
/// counting `ONBUILD` triggers, which belong to the images built on this one): only the last one
/// takes effect. The message names the previous one's line.
pub(crate) fn report_repeated(checker: &mut Checker, kind: SyntaxKind) {
    let mut found = Vec::new();
    for stage in &checker.model().stages {
        let mut previous: Option<TextSize> = None;
        for instruction in stage.instructions.iter().filter(|i| i.kind() == kind) {
            let range = keyword_range(instruction);
            if let Some(before) = previous {
                found.push((range, instruction.keyword_text(), before));
            }
            previous = Some(range.start());
        }
    }
    for (range, keyword, before) in found {
        let line = checker.line_number(before);
        checker.report(
            range,
            format!(
                "`{keyword}` repeats the one on line {line} in this stage: only the last `{keyword}` takes effect, \
                 so the earlier one never does"
            ),
        );
    }
}

/// A stage's base image, as far as its tag can be known from the file.
pub(crate) struct BaseRef {
    /// The reference after expanding the global ARGs.
    pub(crate) reference: ImageRef,
    /// The image word in the file.
    pub(crate) word: TextRange,
    /// The word is written as it expands (no variables, no continuation): the ranges of
    /// `reference` point into the file.
    pub(crate) exact: bool,
}

impl BaseRef {
    /// Where to report something about the tag: the tag itself when its range is exact, else the
    /// image word.
    pub(crate) fn tag_range(&self) -> TextRange {
        match &self.reference.tag {
            Some((_, range)) if self.exact => *range,
            _ => self.word,
        }
    }
}

/// The base image of `stage` when it is an image from a registry whose name and tag are known:
/// `None` for `scratch`, for an earlier stage (matched case-insensitively, as BuildKit does), and
/// when the last path component still holds a variable after expanding the global ARGs (`$BASE`,
/// `img-${TARGETARCH}`, `repo/${NAME}`): the variable may hold the tag, or name a stage.
pub(crate) fn base_ref(checker: &Checker, stage: &Stage) -> Option<BaseRef> {
    let base = &stage.base;
    if !base.is_external() || base.expanded.is_empty() {
        return None;
    }
    let last_component = base.expanded.rsplit('/').next().unwrap_or(&base.expanded);
    if last_component.contains('$') {
        return None;
    }
    let word = stage.from.image()?.range();
    let exact = checker.slice(word) == base.expanded;
    Some(BaseRef { reference: base.image_ref()?, word, exact })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let text = "a\nb\n\nc";
        assert_eq!(line_number(text, TextSize::from(0)), 1);
        assert_eq!(line_number(text, TextSize::from(2)), 2);
        assert_eq!(line_number(text, TextSize::from(5)), 4);
        assert_eq!(line_number(text, TextSize::from(99)), 4);
    }
}
