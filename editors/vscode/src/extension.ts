// Starts `dflint lsp` for Dockerfiles and keeps it informed of the `dflint.*` settings.

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

import { DflintSettings, needsRestart, serverCommand, serverOptions } from "./config";

let client: LanguageClient | undefined;

function settings(): DflintSettings {
  const config = vscode.workspace.getConfiguration("dflint");
  return {
    path: config.get<string>("path"),
    select: config.get<string[] | null>("select"),
    extendSelect: config.get<string[]>("extendSelect"),
    ignore: config.get<string[]>("ignore"),
    shellcheck: config.get<boolean>("shellcheck"),
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const current = settings();
  const { command, args } = serverCommand(current, process.env.HOME);
  const server: ServerOptions = { command, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "dockerfile" },
      { scheme: "untitled", language: "dockerfile" },
    ],
    initializationOptions: serverOptions(current),
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/.dflint.toml"),
    },
  };
  client = new LanguageClient("dflint", "dflint", server, clientOptions);
  await client.start();
  context.subscriptions.push(client);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("dflint") || !client) {
        return;
      }
      if (needsRestart((section) => event.affectsConfiguration(section))) {
        await client.stop();
        await start(context);
      } else {
        await client.sendNotification("workspace/didChangeConfiguration", { settings: serverOptions(settings()) });
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
