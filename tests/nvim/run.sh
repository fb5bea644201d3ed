#!/usr/bin/env bash
# Opens a Dockerfile in headless Neovim with editors/nvim's setup and checks, through dflint's
# language server, diagnostics, a hover with the effective start command, and a quick fix.
# Usage: tests/nvim/run.sh [PATH-TO-DFLINT]  (default: cargo build -p dflint, then $CARGO_TARGET_DIR/debug/dflint)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
if [ $# -ge 1 ]; then
  dflint="$1"
else
  # Always (re)build, so the test never runs a stale binary; honour CARGO_TARGET_DIR.
  cargo build -p dflint --quiet
  dflint="${CARGO_TARGET_DIR:-$root/target}/debug/dflint"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
DFLINT="$dflint" DFLINT_REPO="$root" DFLINT_WORK="$work" \
  timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $root/tests/nvim/test.lua"
