//! `dflint_model::analyze` on small Dockerfiles: stages and base images, ARG/ENV scopes and
//! expansion, SHELL, RUN scripts (heredocs included), ENTRYPOINT/CMD.

use dflint_model::{analyze, FormKind, Model, Stage, VarSource};
use dflint_syntax::ast::{self, AstNode};

fn model(text: &str) -> Model {
    analyze(&dflint_syntax::parse(text))
}

/// The `n`th instruction of `stage` with keyword `keyword`.
fn instr(stage: &Stage, keyword: &str, n: usize) -> ast::Instruction {
    stage.instructions.iter().filter(|i| i.keyword_text() == keyword).nth(n).cloned().expect("instruction")
}

fn commands(stage: &Stage, run: usize) -> Vec<Vec<String>> {
    stage.runs[run]
        .scripts
        .iter()
        .map(|s| {
            s.script
                .commands
                .iter()
                .map(|c| [c.name_str().unwrap_or_default().to_string(), c.args_str().join(" ")].join(" "))
                .collect()
        })
        .collect()
}

#[test]
fn multi_stage() {
    let m = model(
        "FROM golang:1.22 AS Build\nRUN go build\n\
         FROM build AS test\nRUN go test\n\
         FROM scratch\nCOPY --from=build /app /app\n\
         FROM BUILD\n",
    );
    assert_eq!(m.stages.len(), 4);
    let [build, test, last, upper] = &m.stages[..] else { panic!() };
    assert_eq!(build.name.as_deref(), Some("Build"));
    assert_eq!(build.name_lower.as_deref(), Some("build"));
    assert!(build.base.is_external() && build.parent.is_none());
    let image = build.base.image_ref().unwrap();
    assert_eq!((image.name.0.as_str(), image.tag.unwrap().0.as_str()), ("golang", "1.22"));
    assert_eq!(test.parent, Some(0));
    assert_eq!(test.base.stage, Some(0));
    assert!(test.base.image_ref().is_none());
    assert!(last.base.is_scratch && last.name.is_none());
    assert_eq!(upper.parent, Some(0), "stage names match case-insensitively");
    assert_eq!(build.instructions.len(), 1);
    assert_eq!(m.stage_by_name("BUILD").unwrap().index, 0);
    assert_eq!(m.stage_at(test.runs[0].instruction.range().start()).unwrap().index, 1);
}

#[test]
fn later_stage_is_not_a_parent() {
    let m = model("FROM app AS base\nFROM base AS app\nFROM app\n");
    assert_eq!(m.stages[0].parent, None, "a stage only refers to earlier stages");
    assert_eq!(m.stages[1].parent, Some(0));
    assert_eq!(m.stages[2].parent, Some(1));
}

#[test]
fn global_args_in_from() {
    let m = model(
        "ARG REGISTRY=docker.io\nARG TAG=3.20\nARG IMAGE=${REGISTRY}/library/alpine:${TAG}\nARG NODEFAULT\n\
         FROM $IMAGE\nFROM alpine:${TAG:-latest}-${NODEFAULT}\nFROM --platform=$BUILDPLATFORM base:${UNDECLARED}x\n",
    );
    let defaults: Vec<_> = m.global_args.iter().map(|a| (a.name.as_str(), a.default.as_deref())).collect();
    assert_eq!(
        defaults,
        [
            ("REGISTRY", Some("docker.io")),
            ("TAG", Some("3.20")),
            ("IMAGE", Some("docker.io/library/alpine:3.20")),
            ("NODEFAULT", None)
        ]
    );
    let first = &m.stages[0].base;
    assert_eq!(first.raw, "$IMAGE");
    assert_eq!(first.expanded, "docker.io/library/alpine:3.20");
    let image = first.image_ref().unwrap();
    assert_eq!(image.registry.unwrap().0, "docker.io");
    assert_eq!(image.tag.unwrap().0, "3.20");
    assert_eq!(m.stages[1].base.expanded, "alpine:3.20-${NODEFAULT}", "no value yet: kept as written");
    assert_eq!(m.stages[2].base.expanded, "base:x", "undeclared in the global scope: empty");
    let from = m.stages[2].from.syntax().clone();
    let from = ast::Instruction::cast(from).unwrap();
    assert!(m.vars_defined_at(2, &from).contains(&"BUILDPLATFORM".to_string()));
    assert!(!m.vars_defined_at(2, &from).contains(&"UNDECLARED".to_string()));
}

