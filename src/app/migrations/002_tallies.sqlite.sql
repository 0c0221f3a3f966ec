-- Triggers keeping area_tally and org_tally in step (SQLite).
CREATE TRIGGER member_area_tally_ai AFTER INSERT ON member BEGIN
  INSERT INTO area_tally (area_path, members) VALUES (new.area_path, 1)
    ON CONFLICT (area_path) DO UPDATE SET members = members + 1;
END;
CREATE TRIGGER member_area_tally_ad AFTER DELETE ON member BEGIN
  UPDATE area_tally SET members = members - 1 WHERE area_path = old.area_path;
END;
CREATE TRIGGER member_area_tally_au AFTER UPDATE OF area_path ON member
  WHEN old.area_path <> new.area_path BEGIN
  UPDATE area_tally SET members = members - 1 WHERE area_path = old.area_path;
  INSERT INTO area_tally (area_path, members) VALUES (new.area_path, 1)
    ON CONFLICT (area_path) DO UPDATE SET members = members + 1;
END;
CREATE TRIGGER party_org_area_tally_ai AFTER INSERT ON party_org BEGIN
  INSERT INTO area_tally (area_path, orgs) VALUES (new.area_path, 1)
    ON CONFLICT (area_path) DO UPDATE SET orgs = orgs + 1;
END;
CREATE TRIGGER party_org_area_tally_ad AFTER DELETE ON party_org BEGIN
  UPDATE area_tally SET orgs = orgs - 1 WHERE area_path = old.area_path;
END;
CREATE TRIGGER party_org_area_tally_au AFTER UPDATE OF area_path ON party_org
  WHEN old.area_path <> new.area_path BEGIN
  UPDATE area_tally SET orgs = orgs - 1 WHERE area_path = old.area_path;
  INSERT INTO area_tally (area_path, orgs) VALUES (new.area_path, 1)
    ON CONFLICT (area_path) DO UPDATE SET orgs = orgs + 1;
END;
CREATE TRIGGER unit_area_tally_ai AFTER INSERT ON unit BEGIN
  INSERT INTO area_tally (area_path, units) VALUES (new.area_path, 1)
    ON CONFLICT (area_path) DO UPDATE SET units = units + 1;
END;
CREATE TRIGGER unit_area_tally_ad AFTER DELETE ON unit BEGIN
  UPDATE area_tally SET units = units - 1 WHERE area_path = old.area_path;
END;
CREATE TRIGGER unit_area_tally_au AFTER UPDATE OF area_path ON unit
  WHEN old.area_path <> new.area_path BEGIN
  UPDATE area_tally SET units = units - 1 WHERE area_path = old.area_path;
  INSERT INTO area_tally (area_path, units) VALUES (new.area_path, 1)
    ON CONFLICT (area_path) DO UPDATE SET units = units + 1;
END;
CREATE TRIGGER venue_area_tally_ai AFTER INSERT ON venue BEGIN
  INSERT INTO area_tally (area_path, venues) VALUES (new.area_path, 1)
    ON CONFLICT (area_path) DO UPDATE SET venues = venues + 1;
END;
CREATE TRIGGER venue_area_tally_ad AFTER DELETE ON venue BEGIN
  UPDATE area_tally SET venues = venues - 1 WHERE area_path = old.area_path;
END;
CREATE TRIGGER venue_area_tally_au AFTER UPDATE OF area_path ON venue
  WHEN old.area_path <> new.area_path BEGIN
  UPDATE area_tally SET venues = venues - 1 WHERE area_path = old.area_path;
  INSERT INTO area_tally (area_path, venues) VALUES (new.area_path, 1)
    ON CONFLICT (area_path) DO UPDATE SET venues = venues + 1;
END;
CREATE TRIGGER person_area_tally_ai AFTER INSERT ON person BEGIN
  INSERT INTO area_tally (area_path, people) VALUES (new.area_path, 1)
    ON CONFLICT (area_path) DO UPDATE SET people = people + 1;
END;
CREATE TRIGGER person_area_tally_ad AFTER DELETE ON person BEGIN
  UPDATE area_tally SET people = people - 1 WHERE area_path = old.area_path;
END;
CREATE TRIGGER person_area_tally_au AFTER UPDATE OF area_path ON person
  WHEN old.area_path <> new.area_path BEGIN
  UPDATE area_tally SET people = people - 1 WHERE area_path = old.area_path;
  INSERT INTO area_tally (area_path, people) VALUES (new.area_path, 1)
    ON CONFLICT (area_path) DO UPDATE SET people = people + 1;
END;
CREATE TRIGGER member_org_tally_ai AFTER INSERT ON member BEGIN
  INSERT INTO org_tally (org_path, members) VALUES (new.org_path, 1)
    ON CONFLICT (org_path) DO UPDATE SET members = members + 1;
END;
CREATE TRIGGER member_org_tally_ad AFTER DELETE ON member BEGIN
  UPDATE org_tally SET members = members - 1 WHERE org_path = old.org_path;
END;
CREATE TRIGGER member_org_tally_au AFTER UPDATE OF org_path ON member
  WHEN old.org_path <> new.org_path BEGIN
  UPDATE org_tally SET members = members - 1 WHERE org_path = old.org_path;
  INSERT INTO org_tally (org_path, members) VALUES (new.org_path, 1)
    ON CONFLICT (org_path) DO UPDATE SET members = members + 1;
END;
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
