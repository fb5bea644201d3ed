//! Settings: `initializationOptions`, `workspace/didChangeConfiguration`, and `.dflint.toml` read
//! again on `workspace/didChangeWatchedFiles`.

use serde_json::json;
use tower_lsp_server::ls_types::Uri;

use crate::support::{codes, uri, Client};

const BAD_JSON: &str = "FROM alpine:3.20\nCMD ['sleep', '10']\n";

fn has(diagnostics: &[serde_json::Value], code: &str) -> bool {
    codes(diagnostics).iter().any(|c| c == code)
}

#[tokio::test]
async fn initialization_options_select_the_rules() {
    let mut client = Client::start(json!({ "dflint": { "ignore": ["DF002"] } })).await;
    assert!(!has(&client.open(&uri("init"), BAD_JSON).await, "DF002"));
    let mut client = Client::start(json!({ "select": ["DF002"] })).await;
    let diagnostics = client.open(&uri("init2"), BAD_JSON).await;
    assert!(codes(&diagnostics).iter().all(|c| c == "DF002") && has(&diagnostics, "DF002"));
}

#[tokio::test]
async fn did_change_configuration_relints_open_documents() {
    let mut client = Client::start(json!(null)).await;
    let uri = uri("configuration");
    assert!(has(&client.open(&uri, BAD_JSON).await, "DF002"));
    let settings = json!({ "settings": { "dflint": { "ignore": ["invalid-json-array", "DF002"] } } });
    client.notify("workspace/didChangeConfiguration", settings).await;
    assert!(!has(&client.diagnostics(&uri).await.1, "DF002"));
    // An unknown rule is reported, and the defaults apply.
    let settings = json!({ "settings": { "dflint": { "select": ["NOPE123"] } } });
    client.notify("workspace/didChangeConfiguration", settings).await;
    let diagnostics = client.diagnostics(&uri).await.1;
    assert!(diagnostics[0]["message"].as_str().unwrap().contains("NOPE123"), "{diagnostics:?}");
    assert!(has(&diagnostics, "DF002"));
}

#[tokio::test]
async fn dflint_toml_is_read_again_when_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".dflint.toml");
    std::fs::write(&config, "ignore = [\"DF002\"]\n").unwrap();
    let dockerfile = dir.path().join("Dockerfile");
    let uri = Uri::from_file_path(&dockerfile).unwrap().as_str().to_string();
    let mut client = Client::start(json!(null)).await;
    assert!(!has(&client.open(&uri, BAD_JSON).await, "DF002"));

    std::fs::write(&config, "ignore = []\n").unwrap();
    let config_uri = Uri::from_file_path(&config).unwrap().as_str().to_string();
    let changes = json!({ "changes": [{ "uri": config_uri, "type": 2 }] });
    client.notify("workspace/didChangeWatchedFiles", changes).await;
    assert!(has(&client.diagnostics(&uri).await.1, "DF002"));

    // A broken configuration file is shown as a diagnostic; the defaults apply meanwhile.
    std::fs::write(&config, "ignore = [\"NOPE\"]\n").unwrap();
    let changes = json!({ "changes": [{ "uri": config_uri, "type": 2 }] });
    client.notify("workspace/didChangeWatchedFiles", changes).await;
    let diagnostics = client.diagnostics(&uri).await.1;
    assert!(diagnostics[0]["message"].as_str().unwrap().contains("configuration error"), "{diagnostics:?}");
    assert!(has(&diagnostics, "DF002"));
}
