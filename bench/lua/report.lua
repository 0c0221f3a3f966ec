-- Appended to every bench wrk script (bench/lib.sh's bench_lua). It counts the answers by status,
-- and by the error code of a jiceng error body, so that a rate measured over error answers cannot
-- pass for a figure: bench/lib.sh reads these lines and decides what is valid. It prints
--   RESULT rps=… ok_rps=… p50=… p95=… p99=… non2xx=… errors=… requests=…   (latencies in ms)
--   STATUS <status> <count> [<error code>]          one line per kind of answer
--   FIRST_BAD <status> <the first 160 bytes of the first non-2xx body>
-- Defining response() makes wrk parse every answer's headers and body, which costs the load
-- generator some CPU on these shared cores; the figures are only worth that.

-- The threads, for done(); wraps a setup() the request script may have defined.
threads = {}
local request_setup = setup
setup = function(thread)
  table.insert(threads, thread)
  if request_setup then request_setup(thread) end
end

-- Per thread: counts["200"] = n, counts["403 password_change_required"] = n.
counts = {}
first_bad = ""
local request_response = response  -- a request script that reads its answers (meeting.lua)
response = function(status, headers, body)
  if request_response then request_response(status, headers, body) end
  local key = tostring(status)
  if status < 200 or status >= 300 then
    local code = body and string.match(body, '^%s*{%s*"error"%s*:%s*{.-"code"%s*:%s*"([%w_]+)"')
    if code then key = key .. " " .. code end
    if first_bad == "" then
      first_bad = status .. " " .. string.gsub(string.sub(body or "", 1, 160), "%s+", " ")
    end
  end
  counts[key] = (counts[key] or 0) + 1
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local all, ok, bad, first = {}, 0, 0, ""
  for _, t in ipairs(threads) do
    for key, n in pairs(t:get("counts")) do
      all[key] = (all[key] or 0) + n
      local status = tonumber(string.match(key, "^%d+"))
      if status >= 200 and status < 300 then ok = ok + n else bad = bad + n end
    end
    if first == "" then first = t:get("first_bad") end
  end
  io.write(string.format("RESULT rps=%.1f ok_rps=%.1f p50=%.2f p95=%.2f p99=%.2f non2xx=%d errors=%d requests=%d\n",
    summary.requests / seconds, ok / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, bad, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.requests))
  local keys = {}
  for key in pairs(all) do table.insert(keys, key) end
  table.sort(keys)
  for _, key in ipairs(keys) do
    local status, code = string.match(key, "^(%d+) ?(.*)$")
    io.write(string.format("STATUS %s %d%s\n", status, all[key], code == "" and "" or (" " .. code)))
  end
  if first ~= "" then io.write("FIRST_BAD " .. first .. "\n") end
end
