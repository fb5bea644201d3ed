// Unit tests of the extension's own logic, run by node's test runner (no VS Code needed).

import { strict as assert } from "node:assert";
import { test } from "node:test";

import { needsRestart, serverCommand, serverOptions } from "../config";

test("the server is `dflint lsp` by default", () => {
  assert.deepEqual(serverCommand({}, "/home/me"), { command: "dflint", args: ["lsp"] });
  assert.deepEqual(serverCommand({ path: "  " }, undefined), { command: "dflint", args: ["lsp"] });
});

test("dflint.path is used, with ~ expanded", () => {
  assert.deepEqual(serverCommand({ path: "/opt/dflint/bin/dflint" }, "/home/me").command, "/opt/dflint/bin/dflint");
  assert.deepEqual(serverCommand({ path: "~/.cargo/bin/dflint" }, "/home/me").command, "/home/me/.cargo/bin/dflint");
  assert.deepEqual(serverCommand({ path: "~/x" }, undefined).command, "~/x");
});

test("settings become the server's dflint options, unset ones left out", () => {
  assert.deepEqual(serverOptions({ select: null, extendSelect: [], ignore: [], shellcheck: true }), {
    dflint: { shellcheck: true },
  });
  assert.deepEqual(serverOptions({ select: ["DL"], ignore: ["DL3008"], extendSelect: ["DF001"], shellcheck: false }), {
    dflint: { select: ["DL"], extendSelect: ["DF001"], ignore: ["DL3008"], shellcheck: false },
  });
  assert.deepEqual(serverOptions({}), { dflint: {} });
});

test("only a new path restarts the server", () => {
  assert.equal(needsRestart((s) => s === "dflint.path"), true);
  assert.equal(needsRestart((s) => s === "dflint.ignore"), false);
});
