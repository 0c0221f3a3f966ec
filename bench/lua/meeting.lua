-- wrk script: a branch secretary records organisation life as on the phone: plans a 主题党日, then
-- holds it with the roll taken (POST /api/v1/org-life/meetings, then …/{id}/hold), over and over.
-- bench/org_life.sh replaces ORG, STARTS and ATTENDANCE before running it; the session cookie and
-- CSRF token come from wrk's -H, so every request uses wrk.headers.
wrk.headers["Content-Type"] = "application/json"
local to_hold = {}  -- this thread's meetings planned and not yet held
local counter = 0
request = function()
  local id = table.remove(to_hold)
  if id then
    return wrk.format("POST", "/api/v1/org-life/meetings/" .. id .. "/hold", nil,
      '{"minutes":"传达学习上级精神，党员逐一发言，形成决议。","attendance":ATTENDANCE}')
  end
  counter = counter + 1
  return wrk.format("POST", "/api/v1/org-life/meetings", nil, string.format(
    '{"org_id":ORG,"kind":"theme_day","topic":"压测主题党日%d","place":"党群服务中心","starts_at":STARTS}', counter))
end
response = function(status, headers, body)
  if status == 201 then
    local id = string.match(body or "", '^%s*{%s*"id"%s*:%s*(%d+)')
    if id then table.insert(to_hold, id) end
  end
end
