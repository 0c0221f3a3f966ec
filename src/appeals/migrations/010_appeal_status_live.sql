-- One index where two were: the queues (status, scope, newest first) and the live counts (open,
-- due soon, overdue under a node) both read it, and each intake writes one random leaf page fewer
-- (each index took about 8% of an intake commit's pages).
CREATE INDEX appeal_status_live ON appeal(status, area_path, id, deadline_at, warn_at);
DROP INDEX appeal_status;
DROP INDEX appeal_open_live;
