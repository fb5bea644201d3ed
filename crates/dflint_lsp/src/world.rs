//! The server's state: the open documents (version, text, tree, findings), the settings that apply
//! to each, the position encoding, and how findings reach the client.
//!
//! Handlers run concurrently, so every document keeps its version: an edit older than the text it
//! would apply to is dropped, linting happens inside the handler that changed the text, and a
//! publication goes out only while its version is still the newest. The diagnostics a client last
//! received for a document are therefore always those of its newest text.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use dflint_config::{Config, Discovery, Overrides};
use dflint_lint::Settings;
use dflint_syntax::ast::SourceFile;
use dflint_syntax::{Parse, TextRange, TextSize};
use line_index::LineIndex;
use serde::Deserialize;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticSeverity, Position, PublishDiagnosticsParams, Range, TextDocumentContentChangeEvent, Uri,
};
use tower_lsp_server::Client;

use crate::convert::{self, Encoding, Lines};

/// Everything the server knows.
pub struct World {
    /// The connection to the editor.
    pub client: Client,
    /// Where diagnostics go, serialised, when the server runs on stdio (else through `client`).
    frames: Option<crate::transport::Frames>,
    documents: RwLock<HashMap<Uri, Document>>,
    config: Mutex<ConfigState>,
    encoding: OnceLock<Encoding>,
    can_watch_files: OnceLock<bool>,
    /// The version last published for each document, under the lock that orders publications.
    published: tokio::sync::Mutex<HashMap<Uri, Option<i32>>>,
    /// Taken while ShellCheck runs, so that one run goes at a time.
    shellcheck: tokio::sync::Mutex<()>,
}

/// One version of an open document, analysed. Cheap to clone: handlers take one and work on it
/// without holding any lock.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// The document.
    pub uri: Uri,
    /// The editor's version of the text.
    pub version: i32,
    /// The text.
    pub text: Arc<String>,
    /// Line starts of the text.
    pub index: Arc<LineIndex>,
    /// The tree.
    pub parse: Parse,
    /// What `dflint_lint::lint` found in it, with fixes.
    pub findings: Arc<Vec<dflint_lint::Diagnostic>>,
    /// The settings it was linted with.
    pub settings: Arc<Settings>,
    /// Why the configuration that applies could not be used, if it could not.
    pub config_error: Option<String>,
    /// Set when linting this text failed (a bug in a rule): the findings are then empty.
    pub lint_error: Option<String>,
    /// The findings include ShellCheck's (or the settings do not run it). ShellCheck runs once
    /// the document is idle: until then the findings are the others only.
    pub complete: bool,
    /// The position encoding.
    pub encoding: Encoding,
}

impl Snapshot {
    /// Offset <-> position conversion for this text.
    pub fn lines(&self) -> Lines<'_> {
        Lines { text: &self.text, index: &self.index, encoding: self.encoding }
    }

    /// The typed root of the tree.
    pub fn file(&self) -> SourceFile {
        self.parse.tree()
    }

    /// The offset of an LSP position (clamped).
    pub fn offset(&self, position: Position) -> TextSize {
        self.lines().offset(position)
    }

    /// The findings as LSP diagnostics, with a configuration error first.
    pub fn lsp_diagnostics(&self) -> Vec<Diagnostic> {
        let lines = self.lines();
        let mut out = Vec::with_capacity(self.findings.len() + 1);
        if let Some(error) = &self.config_error {
            out.push(Diagnostic {
                range: Range::default(),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("dflint".to_string()),
                message: format!("configuration error (the defaults apply): {error}"),
                ..Diagnostic::default()
            });
        }
        if let Some(error) = &self.lint_error {
            out.push(Diagnostic {
                range: Range::default(),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("dflint".to_string()),
                message: format!("dflint failed on this text, please report it: {error}"),
                ..Diagnostic::default()
            });
        }
        out.extend(self.findings.iter().map(|d| convert::diagnostic(&lines, d)));
        out
    }
}

/// An open document: its newest text, the analysis of the newest text analysed so far (the text
/// itself until an edit arrives, whose handler or the next request analyses it), and the findings
/// of the text analysed just before (typing a character and deleting it again, undo and redo come
/// back to it: the text is parsed again, but not linted).
struct Document {
    /// The newest version.
    version: i32,
    /// The newest text.
    text: Arc<String>,
    current: Snapshot,
    recent: Option<Reuse>,
    /// How the newest text differs from the analysed one.
    pending: Pending,
}

