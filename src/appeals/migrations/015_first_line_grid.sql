-- The first-line share shown apart for the grid and the community (seed 002's 95% is of every
-- appeal and dispute): a counter of appeals resolved without ever leaving the grid.
ALTER TABLE appeal_day ADD COLUMN first_line_grid BIGINT NOT NULL DEFAULT 0;
ALTER TABLE appeal_node_day ADD COLUMN first_line_grid BIGINT NOT NULL DEFAULT 0;
-- Existing rollups get the new counter by a rebuild from the appeals, which the server runs once
-- at its next start (a migration is SQL; the day an appeal counts on is computed in C++).
CREATE TABLE rollup_rebuild_due (what TEXT PRIMARY KEY);
INSERT INTO rollup_rebuild_due (what) VALUES ('appeals');
