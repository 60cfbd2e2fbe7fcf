-- Neovim (0.7+) headless, as a user's configuration would: start mlflow-app-lint's language
-- server, open a request, wait for its diagnostics, apply the quick fix of the finding on the
-- line RULE_LINE (1-based) and wait for the diagnostics of the fixed text. Writes JSON to OUTPUT:
-- the diagnostics before, the action's title, the buffer's lines and the diagnostics after.
local env = vim.env
local function done(result)
  local file = io.open(env.OUTPUT, "w")
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qa!")
end

local function diagnostics()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(found, { line = d.lnum + 1, column = d.col + 1, code = d.code or lsp.code })
  end
  table.sort(found, function(a, b)
    if a.line ~= b.line then return a.line < b.line end
    if a.column ~= b.column then return a.column < b.column end
    return a.code < b.code
  end)
  return found
end

local ok, failure = pcall(function()
  local client_id = vim.lsp.start_client({
    name = "mlflow-app-lint",
    cmd = { env.PYTHON, "-m", "mlflow_app_lint", "server" },
    root_dir = vim.fn.fnamemodify(env.REQUEST, ":h"),
  })
  vim.cmd("edit " .. vim.fn.fnameescape(env.REQUEST))
  vim.lsp.buf_attach_client(0, client_id)
  assert(vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 20), "no diagnostics")
  local before = diagnostics()

  local line = tonumber(env.RULE_LINE)
  vim.api.nvim_win_set_cursor(0, { line, 0 })
  local params = vim.lsp.util.make_range_params()
  params.range = { start = { line = line - 1, character = 0 }, ["end"] = { line = line, character = 0 } }
  params.context = { diagnostics = {}, only = { "quickfix" } }
  local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 20000)
  local action
  for _, response in pairs(responses or {}) do
    for _, candidate in ipairs(response.result or {}) do
      if candidate.isPreferred and not action then action = candidate end
    end
  end
  assert(action, "no quick fix")
  vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
  local count = #before
  assert(vim.wait(30000, function() return #vim.diagnostic.get(0) == count - 1 end, 20),
    "the fix did not remove its finding")
  done({
    before = before,
    title = action.title,
    lines = vim.api.nvim_buf_get_lines(0, 0, -1, false),
    after = diagnostics(),
  })
end)
if not ok then
  done({ error = tostring(failure) })
end