#[test]
fn global_args_need_redeclaring_in_a_stage() {
    let m = model("ARG VERSION=1.0\nFROM alpine\nRUN echo $VERSION\nARG VERSION\nRUN echo $VERSION\n");
    let stage = &m.stages[0];
    let (run1, run2) = (instr(stage, "RUN", 0), instr(stage, "RUN", 1));
    assert!(!m.vars_defined_at(0, &run1).contains(&"VERSION".to_string()));
    assert_eq!(m.expand(0, &run1, "v=$VERSION"), "v=$VERSION", "from an image, an undeclared name is unknown");
    assert_eq!(m.expand(0, &run2, "v=$VERSION"), "v=1.0");
    assert_eq!(m.args_at(0, &run2), [("VERSION".to_string(), Some("1.0".to_string()))]);
}

#[test]
fn arg_and_env_precedence() {
    let m = model(
        "FROM scratch\nARG A=arg\nENV A=env B=$A\nRUN x\nARG A=arg2\nRUN y\nENV C=${A}-${NOPE:-d} D=\"two words\"\nRUN z\n\
         ARG P=1 Q=$P\nARG B\nRUN w\n",
    );
    let stage = &m.stages[0];
    let (x, y, z, w) = (instr(stage, "RUN", 0), instr(stage, "RUN", 1), instr(stage, "RUN", 2), instr(stage, "RUN", 3));
    assert_eq!(m.expand(0, &x, "$A $B"), "env arg", "ENV after ARG wins; one ENV's pairs see the scope before it");
    assert_eq!(m.expand(0, &y, "$A"), "arg2", "a later ARG wins, as in BuildKit");
    let env: Vec<_> = m.env_at(0, &z);
    assert_eq!(
        env,
        [
            ("B".to_string(), "arg".to_string()),
            ("C".to_string(), "arg2-d".to_string()),
            ("D".to_string(), "two words".to_string())
        ]
    );
    assert_eq!(m.expand(0, &w, "$P$Q"), "11", "the pairs of one ARG see the ones before");
    assert_eq!(m.expand(0, &w, "$B"), "arg", "a bare ARG does not unset an ENV");
    assert_eq!(m.expand(0, &x, "[$NOPE]"), "[]", "FROM scratch: nothing else is set");
    let scope = m.scope_at(0, &w);
    assert_eq!(scope.get("A").unwrap().source, VarSource::Arg);
    assert_eq!(scope.get("C").unwrap().source, VarSource::Env);
}

#[test]
fn unknown_values() {
    let m = model("FROM alpine\nARG V\nWORKDIR /src/$V/${V:-x}/$HOME\n");
    let workdir = instr(&m.stages[0], "WORKDIR", 0);
    assert_eq!(m.expand(0, &workdir, "/src/$V/${V:-x}/$HOME"), "/src/$V/${V:-x}/$HOME");
    assert_eq!(m.args_at(0, &workdir), [("V".to_string(), None)]);
    assert!(m.scope_at(0, &workdir).is_open());
}

#[test]
fn parent_stage_scope_is_inherited() {
    let m = model("FROM alpine AS base\nENV HOME=/home/app\nARG REV=abc\nFROM base\nRUN echo\n");
    let run = instr(&m.stages[1], "RUN", 0);
    assert_eq!(m.expand(1, &run, "$HOME@$REV"), "/home/app@abc");
    assert_eq!(m.env_at(1, &run), [("HOME".to_string(), "/home/app".to_string())]);
}

