-- wrk: POST to env WRK_PATH, cycling through the lines of env WRK_BODIES (one JSON body a line).
local bodies = {}
for line in io.lines(os.getenv("WRK_BODIES")) do
  if #line > 0 then
    bodies[#bodies + 1] = line
  end
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, os.getenv("WRK_PATH"), nil, bodies[i])
end
