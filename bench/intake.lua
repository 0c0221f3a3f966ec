-- wrk script: residents filing appeals at random points over the bench grids.
-- CATEGORY is replaced by bench/appeals.sh with a leaf category id.
math.randomseed(os.time())
local counter = 0
request = function()
  counter = counter + 1
  local lon = 100.2 + math.random() * 0.999
  local lat = 39.6 + math.random() * 0.999
  local body = string.format(
    '{"type":"complaint","category_id":CATEGORY,"description":"压测诉求%d：楼道堆放杂物需要清理","lon":%.5f,"lat":%.5f,"anonymous":true}',
    counter, lon, lat)
  return wrk.format("POST", "/api/v1/public/appeals", {["Content-Type"] = "application/json"}, body)
end