/// How the newest text of a document differs from its analysed text: a single edit lets the
/// analysis reparse only the instruction it touches.
#[derive(Clone, Copy, Debug)]
enum Pending {
    /// One edit: these bytes of the analysed text were replaced by so many bytes.
    One(TextRange, TextSize),
    /// Several edits, or the whole text replaced.
    Many,
}

/// What an analysis found, kept for a text that may come back.
struct Reuse {
    text: Arc<String>,
    findings: Arc<Vec<dflint_lint::Diagnostic>>,
    lint_error: Option<String>,
    complete: bool,
}

impl Reuse {
    fn of(snapshot: &Snapshot) -> Reuse {
        Reuse {
            text: Arc::clone(&snapshot.text),
            findings: Arc::clone(&snapshot.findings),
            lint_error: snapshot.lint_error.clone(),
            complete: snapshot.complete,
        }
    }
}

impl Document {
    fn new(current: Snapshot) -> Document {
        Document {
            version: current.version,
            text: Arc::clone(&current.text),
            current,
            recent: None,
            pending: Pending::Many,
        }
    }

    /// Makes `next` current; returns the old one (and the findings kept before it), for the
    /// caller to drop after publishing (freeing a large tree takes time).
    fn replace(&mut self, next: Snapshot) -> Garbage {
        let old = std::mem::replace(&mut self.current, next);
        let older = self.recent.replace(Reuse::of(&old));
        Garbage { _snapshot: old, _findings: older }
    }
}

/// What an analysis replaced, for the caller to drop once the findings are published.
pub struct Garbage {
    _snapshot: Snapshot,
    _findings: Option<Reuse>,
}

/// How long a document must stay unchanged before ShellCheck runs on it (ShellCheck is a process
/// per batch of scripts, too slow for every keystroke: the other findings are published at once).
const SHELLCHECK_IDLE: std::time::Duration = std::time::Duration::from_millis(400);

/// What the editor sets: `initializationOptions` and `workspace/didChangeConfiguration`'s
/// `settings`, either as `{"dflint": {...}}` or as the inner object.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    /// Rules to run instead of the configured selection.
    pub select: Option<Vec<String>>,
    /// Rules to run on top of it.
    pub extend_select: Option<Vec<String>>,
    /// Rules not to run.
    pub ignore: Option<Vec<String>>,
    /// Run ShellCheck on RUN scripts.
    pub shellcheck: Option<bool>,
}

impl ClientOptions {
    /// Reads the options from a settings value; `None` when it holds none of ours.
    pub fn from_value(value: &serde_json::Value) -> Option<ClientOptions> {
        let inner = value.get("dflint").unwrap_or(value);
        if !inner.is_object() {
            return None;
        }
        serde_json::from_value(inner.clone()).ok()
    }

    fn overrides(&self) -> Overrides {
        Overrides {
            select: self.select.clone(),
            extend_select: self.extend_select.clone().unwrap_or_default(),
            ignore: self.ignore.clone().unwrap_or_default(),
            fail_level: None,
            shellcheck: self.shellcheck,
            shellcheck_positions: None,
        }
    }
}

struct ConfigState {
    root: PathBuf,
    options: ClientOptions,
    discovery: Option<Discovery>,
    /// Why the client's options could not be used.
    options_error: Option<String>,
}

impl ConfigState {
    fn discovery(&mut self) -> &mut Discovery {
        if self.discovery.is_none() {
            let discovery = match Discovery::new(&self.root, self.options.overrides()) {
                Ok(d) => {
                    self.options_error = None;
                    d
                }
                Err(err) => {
                    self.options_error = Some(format!("in the editor's dflint settings: {err}"));
                    Discovery::new(&self.root, Overrides::default()).expect("the defaults resolve")
                }
            };
            self.discovery = Some(discovery);
        }
        self.discovery.as_mut().expect("just set")
    }

    /// The settings for `uri`, and why they are not the configured ones when they are not.
    fn settings_for(&mut self, uri: &Uri) -> (Arc<Settings>, Option<String>) {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let discovery = self.discovery();
        let result = match &path {
            Some(path) => discovery.config_for(path),
            None => Config::defaults(&Overrides::default()).map(Arc::new),
        };
        match result {
            Ok(config) => (Arc::new(config.settings.clone()), self.options_error.clone()),
            Err(err) => {
                let fallback = self.discovery().config_for_folder(std::path::Path::new("/"));
                let settings = fallback.map(|c| c.settings.clone()).unwrap_or_default();
                (Arc::new(settings), Some(err.to_string()))
            }
        }
    }
}

