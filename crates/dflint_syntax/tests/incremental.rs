//! `Parse::reparse` (the language server's parse after an edit) gives exactly what `parse` gives
//! for the new text: the same tree and the same errors. Random edits (inserted Dockerfile-shaped
//! fragments, deleted spans) on every file of the real corpus (`../shared/corpus/real/`, beside
//! the workspace; skipped with a notice when absent) and on generated files, each edit applied to
//! the previous reparse (so mistakes would add up), compared with a full parse every time.

use dflint_syntax::{parse, Parse, TextRange, TextSize};
use proptest::prelude::*;
use std::path::Path;

mod common;
use common::FRAGMENTS;

const INSERTS: &[&str] = &[
    "a",
    "x",
    " ",
    "\t",
    "\\",
    "`",
    "\n",
    "\r\n",
    "\r",
    "#",
    "# c\n",
    "<<EOF",
    "<<-EOF",
    "EOF",
    "\nEOF\n",
    "\"",
    "'",
    "$",
    "${",
    "}",
    "=",
    "--",
    "--mount=type=cache,target=/x ",
    "[",
    "]",
    ",",
    "\\\n",
    " \\\n  ",
    "é",
    "RUN ",
    "FROM ",
    "\nRUN x\n",
    "COPY <<EOF /a\n",
    "\u{feff}",
];

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Applies one random edit to `text`: the new text, the deleted range and the inserted length.
fn random_edit(text: &str, rng: &mut Rng) -> (String, TextRange, TextSize) {
    let start = boundary(text, rng.below(text.len() + 1));
    let (end, insert) = if rng.below(3) == 0 && start < text.len() {
        (boundary(text, start + 1 + rng.below(6)).max(start), "")
    } else if rng.below(4) == 0 && start < text.len() {
        (boundary(text, start + 1 + rng.below(3)).max(start), INSERTS[rng.below(INSERTS.len())])
    } else {
        (start, INSERTS[rng.below(INSERTS.len())])
    };
    let mut new = String::with_capacity(text.len() + insert.len());
    new.push_str(&text[..start]);
    new.push_str(insert);
    new.push_str(&text[end..]);
    let range = TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32));
    (new, range, TextSize::from(insert.len() as u32))
}

fn same(a: &Parse, b: &Parse) -> bool {
    a.green() == b.green() && a.errors() == b.errors()
}

/// Edits `text` `edits` times; returns how many reparses were incremental.
fn check_edits(name: &str, text: &str, edits: usize, rng: &mut Rng) -> usize {
    let mut text = text.to_string();
    let mut current = parse(&text);
    let mut incremental = 0;
    for step in 0..edits {
        let (new, deleted, inserted) = random_edit(&text, rng);
        let full = parse(&new);
        if let Some(quick) = current.try_reparse(&new, deleted, inserted) {
            incremental += 1;
            assert!(
                same(&quick, &full),
                "{name}, edit {step}: {deleted:?} -> {:?}: the reparse differs from a full parse\n\
                 reparse errors {:?}\nfull errors {:?}",
                &new[usize::from(deleted.start())..usize::from(deleted.start() + inserted)],
                quick.errors(),
                full.errors()
            );
        }
        assert!(same(&current.reparse(&new, deleted, inserted), &full));
        text = new;
        current = full;
    }
    incremental
}

#[test]
fn reparse_equals_parse_on_the_real_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        let notice = format!("NOTICE: {} is absent: skipping the incremental reparse corpus test", dir.display());
        eprintln!("{notice}");
        println!("{notice}");
        return;
    };
    let mut paths: Vec<_> =
        entries.map(|e| e.expect("entry").path()).filter(|p| !p.ends_with("MANIFEST.tsv")).collect();
    paths.sort();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut edits, mut incremental) = (0, 0);
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        incremental += check_edits(&path.display().to_string(), &text, 12, &mut rng);
        edits += 12;
    }
    println!("{edits} edits, {incremental} reparsed incrementally");
    assert!(incremental * 4 > edits, "only {incremental} of {edits} edits were reparsed incrementally");
}

#[test]
fn reparse_keeps_the_escape_character_and_shifts_errors() {
    let text = "# escape=`\nFROO a\nFROM a\nRUN echo `\n  b\nRUN <<EOF\nx\nEOF\nBLAH x\n";
    let at = text.find("echo").unwrap() + 4;
    let new = format!("{}X{}", &text[..at], &text[at..]);
    let range = TextRange::empty(TextSize::from(at as u32));
    let quick = parse(text).try_reparse(&new, range, TextSize::from(1)).expect("an edit inside a RUN");
    assert!(same(&quick, &parse(&new)));
    assert_eq!(quick.errors().len(), 2, "{:?}", quick.errors());
    // Making the last line of an instruction continue changes what follows: a full parse.
    let at = text.find("  b").unwrap() + 3;
    let new = format!("{} `{}", &text[..at], &text[at..]);
    assert!(parse(text).try_reparse(&new, TextRange::empty(TextSize::from(at as u32)), TextSize::from(2)).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn reparse_equals_parse_on_generated_files(
        parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..60),
        seed in 1u64..u64::MAX,
    ) {
        let text: String = parts.concat();
        let mut rng = Rng(seed);
        check_edits("generated", &text, 8, &mut rng);
    }
}

/// Every edit (a deletion of up to three bytes, replaced by nothing or by one of the pieces) of
/// every text of up to four pieces: short texts are where an instruction's lines are all
/// trivia, continuations and blanks, the cases random edits of real files rarely reach (the
/// language server fuzzer found one: a `\` alone on the line before an instruction).
#[test]
fn reparse_equals_parse_on_every_small_edit() {
    const PIECES: &[&str] = &["\n", "\\", "a", " ", "#", "<<E", "E", "\r\n", "\r", "`", "# escape=`\n", "${"];
    let mut texts = vec![String::new()];
    let mut frontier = vec![String::new()];
    for _ in 0..3 {
        frontier = frontier.iter().flat_map(|t| PIECES.iter().map(move |p| format!("{t}{p}"))).collect();
        texts.extend(frontier.iter().cloned());
    }
    let mut incremental = 0;
    for text in &texts {
        let old = parse(text);
        for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in (start..=(start + 3).min(text.len())).filter(|&i| text.is_char_boundary(i)) {
                for insert in PIECES.iter().copied().chain([""]) {
                    let new = format!("{}{insert}{}", &text[..start], &text[end..]);
                    let deleted = TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32));
                    if let Some(quick) = old.try_reparse(&new, deleted, TextSize::of(insert)) {
                        incremental += 1;
                        assert!(same(&quick, &parse(&new)), "{text:?}, {deleted:?} -> {insert:?}: {new:?}");
                    }
                }
            }
        }
    }
    assert!(incremental > 10_000, "only {incremental} edits were reparsed incrementally");
}
