-- wrk script: residents filing appeals at random points over a box of grids.
-- bench scripts replace CATEGORY, WEST, SOUTH, SPAN_LON and SPAN_LAT before running it.
math.randomseed(os.time())
local counter = 0
request = function()
  counter = counter + 1
  local lon = WEST + math.random() * SPAN_LON
  local lat = SOUTH + math.random() * SPAN_LAT
  local body = string.format(
    '{"type":"complaint","category_id":CATEGORY,"description":"压测诉求%d：楼道堆放杂物需要清理","lon":%.5f,"lat":%.5f,"anonymous":true}',
    counter, lon, lat)
  return wrk.format("POST", "/api/v1/public/appeals", {["Content-Type"] = "application/json"}, body)
end
