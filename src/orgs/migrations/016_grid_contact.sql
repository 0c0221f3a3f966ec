-- "1+1+1+N" (seed 002): the town party cadre who is a grid's contact (包联), a person of the people
-- register (kind cadre). The grid's other posts are people of the grid (person.grid_role) and its
-- party organisation (party_org.area_id), both found by the grid's path.
ALTER TABLE area ADD COLUMN contact_person_id BIGINT REFERENCES person(id);
