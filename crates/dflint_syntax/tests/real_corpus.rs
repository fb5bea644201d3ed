//! Real-world Dockerfiles (`../shared/corpus/real/`, beside the workspace): every file is UTF-8,
//! parses without panicking, round-trips through the tree byte for byte, and has no syntax errors.
//!
//! A file that is expected to fail goes in [`KNOWN_FAILURES`] with the reason; an entry that no
//! longer fails (or names no file) is itself a failure, so the list stays honest. When the corpus is
//! absent this test says so and passes.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use dflint_syntax::parse;

/// `(file name, reason)` for corpus files that are expected to fail this test.
const KNOWN_FAILURES: &[(&str, &str)] = &[];

#[test]
fn real_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    let Ok(entries) = fs::read_dir(&dir) else {
        let notice = format!("NOTICE: {} is absent: skipping the real corpus test", dir.display());
        eprintln!("{notice}");
        println!("{notice}");
        return;
    };
    let mut names: Vec<String> = entries
        .map(|entry| entry.expect("directory entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "MANIFEST.tsv")
        .collect();
    names.sort();

    let mut failures = Vec::new();
    let (mut ok, mut known) = (0, 0);
    for name in &names {
        let known_reason = KNOWN_FAILURES.iter().find(|(file, _)| file == name).map(|(_, why)| why);
        match (check(&dir.join(name)), known_reason) {
            (Ok(()), None) => ok += 1,
            (Err(problems), None) => failures.push(format!("{name}:\n  {}", problems.join("\n  "))),
            (Err(_), Some(_)) => known += 1,
            (Ok(()), Some(why)) => {
                failures.push(format!("{name}: passes now, but KNOWN_FAILURES lists it ({why}): remove the entry"))
            }
        }
    }
    for (file, _) in KNOWN_FAILURES {
        if !names.iter().any(|name| name == file) {
            failures.push(format!("{file}: listed in KNOWN_FAILURES but not in the corpus"));
        }
    }

    let counts =
        format!("real corpus: {ok}/{} files ok, {known} known failures, {} failing", names.len(), failures.len());
    println!("{counts}");
    if names.is_empty() {
        failures.push(format!("no files found in {}", dir.display()));
    }
    if !failures.is_empty() {
        panic!("{counts}\n\n{}", failures.join("\n"));
    }
}

/// Everything wrong with one file, or `Ok`.
fn check(path: &Path) -> Result<(), Vec<String>> {
    let bytes = fs::read(path).map_err(|err| vec![format!("cannot read: {err}")])?;
    let text = String::from_utf8(bytes)
        .map_err(|err| vec![format!("not UTF-8: invalid byte at offset {}", err.utf8_error().valid_up_to())])?;
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        let parse = parse(&text);
        let mut problems = Vec::new();

        let tokens: String = parse
            .syntax_node()
            .descendants_with_tokens()
            .filter_map(|element| element.into_token())
            .map(|token| token.text().to_owned())
            .collect();
        if tokens != text {
            let at = tokens.bytes().zip(text.bytes()).take_while(|(a, b)| a == b).count();
            problems.push(format!(
                "tokens do not add up to the file ({} bytes vs {}): first difference at offset {at}",
                tokens.len(),
                text.len()
            ));
        }

        for error in parse.errors() {
            let start = usize::from(error.range.start()).min(text.len());
            let line = text.as_bytes()[..start].iter().filter(|&&b| b == b'\n').count() + 1;
            problems.push(format!("line {line}: error {:?}: {}", error.range, error.message));
        }
        problems
    }));
    match outcome {
        Ok(problems) if problems.is_empty() => Ok(()),
        Ok(problems) => Err(problems),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(non-string panic payload)".to_owned());
            Err(vec![format!("parse panicked: {message}")])
        }
    }
}
