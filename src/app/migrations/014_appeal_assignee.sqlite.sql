-- Statistics for the new indexes at once (see 010): the planner must not take them for selective.
ANALYZE appeal_assignee_open;
ANALYZE person_account;
ANALYZE role_binding_scope;
