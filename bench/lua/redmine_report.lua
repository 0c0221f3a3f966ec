-- Appended to bench/redmine.sh's wrk scripts. Like report.lua's line, but it counts every status
-- outside 2xx (wrk's own count starts at 400) and 5xx apart, and gives the first bad answer.
-- RESULT rps=… ok_rps=… p50=… p95=… p99=… non2xx=… s5xx=… errors=… requests=… [first_bad=…]
threads = threads or {}
if not setup then
  setup = function(thread) table.insert(threads, thread) end
end
n2xx, n5xx, nbad, first_bad = 0, 0, 0, ""
response = function(status, headers, body)
  if status >= 200 and status < 300 then
    n2xx = n2xx + 1
  else
    nbad = nbad + 1
    if status >= 500 then n5xx = n5xx + 1 end
    if first_bad == "" then
      first_bad = status .. " " .. string.gsub(string.sub(body or "", 1, 160), "%s+", " ")
    end
  end
end
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local ok, s5xx, bad, first = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    ok = ok + t:get("n2xx")
    s5xx = s5xx + t:get("n5xx")
    bad = bad + t:get("nbad")
    if first == "" then first = t:get("first_bad") end
  end
  io.write(string.format(
    "RESULT rps=%.1f ok_rps=%.1f p50=%.2f p95=%.2f p99=%.2f non2xx=%d s5xx=%d errors=%d requests=%d%s\n",
    summary.requests / seconds, ok / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, bad, s5xx, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.requests,
    first == "" and "" or (" first_bad=" .. first)))
end
