//! `dflint describe`: the stages of a Dockerfile as the model reads them.

use std::process::Command;

use serde_json::{json, Value};

const TEXT: &str = "\
ARG BASE=golang:1.22
FROM $BASE AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app
FROM build AS runtime
USER app:app
WORKDIR bin
EXPOSE 8080/tcp
ENV MODE=prod
ENTRYPOINT [\"/out/app\"]
CMD [\"--serve\"]
";

fn describe(format: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Dockerfile");
    std::fs::write(&path, TEXT).unwrap();
    let output =
        Command::new(env!("CARGO_BIN_EXE_dflint")).args(["describe", "--format", format]).arg(&path).output().unwrap();
    (output.status.success(), String::from_utf8(output.stdout).unwrap())
}

#[test]
fn json() {
    let (ok, out) = describe("json");
    assert!(ok);
    let value: Value = serde_json::from_str(&out).unwrap();
    let stages = value["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 2);
    assert_eq!(stages[0]["base_expanded"], "golang:1.22");
    assert_eq!(stages[0]["workdir"], "/src");
    assert_eq!(stages[0]["start"]["argv"], Value::Null);
    assert_eq!(stages[0]["start"]["inherits_image_entrypoint"], true);
    let layers: Vec<&str> =
        stages[0]["layers"].as_array().unwrap().iter().map(|l| l["instruction"].as_str().unwrap()).collect();
    assert_eq!(layers, ["COPY", "RUN"]);
    let runtime = &stages[1];
    assert_eq!(runtime["parent"], "build");
    assert_eq!(runtime["user"], "app:app");
    assert_eq!(runtime["workdir"], "/src/bin");
    assert_eq!(runtime["exposed_ports"], json!(["8080/tcp"]));
    assert_eq!(runtime["env"], json!([{ "name": "MODE", "value": "prod" }]));
    assert_eq!(runtime["start"]["argv"], json!(["/out/app", "--serve"]));
    assert_eq!(runtime["layers"], json!([]));
}

#[test]
fn text() {
    let (ok, out) = describe("text");
    assert!(ok);
    assert!(out.contains("stage 1 runtime: FROM build\n  parent:  build\n  user:    app:app\n"), "{out}");
    assert!(out.contains("  start:   [\"/out/app\",\"--serve\"]\n"), "{out}");
}
