-- Dues (党费, issue 16): each member's assessed base and monthly amount (dated by month), the
-- ledger of settled months and the payments behind them, reductions the branch decides and the
-- higher committee approves, the voluntary one-off payments, a rollup per organisation and month
-- kept in the payment's own transaction, the remittances upward, the warnings the sweep writes and
-- the county's dated settings. Money is integer fen (分) everywhere.

-- Dated county settings (the org_life_setting pattern): a change closes the version in force.
CREATE TABLE dues_setting (
  id {{PK}},
  setting_key TEXT NOT NULL,
  value BIGINT NOT NULL,
  source TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX dues_setting_key ON dues_setting(setting_key, effective_from);
INSERT INTO dues_setting (setting_key, value, source, effective_from, created_by, created_at) VALUES
  ('farmer_monthly_fen', 20, '《关于中国共产党党费收缴、使用和管理的规定》（农民党员每月交纳党费0.2元至1元，具体标准由省（区、市）党委组织部确定）；默认0.2元，请按本省标准设置', '2008-04-01', '系统', 0),
  ('arrears_warn_months', 3, '县委组织部规定（党员连续3个月未交纳党费的，党支部应及时提醒）', '2008-04-01', '系统', 0);

-- One row per member whose dues are kept: the assessment in force and where the ledger stands.
-- next_due is the first month not yet settled; months before the current one are owed.
CREATE TABLE dues_account (
  member_id BIGINT PRIMARY KEY,
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  member_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  base_fen BIGINT,
  monthly_fen BIGINT NOT NULL,
  rate_bp INTEGER NOT NULL,
  band TEXT NOT NULL,
  source TEXT NOT NULL,
  start_month TEXT NOT NULL,
  next_due TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX dues_account_org ON dues_account(org_path, member_id);
-- Arrears are a range on next_due: only the members behind are read, never the whole roll.
CREATE INDEX dues_account_next ON dues_account(next_due, org_path);

-- The assessments, each from a month on: the month's due is the latest one not after it.
CREATE TABLE dues_base (
  id {{PK}},
  member_id BIGINT NOT NULL,
  from_month TEXT NOT NULL,
  kind TEXT NOT NULL,
  base_fen BIGINT,
  monthly_fen BIGINT NOT NULL,
  rate_bp INTEGER NOT NULL,
  band TEXT NOT NULL,
  source TEXT NOT NULL,
  via TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX dues_base_month ON dues_base(member_id, from_month);

-- A payment: a member's dues for `months` months from first_month, or a voluntary one-off
-- (特殊党费/自愿多交; 1,000 元 or more goes whole to the centre).
CREATE TABLE dues_payment (
  id {{PK}},
  member_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  member_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  first_month TEXT,
  months INTEGER NOT NULL,
  amount_fen BIGINT NOT NULL,
  paid_on TEXT NOT NULL,
  paid_month TEXT NOT NULL,
  method TEXT NOT NULL,
  proxy_name TEXT,
  to_centre INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX dues_payment_member ON dues_payment(member_id, id);
CREATE INDEX dues_payment_org_month ON dues_payment(paid_month, org_path);

-- The ledger: a month settled for a member, with what was due and what was paid.
CREATE TABLE dues_month (
  member_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  due_fen BIGINT NOT NULL,
  paid_fen BIGINT NOT NULL,
  reduced INTEGER NOT NULL DEFAULT 0,
  payment_id BIGINT NOT NULL,
  PRIMARY KEY (member_id, month)
);
CREATE INDEX dues_month_org ON dues_month(month, org_path);

-- Reductions and exemptions (少交、免交): the branch decides, the higher committee approves.
CREATE TABLE dues_reduction (
  id {{PK}},
  member_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  member_name TEXT NOT NULL,
  from_month TEXT NOT NULL,
  to_month TEXT NOT NULL,
  monthly_fen BIGINT NOT NULL,
  reason TEXT NOT NULL,
  decision TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  state TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  proposed_at BIGINT NOT NULL,
  approved_by TEXT,
  approval TEXT,
  approved_at BIGINT
);
CREATE INDEX dues_reduction_member ON dues_reduction(member_id, from_month);
CREATE INDEX dues_reduction_org ON dues_reduction(org_path, state);

-- Per organisation and month, kept in each payment's transaction: money collected in the month
-- (dues, voluntary, the part for the centre) and the members whose dues for the month are settled.
CREATE TABLE dues_tally (
  org_path {{PATH}} NOT NULL,
  month TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  area_path {{PATH}} NOT NULL,
  collected_fen BIGINT NOT NULL DEFAULT 0,
  voluntary_fen BIGINT NOT NULL DEFAULT 0,
  centre_fen BIGINT NOT NULL DEFAULT 0,
  payments BIGINT NOT NULL DEFAULT 0,
  settled_members BIGINT NOT NULL DEFAULT 0,
  settled_fen BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (org_path, month)
);
CREATE INDEX dues_tally_month ON dues_tally(month, org_path);

-- A branch's collection for a month handed to the higher committee (上缴).
CREATE TABLE dues_remittance (
  org_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  amount_fen BIGINT NOT NULL,
  remitted_on TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, month)
);
CREATE INDEX dues_remittance_month ON dues_remittance(month, org_path);

-- What the sweep warned about, once per member, rule and episode (the first month owed).
CREATE TABLE dues_warning (
  id {{PK}},
  member_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL,
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  member_name TEXT NOT NULL,
  rule TEXT NOT NULL,
  since_month TEXT NOT NULL,
  months INTEGER NOT NULL,
  message TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX dues_warning_once ON dues_warning(member_id, rule, since_month);
CREATE INDEX dues_warning_org ON dues_warning(org_path, id);

-- When the sweep last ran: it runs at most once an hour however often the sweeper calls.
CREATE TABLE dues_sweep (
  name TEXT PRIMARY KEY,
  last_run BIGINT NOT NULL
);
