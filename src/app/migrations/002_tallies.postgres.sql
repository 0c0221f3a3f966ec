-- Triggers keeping area_tally and org_tally in step (PostgreSQL).
CREATE FUNCTION member_area_tally() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE area_tally SET members = members - 1 WHERE area_path = OLD.area_path;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO area_tally (area_path, members) VALUES (NEW.area_path, 1)
      ON CONFLICT (area_path) DO UPDATE SET members = area_tally.members + 1;
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER member_area_tally AFTER INSERT OR DELETE OR UPDATE OF area_path ON member
  FOR EACH ROW EXECUTE FUNCTION member_area_tally();
CREATE FUNCTION party_org_area_tally() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE area_tally SET orgs = orgs - 1 WHERE area_path = OLD.area_path;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO area_tally (area_path, orgs) VALUES (NEW.area_path, 1)
      ON CONFLICT (area_path) DO UPDATE SET orgs = area_tally.orgs + 1;
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER party_org_area_tally AFTER INSERT OR DELETE OR UPDATE OF area_path ON party_org
  FOR EACH ROW EXECUTE FUNCTION party_org_area_tally();
CREATE FUNCTION unit_area_tally() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE area_tally SET units = units - 1 WHERE area_path = OLD.area_path;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO area_tally (area_path, units) VALUES (NEW.area_path, 1)
      ON CONFLICT (area_path) DO UPDATE SET units = area_tally.units + 1;
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER unit_area_tally AFTER INSERT OR DELETE OR UPDATE OF area_path ON unit
  FOR EACH ROW EXECUTE FUNCTION unit_area_tally();
CREATE FUNCTION venue_area_tally() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE area_tally SET venues = venues - 1 WHERE area_path = OLD.area_path;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO area_tally (area_path, venues) VALUES (NEW.area_path, 1)
      ON CONFLICT (area_path) DO UPDATE SET venues = area_tally.venues + 1;
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER venue_area_tally AFTER INSERT OR DELETE OR UPDATE OF area_path ON venue
  FOR EACH ROW EXECUTE FUNCTION venue_area_tally();
CREATE FUNCTION person_area_tally() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE area_tally SET people = people - 1 WHERE area_path = OLD.area_path;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO area_tally (area_path, people) VALUES (NEW.area_path, 1)
      ON CONFLICT (area_path) DO UPDATE SET people = area_tally.people + 1;
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER person_area_tally AFTER INSERT OR DELETE OR UPDATE OF area_path ON person
  FOR EACH ROW EXECUTE FUNCTION person_area_tally();
CREATE FUNCTION member_org_tally() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE org_tally SET members = members - 1 WHERE org_path = OLD.org_path;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO org_tally (org_path, members) VALUES (NEW.org_path, 1)
      ON CONFLICT (org_path) DO UPDATE SET members = org_tally.members + 1;
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER member_org_tally AFTER INSERT OR DELETE OR UPDATE OF org_path ON member
  FOR EACH ROW EXECUTE FUNCTION member_org_tally();
INSERT INTO area_tally (area_path, members) SELECT area_path, COUNT(*) FROM member WHERE true GROUP BY area_path
  ON CONFLICT (area_path) DO UPDATE SET members = excluded.members;
INSERT INTO area_tally (area_path, orgs) SELECT area_path, COUNT(*) FROM party_org WHERE true GROUP BY area_path
  ON CONFLICT (area_path) DO UPDATE SET orgs = excluded.orgs;
INSERT INTO area_tally (area_path, units) SELECT area_path, COUNT(*) FROM unit WHERE true GROUP BY area_path
  ON CONFLICT (area_path) DO UPDATE SET units = excluded.units;
INSERT INTO area_tally (area_path, venues) SELECT area_path, COUNT(*) FROM venue WHERE true GROUP BY area_path
  ON CONFLICT (area_path) DO UPDATE SET venues = excluded.venues;
INSERT INTO area_tally (area_path, people) SELECT area_path, COUNT(*) FROM person WHERE true GROUP BY area_path
  ON CONFLICT (area_path) DO UPDATE SET people = excluded.people;
INSERT INTO org_tally (org_path, members) SELECT org_path, COUNT(*) FROM member WHERE true GROUP BY org_path
  ON CONFLICT (org_path) DO UPDATE SET members = excluded.members;
