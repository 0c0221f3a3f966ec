ANALYZE party_org_area;
