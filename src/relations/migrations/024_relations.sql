-- Relations and movement (issue 16): organisation-relation transfers (组织关系转接) within the
-- installation, out of it (a numbered introduction letter and its receipt) and in from outside;
-- mobile members (流动党员) seen by the sending and the receiving side; the checks the sweep keeps
-- (流而失管, 空挂, 失联, transfers due or unconfirmed); 不合格党员处置 cases with their approvals; and the
-- county's dated settings. Every row carries both sides' paths so each side's scope is an index range.

-- One transfer. kind: within (sender starts, receiver confirms), out (a letter, then its receipt),
-- in (a letter from outside, recorded by the receiver). state: pending, confirmed, refused,
-- cancelled. Until confirmed the sender stays responsible and the member shows "in transfer".
CREATE TABLE relation_transfer (
  id {{PK}},
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  member_id BIGINT NOT NULL,
  member_name TEXT NOT NULL,
  from_org_id BIGINT,
  from_org_path {{PATH}},
  from_area_path {{PATH}},
  from_outside TEXT,
  to_org_id BIGINT,
  to_org_path {{PATH}},
  to_area_path {{PATH}},
  to_outside TEXT,
  reason TEXT NOT NULL,
  letter_year INTEGER,
  letter_no INTEGER,
  outside_letter_no TEXT,
  valid_days INTEGER,
  receipt_on TEXT,
  receipt_note TEXT,
  refused_reason TEXT,
  started_by TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  decided_by TEXT,
  decided_at BIGINT
);
-- One open transfer per member at a time.
CREATE UNIQUE INDEX relation_transfer_open ON relation_transfer(member_id) WHERE state = 'pending';
CREATE UNIQUE INDEX relation_transfer_letter ON relation_transfer(letter_year, letter_no);
CREATE INDEX relation_transfer_member ON relation_transfer(member_id, id);
CREATE INDEX relation_transfer_from ON relation_transfer(from_org_path, id);
CREATE INDEX relation_transfer_from_area ON relation_transfer(from_area_path, id);
CREATE INDEX relation_transfer_to ON relation_transfer(to_org_path, id);
CREATE INDEX relation_transfer_to_area ON relation_transfer(to_area_path, id);
CREATE INDEX relation_transfer_state ON relation_transfer(state, started_at);

-- Counters that number letters, one row per name and year.
CREATE TABLE relation_counter (
  name TEXT NOT NULL,
  year INTEGER NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (name, year)
);

-- A mobile member: home is the organisation that holds the relation, host where they now live or
-- work (an organisation here, or named outside). registered_by: home (out-flow) or host (in-flow).
CREATE TABLE relation_flow (
  id {{PK}},
  member_id BIGINT NOT NULL,
  member_name TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  home_org_id BIGINT NOT NULL,
  home_org_path {{PATH}} NOT NULL,
  home_area_path {{PATH}} NOT NULL,
  host_org_id BIGINT,
  host_org_path {{PATH}},
  host_area_path {{PATH}},
  host_outside TEXT,
  destination TEXT NOT NULL,
  since TEXT NOT NULL,
  contact TEXT NOT NULL,
  fixed_place INTEGER NOT NULL DEFAULT 0,
  last_contact_on TEXT,
  untraceable_since TEXT,
  state TEXT NOT NULL,
  ended_on TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX relation_flow_active ON relation_flow(member_id) WHERE state = 'active';
CREATE INDEX relation_flow_home ON relation_flow(home_org_path, id);
CREATE INDEX relation_flow_home_area ON relation_flow(home_area_path, id);
CREATE INDEX relation_flow_host ON relation_flow(host_org_path, id);
CREATE INDEX relation_flow_host_area ON relation_flow(host_area_path, id);
CREATE INDEX relation_flow_state ON relation_flow(state, since);

-- What the sweep found, one open row per check and subject (a member or a transfer); a finding that
-- no longer holds is resolved, not deleted.
CREATE TABLE relation_check (
  id {{PK}},
  check_kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  member_name TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  detail TEXT NOT NULL,
  source TEXT NOT NULL,
  state TEXT NOT NULL,
  found_at BIGINT NOT NULL,
  resolved_at BIGINT
);
CREATE UNIQUE INDEX relation_check_open ON relation_check(check_kind, subject_id) WHERE state = 'open';
CREATE INDEX relation_check_area ON relation_check(area_path, state, check_kind);
CREATE INDEX relation_check_org ON relation_check(org_path, state);

-- 处置 cases. kind: unqualified (不合格党员组织处置办法) or untraceable (失联). state: correcting,
-- awaiting_approval, closed. outcome: corrected, advised_leave, removed, stopped.
CREATE TABLE relation_case (
  id {{PK}},
  kind TEXT NOT NULL,
  member_id BIGINT NOT NULL,
  member_name TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  org_life_case_id BIGINT,
  reason TEXT NOT NULL,
  correct_by TEXT,
  correct_source TEXT,
  state TEXT NOT NULL,
  outcome TEXT,
  decided_on TEXT,
  resolution TEXT,
  decided_by TEXT,
  approved_by TEXT,
  approved_on TEXT,
  approval_note TEXT,
  opened_by TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE UNIQUE INDEX relation_case_open ON relation_case(member_id, kind) WHERE state <> 'closed';
CREATE UNIQUE INDEX relation_case_adopted ON relation_case(org_life_case_id);
CREATE INDEX relation_case_org ON relation_case(org_path, id);
CREATE INDEX relation_case_area ON relation_case(area_path, id);

-- The county's dated settings: a change closes the version in force and adds the next.
CREATE TABLE relation_setting (
  id {{PK}},
  setting_key TEXT NOT NULL,
  value INTEGER NOT NULL,
  source TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX relation_setting_key ON relation_setting(setting_key, effective_from);
INSERT INTO relation_setting (setting_key, value, source, effective_from, created_by, created_at) VALUES
  ('transfer_confirm_days', 30, '县委组织部设置（组织关系转接超过该天数未确认即提醒，县级可调）', '2019-01-01', '系统', 0),
  ('correct_months', 6, '县委组织部设置（不合格党员限期改正的期限，县级可调）', '2019-01-01', '系统', 0),
  ('letter_valid_days', 90, '县委组织部设置（组织关系介绍信有效期，县级可调）', '2019-01-01', '系统', 0);

-- When the sweep last ran the checks: at most once an hour over everything.
CREATE TABLE relation_sweep (
  name TEXT PRIMARY KEY,
  last_run_at BIGINT NOT NULL
);
