-- Co-governance: the three lists and their orders, dual reporting with activities, pairings,
-- volunteer teams, and resident deliberation with household ballots.

-- 资源清单: what a unit or member offers a community.
CREATE TABLE resource (
  id {{PK}},
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  description TEXT,
  owner_kind TEXT NOT NULL,
  unit_id BIGINT REFERENCES unit(id),
  member_id BIGINT REFERENCES member(id),
  owner_name TEXT NOT NULL,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  served_area_ids TEXT,
  served_paths TEXT,
  capacity INTEGER NOT NULL DEFAULT 1,
  available TEXT,
  contact TEXT,
  lon DOUBLE PRECISION,
  lat DOUBLE PRECISION,
  status TEXT NOT NULL,
  review_note TEXT,
  open_orders INTEGER NOT NULL DEFAULT 0,
  rating_sum INTEGER NOT NULL DEFAULT 0,
  ratings INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX resource_scope ON resource(area_path, id);
-- Suggestions read the published resources of one kind that still have room.
CREATE INDEX resource_match ON resource(status, kind, id);
CREATE INDEX resource_unit ON resource(unit_id, id);
CREATE INDEX resource_member ON resource(member_id, id);

-- 需求清单: what residents, grids and communities need.
CREATE TABLE need (
  id {{PK}},
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  description TEXT,
  source TEXT NOT NULL,
  requester_name TEXT,
  appeal_id BIGINT REFERENCES appeal(id),
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  lon DOUBLE PRECISION,
  lat DOUBLE PRECISION,
  status TEXT NOT NULL,
  review_note TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX need_scope ON need(area_path, id);
CREATE INDEX need_status ON need(status, area_path, id);

-- 项目清单: a community's own undertakings with places for claimers.
CREATE TABLE project (
  id {{PK}},
  title TEXT NOT NULL,
  description TEXT,
  goal TEXT,
  budget DOUBLE PRECISION,
  places INTEGER NOT NULL,
  taken INTEGER NOT NULL DEFAULT 0,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  starts_on TEXT,
  ends_on TEXT,
  status TEXT NOT NULL,
  review_note TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX project_scope ON project(area_path, id);
CREATE INDEX project_status ON project(status, area_path, id);

-- An order: one claim of a need or project, or one dispatch of a need to a resource.
CREATE TABLE service_order (
  id {{PK}},
  need_id BIGINT REFERENCES need(id),
  project_id BIGINT REFERENCES project(id),
  resource_id BIGINT REFERENCES resource(id),
  claimer_kind TEXT NOT NULL,
  unit_id BIGINT REFERENCES unit(id),
  member_id BIGINT REFERENCES member(id),
  claimer_name TEXT NOT NULL,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  via TEXT NOT NULL,
  status TEXT NOT NULL,
  rating INTEGER,
  rating_comment TEXT,
  points INTEGER NOT NULL DEFAULT 0,
  period TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  confirmed_at BIGINT
);
CREATE INDEX service_order_scope ON service_order(area_path, id);
CREATE INDEX service_order_unit ON service_order(unit_id, id);
CREATE INDEX service_order_member ON service_order(member_id, id);
CREATE INDEX service_order_need ON service_order(need_id, status);
CREATE INDEX service_order_project ON service_order(project_id, status);
-- The honour roll sums confirmed orders of one period under a subtree.
CREATE INDEX service_order_roll ON service_order(period, area_path);

CREATE TABLE service_order_event (
  id {{PK}},
  order_id BIGINT NOT NULL REFERENCES service_order(id),
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  note TEXT
);
CREATE INDEX service_order_event_order ON service_order_event(order_id, id);

-- 双报到: a unit's party organisation, or an in-service member, reported to a community.
CREATE TABLE dual_report (
  id {{PK}},
  kind TEXT NOT NULL,
  party_org_id BIGINT REFERENCES party_org(id),
  unit_id BIGINT REFERENCES unit(id),
  member_id BIGINT REFERENCES member(id),
  org_path {{PATH}},
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  commitments TEXT,
  address TEXT,
  reported_on TEXT NOT NULL,
  status TEXT NOT NULL,
  last_active_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX dual_report_scope ON dual_report(area_path, id);
CREATE INDEX dual_report_org ON dual_report(org_path, id);
CREATE INDEX dual_report_member ON dual_report(member_id, status);
CREATE INDEX dual_report_unit ON dual_report(unit_id, kind, status);
-- The monthly notice counts reported members per unit under a subtree from this index alone.
CREATE INDEX dual_report_notice ON dual_report(kind, status, area_path, unit_id);

CREATE TABLE activity (
  id {{PK}},
  title TEXT NOT NULL,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  place TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  places INTEGER NOT NULL,
  needs TEXT,
  max_hours DOUBLE PRECISION NOT NULL DEFAULT 4,
  checkin_code TEXT NOT NULL,
  signed_up INTEGER NOT NULL DEFAULT 0,
  checked_in INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX activity_scope ON activity(area_path, id);
CREATE INDEX activity_time ON activity(starts_at, area_path);

CREATE TABLE activity_signup (
  id {{PK}},
  activity_id BIGINT NOT NULL REFERENCES activity(id),
  member_id BIGINT NOT NULL REFERENCES member(id),
  report_id BIGINT NOT NULL REFERENCES dual_report(id),
  signed_at BIGINT NOT NULL,
  checked_in_at BIGINT,
  hours DOUBLE PRECISION NOT NULL DEFAULT 0,
  UNIQUE (activity_id, member_id)
);
CREATE INDEX activity_signup_member ON activity_signup(member_id, id);

-- The monthly notice's rollup: one row per reported member and month they took part, kept at check-in.
CREATE TABLE dual_report_month (
  member_id BIGINT NOT NULL REFERENCES member(id),
  month TEXT NOT NULL,
  unit_id BIGINT,
  area_path {{PATH}} NOT NULL,
  activities INTEGER NOT NULL,
  hours DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (member_id, month)
);
CREATE INDEX dual_report_month_scope ON dual_report_month(month, area_path, unit_id, hours, activities);

-- 结对: 1+1, N+1 (members to households), 1+N (community to units), 企村结对.
CREATE TABLE pairing (
  id {{PK}},
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  content TEXT,
  started_on TEXT,
  parties_count INTEGER NOT NULL DEFAULT 0,
  helps INTEGER NOT NULL DEFAULT 0,
  help_hours DOUBLE PRECISION NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX pairing_scope ON pairing(area_path, id);

CREATE TABLE pairing_party (
  id {{PK}},
  pairing_id BIGINT NOT NULL REFERENCES pairing(id),
  side TEXT NOT NULL,
  party_kind TEXT NOT NULL,
  ref_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (pairing_id, side, party_kind, ref_id)
);
CREATE INDEX pairing_party_member ON pairing_party(party_kind, ref_id);

CREATE TABLE pairing_help (
  id {{PK}},
  pairing_id BIGINT NOT NULL REFERENCES pairing(id),
  on_date TEXT NOT NULL,
  content TEXT NOT NULL,
  hours DOUBLE PRECISION,
  recorded_by TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX pairing_help_pairing ON pairing_help(pairing_id, id);

CREATE TABLE volunteer_team (
  id {{PK}},
  name TEXT NOT NULL,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  description TEXT,
  leader TEXT,
  volunteers INTEGER NOT NULL DEFAULT 0,
  hours DOUBLE PRECISION NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX volunteer_team_scope ON volunteer_team(area_path, id);

CREATE TABLE volunteer (
  id {{PK}},
  team_id BIGINT NOT NULL REFERENCES volunteer_team(id),
  name TEXT NOT NULL,
  person_id BIGINT REFERENCES person(id),
  member_id BIGINT REFERENCES member(id),
  hours DOUBLE PRECISION NOT NULL DEFAULT 0,
  joined_at BIGINT NOT NULL
);
CREATE INDEX volunteer_team_members ON volunteer(team_id, id);

CREATE TABLE volunteer_hours (
  id {{PK}},
  volunteer_id BIGINT NOT NULL REFERENCES volunteer(id),
  on_date TEXT NOT NULL,
  hours DOUBLE PRECISION NOT NULL,
  content TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX volunteer_hours_volunteer ON volunteer_hours(volunteer_id, id);

-- Households vote in deliberations, one ballot each; residents' accounts name theirs.
CREATE TABLE household (
  id {{PK}},
  address TEXT NOT NULL,
  head_name TEXT NOT NULL,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  representative INTEGER NOT NULL DEFAULT 0,
  people INTEGER,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX household_scope ON household(area_path, id);
ALTER TABLE account ADD COLUMN household_id BIGINT REFERENCES household(id);

CREATE TABLE deliberation (
  id {{PK}},
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  proposer TEXT NOT NULL,
  proposer_kind TEXT NOT NULL,
  voter_base TEXT NOT NULL,
  quorum DOUBLE PRECISION NOT NULL,
  majority DOUBLE PRECISION NOT NULL,
  stage TEXT NOT NULL,
  opens_at BIGINT,
  closes_at BIGINT,
  eligible INTEGER NOT NULL DEFAULT 0,
  ballots INTEGER NOT NULL DEFAULT 0,
  yes INTEGER NOT NULL DEFAULT 0,
  no INTEGER NOT NULL DEFAULT 0,
  abstain INTEGER NOT NULL DEFAULT 0,
  decided_at BIGINT,
  rating_sum INTEGER NOT NULL DEFAULT 0,
  ratings INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX deliberation_scope ON deliberation(area_path, id);
CREATE INDEX deliberation_closing ON deliberation(stage, closes_at);

-- Who may vote is fixed when the vote opens, so households added later do not move the quorum.
CREATE TABLE deliberation_voter (
  deliberation_id BIGINT NOT NULL REFERENCES deliberation(id),
  household_id BIGINT NOT NULL REFERENCES household(id),
  PRIMARY KEY (deliberation_id, household_id)
);

CREATE TABLE deliberation_ballot (
  deliberation_id BIGINT NOT NULL REFERENCES deliberation(id),
  household_id BIGINT NOT NULL REFERENCES household(id),
  choice TEXT NOT NULL,
  cast_by TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (deliberation_id, household_id)
);

CREATE TABLE deliberation_rating (
  deliberation_id BIGINT NOT NULL REFERENCES deliberation(id),
  household_id BIGINT NOT NULL REFERENCES household(id),
  score INTEGER NOT NULL,
  comment TEXT,
  at BIGINT NOT NULL,
  PRIMARY KEY (deliberation_id, household_id)
);

CREATE TABLE deliberation_note (
  id {{PK}},
  deliberation_id BIGINT NOT NULL REFERENCES deliberation(id),
  kind TEXT NOT NULL,
  author TEXT NOT NULL,
  body TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX deliberation_note_matter ON deliberation_note(deliberation_id, id);
