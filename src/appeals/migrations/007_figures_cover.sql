-- The figures page ranks a node's children from their daily rollup rows: with every summed
-- column in the index it reads them in one range instead of a table lookup per child and day.
DROP INDEX appeal_node_day_parent;
CREATE INDEX appeal_node_day_parent ON appeal_node_day (parent_path, day, node_path, received, responded, resolved,
  first_line, rated, satisfied, handling_seconds, overdue_resolved);
