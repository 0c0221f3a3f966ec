-- The appeals a signed-in resident filed for themselves (GET /api/v1/my/appeals), newest first.
CREATE INDEX appeal_created_by ON appeal(created_by, id);
