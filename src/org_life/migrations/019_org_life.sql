-- Organisation life (issue 15): meetings of party organisations with their attendance, minutes,
-- resolutions, attachments and observers; the kinds and the dated duty rules the county keeps;
-- each organisation's committee and term; and the monthly tally of valid meetings per
-- organisation and kind that the compliance matrix reads as an index range over paths.

-- The meeting kinds: the seven the branch regulation names, and any a county adds.
CREATE TABLE meeting_kind (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  builtin INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
INSERT INTO meeting_kind (code, label, builtin, created_at) VALUES
  ('general_meeting', '党员大会', 1, 0), ('committee_meeting', '支委会', 1, 0), ('group_meeting', '党小组会', 1, 0),
  ('party_lecture', '党课', 1, 0), ('theme_day', '主题党日', 1, 0), ('life_meeting', '组织生活会', 1, 0),
  ('evaluation', '民主评议党员', 1, 0);

-- How often a kind must be held. A change closes the version in force (effective_to) and adds
-- the next, so a period is judged by the version in force on its first day.
CREATE TABLE org_life_duty (
  id {{PK}},
  duty_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  count INTEGER NOT NULL,
  applies_to TEXT NOT NULL,
  source TEXT NOT NULL,
  central INTEGER NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX org_life_duty_key ON org_life_duty(duty_key, effective_from);
-- From PARTY-RULES.md, in force since the branch regulation (2018-10-28); rules.cpp's
-- default_duties() holds the same rows and a test keeps the two equal.
INSERT INTO org_life_duty (duty_key, kind, period, count, applies_to, source, central, effective_from, created_by, created_at) VALUES
  ('general_meeting.quarterly', 'general_meeting', 'quarter', 1, 'branch,general_branch', '《中国共产党支部工作条例（试行）》第十一条', 1, '2018-10-28', '系统', 0),
  ('committee_meeting.monthly', 'committee_meeting', 'month', 1, 'branch,general_branch', '《中国共产党支部工作条例（试行）》第十二条', 1, '2018-10-28', '系统', 0),
  ('group_meeting.monthly', 'group_meeting', 'month', 1, 'group', '《中国共产党支部工作条例（试行）》第十三条', 1, '2018-10-28', '系统', 0),
  ('party_lecture.yearly', 'party_lecture', 'year', 1, 'branch,general_branch', '《中国共产党支部工作条例（试行）》（党组织书记每年至少讲1次党课）', 1, '2018-10-28', '系统', 0),
  ('party_lecture.quarterly', 'party_lecture', 'quarter', 1, 'branch,general_branch', '县委组织部规定（每季度至少1次党课）', 0, '2018-10-28', '系统', 0),
  ('theme_day.monthly', 'theme_day', 'month', 1, 'branch,general_branch', '《中国共产党支部工作条例（试行）》（每月相对固定1天开展主题党日）', 1, '2018-10-28', '系统', 0),
  ('life_meeting.yearly', 'life_meeting', 'year', 1, 'branch,general_branch', '《中国共产党支部工作条例（试行）》（组织生活会一般每年召开1次）', 1, '2018-10-28', '系统', 0),
  ('evaluation.yearly', 'evaluation', 'year', 1, 'branch,general_branch', '《中国共产党支部工作条例（试行）》（民主评议党员一般每年开展1次）', 1, '2018-10-28', '系统', 0);

CREATE TABLE meeting (
  id {{PK}},
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  kind TEXT NOT NULL,
  topic TEXT NOT NULL,
  agenda TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  venue_id BIGINT,
  presider TEXT NOT NULL DEFAULT '',
  starts_at BIGINT NOT NULL,
  month TEXT NOT NULL,
  status TEXT NOT NULL,
  minutes TEXT NOT NULL DEFAULT '',
  due INTEGER NOT NULL DEFAULT 0,
  present INTEGER NOT NULL DEFAULT 0,
  quorum INTEGER NOT NULL DEFAULT 0,
  counted INTEGER NOT NULL DEFAULT 0,
  cancel_reason TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  announced_at BIGINT,
  held_at BIGINT
);
CREATE INDEX meeting_org_path ON meeting(org_path, starts_at);
CREATE INDEX meeting_area_path ON meeting(area_path, starts_at);

-- One row per member expected or attending: expected, leave_requested, leave, present, absent.
-- A member of another organisation (mobile, dual-reporting) attends as a guest; it counts for them.
CREATE TABLE meeting_attendance (
  meeting_id BIGINT NOT NULL REFERENCES meeting(id),
  member_id BIGINT NOT NULL,
  member_name TEXT NOT NULL,
  full_member INTEGER NOT NULL DEFAULT 0,
  guest INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  leave_reason TEXT,
  leave_decided_by TEXT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX meeting_attendance_member ON meeting_attendance(member_id, meeting_id);

CREATE TABLE meeting_resolution (
  id {{PK}},
  meeting_id BIGINT NOT NULL REFERENCES meeting(id),
  body TEXT NOT NULL,
  ayes INTEGER,
  noes INTEGER,
  abstentions INTEGER,
  passed INTEGER,
  created_at BIGINT NOT NULL
);
CREATE INDEX meeting_resolution_meeting ON meeting_resolution(meeting_id, id);

-- Files kept once per content hash (SM3) under the media folder; their type read from their bytes.
CREATE TABLE org_life_file (
  hash TEXT PRIMARY KEY,
  mime TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE meeting_attachment (
  id {{PK}},
  meeting_id BIGINT NOT NULL REFERENCES meeting(id),
  hash TEXT NOT NULL REFERENCES org_life_file(hash),
  name TEXT NOT NULL,
  added_by TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX meeting_attachment_meeting ON meeting_attachment(meeting_id, id);

-- County or street observers (巡学旁听) assigned to a meeting, and their written assessment.
CREATE TABLE meeting_observer (
  id {{PK}},
  meeting_id BIGINT NOT NULL REFERENCES meeting(id),
  account_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  assigned_by TEXT NOT NULL,
  assigned_at BIGINT NOT NULL,
  assessment TEXT,
  assessed_at BIGINT
);
CREATE UNIQUE INDEX meeting_observer_once ON meeting_observer(meeting_id, account_id);
CREATE INDEX meeting_observer_account ON meeting_observer(account_id, meeting_id);

-- A branch's committee and term (换届), as its last election left them.
CREATE TABLE org_life_term (
  org_id BIGINT PRIMARY KEY,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  elected_on TEXT,
  term_years INTEGER,
  committee_size INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);
CREATE INDEX org_life_term_area ON org_life_term(area_path);

-- Valid meetings held, per organisation, kind and month: written in the meeting's transaction.
CREATE TABLE org_life_tally (
  org_path {{PATH}} NOT NULL,
  kind TEXT NOT NULL,
  month TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  area_path {{PATH}} NOT NULL,
  held INTEGER NOT NULL,
  PRIMARY KEY (org_path, kind, month)
);
CREATE INDEX org_life_tally_area ON org_life_tally(area_path, month);
