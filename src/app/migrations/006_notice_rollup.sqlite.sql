-- Reports ended before this migration count as ended in the month of their last change (China time).
INSERT INTO dual_report_unit_month (area_path, unit_id, month, ended_in)
  SELECT a.path, g.unit_id, g.month, SUM(g.n) FROM
    (SELECT area_path, COALESCE(unit_id, 0) AS unit_id, strftime('%Y-%m', updated_at + 28800, 'unixepoch') AS month, COUNT(*) AS n
     FROM dual_report WHERE kind = 'member' AND status = 'ended'
     GROUP BY area_path, COALESCE(unit_id, 0), strftime('%Y-%m', updated_at + 28800, 'unixepoch')) g
  JOIN area a ON substr(g.area_path, 1, length(a.path)) = a.path
  GROUP BY a.path, g.unit_id, g.month
  ON CONFLICT (area_path, unit_id, month) DO UPDATE SET ended_in = excluded.ended_in;

CREATE TRIGGER resource_version_ai AFTER INSERT ON resource BEGIN
  UPDATE cache_version SET version = version + 1 WHERE name = 'resource';
END;
CREATE TRIGGER resource_version_au AFTER UPDATE ON resource BEGIN
  UPDATE cache_version SET version = version + 1 WHERE name = 'resource';
END;
CREATE TRIGGER resource_version_ad AFTER DELETE ON resource BEGIN
  UPDATE cache_version SET version = version + 1 WHERE name = 'resource';
END;
