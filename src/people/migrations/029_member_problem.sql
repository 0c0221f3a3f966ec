-- The daily data-quality check's findings (src/people/record_rules.cpp), one row per member with
-- any: the county's list of members and branches with problems reads only these rows. `codes` is
-- " field:code field:code " for filtering by one kind of finding.
CREATE TABLE member_problem (
  member_id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  codes TEXT NOT NULL,
  problems TEXT NOT NULL,
  problem_count INTEGER NOT NULL,
  checked_at BIGINT NOT NULL
);
CREATE INDEX member_problem_org ON member_problem(org_path, member_id);
CREATE INDEX member_problem_area ON member_problem(area_path, member_id);
