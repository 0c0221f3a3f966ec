-- Statistics for the new index at once: without them SQLite's planner took it for very selective
-- beside the others, chose it for the duplicate suggestions and sorted every open appeal in scope
-- on each appeal detail (2 details a second over the province, from 3,400).
ANALYZE appeal_status_live;
