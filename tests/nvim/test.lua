-- Headless Neovim (0.7.2 and later) against `dflint lsp`, through editors/nvim: waits for the
-- diagnostics, hovers CMD for the effective start command, applies a quick fix and checks the
-- buffer's new text. Prints NVIM-LSP-OK and exits 0, or prints what failed and exits 1.
local repo = os.getenv("DFLINT_REPO")
local work = os.getenv("DFLINT_WORK")
local dflint = os.getenv("DFLINT")
package.path = repo .. "/editors/nvim/lua/?.lua;" .. repo .. "/editors/nvim/lua/?/init.lua;" .. package.path

local function fail(message)
  io.stdout:write("NVIM-LSP-FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local ok, err = pcall(function()
  local path = work .. "/Dockerfile"
  local file = assert(io.open(path, "w"))
  file:write("FROM alpine:3.20\nENTRYPOINT [\"sleep\"]\nCMD ['10']\n")
  file:close()

  require("dflint").setup({ cmd = { dflint, "lsp" } })
  vim.cmd("edit " .. path)
  vim.bo.filetype = "dockerfile"
  local buf = vim.api.nvim_get_current_buf()

  local function code_of(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  local function find(code)
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == code then
        return d
      end
    end
  end

  if not vim.wait(20000, function() return find("DF002") ~= nil end, 50) then
    return fail("no DF002 diagnostic; got " .. vim.inspect(vim.diagnostic.get(buf)))
  end
  io.stdout:write("diagnostics: " .. #vim.diagnostic.get(buf) .. "\n")
  local client = vim.lsp.get_active_clients({ bufnr = buf })[1] or vim.lsp.get_active_clients()[1]
  if not client then
    return fail("no client attached")
  end

  local function hover(line, character)
    local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
    local res = client.request_sync("textDocument/hover", params, 10000, buf)
    return res and res.result and res.result.contents and res.result.contents.value or ""
  end
  local text = hover(2, 1)
  if not text:find("Effective start command", 1, true) or not text:find("sleep", 1, true) then
    return fail("hover on CMD: " .. text)
  end

  local d = find("DF002")
  local range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } }
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, range = range, context = { diagnostics = {} } }
  local res = client.request_sync("textDocument/codeAction", params, 10000, buf)
  local action
  for _, a in ipairs(res and res.result or {}) do
    if a.title:find("(DF002)", 1, true) then
      action = a
    end
  end
  if not action then
    return fail("no quick fix in " .. vim.inspect(res))
  end
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  if lines[3] ~= 'CMD ["10"]' then
    return fail("buffer after the fix: " .. vim.inspect(lines))
  end
  if not vim.wait(20000, function() return find("DF002") == nil end, 50) then
    return fail("DF002 still reported after the fix")
  end
  text = hover(2, 1)
  if not text:find("sleep 10", 1, true) then
    return fail("hover after the fix: " .. text)
  end
  io.stdout:write("NVIM-LSP-OK\n")
end)

if not ok then
  fail(tostring(err))
end
vim.cmd("qa!")
