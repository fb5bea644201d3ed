//! Real-world Dockerfiles (`../shared/corpus/real/`, beside the workspace): `analyze` runs on every
//! file without panicking, and what it builds holds together (every stage's parent is an earlier
//! stage, every RUN script's word ranges map into the file). When the corpus is absent this test
//! says so and passes.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::time::Instant;

use dflint_model::analyze;

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
    let texts: Vec<(String, String)> = names
        .iter()
        .filter_map(|name| Some((name.clone(), String::from_utf8(fs::read(dir.join(name)).ok()?).ok()?)))
        .collect();
    let parses: Vec<_> = texts.iter().map(|(_, text)| dflint_syntax::parse(text)).collect();

    let started = Instant::now();
    let mut failures = Vec::new();
    let (mut stages, mut runs, mut scripts, mut commands) = (0, 0, 0, 0);
    for ((name, text), parse) in texts.iter().zip(&parses) {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| analyze(parse)));
        let model = match outcome {
            Ok(model) => model,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                failures.push(format!("{name}: analyze panicked: {message}"));
                continue;
            }
        };
        stages += model.stages.len();
        for stage in &model.stages {
            if stage.parent.is_some_and(|p| p >= stage.index) {
                failures.push(format!("{name}: stage {} has parent {:?}", stage.index, stage.parent));
            }
            for run in &stage.runs {
                runs += 1;
                for script in &run.scripts {
                    scripts += 1;
                    commands += script.script.commands.len();
                    for command in &script.script.commands {
                        for word in command.args.iter().chain(&command.name) {
                            let range = script.file_range(word.range.clone());
                            let in_file = text.get(std::ops::Range::<usize>::from(range));
                            if in_file.is_none() {
                                failures.push(format!("{name}: word {:?} maps outside the file", word.raw));
                            }
                        }
                    }
                }
            }
        }
    }
    let elapsed = started.elapsed();
    let counts = format!(
        "real corpus: {} files analyzed in {elapsed:.2?}: {stages} stages, {runs} RUNs, {scripts} shell scripts, \
         {commands} commands, {} failing",
        texts.len(),
        failures.len()
    );
    println!("{counts}");
    if texts.is_empty() {
        failures.push(format!("no files found in {}", dir.display()));
    }
    assert!(failures.is_empty(), "{counts}\n\n{}", failures.join("\n"));
}
