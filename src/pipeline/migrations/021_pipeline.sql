-- Developing members (发展党员, issue 16): each person's file from application to full membership,
-- the steps recorded on it with their documents and the rules they satisfy, the county's dated
-- settings, the warnings the sweep sends, the yearly quotas (指标单列) and their moves (动态调剂),
-- the county's joint reviews (县级联审) and sampling re-checks (提级抽查复核).

-- One file per person and application. The ID number is kept as people keeps members' (SM4, a
-- blind index, a masked copy); the member row is people's, made at approval (member_id).
-- next_due is the earliest deadline the file runs against, so the sweep reads an index range.
CREATE TABLE pipeline_person (
  id {{PK}},
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  id_number_enc TEXT NOT NULL,
  id_number_idx TEXT NOT NULL,
  id_number_mask TEXT NOT NULL,
  person_id BIGINT,
  stage TEXT NOT NULL,
  applied_on TEXT NOT NULL,
  talked_on TEXT,
  activist_on TEXT,
  contacts INTEGER NOT NULL DEFAULT 0,
  last_review_on TEXT,
  candidate_on TEXT,
  filed_on TEXT,
  political_review_on TEXT,
  training_on TEXT,
  introducers INTEGER NOT NULL DEFAULT 0,
  publicity_from TEXT,
  publicity_to TEXT,
  joint_review_passed INTEGER NOT NULL DEFAULT 0,
  voted_on TEXT,
  vote_due INTEGER,
  vote_ayes INTEGER,
  approved_on TEXT,
  extended_to TEXT,
  full_on TEXT,
  closed_on TEXT,
  member_id BIGINT,
  next_due TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX pipeline_person_org ON pipeline_person(org_path, stage, id);
CREATE INDEX pipeline_person_area ON pipeline_person(area_path, stage, id);
CREATE INDEX pipeline_person_due ON pipeline_person(next_due);
CREATE INDEX pipeline_person_voted ON pipeline_person(voted_on, org_path);
-- One open file per ID number; a cancelled probation or a full member's file stays on record.
CREATE UNIQUE INDEX pipeline_person_open ON pipeline_person(id_number_idx)
  WHERE stage IN ('applicant', 'activist', 'candidate', 'probationary');

-- Each step: its day, who decided, the rules it satisfies (codes and their words with sources),
-- what it recorded (JSON) and, when a county rule was set aside, the reason given.
CREATE TABLE pipeline_step (
  id {{PK}},
  person_id BIGINT NOT NULL REFERENCES pipeline_person(id),
  step TEXT NOT NULL,
  on_day TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  rules TEXT NOT NULL,
  rule_text TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}',
  overridden TEXT,
  override_reason TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX pipeline_step_person ON pipeline_step(person_id, id);

-- Documents by content hash (SM3), their bytes in the shared blob store's folder for this module.
CREATE TABLE pipeline_upload (
  hash TEXT PRIMARY KEY,
  mime TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE pipeline_document (
  id {{PK}},
  step_id BIGINT NOT NULL REFERENCES pipeline_step(id),
  person_id BIGINT NOT NULL REFERENCES pipeline_person(id),
  hash TEXT NOT NULL REFERENCES pipeline_upload(hash),
  name TEXT NOT NULL,
  added_by TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX pipeline_document_step ON pipeline_document(step_id, id);
CREATE INDEX pipeline_document_hash ON pipeline_document(hash);

-- The county's practice as dated numbers, like organisation life's settings: a change closes the
-- version in force, so a step keeps the setting of its day. PARTY-RULES.md marks these [local].
CREATE TABLE pipeline_setting (
  id {{PK}},
  setting_key TEXT NOT NULL,
  value INTEGER NOT NULL,
  source TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX pipeline_setting_key ON pipeline_setting(setting_key, effective_from);
INSERT INTO pipeline_setting (setting_key, value, source, effective_from, created_by, created_at) VALUES
  ('publicity_working_days', 5, '县委组织部设定（常见做法：发展对象公示不少于5个工作日）', '2014-06-10', '系统', 0),
  ('political_review_valid_months', 12, '县委组织部设定（常见做法：政审结论有效期1年）', '2014-06-10', '系统', 0),
  ('joint_review_required', 1, '县委组织部设定（发展对象县级联审，1为须经联审，0为不需要）', '2014-06-10', '系统', 0),
  ('warn_first_days', 30, '县委组织部设定（默认提前30天提醒）', '2014-06-10', '系统', 0),
  ('warn_second_days', 7, '县委组织部设定（默认提前7天再次提醒）', '2014-06-10', '系统', 0);

-- One warning per file, deadline (rule and day) and level: ahead, close, missed.
CREATE TABLE pipeline_warning (
  id {{PK}},
  person_id BIGINT NOT NULL REFERENCES pipeline_person(id),
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  name TEXT NOT NULL,
  rule_code TEXT NOT NULL,
  due_on TEXT NOT NULL,
  level TEXT NOT NULL,
  message TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX pipeline_warning_once ON pipeline_warning(person_id, rule_code, due_on, level);
CREATE INDEX pipeline_warning_org ON pipeline_warning(org_path, id);
CREATE INDEX pipeline_warning_area ON pipeline_warning(area_path, id);

-- 指标单列: the county's yearly quota per organisation, and the moves between them (动态调剂).
CREATE TABLE pipeline_quota (
  year INTEGER NOT NULL,
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  quota INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (year, org_id)
);
CREATE INDEX pipeline_quota_path ON pipeline_quota(org_path, year);
CREATE TABLE pipeline_quota_move (
  id {{PK}},
  year INTEGER NOT NULL,
  from_org_id BIGINT NOT NULL,
  to_org_id BIGINT NOT NULL,
  amount INTEGER NOT NULL,
  reason TEXT NOT NULL,
  moved_by TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX pipeline_quota_move_year ON pipeline_quota_move(year, id);

-- 县级联审: the county reviews a batch of candidates and approves or returns each.
CREATE TABLE pipeline_review (
  id {{PK}},
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE TABLE pipeline_review_item (
  review_id BIGINT NOT NULL REFERENCES pipeline_review(id),
  person_id BIGINT NOT NULL REFERENCES pipeline_person(id),
  decision TEXT,
  note TEXT,
  decided_by TEXT,
  decided_at BIGINT,
  PRIMARY KEY (review_id, person_id)
);
CREATE INDEX pipeline_review_item_person ON pipeline_review_item(person_id);

-- 提级抽查复核: a sample the server drew from the year's admissions with a recorded seed (anyone
-- may redraw it), each re-checked by the county.
CREATE TABLE pipeline_recheck (
  id {{PK}},
  year INTEGER NOT NULL,
  seed TEXT NOT NULL,
  population INTEGER NOT NULL,
  size INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE pipeline_recheck_item (
  recheck_id BIGINT NOT NULL REFERENCES pipeline_recheck(id),
  person_id BIGINT NOT NULL REFERENCES pipeline_person(id),
  result TEXT,
  note TEXT,
  checked_by TEXT,
  checked_at BIGINT,
  PRIMARY KEY (recheck_id, person_id)
);
