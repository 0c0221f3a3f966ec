-- Every count added to a node's daily row rewrote this covering index too (a quarter of the pages
-- each intake commit wrote). The children's ranking now sums each child's own rows through the
-- primary key (node_path, day) instead, which no count changes.
DROP INDEX appeal_node_day_parent;
