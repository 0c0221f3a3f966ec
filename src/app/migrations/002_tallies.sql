-- Rollups: how many rows of each register sit directly at each area (and members at each
-- organisation), kept by triggers, so a subtree count is a sum over the subtree's few tally
-- rows instead of a scan of its members.
CREATE TABLE area_tally (
  area_path {{PATH}} PRIMARY KEY,
  members BIGINT NOT NULL DEFAULT 0,
  orgs BIGINT NOT NULL DEFAULT 0,
  units BIGINT NOT NULL DEFAULT 0,
  venues BIGINT NOT NULL DEFAULT 0,
  people BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE org_tally (
  org_path {{PATH}} PRIMARY KEY,
  members BIGINT NOT NULL DEFAULT 0
);
