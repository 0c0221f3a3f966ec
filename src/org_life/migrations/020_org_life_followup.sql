-- Organisation life, second part (issue 15): the warnings the sweep sends a branch's secretary.

-- One warning per organisation, duty, period and state: 'due' in the period's last days, then
-- 'missing' once it can no longer be recorded. The unique index makes the sweep idempotent.
CREATE TABLE org_life_warning (
  id {{PK}},
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  org_name TEXT NOT NULL,
  duty_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  state TEXT NOT NULL,
  message TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX org_life_warning_once ON org_life_warning(org_id, duty_key, period, state);
CREATE INDEX org_life_warning_org ON org_life_warning(org_path, id);
CREATE INDEX org_life_warning_area ON org_life_warning(area_path, id);

-- County settings that are numbers, dated like the duties: a change closes the version in force.
-- The cap on 优秀 in 民主评议党员 is the county's: PARTY-RULES.md sets none, so the default (20%)
-- is this project's, marked as a county default the organisation department should confirm.
CREATE TABLE org_life_setting (
  id {{PK}},
  setting_key TEXT NOT NULL,
  value INTEGER NOT NULL,
  source TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX org_life_setting_key ON org_life_setting(setting_key, effective_from);
INSERT INTO org_life_setting (setting_key, value, source, effective_from, created_by, created_at) VALUES
  ('excellent_cap_pct', 20, '县委组织部设定（默认值：评为优秀的不超过参评党员的20%，请组织部确认）', '2018-10-28', '系统', 0);

-- 民主评议党员: one campaign a year per organisation; its cap on 优秀 is the one in force when opened.
CREATE TABLE org_life_campaign (
  id {{PK}},
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  year INTEGER NOT NULL,
  status TEXT NOT NULL,
  excellent_cap_pct INTEGER NOT NULL,
  cap_source TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE UNIQUE INDEX org_life_campaign_once ON org_life_campaign(org_id, year);
CREATE INDEX org_life_campaign_org ON org_life_campaign(org_path, year);
CREATE INDEX org_life_campaign_area ON org_life_campaign(area_path, year);

-- Each member in a campaign: their self-assessment (from the phone) and the branch's rating.
CREATE TABLE org_life_evaluation (
  campaign_id BIGINT NOT NULL REFERENCES org_life_campaign(id),
  member_id BIGINT NOT NULL,
  member_name TEXT NOT NULL,
  self_assessment TEXT,
  self_at BIGINT,
  rating TEXT,
  rating_reason TEXT,
  rated_by TEXT,
  rated_at BIGINT,
  PRIMARY KEY (campaign_id, member_id)
);
CREATE INDEX org_life_evaluation_member ON org_life_evaluation(member_id, campaign_id);

-- Peer assessments: one per assessing member and assessed member in a campaign.
CREATE TABLE org_life_peer (
  campaign_id BIGINT NOT NULL REFERENCES org_life_campaign(id),
  member_id BIGINT NOT NULL,
  by_member_id BIGINT NOT NULL,
  grade TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, member_id, by_member_id)
);

-- A member rated 不合格 opens a case for the member pipeline to handle (不合格党员组织处置办法).
CREATE TABLE org_life_case (
  id {{PK}},
  campaign_id BIGINT NOT NULL REFERENCES org_life_campaign(id),
  member_id BIGINT NOT NULL,
  member_name TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  year INTEGER NOT NULL,
  reason TEXT NOT NULL,
  state TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  opened_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX org_life_case_once ON org_life_case(campaign_id, member_id);
CREATE INDEX org_life_case_org ON org_life_case(org_path, state);

-- 谈心谈话: the committee members the branch names (the pairs follow from them) and the talks held,
-- one row per pair (smaller member id first) and year.
CREATE TABLE org_life_committee (
  org_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, member_id)
);
CREATE TABLE org_life_talk (
  org_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  a_member_id BIGINT NOT NULL,
  b_member_id BIGINT NOT NULL,
  done_on TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, year, a_member_id, b_member_id)
);

-- 组织生活会: criticism and self-criticism per participant, and the rectification list (整改清单).
CREATE TABLE org_life_criticism (
  id {{PK}},
  meeting_id BIGINT NOT NULL REFERENCES meeting(id),
  member_id BIGINT NOT NULL,
  member_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  by_member_id BIGINT,
  body TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX org_life_criticism_meeting ON org_life_criticism(meeting_id, member_id, id);
CREATE TABLE org_life_rectification (
  id {{PK}},
  meeting_id BIGINT NOT NULL REFERENCES meeting(id),
  item TEXT NOT NULL,
  owner TEXT NOT NULL,
  due_on TEXT NOT NULL,
  done_on TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX org_life_rectification_meeting ON org_life_rectification(meeting_id, id);
