#!/usr/bin/env bash
# Opens a Dockerfile in headless Neovim with editors/nvim's setup and checks, through dflint's
# language server, diagnostics, a hover with the effective start command, and a quick fix.
# Usage: tests/nvim/run.sh [PATH-TO-DFLINT]  (default: target/debug/dflint, built if missing)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
dflint="${1:-$root/target/debug/dflint}"
if [ ! -x "$dflint" ]; then
  cargo build -p dflint --quiet
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
DFLINT="$dflint" DFLINT_REPO="$root" DFLINT_WORK="$work" \
  timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $root/tests/nvim/test.lua"