#[test]
fn escape_directive() {
    let m = model("# escape=`\nFROM scratch\nENV A=x\nWORKDIR C:\\`$A\\$A\n");
    assert_eq!(m.escape, '`');
    let workdir = instr(&m.stages[0], "WORKDIR", 0);
    assert_eq!(m.expand(0, &workdir, "C:\\`$A\\$A"), "C:\\$A\\x");
}

#[test]
fn shell_form_runs() {
    let text = "FROM debian\nRUN apt-get update \\\n    && apt-get install -y curl\n";
    let m = model(text);
    let run = &m.stages[0].runs[0];
    assert!(!run.onbuild);
    assert_eq!(run.shell, ["/bin/sh", "-c"]);
    let [script] = &run.scripts[..] else { panic!() };
    assert!(!script.from_heredoc);
    assert_eq!(script.text(), "apt-get update     && apt-get install -y curl");
    let install = &script.script.commands[1];
    assert!(install.has_flag("-y"));
    let curl = install.args.last().unwrap();
    assert_eq!(&text[script.file_range(curl.range.clone())], "curl");
    assert_eq!(&text[script.file_range(install.range.clone())], "apt-get install -y curl");
}

#[test]
fn exec_form_and_empty_runs_have_no_script() {
    let m = model("FROM debian\nRUN [\"apt-get\", \"update\"]\nRUN\n");
    assert_eq!(m.stages[0].runs.len(), 2);
    assert!(m.stages[0].runs.iter().all(|r| r.scripts.is_empty()));
}

#[test]
fn non_posix_shell_is_skipped() {
    let m = model(
        "FROM debian\nRUN echo before\nSHELL [\"pwsh\", \"-Command\"]\nRUN Get-ChildItem\n\
         FROM 0 AS child\nSHELL [\"cmd\", \"/S\", \"/C\"]\nRUN dir\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n",
    );
    let [first, second] = &m.stages[..] else { panic!() };
    assert_eq!(first.runs[0].scripts.len(), 1);
    assert_eq!(first.runs[1].shell, ["pwsh", "-Command"]);
    assert!(first.runs[1].scripts.is_empty());
    assert_eq!(first.shell, ["pwsh", "-Command"]);
    assert!(second.runs[0].scripts.is_empty());
    assert_eq!(second.runs[1].shell[0], "/bin/bash");
    assert_eq!(second.runs[1].scripts[0].script.commands.len(), 2);
    let run = instr(second, "RUN", 0);
    assert_eq!(m.shell_at(1, &run), ["cmd", "/S", "/C"]);
}

