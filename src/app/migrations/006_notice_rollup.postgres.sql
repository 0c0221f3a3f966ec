-- Reports ended before this migration count as ended in the month of their last change (China time).
INSERT INTO dual_report_unit_month (area_path, unit_id, month, ended_in)
  SELECT a.path, g.unit_id, g.month, SUM(g.n) FROM
    (SELECT area_path, COALESCE(unit_id, 0) AS unit_id, to_char(to_timestamp(updated_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM') AS month, COUNT(*) AS n
     FROM dual_report WHERE kind = 'member' AND status = 'ended'
     GROUP BY area_path, COALESCE(unit_id, 0), to_char(to_timestamp(updated_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM')) g
  JOIN area a ON substr(g.area_path, 1, length(a.path)) = a.path
  GROUP BY a.path, g.unit_id, g.month
  ON CONFLICT (area_path, unit_id, month) DO UPDATE SET ended_in = excluded.ended_in;

-- Once per statement, so a bulk load moves the version once.
CREATE FUNCTION resource_version_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE cache_version SET version = version + 1 WHERE name = 'resource';
  RETURN NULL;
END $fn$;
CREATE TRIGGER resource_version AFTER INSERT OR UPDATE OR DELETE ON resource
  FOR EACH STATEMENT EXECUTE FUNCTION resource_version_bump();
