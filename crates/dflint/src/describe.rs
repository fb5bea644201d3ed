//! `dflint describe FILE`: what each stage of a Dockerfile builds, from the same model the
//! language server's hovers use (`dflint_model`): name, base, parent stage, user, working
//! directory, exposed ports, environment, the effective start command as an argv, and the
//! instructions that create filesystem layers (RUN, COPY, ADD).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use dflint_model::{Model, Stage, VarSource};
use dflint_syntax::ast::AstNode;
use dflint_syntax::SyntaxKind;
use serde::Serialize;

use crate::source::SourceFile;

/// Describe the stages of a Dockerfile: base, user, workdir, ports, env, start command, layers.
#[derive(Debug, clap::Args)]
pub(crate) struct DescribeArgs {
    /// The Dockerfile (`-` for standard input).
    file: PathBuf,
    /// `text` for people, `json` for programs.
    #[arg(long, value_enum, default_value_t = DescribeFormat::Text)]
    format: DescribeFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum DescribeFormat {
    Text,
    Json,
}

#[derive(Debug, Serialize)]
struct FileJson {
    file: String,
    stages: Vec<StageJson>,
}

#[derive(Clone, Debug, Serialize)]
struct StageJson {
    index: usize,
    name: Option<String>,
    /// The base image as written, and with the global ARGs expanded.
    base: String,
    base_expanded: String,
    /// The stage of this file it is built on, by name (or index when unnamed).
    parent: Option<String>,
    user: Option<String>,
    workdir: Option<String>,
    exposed_ports: Vec<String>,
    env: Vec<EnvJson>,
    start: StartJson,
    layers: Vec<LayerJson>,
}

#[derive(Clone, Debug, Serialize)]
struct EnvJson {
    name: String,
    value: String,
}

#[derive(Clone, Debug, Serialize)]
struct StartJson {
    /// What the container runs; `null` when this file sets neither ENTRYPOINT nor CMD.
    argv: Option<Vec<String>>,
    entrypoint: Option<Vec<String>>,
    cmd: Option<Vec<String>>,
    /// A shell-form ENTRYPOINT ignores the CMD.
    cmd_ignored: bool,
    /// The base image's own ENTRYPOINT (unknown here) may come first.
    inherits_image_entrypoint: bool,
}

#[derive(Clone, Debug, Serialize)]
struct LayerJson {
    line: u32,
    instruction: String,
    text: String,
}

pub(crate) fn run(args: DescribeArgs) -> anyhow::Result<ExitCode> {
    let source = SourceFile::read(&args.file)?;
    let parse = dflint_syntax::parse(&source.text);
    let model = dflint_model::analyze(&parse);
    let mut stages: Vec<StageJson> = Vec::new();
    for stage in &model.stages {
        let parent = stage.parent.and_then(|p| stages.get(p)).cloned();
        stages.push(describe(&source, &model, stage, parent.as_ref()));
    }
    let described = FileJson { file: source.name.clone(), stages };
    let out = match args.format {
        DescribeFormat::Json => serde_json::to_string_pretty(&described)? + "\n",
        DescribeFormat::Text => text(&described),
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn describe(source: &SourceFile, model: &Model, stage: &Stage, parent: Option<&StageJson>) -> StageJson {
    let mut user = parent.and_then(|p| p.user.clone());
    let mut workdir = parent.and_then(|p| p.workdir.clone());
    let mut ports = parent.map(|p| p.exposed_ports.clone()).unwrap_or_default();
    let mut layers = Vec::new();
    for instr in &stage.instructions {
        let words = || instr.words().map(|w| model.expand(stage.index, instr, &w.logical_text())).collect::<Vec<_>>();
        match instr.kind() {
            SyntaxKind::USER_INSTR => user = words().into_iter().next(),
            SyntaxKind::WORKDIR_INSTR => {
                if let Some(dir) = words().into_iter().next() {
                    workdir = Some(join(workdir.as_deref(), &dir));
                }
            }
            SyntaxKind::EXPOSE_INSTR => {
                for port in words() {
                    if !ports.contains(&port) {
                        ports.push(port);
                    }
                }
            }
            SyntaxKind::RUN_INSTR | SyntaxKind::COPY_INSTR | SyntaxKind::ADD_INSTR => {
                let text = instr.logical_text();
                layers.push(LayerJson {
                    line: source.position(instr.range().start()).line,
                    instruction: instr.keyword_text(),
                    text: text.lines().next().unwrap_or("").trim().to_string(),
                });
            }
            _ => {}
        }
    }
    let env = stage
        .final_scope()
        .iter()
        .filter(|v| v.source == VarSource::Env)
        .map(|v| EnvJson { name: v.name.clone(), value: v.value.clone().unwrap_or_default() })
        .collect();
    let start = &stage.start;
    StageJson {
        index: stage.index,
        name: stage.name.clone(),
        base: stage.base.raw.clone(),
        base_expanded: stage.base.expanded.clone(),
        parent: parent.map(|p| p.name.clone().unwrap_or_else(|| p.index.to_string())),
        user,
        workdir,
        exposed_ports: ports,
        env,
        start: StartJson {
            argv: start.argv.clone(),
            entrypoint: start.entrypoint.as_ref().map(|f| f.argv.clone()),
            cmd: start.cmd.as_ref().map(|f| f.argv.clone()),
            cmd_ignored: start.cmd_ignored,
            inherits_image_entrypoint: start.inherits_unknown,
        },
        layers,
    }
}

/// `dir` resolved against the previous WORKDIR, as BuildKit does (a relative path without a
/// previous WORKDIR is relative to `/`).
fn join(previous: Option<&str>, dir: &str) -> String {
    if dir.starts_with('/') {
        return dir.to_string();
    }
    let base = previous.unwrap_or("/");
    if base.ends_with('/') {
        format!("{base}{dir}")
    } else {
        format!("{base}/{dir}")
    }
}

fn text(file: &FileJson) -> String {
    let mut out = String::new();
    for s in &file.stages {
        let name = s.name.as_deref().map_or(String::new(), |n| format!(" {n}"));
        out.push_str(&format!("stage {}{name}: FROM {}", s.index, s.base));
        if s.base_expanded != s.base {
            out.push_str(&format!(" ({})", s.base_expanded));
        }
        out.push('\n');
        let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
        out.push_str(&format!("  parent:  {}\n", or_dash(&s.parent)));
        out.push_str(&format!("  user:    {}\n", or_dash(&s.user)));
        out.push_str(&format!("  workdir: {}\n", or_dash(&s.workdir)));
        if !s.exposed_ports.is_empty() {
            out.push_str(&format!("  expose:  {}\n", s.exposed_ports.join(" ")));
        }
        for e in &s.env {
            out.push_str(&format!("  env:     {}={}\n", e.name, e.value));
        }
        let start = match &s.start.argv {
            Some(argv) => serde_json::to_string(argv).unwrap_or_default(),
            None => "- (the base image's)".to_string(),
        };
        out.push_str(&format!("  start:   {start}\n"));
        if s.start.cmd_ignored {
            out.push_str("           (CMD ignored: shell-form ENTRYPOINT)\n");
        }
        for l in &s.layers {
            out.push_str(&format!("  layer:   line {}: {}\n", l.line, l.text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workdir_joins() {
        assert_eq!(join(None, "app"), "/app");
        assert_eq!(join(Some("/srv"), "app"), "/srv/app");
        assert_eq!(join(Some("/srv"), "/opt"), "/opt");
    }
}