#[test]
fn windows_images_default_to_cmd() {
    let m = model(
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\nCMD ping localhost\n\
         FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-1809\nSHELL [\"/usr/bin/env\", \"bash\", \"-c\"]\nRUN ls\n",
    );
    let [servercore, nano] = &m.stages[..] else { panic!() };
    assert!(servercore.base.looks_windows() && nano.base.looks_windows());
    assert_eq!(servercore.shell, ["cmd", "/S", "/C"]);
    assert!(servercore.runs[0].scripts.is_empty());
    assert_eq!(servercore.start.argv.clone().unwrap(), ["cmd", "/S", "/C", "ping localhost"]);
    assert_eq!(nano.runs[0].scripts.len(), 1, "env bash is a POSIX shell");
    assert!(!m.stages.iter().any(|s| s.base.looks_windows() && s.base.raw == "debian"));
}

#[test]
fn shell_is_inherited_from_the_parent_stage() {
    let m = model("FROM alpine AS a\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nFROM a\nRUN x\n");
    assert_eq!(m.stages[1].runs[0].shell, ["/bin/ash", "-eo", "pipefail", "-c"]);
    assert_eq!(m.stages[1].shell, m.stages[0].shell);
}

#[test]
fn bare_heredoc_is_the_script() {
    let text = "FROM debian\nRUN <<EOF\nset -e\napt-get update\nEOF\n";
    let m = model(text);
    let run = &m.stages[0].runs[0];
    let [script] = &run.scripts[..] else { panic!("{:?}", run.scripts) };
    assert!(script.from_heredoc);
    assert_eq!(commands(&m.stages[0], 0), [["set -e", "apt-get update"]]);
    let update = &script.script.commands[1];
    assert_eq!(&text[script.file_range(update.range.clone())], "apt-get update");
}

#[test]
fn heredoc_with_shebang() {
    let m = model(
        "FROM debian\nRUN <<EOF\n#!/usr/bin/env python3\nprint('hi')\nEOF\nRUN <<EOF\n#!/bin/bash -e\necho hi\nEOF\n",
    );
    assert!(m.stages[0].runs[0].scripts.is_empty(), "a python script is not shell");
    assert_eq!(commands(&m.stages[0], 1), [["echo hi"]]);
}

#[test]
fn heredoc_fed_to_a_shell() {
    // hadolint #1137: `RUN <<EOF bash` runs the body with bash.
    let text = "FROM debian\nRUN <<EOF bash\nset -euo pipefail\ncurl -s x | sh\nEOF\n";
    let m = model(text);
    let run = &m.stages[0].runs[0];
    assert_eq!(run.scripts.len(), 2);
    let line = &run.scripts[0];
    assert!(!line.from_heredoc);
    let bash = &line.script.commands[0];
    assert_eq!(bash.name_str(), Some("bash"));
    assert!(bash.args.is_empty());
    let heredoc = &bash.redirects[0];
    assert_eq!((heredoc.op.as_str(), heredoc.target.as_ref().unwrap().value.as_str()), ("<<", "EOF"));
    assert_eq!(&text[line.file_range(heredoc.range.clone())], "<<EOF");
    let body = &run.scripts[1];
    assert!(body.from_heredoc);
    assert_eq!(body.script.commands.len(), 3);
    assert_eq!(body.script.commands[2].pipeline.unwrap().index, 1);
}

#[test]
fn heredoc_fed_to_other_programs() {
    let text = "FROM debian\nRUN python3 <<EOF\nimport os\nEOF\nRUN cat <<-\"EOT\" > /etc/conf && \\\n  sh -s -- x <<X\n\tk=v\n\tEOT\necho from sh\nX\n";
    let m = model(text);
    let stage = &m.stages[0];
    assert_eq!(stage.runs[0].scripts.len(), 1, "python reads the body");
    assert_eq!(commands(stage, 0), [["python3 "]]);
    let run = &stage.runs[1];
    assert_eq!(run.scripts.len(), 2);
    let line = &run.scripts[0].script;
    assert_eq!(line.commands.len(), 2);
    let cat = &line.commands[0];
    let ops: Vec<_> = cat.redirects.iter().map(|r| r.op.as_str()).collect();
    assert_eq!(ops, ["<<-", ">"]);
    assert_eq!(cat.redirects[0].target.as_ref().unwrap().raw, "\"EOT\"");
    assert_eq!(cat.redirects[0].target.as_ref().unwrap().value, "EOT");
    assert_eq!(line.commands[1].redirects[0].target.as_ref().unwrap().value, "X");
    assert_eq!(commands(stage, 1)[1], ["echo from sh"]);
    let body = &run.scripts[1];
    assert_eq!(&text[body.file_range(0..body.text().len())], "echo from sh\n");
}

#[test]
fn onbuild_run() {
    let m = model("FROM debian\nONBUILD RUN make install\nONBUILD RUN <<EOF\nls\nEOF\nONBUILD COPY . /src\n");
    let runs = &m.stages[0].runs;
    assert_eq!(runs.len(), 2);
    assert!(runs[0].onbuild && runs[1].onbuild);
    assert_eq!(runs[0].instruction.keyword_text(), "RUN");
    assert_eq!(commands(&m.stages[0], 0), [["make install"]]);
    assert_eq!(commands(&m.stages[0], 1), [["ls "]]);
    assert!(runs[1].scripts[0].from_heredoc);
}

#[test]
fn cmd_and_entrypoint() {
    let m = model("FROM alpine\nCMD [\"serve\", \"--port\", \"80\"]\nENTRYPOINT [\"/app\"]\n");
    let start = &m.stages[0].start;
    assert_eq!(start.argv.as_deref(), Some(&["/app".to_string(), "serve".into(), "--port".into(), "80".into()][..]));
    assert!(!start.cmd_ignored && !start.inherits_unknown);
    assert_eq!(start.entrypoint.as_ref().unwrap().kind, FormKind::Exec);
    assert_eq!(start.cmd.as_ref().unwrap().instruction.keyword_text(), "CMD");

    let m = model("FROM alpine\nSHELL [\"/bin/bash\", \"-c\"]\nENTRYPOINT exec /app \"$@\"\nCMD [\"x\"]\n");
    let start = &m.stages[0].start;
    assert_eq!(start.argv.as_deref(), Some(&["/bin/bash".to_string(), "-c".into(), "exec /app \"$@\"".into()][..]));
    assert!(start.cmd_ignored);
    assert!(start.entrypoint.as_ref().unwrap().is_shell());

    let m = model("FROM alpine\nCMD echo hi\n");
    let start = &m.stages[0].start;
    assert_eq!(start.argv.as_deref(), Some(&["/bin/sh".to_string(), "-c".into(), "echo hi".into()][..]));
    assert!(start.inherits_unknown, "alpine's own ENTRYPOINT is not known here");
    assert_eq!(start.cmd.as_ref().unwrap().args, ["echo hi"]);

    let m = model("FROM scratch\nCOPY app /\n");
    assert_eq!(m.stages[0].start.argv, None);
    assert!(!m.stages[0].start.inherits_unknown);
}

#[test]
fn entrypoint_resets_an_inherited_cmd() {
    let m = model(
        "FROM scratch AS base\nCMD [\"base-cmd\"]\nENTRYPOINT [\"/base\"]\n\
         FROM base AS child\nENTRYPOINT [\"/child\"]\n\
         FROM base AS keeps\nCMD [\"mine\"]\nENTRYPOINT [\"/keeps\"]\n\
         FROM base AS inherits\nRUN x\n\
         FROM child\nCMD [\"late\"]\n",
    );
    let argv = |i: usize| m.stages[i].start.argv.clone().unwrap();
    assert_eq!(argv(0), ["/base", "base-cmd"], "CMD before ENTRYPOINT in the same stage survives");
    assert_eq!(argv(1), ["/child"], "an inherited CMD does not survive a new ENTRYPOINT");
    assert!(m.stages[1].start.cmd.is_none());
    assert_eq!(argv(2), ["/keeps", "mine"]);
    assert_eq!(argv(3), ["/base", "base-cmd"]);
    assert_eq!(m.stages[3].start.entrypoint.as_ref().unwrap().instruction.keyword_text(), "ENTRYPOINT");
    assert_eq!(argv(4), ["/child", "late"]);
}

#[test]
fn empty_exec_entrypoint_clears_it() {
    let m = model("FROM scratch AS a\nENTRYPOINT [\"/a\"]\nFROM a\nENTRYPOINT []\nCMD [\"b\"]\n");
    assert_eq!(m.stages[1].start.argv.clone().unwrap(), ["b"]);
}

#[test]
fn files_with_errors() {
    for text in [
        "",
        "RUN echo before any FROM\n",
        "FROM\n",
        "FROM a AS\nRUN \\\n",
        "ARG\nFROM ${\nENV =x\nARG =\nCMD [\"a\", 1]\nSHELL []\nENTRYPOINT\n",
        "FROM a\nRUN <<EOF\n",
        "FROM a\nRUN <<EOF bash <<X\nunterminated",
        "FROM a\nONBUILD\nONBUILD RUN\nHEALTHCHECK CMD\nCOPY <<EOF\n",
        "\u{feff}FROM a\r\nRUN a \\\r\n b\r\n",
    ] {
        let _ = model(text);
    }
    let m = model("RUN echo before any FROM\nFROM a\n");
    assert_eq!(m.stages.len(), 1);
    assert!(m.stages[0].instructions.is_empty());
}

mod properties {
    use proptest::prelude::*;

    /// Dockerfile-ish lines: instructions, heredocs, variables, quotes, continuations.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "(FROM|from) [a-z$]{0,6}(:[a-z0-9${}]{0,4})?( [Aa][Ss] [A-Za-z]{0,3})?",
            "(ARG|ENV) [A-Z]{0,2}(=[a-z${}:\\-\"' ]{0,8})?",
            "RUN [a-z $|&;<>'\"(){}=\\-]{0,20}",
            "RUN <<[A-Z]{1,3}( [a-z]{0,4})?",
            "(CMD|ENTRYPOINT|SHELL) \\[(\"[a-z/ -]{0,5}\",? ?){0,3}\\]?",
            "(CMD|ENTRYPOINT) [a-z $]{0,10}",
            "ONBUILD (RUN|ENV|ARG) [a-z=]{0,6}",
            "[A-Z]{1,3}",
            "# escape=[`\\\\]",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// `analyze` never panics, and every RUN script's ranges map into the file.
        #[test]
        fn analyze_never_panics(lines in proptest::collection::vec(line(), 0..12), ends in "(\n|\\\n|\r\n)") {
            let text = lines.join(&ends);
            let model = dflint_model::analyze(&dflint_syntax::parse(&text));
            for stage in &model.stages {
                prop_assert!(stage.parent.is_none_or(|p| p < stage.index));
                for run in &stage.runs {
                    for script in &run.scripts {
                        for command in &script.script.commands {
                            let range = script.file_range(command.range.clone());
                            prop_assert!(usize::from(range.end()) <= text.len());
                        }
                    }
                }
            }
        }
    }
}

