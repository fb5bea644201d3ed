//! `dflint_lsp`: dflint's language server, over stdio, on `tower-lsp-server`.
//!
//! This is the only crate that knows LSP. It owns stdout (the protocol's channel): nothing here
//! prints. [`Backend`]'s `LanguageServer` impl below is the one place where methods are registered;
//! each method is handled by one file in `handlers/`, which turns LSP parameters into questions
//! for `dflint_syntax`, `dflint_model` and `dflint_lint`, and their answers back into LSP.
//!
//! State lives in [`world::World`]: per open document its version, text, tree and findings; the
//! settings that apply (`.dflint.toml` via `dflint_config`, with the editor's options on top).

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod convert;
mod handlers;
mod instructions;
mod symbols;
mod transport;
mod world;

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, ClientSocket, LanguageServer, LspService};

use crate::world::World;

/// The language server: the [`World`] and the table of handlers.
pub struct Backend {
    world: Arc<World>,
}

impl Backend {
    fn new(client: Client, frames: Option<transport::Frames>) -> Backend {
        Backend { world: Arc::new(World::new(client, frames)) }
    }

    async fn invalid_message(&self, message: transport::InvalidMessage) -> Result<()> {
        transport::answer(message).await
    }
}

/// Runs a request handler; a panic (a bug) answers `null` instead of ending the session.
fn guarded<T>(handler: impl FnOnce() -> Option<T>) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(handler)).unwrap_or(None)
}

/// The message of a caught panic.
pub(crate) fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
        (Some(s), _) => s.to_string(),
        (_, Some(s)) => s.clone(),
        _ => "a panic".to_string(),
    }
}

/// The server as a tower service, with the socket of its messages to the client (for tests and
/// other transports).
pub fn service() -> (LspService<Backend>, ClientSocket) {
    service_with(None)
}

/// The server, publishing diagnostics through `frames` (already serialised, see
/// [`transport::publish_frame`]) when given, else through the socket.
fn service_with(frames: Option<transport::Frames>) -> (LspService<Backend>, ClientSocket) {
    LspService::build(move |client| Backend::new(client, frames))
        .custom_method(transport::INVALID_MESSAGE, Backend::invalid_message)
        .finish()
}

/// The allocator settings a long-running server wants (mimalloc's, read from the environment
/// when the process starts): commit arena memory as it is used, and return freed pages at once.
/// They halve the peak memory of a server holding a 20,000-line document; the command line, short
/// lived, keeps the defaults.
const ALLOCATOR_ENV: &[(&str, &str)] = &[("MIMALLOC_ARENA_EAGER_COMMIT", "0"), ("MIMALLOC_PURGE_DELAY", "0")];

/// Starts this same program again in this process (same pid, arguments and stdio) with
/// [`ALLOCATOR_ENV`] set, unless it is set already; returns only when that cannot be done.
#[cfg(unix)]
fn exec_with_allocator_settings() {
    use std::os::unix::process::CommandExt;
    if ALLOCATOR_ENV.iter().all(|(k, _)| std::env::var_os(k).is_some()) {
        return;
    }
    let Ok(exe) = std::env::current_exe() else { return };
    let mut command = std::process::Command::new(exe);
    command.args(std::env::args_os().skip(1));
    for (key, value) in ALLOCATOR_ENV {
        if std::env::var_os(key).is_none() {
            command.env(key, value);
        }
    }
    // On success `exec` does not return.
    let _ = command.exec();
}

/// Serves LSP over stdin/stdout until the client says `exit` (or closes stdin).
pub fn run_stdio() -> std::io::Result<()> {
    #[cfg(unix)]
    exec_with_allocator_settings();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        // What goes to the client: the server's frames, cut out of its writer, and the
        // diagnostics, which the world serialises itself (cheaper than `tower-lsp-server` does),
        // in one queue in front of stdout.
        let (frames, queue) = tokio::sync::mpsc::unbounded_channel();
        let (service, socket) = service_with(Some(frames.clone()));
        // Messages pass through `transport::guard`, which keeps a broken one from ending the session.
        let (to_server, reader) = tokio::io::duplex(1 << 20);
        let guard = tokio::spawn(transport::guard(tokio::io::stdin(), to_server));
        let (server_output, from_server) = tokio::io::duplex(1 << 20);
        let splitter = tokio::spawn(transport::split_frames(from_server, frames.clone()));
        let writer = tokio::spawn(transport::write_frames(queue, tokio::io::stdout()));
        tower_lsp_server::Server::new(reader, server_output, socket).serve(service).await;
        // The server's writer is closed: once its last frames are queued, end the queue.
        let _ = splitter.await;
        let _ = frames.send(Vec::new());
        let _ = writer.await;
        guard.abort();
    });
    // The guard may still be blocked reading stdin on a blocking thread: do not wait for it.
    runtime.shutdown_background();
    Ok(())
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        Ok(handlers::initialize::initialize(&self.world, params))
    }
    async fn initialized(&self, _: InitializedParams) {
        handlers::initialize::initialized(&self.world).await
    }
    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    // Documents and diagnostics.
    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        handlers::did_open::did_open(&self.world, params).await
    }
    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        handlers::did_change::did_change(&self.world, params).await
    }
    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        handlers::did_save::did_save(&self.world, params).await
    }
    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        handlers::did_close::did_close(&self.world, params).await
    }

    // Settings.
    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        handlers::configuration::did_change_configuration(&self.world, params).await
    }
    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        handlers::watched_files::did_change_watched_files(&self.world, params).await
    }

    // Questions about a document.
    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        Ok(guarded(|| handlers::hover::hover(&self.world, params)))
    }
    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        Ok(guarded(|| handlers::completion::completion(&self.world, params)))
    }
    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        Ok(guarded(|| handlers::signature_help::signature_help(&self.world, params)))
    }
    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(guarded(|| handlers::code_action::code_action(&self.world, params)))
    }
    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        Ok(guarded(|| handlers::definition::goto_definition(&self.world, params)))
    }
    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        Ok(guarded(|| handlers::references::references(&self.world, params)))
    }
    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        Ok(guarded(|| handlers::rename::prepare_rename(&self.world, params)))
    }
    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        handlers::rename::rename(&self.world, params)
    }
    async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        Ok(guarded(|| handlers::document_highlight::document_highlight(&self.world, params)))
    }
    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        Ok(guarded(|| handlers::document_symbol::document_symbol(&self.world, params)))
    }
    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        Ok(guarded(|| handlers::folding_range::folding_range(&self.world, params)))
    }
    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        Ok(guarded(|| handlers::semantic_tokens::semantic_tokens_full(&self.world, params)))
    }
    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        Ok(guarded(|| handlers::document_link::document_link(&self.world, params)))
    }
    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        Ok(guarded(|| handlers::inlay_hint::inlay_hint(&self.world, params)))
    }
    // TODO(formatter): once `dflint_fmt` exists, advertise `document_formatting_provider` in
    // `handlers::initialize` and add `formatting` here, handled by `handlers/formatting.rs`.
}
