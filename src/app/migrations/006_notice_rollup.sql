-- The monthly notice per (area, unit, month): members who reported or ended their report that month,
-- and what members took part in. Each change is counted at the community and at every area above it,
-- so the notice for any subtree reads one row per unit and month, not one per member; it counts a
-- member only in the months they were reported. unit_id 0: members with no known unit.
CREATE TABLE dual_report_unit_month (
  area_path {{PATH}} NOT NULL,
  unit_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  reported_in INTEGER NOT NULL DEFAULT 0,
  ended_in INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 0,
  activities INTEGER NOT NULL DEFAULT 0,
  hours DOUBLE PRECISION NOT NULL DEFAULT 0,
  PRIMARY KEY (area_path, unit_id, month)
);
-- Covers the notice: one area, months up to the one asked for, everything summed.
CREATE INDEX dual_report_unit_month_notice
  ON dual_report_unit_month (area_path, month, unit_id, reported_in, ended_in, active, activities, hours);

-- Existing reports and check-ins, counted at their community and each area above it.
INSERT INTO dual_report_unit_month (area_path, unit_id, month, reported_in)
  SELECT a.path, g.unit_id, g.month, SUM(g.n) FROM
    (SELECT area_path, COALESCE(unit_id, 0) AS unit_id, substr(reported_on, 1, 7) AS month, COUNT(*) AS n
     FROM dual_report WHERE kind = 'member' GROUP BY area_path, COALESCE(unit_id, 0), substr(reported_on, 1, 7)) g
  JOIN area a ON substr(g.area_path, 1, length(a.path)) = a.path
  GROUP BY a.path, g.unit_id, g.month;

INSERT INTO dual_report_unit_month (area_path, unit_id, month, active, activities, hours)
  SELECT a.path, g.unit_id, g.month, SUM(g.n), SUM(g.activities), SUM(g.hours) FROM
    (SELECT area_path, COALESCE(unit_id, 0) AS unit_id, month, COUNT(*) AS n, SUM(activities) AS activities,
       SUM(hours) AS hours FROM dual_report_month GROUP BY area_path, COALESCE(unit_id, 0), month) g
  JOIN area a ON substr(g.area_path, 1, length(a.path)) = a.path
  GROUP BY a.path, g.unit_id, g.month
  ON CONFLICT (area_path, unit_id, month) DO UPDATE SET active = excluded.active, activities = excluded.activities,
    hours = excluded.hours;

-- Why a community called off an activity; shown to the members who signed up.
ALTER TABLE activity ADD COLUMN cancel_reason TEXT;

-- Dispatch suggestions score published resources held in memory; a server reloads them when the
-- version here has moved, which every change to resource rows does (triggers per store below).
CREATE TABLE cache_version (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO cache_version (name, version) VALUES ('resource', 0);
