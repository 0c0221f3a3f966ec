-- A member's record page finds the development file of the person admitted as that member.
CREATE INDEX pipeline_person_member ON pipeline_person(member_id);
