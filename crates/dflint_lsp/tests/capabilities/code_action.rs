//! Code actions: quick fixes, "Ignore CODE for this instruction", and `source.fixAll.dflint`.

use serde_json::{json, Value};

use crate::support::{apply, codes, pos, uri, Client};

async fn actions(client: &mut Client, uri: &str, start: Value, end: Value, only: Option<&[&str]>) -> Vec<Value> {
    let diagnostics: Vec<Value> = Vec::new();
    let mut context = json!({ "diagnostics": diagnostics });
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    let params = json!({ "textDocument": { "uri": uri }, "range": { "start": start, "end": end }, "context": context });
    client.request("textDocument/codeAction", params).await.as_array().cloned().unwrap_or_default()
}

fn edits<'a>(action: &'a Value, uri: &str) -> &'a [Value] {
    action["edit"]["changes"][uri].as_array().map(Vec::as_slice).unwrap_or(&[])
}

#[tokio::test]
async fn quick_fix_and_apply() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("quickfix");
    let text = "FROM alpine:3.20\nCMD ['sleep', '10']\n";
    client.open(&uri, text).await;
    let at = pos(text, "['sleep'", 1);
    let actions = actions(&mut client, &uri, at.clone(), at, None).await;
    let fix = actions.iter().find(|a| a["title"].as_str().unwrap().contains("(DF002)")).expect("DF002's fix");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true, "a safe fix is preferred");
    assert_eq!(fix["diagnostics"][0]["code"], "DF002");
    let fixed = apply(text, edits(fix, &uri));
    assert_eq!(fixed, "FROM alpine:3.20\nCMD [\"sleep\", \"10\"]\n");
    client.replace(&uri, 2, &fixed).await;
    assert!(!codes(&client.diagnostics(&uri).await.1).contains(&"DF002".to_string()));
}

#[tokio::test]
async fn ignore_for_this_instruction_adds_then_extends_a_pragma() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("ignore");
    let text = "FROM alpine:3.20\n  CMD ['sleep', '10']\n";
    client.open(&uri, text).await;
    let at = pos(text, "['sleep'", 1);
    let all = actions(&mut client, &uri, at.clone(), at, None).await;
    let ignore = all.iter().find(|a| a["title"] == "Ignore DF002 for this instruction").expect("an ignore action");
    let with_pragma = apply(text, edits(ignore, &uri));
    assert_eq!(with_pragma, "FROM alpine:3.20\n  # dflint ignore=DF002\n  CMD ['sleep', '10']\n");
    client.replace(&uri, 2, &with_pragma).await;
    let diagnostics = client.diagnostics(&uri).await.1;
    assert!(!codes(&diagnostics).contains(&"DF002".to_string()), "{diagnostics:?}");

    // A second rule on the same instruction extends the line.
    let text = "FROM alpine:3.20\n# dflint ignore=DL3061\nCMD ['sleep', '10']\n";
    client.replace(&uri, 3, text).await;
    client.diagnostics(&uri).await;
    let at = pos(text, "['sleep'", 1);
    let all = actions(&mut client, &uri, at.clone(), at, Some(&["quickfix"])).await;
    let ignore = all.iter().find(|a| a["title"] == "Ignore DF002 for this instruction").unwrap();
    assert_eq!(
        apply(text, edits(ignore, &uri)),
        "FROM alpine:3.20\n# dflint ignore=DL3061,DF002\nCMD ['sleep', '10']\n"
    );
}

#[tokio::test]
async fn fix_all_applies_the_safe_fixes() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("fixall");
    let text = "FROM alpine:3.20\nCMD ['sleep', '10']\nENTRYPOINT ['tini', '--']\n";
    client.open(&uri, text).await;
    let start = json!({ "line": 0, "character": 0 });
    let all = actions(&mut client, &uri, start.clone(), start, Some(&["source.fixAll"])).await;
    assert_eq!(all.len(), 1, "only the fix-all action: {all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.dflint");
    let fixed = apply(text, edits(&all[0], &uri));
    let expected = dflint_lint::fix::fix_file(text, &Default::default(), dflint_lint::Applicability::Safe, 10).text;
    assert_eq!(fixed, expected);
    assert!(fixed.contains("CMD [\"sleep\", \"10\"]") && fixed.contains("ENTRYPOINT [\"tini\", \"--\"]"), "{fixed}");
}
