-- Organisation life at province scale (bench/org_life.sh): the matrix of a city or a province read
-- from a few rollup rows instead of every organisation's tally.

-- Each organisation's standing in a year: the months it was compliant in (bit m-1 for month m: every
-- duty whose period ends that month met), as last worked out, so a change moves the rollup below
-- by the difference only. Written with the tally (a meeting held), a committee registered, and by
-- the sweep, which works every standing out again.
CREATE TABLE org_life_standing (
  org_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  months INTEGER NOT NULL,
  PRIMARY KEY (org_id, year)
);
CREATE INDEX org_life_standing_org ON org_life_standing(org_path, year);
CREATE INDEX org_life_standing_area ON org_life_standing(area_path);
-- The sweep reads committees batch by batch, as ranges of organisation paths.
CREATE INDEX org_life_term_org ON org_life_term(org_path);

-- Per area and month, the organisations at or under the area compliant that month: a row for the
-- area itself and one for each area above it, so a province's matrix reads its cities' rows.
CREATE TABLE org_life_compliance (
  area_path {{PATH}} NOT NULL,
  month TEXT NOT NULL,
  compliant INTEGER NOT NULL,
  PRIMARY KEY (area_path, month)
);
