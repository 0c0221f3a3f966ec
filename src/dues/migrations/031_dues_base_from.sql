-- A base dated ahead (a re-assessment from next month, or the province's new amount for farmers)
-- comes into force in the sweep: it finds the bases of the months just begun by this index.
CREATE INDEX dues_base_from ON dues_base(from_month, member_id);
