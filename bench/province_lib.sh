# Shared by the benchmarks that drive a province from bench/gen (province.sh, pg_intake.sh), after
# bench/lib.sh.

# The intake wrk script for a generated province: public intakes in a general leaf category, at
# points anywhere on its grids. The counties tile a lattice from (94.0, 35.0), 0.4° by 0.3° each
# (bench/gen/province.cpp), in rows of ceil(sqrt(counties)).
#   province_intake_lua SQLITE_FILE COUNTIES OUT
province_intake_lua() {
  local db=$1 counties=$2 out=$3 category cols rows
  category=$(sqlite3 "$db" "SELECT id FROM appeal_category c WHERE urgency = 'general' AND NOT EXISTS (SELECT 1 FROM appeal_category x WHERE x.parent_id = c.id) ORDER BY id LIMIT 1")
  cols=$(python3 -c "import math; print(math.ceil(math.sqrt($counties)))")
  rows=$(( (counties + cols - 1) / cols ))
  bench_lua "$out" <(sed "s/CATEGORY/$category/; s/WEST/94.0/; s/SOUTH/35.0/; s/SPAN_LON/$(python3 -c "print(0.4 * $cols - 0.001)")/; s/SPAN_LAT/$(python3 -c "print(0.3 * ($rows - 1) + 0.299)")/" "$BENCH_LUA/intake.lua")
  echo "$category"
}
