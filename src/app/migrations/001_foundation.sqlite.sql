-- Chinese name search: FTS5 with the trigram tokenizer, kept in step by triggers.
CREATE VIRTUAL TABLE member_fts USING fts5(name, content='member', content_rowid='id', tokenize='trigram');
CREATE TRIGGER member_fts_ai AFTER INSERT ON member BEGIN
  INSERT INTO member_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER member_fts_ad AFTER DELETE ON member BEGIN
  INSERT INTO member_fts(member_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER member_fts_au AFTER UPDATE OF name ON member BEGIN
  INSERT INTO member_fts(member_fts, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO member_fts(rowid, name) VALUES (new.id, new.name);
END;