impl World {
    /// A world with no documents, talking to `client`.
    pub fn new(client: Client, frames: Option<crate::transport::Frames>) -> World {
        let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        World {
            client,
            frames,
            documents: RwLock::default(),
            config: Mutex::new(ConfigState {
                root,
                options: ClientOptions::default(),
                discovery: None,
                options_error: None,
            }),
            encoding: OnceLock::new(),
            can_watch_files: OnceLock::new(),
            published: tokio::sync::Mutex::default(),
            shellcheck: tokio::sync::Mutex::default(),
        }
    }

    /// The position encoding (UTF-16 until `initialize` agrees on another).
    pub fn encoding(&self) -> Encoding {
        self.encoding.get().copied().unwrap_or_default()
    }

    /// Sets the encoding, once, in `initialize`.
    pub fn set_encoding(&self, encoding: Encoding) {
        let _ = self.encoding.set(encoding);
    }

    /// Can the client watch files for us (dynamic registration of `didChangeWatchedFiles`)?
    pub fn can_watch_files(&self) -> bool {
        self.can_watch_files.get().copied().unwrap_or(false)
    }

    /// Records whether the client can watch files, once, in `initialize`.
    pub fn set_can_watch_files(&self, can: bool) {
        let _ = self.can_watch_files.set(can);
    }

    /// Sets the workspace root (relative paths in configuration errors are shown against it).
    pub fn set_root(&self, root: PathBuf) {
        let mut config = self.config.lock().expect("config lock");
        config.root = root;
        config.discovery = None;
    }

    /// Applies the editor's options; returns whether they changed.
    pub fn set_options(&self, options: ClientOptions) -> bool {
        let mut config = self.config.lock().expect("config lock");
        if config.options == options {
            return false;
        }
        config.options = options;
        config.discovery = None;
        true
    }

    /// Forgets every configuration file read so far (they are read again when next needed).
    pub fn reload_configuration(&self) {
        self.config.lock().expect("config lock").discovery = None;
    }

