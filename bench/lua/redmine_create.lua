-- wrk script: Redmine's REST API creating issues in the "bench" project (bench/redmine.sh).
-- The API key comes with wrk's -H "X-Redmine-API-Key: …" (wrk.headers), copied into each request.
-- Each thread numbers its subjects apart from the others'.
local started = 0
setup = function(thread)
  started = started + 1
  thread:set("tid", started)
end
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format(
    '{"issue":{"project_id":"bench","subject":"压测工单 %d-%d：楼道堆放杂物需要清理","tracker_id":1}}',
    tid or 0, counter)
  local headers = {["Content-Type"] = "application/json"}
  for name, value in pairs(wrk.headers) do headers[name] = headers[name] or value end
  return wrk.format("POST", "/issues.json", headers, body)
end
