-- dflint's language server (`dflint lsp`) for Neovim.
--
--   require("dflint").setup({
--     cmd = { "dflint", "lsp" },            -- the server's command line
--     filetypes = { "dockerfile" },
--     settings = { dflint = { ignore = { "DL3008" } } },  -- select / extendSelect / ignore / shellcheck
--     on_attach = function(client, bufnr) end,
--   })
--
-- Uses vim.lsp.start on Neovim 0.8 and later, and vim.lsp.start_client with one client per
-- project root on older ones (Debian's 0.7.2).
local M = {}

M.defaults = {
  cmd = { "dflint", "lsp" },
  filetypes = { "dockerfile" },
  root_markers = { ".dflint.toml", ".git" },
  settings = { dflint = {} },
}

local clients = {} -- root -> client id, for Neovim without vim.lsp.start

-- The nearest folder above `path` holding one of `markers`, else the file's folder.
local function root_dir(path, markers)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  for _, marker in ipairs(markers) do
    local file = vim.fn.findfile(marker, dir .. ";")
    if file == "" then
      file = vim.fn.finddir(marker, dir .. ";")
    end
    if file ~= "" then
      return vim.fn.fnamemodify(file, ":p:h"):gsub("/%.git$", ""):gsub("/$", "")
    end
  end
  return dir
end

--- Starts (or reuses) the server for buffer `bufnr` and attaches it. Returns the client id.
function M.attach(bufnr, opts)
  opts = opts or M.options or M.defaults
  local name = vim.api.nvim_buf_get_name(bufnr)
  local root = root_dir(name ~= "" and name or vim.fn.getcwd() .. "/Dockerfile", opts.root_markers)
  local config = {
    name = "dflint",
    cmd = opts.cmd,
    root_dir = root,
    init_options = opts.settings and opts.settings.dflint or nil,
    settings = opts.settings,
    capabilities = opts.capabilities,
    on_attach = opts.on_attach,
  }
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Starts dflint for every buffer of the given file types, now and later.
function M.setup(opts)
  M.options = vim.tbl_deep_extend("force", {}, M.defaults, opts or {})
  local group = vim.api.nvim_create_augroup("dflint", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.options.filetypes,
    callback = function(args)
      M.attach(args.buf, M.options)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.options.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr, M.options)
    end
  end
end

return M
