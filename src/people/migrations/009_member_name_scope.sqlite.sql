-- A two-character name search (a surname and a given character) walks this index in name order
-- and checks the caller's scope from the index itself, stopping at a page: no row is read until
-- the page's own. It replaces member_name (name, id), whose every match cost a table lookup for
-- the scope and the order. PostgreSQL searches names through its trigram index instead.
CREATE INDEX member_name_scope ON member(name, id, area_path, org_path);
DROP INDEX member_name;
-- Beside indexes with statistics, one without looks very selective to SQLite's planner and gets
-- picked for the wrong queries: give it its own at once (about a second at two million members).
ANALYZE member_name_scope;