/// 20,000 interleaved ARG/ENV/RUN: the scope at every instruction is a view of the stage's
/// history, not a copy (asking for each used to be quadratic). Checks values, not time.
#[test]
fn scopes_of_many_interleaved_args_and_envs() {
    let n: usize = 20_000;
    let text: String = std::iter::once("FROM alpine:3.20\n".to_string())
        .chain((0..n).map(|i| format!("ARG A{i}=${{A{}}}\nENV E{i}=$A{i}\nRUN echo $E{i}\n", i.saturating_sub(1))))
        .collect();
    let m = model(&text);
    let stage = &m.stages[0];
    assert_eq!(stage.instructions.len(), 3 * n);
    for (k, instruction) in stage.instructions.iter().enumerate() {
        let scope = m.scope_at(0, instruction);
        let i = k / 3;
        match k % 3 {
            // Before `ARG A{i}`: A{i} is not declared yet, E{i-1} is.
            0 => {
                assert!(!scope.is_defined(&format!("A{i}")));
                assert_eq!(i > 0, scope.is_defined(&format!("E{}", i.saturating_sub(1))));
            }
            // `A0` is unknown (`FROM` an image), so every `A{i}` is `${A0}` as written.
            1 => assert_eq!(scope.get(&format!("A{i}")).and_then(|v| v.value.as_deref()), Some("${A0}")),
            _ => assert_eq!(scope.get(&format!("E{i}")).map(|v| v.source), Some(VarSource::Env)),
        }
        if k % 997 == 0 {
            assert_eq!(scope.iter().count(), k / 3 * 2 + (k % 3));
        }
    }
    assert_eq!(stage.final_scope().iter().count(), 2 * n);
}
