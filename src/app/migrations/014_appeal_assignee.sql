-- 首接负责: every appeal has a named person who answers for it, by default the grid's full-time
-- worker (a person of the people register linked to the account they log in with).
ALTER TABLE appeal ADD COLUMN assignee_id BIGINT REFERENCES account(id);
ALTER TABLE person ADD COLUMN account_id BIGINT REFERENCES account(id);
-- "Mine": only open appeals are anyone's work, so only they are indexed, in the order they fall due.
CREATE INDEX appeal_assignee_open ON appeal(assignee_id, deadline_at, id)
  WHERE status IN ('submitted', 'accepted', 'in_progress', 'reopened');
CREATE INDEX person_account ON person(account_id);
-- Who works in a grid or community: role bindings by the node they are bound to.
CREATE INDEX role_binding_scope ON role_binding(scope_type, scope_id, role);
