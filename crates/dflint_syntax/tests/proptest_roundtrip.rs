//! Properties of `parse` on any input: it does not panic, the tree's text is the input, and every
//! error range lies inside the text on character boundaries. The first property draws from
//! Dockerfile-shaped fragments (keywords, flags, quotes, escapes, heredocs, variables, directives,
//! odd line endings), the second from arbitrary characters.

use dflint_syntax::{buildkit, debug_tree, parse};
use proptest::prelude::*;

mod common;
use common::FRAGMENTS;

/// Checks the properties for one input; the `Err` says which one failed.
fn check(text: &str) -> Result<(), TestCaseError> {
    let parse = parse(text);
    let root = parse.syntax_node();
    prop_assert_eq!(root.text().to_string(), text, "the tree's text is not the input");
    for error in parse.errors() {
        let (start, end) = (usize::from(error.range.start()), usize::from(error.range.end()));
        prop_assert!(end <= text.len(), "error {:?} ends past the text: {}", error.range, error.message);
        prop_assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "error {:?} splits a character: {}",
            error.range,
            error.message
        );
    }
    // These read the whole tree: they must not panic either.
    debug_tree(&root);
    let _ = buildkit::dump(&parse);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn dockerfile_shaped(text in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..64)
        .prop_map(|fragments| fragments.concat()))
    {
        check(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn arbitrary_chars(text in proptest::collection::vec(any::<char>(), 0..24)
        .prop_map(|chars| chars.into_iter().collect::<String>()))
    {
        check(&text)?;
    }
}
