// What the extension asks of the server, computed from its settings without VS Code, so that it
// can be tested with node's test runner.

/** The `dflint.*` settings. */
export interface DflintSettings {
  path?: string;
  select?: string[] | null;
  extendSelect?: string[];
  ignore?: string[];
  shellcheck?: boolean;
}

/** How to start the server. */
export interface ServerCommand {
  command: string;
  args: string[];
}

/** The command line of the server: `<dflint.path> lsp`, with `~` expanded. */
export function serverCommand(settings: DflintSettings, home: string | undefined): ServerCommand {
  let command = (settings.path ?? "").trim() || "dflint";
  if (home && (command === "~" || command.startsWith("~/"))) {
    command = home + command.slice(1);
  }
  return { command, args: ["lsp"] };
}

/** The `dflint` options the server reads from `initializationOptions` and
 * `workspace/didChangeConfiguration` (`{"dflint": {...}}`); unset settings are left out. */
export function serverOptions(settings: DflintSettings): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (Array.isArray(settings.select)) {
    options.select = settings.select;
  }
  if (settings.extendSelect && settings.extendSelect.length > 0) {
    options.extendSelect = settings.extendSelect;
  }
  if (settings.ignore && settings.ignore.length > 0) {
    options.ignore = settings.ignore;
  }
  if (typeof settings.shellcheck === "boolean") {
    options.shellcheck = settings.shellcheck;
  }
  return { dflint: options };
}

/** Does a change of these settings need the server restarted (rather than told)? */
export function needsRestart(changed: (section: string) => boolean): boolean {
  return changed("dflint.path");
}
