//! The formatter over real-world Dockerfiles (`../shared/corpus/real/`, beside the workspace).
//! For every file:
//!
//! 1. **Idempotent**: formatting the formatted text changes nothing.
//! 2. **Meaning kept**: BuildKit's dump ([`buildkit::dump`]) of the formatted file equals the
//!    original's, line for line (one line per instruction), with two allowed differences:
//!    - *shell-form command strings* (the last, quoted part of the dump line of a `RUN`, `CMD`,
//!      `ENTRYPOINT`, `SHELL` or `HEALTHCHECK CMD` written in shell form, also under `ONBUILD`)
//!      are compared as sequences of shell words: the text (continuations already joined by
//!      BuildKit) is split at runs of blanks (spaces and tabs) that stand outside quotes, and the
//!      pieces must be byte-identical. Blanks inside `'...'`, `"..."`, `$'...'`, `` `...` ``,
//!      `$(...)` and `${...}`, escaped blanks (`\ `), and a comment (from a `#` that starts a word
//!      to the end) belong to the piece they are in, so quoted text is compared byte for byte and
//!      only the amount of separating blank between words may differ. Operators separated by
//!      blanks (`&&`, `||`, `|`, `;`) are pieces of their own, so their order and place are kept.
//!    - the `AS` of `FROM image AS name` may differ in letter case (BuildKit ignores it).
//!
//!    When BuildKit rejects the original, it must reject the result with the same message. The
//!    parser directives and the byte-order mark must be identical.
//! 3. **Heredocs**: every heredoc body and terminator is byte-identical, in order.
//! 4. **Comments**: the multiset of comment texts (without trailing blanks, which the formatter
//!    removes) is the same.
//!
//! This equivalence is written here independently of the formatter's own safety net, so that
//! the test does not trust the code it checks. Every failing file is reported. When the corpus is
//! absent this test says so and passes.

use std::fs;
use std::path::Path;

use dflint_fmt::{format, FormatOptions};
use dflint_syntax::parse;

mod common;
use common::{comment_multiset, is_heredoc, same_meaning, token_texts};

#[test]
fn real_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    let Ok(entries) = fs::read_dir(&dir) else {
        let notice = format!("NOTICE: {} is absent: skipping the formatter's real corpus test", dir.display());
        eprintln!("{notice}");
        println!("{notice}");
        return;
    };
    let mut names: Vec<String> = entries
        .map(|entry| entry.expect("directory entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "MANIFEST.tsv")
        .collect();
    names.sort();

    let options = FormatOptions::default();
    let mut failures = Vec::new();
    let (mut files, mut changed, mut refused) = (0, 0, 0);
    let (mut idempotency, mut meaning, mut heredocs, mut comments) = (0, 0, 0, 0);
    for name in &names {
        let Ok(text) = fs::read_to_string(dir.join(name)) else { continue };
        files += 1;
        let formatted = match format(&text, &options) {
            Ok(formatted) => formatted,
            Err(err) => {
                refused += 1;
                failures.push(format!("{name}: not formatted: {err}"));
                continue;
            }
        };
        if formatted != text {
            changed += 1;
        }
        let mut problems = Vec::new();
        match format(&formatted, &options) {
            Ok(again) if again == formatted => {}
            Ok(again) => {
                idempotency += 1;
                problems.push(format!("not idempotent:\n{}", first_difference(&formatted, &again)));
            }
            Err(err) => {
                idempotency += 1;
                problems.push(format!("the formatted text is not formatted again: {err}"));
            }
        }
        let (before, after) = (parse(&text), parse(&formatted));
        if let Err(problem) = same_meaning(&before, &after) {
            meaning += 1;
            problems.push(format!("meaning changed: {problem}"));
        }
        if token_texts(&before, is_heredoc) != token_texts(&after, is_heredoc) {
            heredocs += 1;
            problems.push("a heredoc body or terminator changed".to_string());
        }
        if comment_multiset(&before) != comment_multiset(&after) {
            comments += 1;
            problems.push("the comments changed".to_string());
        }
        if !problems.is_empty() {
            failures.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
    }

    let counts = format!(
        "formatter, real corpus: {files} files, {changed} changed by formatting, {refused} not formatted, \
         {idempotency} not idempotent, {meaning} with a changed meaning, {heredocs} with a changed heredoc, \
         {comments} with changed comments"
    );
    println!("{counts}");
    if files == 0 {
        failures.push(format!("no files found in {}", dir.display()));
    }
    if !failures.is_empty() {
        panic!("{counts}\n\n{}", failures.join("\n"));
    }
}

/// The first differing line of two texts, with its number.
fn first_difference(a: &str, b: &str) -> String {
    let (mut la, mut lb) = (a.lines(), b.lines());
    let mut n = 1;
    loop {
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => n += 1,
            (x, y) => return format!("    line {n}: {x:?}\n    again:  {y:?}"),
        }
    }
}