    /// The snapshot of the newest text of `uri`, if it is open (analysed now if it is not yet).
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let version = {
            let documents = self.documents.read().expect("documents lock");
            let doc = documents.get(uri)?;
            if doc.current.version == doc.version {
                return Some(doc.current.clone());
            }
            doc.version
        };
        self.analyzed(uri, version).map(|(snapshot, _)| snapshot)
    }

    /// The version of the newest snapshot of `uri` (analysed or not), if it is open.
    fn newest_version(&self, uri: &Uri) -> Option<i32> {
        self.documents.read().expect("documents lock").get(uri).map(|d| d.version)
    }

    /// Parses and lints `text`, without ShellCheck (see [`World::run_shellcheck`]); `reuse` holds
    /// findings of a text that may be this one.
    /// `edited` is the parse of the text this one was edited from, and the edit, when it was one
    /// edit.
    fn analyze(
        &self,
        uri: Uri,
        version: i32,
        text: Arc<String>,
        reuse: Option<&Reuse>,
        edited: Option<(&Parse, TextRange, TextSize)>,
    ) -> Snapshot {
        let (settings, config_error) = self.config.lock().expect("config lock").settings_for(&uri);
        // Successive versions of a document share most RUN scripts: parse each once.
        dflint_model::set_script_cache(true);
        let parse = match edited {
            Some((old, deleted, inserted)) => old.reparse(&text, deleted, inserted),
            None => dflint_syntax::parse(&text),
        };
        let (findings, lint_error, complete) = match reuse.filter(|r| r.text == text) {
            Some(r) => (Arc::clone(&r.findings), r.lint_error.clone(), r.complete),
            None => {
                let complete = !settings.shellcheck;
                let (findings, lint_error) = if complete {
                    lint(&parse, &settings, &uri, Threads::Many)
                } else {
                    let mut quick = Settings::clone(&settings);
                    quick.shellcheck = false;
                    lint(&parse, &quick, &uri, Threads::Many)
                };
                (Arc::new(findings), lint_error, complete)
            }
        };
        let index = Arc::new(LineIndex::new(&text));
        let encoding = self.encoding();
        Snapshot { uri, version, text, index, parse, findings, settings, config_error, lint_error, complete, encoding }
    }

    /// Opens (or replaces) a document and lints it.
    pub fn open(&self, uri: Uri, version: i32, text: String) -> Snapshot {
        let snapshot = self.analyze(uri.clone(), version, Arc::new(text), None, None);
        self.documents.write().expect("documents lock").insert(uri, Document::new(snapshot.clone()));
        snapshot
    }

    /// Applies an edit to the newest text of `uri`, without analysing it; false when the
    /// document is not open or the edit is older than the text.
    pub fn edit(&self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) -> bool {
        let mut documents = self.documents.write().expect("documents lock");
        let Some(doc) = documents.get_mut(uri) else { return false };
        if version <= doc.version {
            return false;
        }
        let encoding = self.encoding();
        // The line index of the text, when it is the analysed one (it is, unless edits came
        // faster than analyses).
        let analysed = Arc::ptr_eq(&doc.text, &doc.current.text);
        let mut index = analysed.then(|| Arc::clone(&doc.current.index));
        // `None`: no edit yet since the analysed text.
        let mut pending = if analysed { None } else { Some(Pending::Many) };
        let text = Arc::make_mut(&mut doc.text);
        for change in changes {
            match change.range {
                None => {
                    *text = change.text;
                    pending = Some(Pending::Many);
                }
                Some(range) => {
                    let current = index.take().unwrap_or_else(|| Arc::new(LineIndex::new(text)));
                    let lines = Lines { text, index: &current, encoding };
                    let r = lines.text_range(range);
                    text.replace_range(usize::from(r.start())..usize::from(r.end()), &change.text);
                    pending = Some(match pending {
                        None => Pending::One(r, TextSize::of(change.text.as_str())),
                        Some(_) => Pending::Many,
                    });
                }
            }
            index = None;
        }
        doc.pending = pending.unwrap_or(Pending::Many);
        doc.version = version;
        true
    }

    /// The snapshot of version `version` of `uri`, analysed now if it was not yet; `None` when
    /// the document is closed or has a newer version. Also returns the snapshot it replaced, to
    /// be dropped once the findings are published.
    pub fn analyzed(&self, uri: &Uri, version: i32) -> Option<(Snapshot, Option<Garbage>)> {
        let mut documents = self.documents.write().expect("documents lock");
        let doc = documents.get_mut(uri)?;
        if doc.version != version {
            return None;
        }
        if doc.current.version == version {
            return Some((doc.current.clone(), None));
        }
        let edited = match doc.pending {
            Pending::One(deleted, inserted) => Some((&doc.current.parse, deleted, inserted)),
            Pending::Many => None,
        };
        let snapshot = self.analyze(uri.clone(), version, Arc::clone(&doc.text), doc.recent.as_ref(), edited);
        let old = doc.replace(snapshot.clone());
        Some((snapshot, Some(old)))
    }

    /// Closes a document.
    pub fn close(&self, uri: &Uri) {
        self.documents.write().expect("documents lock").remove(uri);
    }

    /// Lints every open document again (after a configuration change).
    pub fn relint_all(&self) -> Vec<Snapshot> {
        let mut documents = self.documents.write().expect("documents lock");
        let mut out = Vec::new();
        for doc in documents.values_mut() {
            let snapshot = self.analyze(doc.current.uri.clone(), doc.version, doc.text.clone(), None, None);
            *doc = Document::new(snapshot.clone());
            out.push(snapshot);
        }
        out
    }

    /// Once `snapshot`'s document has stayed at its version for a moment, lints it again with
    /// ShellCheck (in a thread of its own, at low priority) and publishes the complete findings
    /// if they differ. Nothing to do when the findings are complete already.
    pub fn run_shellcheck(self: &Arc<World>, snapshot: &Snapshot) {
        if snapshot.complete {
            return;
        }
        let world = Arc::clone(self);
        let (uri, version) = (snapshot.uri.clone(), snapshot.version);
        tokio::spawn(async move {
            tokio::time::sleep(SHELLCHECK_IDLE).await;
            let _one_at_a_time = world.shellcheck.lock().await;
            let Some(snapshot) = world.incomplete(&uri, version) else { return };
            let (tx, rx) = tokio::sync::oneshot::channel();
            let job = snapshot.clone();
            let spawned = std::thread::Builder::new().name("dflint-shellcheck".into()).spawn(move || {
                lower_priority();
                let _ = tx.send(lint(&job.parse, &job.settings, &job.uri, Threads::One));
            });
            if spawned.is_err() {
                return;
            }
            let Ok((findings, lint_error)) = rx.await else { return };
            if let Some(done) = world.complete(&snapshot, findings, lint_error) {
                world.publish(&done).await;
            }
        });
    }

    /// The snapshot of `uri` if it is still at `version`, analysed without ShellCheck.
    fn incomplete(&self, uri: &Uri, version: i32) -> Option<Snapshot> {
        let documents = self.documents.read().expect("documents lock");
        let doc = documents.get(uri)?;
        (doc.version == version && doc.current.version == version && !doc.current.complete).then(|| doc.current.clone())
    }

    /// Records the complete findings of `snapshot`, if it is still current; returns the new
    /// snapshot when its findings differ from those published.
    fn complete(
        &self,
        snapshot: &Snapshot,
        findings: Vec<dflint_lint::Diagnostic>,
        lint_error: Option<String>,
    ) -> Option<Snapshot> {
        let mut documents = self.documents.write().expect("documents lock");
        let doc = documents.get_mut(&snapshot.uri)?;
        if doc.version != snapshot.version || !Arc::ptr_eq(&doc.current.findings, &snapshot.findings) {
            return None;
        }
        let changed = *doc.current.findings != findings || doc.current.lint_error != lint_error;
        doc.current.findings = Arc::new(findings);
        doc.current.lint_error = lint_error;
        doc.current.complete = true;
        changed.then(|| doc.current.clone())
    }

    /// Sends the findings of `snapshot` unless a newer version of the document exists (whose own
    /// handler publishes it). Publications are ordered by a lock, so the client never receives an
    /// older version after a newer one.
    pub async fn publish(&self, snapshot: &Snapshot) {
        let mut published = self.published.lock().await;
        let current = self.newest_version(&snapshot.uri);
        if current != Some(snapshot.version) {
            return;
        }
        if let Some(Some(last)) = published.get(&snapshot.uri) {
            if *last > snapshot.version {
                return;
            }
        }
        published.insert(snapshot.uri.clone(), Some(snapshot.version));
        let diagnostics = snapshot.lsp_diagnostics();
        self.send_diagnostics(snapshot.uri.clone(), diagnostics, Some(snapshot.version)).await;
    }

    /// Clears the diagnostics of a closed document.
    pub async fn publish_closed(&self, uri: Uri) {
        let mut published = self.published.lock().await;
        if self.newest_version(&uri).is_some() {
            return;
        }
        published.remove(&uri);
        self.send_diagnostics(uri, Vec::new(), None).await;
    }

    /// Sends a `textDocument/publishDiagnostics` (every publication goes this one way, so they
    /// reach the client in the order they are sent).
    async fn send_diagnostics(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        match &self.frames {
            Some(frames) => {
                let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
                let _ = frames.send(crate::transport::publish_frame(&params));
            }
            None => self.client.publish_diagnostics(uri, diagnostics, version).await,
        }
    }
}

/// How many threads a lint may use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Threads {
    /// The caller's only (background work).
    One,
    /// Several for a big document (an edit waits for its findings).
    Many,
}

/// Lints `parse` with `settings`; a panicking rule (a bug) gives no findings and its message.
fn lint(
    parse: &Parse,
    settings: &Settings,
    uri: &Uri,
    threads: Threads,
) -> (Vec<dflint_lint::Diagnostic>, Option<String>) {
    let path = uri.to_file_path().map(|p| p.into_owned());
    // A panicking rule must not take the server (and the lock held here) down with it.
    let linted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match threads {
        Threads::One => dflint_lint::lint_file(parse, settings, path.as_deref()),
        Threads::Many => dflint_lint::lint_file_parallel(parse, settings, path.as_deref()),
    }));
    match linted {
        Ok(findings) => (findings, None),
        Err(panic) => (Vec::new(), Some(crate::panic_message(&panic))),
    }
}

/// Lowers the priority of the calling thread (and of the processes it starts: ShellCheck), so
/// that background work does not slow down the answers to the editor.
fn lower_priority() {
    // On Linux, a process priority set with pid 0 is the calling thread's.
    let _ = rustix::process::setpriority_process(None, 19);
}
