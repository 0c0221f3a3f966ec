-- wrk script: staff opening random appeals by id (1..MAX_ID).
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/appeals/" .. math.random(1, MAX_ID))
end
