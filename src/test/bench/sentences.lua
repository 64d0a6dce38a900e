-- wrk: POST /sentence-vector, one text per request, cycling through the lines of TEXTS
-- (env WRK_TEXTS, one text per line), with the model in env WRK_MODEL.
local texts = {}
for line in io.lines(os.getenv("WRK_TEXTS")) do
  if #line > 0 then
    texts[#texts + 1] = '{"model": "' .. os.getenv("WRK_MODEL") .. '", "text": ' .. string.format("%q", line):gsub("\\\n", "\\n") .. '}'
  end
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i % #texts + 1
  return wrk.format(nil, "/sentence-vector", nil, texts[i])
end
