-- A member's record lists every flow and case of the member, ended and closed ones too: the
-- partial indexes cover only the active flow and the open cases.
CREATE INDEX relation_flow_member ON relation_flow(member_id, id);
CREATE INDEX relation_case_member ON relation_case(member_id, id);
