-- Appeals (接诉即办): the category tree, the holiday calendar, appeals and their timelines.

CREATE TABLE appeal_category (
  id {{PK}},
  parent_id BIGINT REFERENCES appeal_category(id),
  name TEXT NOT NULL,
  level INTEGER NOT NULL,
  urgency TEXT NOT NULL,
  department TEXT,
  is_dispute INTEGER NOT NULL DEFAULT 0,
  sort INTEGER NOT NULL DEFAULT 0
);

-- Public holidays and the weekend days worked in exchange (调休); edit to the State Council's notice each year.
-- Time limits by urgency: minutes, or working days, with each level's slice (grid, community, street, county).
CREATE TABLE appeal_limit (
  urgency TEXT PRIMARY KEY,
  working_days INTEGER NOT NULL,
  total INTEGER NOT NULL,
  grid INTEGER NOT NULL,
  community INTEGER NOT NULL,
  street INTEGER NOT NULL,
  county INTEGER NOT NULL
);
INSERT INTO appeal_limit (urgency, working_days, total, grid, community, street, county) VALUES
('emergency', 0, 120, 30, 30, 30, 30),
('utilities', 0, 1440, 360, 360, 360, 360),
('general', 1, 7, 1, 2, 2, 2),
('complex', 1, 15, 3, 4, 4, 4);

CREATE TABLE holiday (
  day TEXT PRIMARY KEY,
  kind TEXT NOT NULL
);

CREATE TABLE appeal (
  id {{PK}},
  code TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  channel TEXT NOT NULL,
  category_id BIGINT NOT NULL REFERENCES appeal_category(id),
  description TEXT NOT NULL,
  address TEXT,
  lon DOUBLE PRECISION,
  lat DOUBLE PRECISION,
  grid_id BIGINT REFERENCES area(id),
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  level INTEGER NOT NULL,
  status TEXT NOT NULL,
  urgency TEXT NOT NULL,
  reporter_name TEXT,
  phone_enc TEXT,
  phone_mask TEXT,
  anonymous INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES account(id),
  deadline_at BIGINT NOT NULL,
  warn_at BIGINT NOT NULL,
  warned INTEGER NOT NULL DEFAULT 0,
  level_started_at BIGINT NOT NULL,
  level_deadline_at BIGINT NOT NULL,
  merged_into BIGINT REFERENCES appeal(id),
  satisfaction TEXT,
  accepted_at BIGINT,
  resolved_at BIGINT,
  closed_at BIGINT,
  max_level INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX appeal_scope ON appeal(area_path, id);
CREATE INDEX appeal_status ON appeal(status, area_path, id);
CREATE INDEX appeal_status_id ON appeal(status, id);
-- Covers the live open/overdue/due-soon counts of a subtree without touching the rows.
CREATE INDEX appeal_open_live ON appeal(status, area_path, deadline_at, warn_at);
CREATE INDEX appeal_level_due ON appeal(status, level_deadline_at);
CREATE INDEX appeal_warn ON appeal(status, warn_at);
CREATE INDEX appeal_category_recent ON appeal(category_id, created_at);

CREATE TABLE appeal_event (
  id {{PK}},
  appeal_id BIGINT NOT NULL REFERENCES appeal(id),
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  actor_id BIGINT,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  level INTEGER NOT NULL,
  note TEXT
);
CREATE INDEX appeal_event_appeal ON appeal_event(appeal_id, id);
CREATE INDEX area_kind_updated ON area(kind, updated_at);

-- 矛盾纠纷: the mediation of a dispute appeal, step by step (情、理、法、诉).
CREATE TABLE mediation (
  appeal_id BIGINT PRIMARY KEY REFERENCES appeal(id),
  step TEXT NOT NULL,
  parties TEXT NOT NULL,
  mediators TEXT NOT NULL,
  agreement TEXT,
  outcome TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Photo files live outside the database, one per content hash (SM3); these rows say what they are.
CREATE TABLE photo (
  hash TEXT PRIMARY KEY,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE appeal_photo (
  id {{PK}},
  appeal_id BIGINT NOT NULL REFERENCES appeal(id),
  event_id BIGINT REFERENCES appeal_event(id),
  hash TEXT NOT NULL REFERENCES photo(hash)
);
CREATE INDEX appeal_photo_appeal ON appeal_photo(appeal_id, id);

-- Notifications: events wait in the outbox, written in the same transaction as their cause, until
-- the delivery worker has handed them to each subscribed webhook (SMS and WeChat gateways sit behind).
CREATE TABLE webhook (
  id {{PK}},
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE TABLE outbox (
  id {{PK}},
  webhook_id BIGINT NOT NULL REFERENCES webhook(id),
  event TEXT NOT NULL,
  appeal_id BIGINT REFERENCES appeal(id),
  area_path {{PATH}} NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at BIGINT NOT NULL,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT
);
CREATE INDEX outbox_due ON outbox(state, next_at);
CREATE INDEX outbox_scope ON outbox(state, area_path, id);

-- 吹哨报到: departments a street whistles onto an appeal, and when each checked in.
CREATE TABLE appeal_whistle (
  id {{PK}},
  appeal_id BIGINT NOT NULL REFERENCES appeal(id),
  unit_id BIGINT NOT NULL REFERENCES unit(id),
  whistled_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  checked_in_at BIGINT,
  late INTEGER NOT NULL DEFAULT 0,
  UNIQUE (appeal_id, unit_id)
);
CREATE INDEX appeal_whistle_unit ON appeal_whistle(unit_id, appeal_id);
CREATE INDEX appeal_whistle_due ON appeal_whistle(late, due_at);

-- The figures leaders see, rolled up per handling area, day of intake and category, and kept in
-- the same transaction as every change to an appeal: dashboards sum these, never the appeals.
CREATE TABLE appeal_day (
  area_path {{PATH}} NOT NULL,
  day TEXT NOT NULL,
  category_id BIGINT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  responded BIGINT NOT NULL DEFAULT 0,
  resolved BIGINT NOT NULL DEFAULT 0,
  first_line BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  satisfied BIGINT NOT NULL DEFAULT 0,
  handling_seconds BIGINT NOT NULL DEFAULT 0,
  overdue_resolved BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (area_path, day, category_id)
);
CREATE INDEX appeal_day_day ON appeal_day(day, area_path);
-- The same figures without the category, kept for every node above an appeal too (grid,
-- community, street, county), so a node's figures and its children's ranking read a few rows a day.
CREATE TABLE appeal_node_day (
  node_path {{PATH}} NOT NULL,
  parent_path {{PATH}} NOT NULL,
  day TEXT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  responded BIGINT NOT NULL DEFAULT 0,
  resolved BIGINT NOT NULL DEFAULT 0,
  first_line BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  satisfied BIGINT NOT NULL DEFAULT 0,
  handling_seconds BIGINT NOT NULL DEFAULT 0,
  overdue_resolved BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (node_path, day)
);
CREATE INDEX appeal_node_day_parent ON appeal_node_day(parent_path, day);

INSERT INTO appeal_category (id, parent_id, name, level, urgency, department, is_dispute, sort) VALUES
(1, NULL, '环境卫生', 1, 'general', '城管局', 0, 1),
(2, 1, '垃圾清运', 2, 'general', '城管局', 0, 1),
(3, 2, '生活垃圾未及时清运', 3, 'general', '城管局', 0, 1),
(4, 2, '建筑垃圾乱倒', 3, 'general', '城管局', 0, 2),
(5, 1, '卫生死角', 2, 'general', '城管局', 0, 2),
(6, 5, '楼道杂物堆放', 3, 'general', '城管局', 0, 1),
(7, 5, '绿化带脏乱', 3, 'general', '城管局', 0, 2),
(8, NULL, '物业服务', 1, 'general', '住建局', 0, 2),
(9, 8, '物业管理', 2, 'general', '住建局', 0, 1),
(10, 9, '物业不作为', 3, 'general', '住建局', 0, 1),
(11, 9, '物业收费争议', 3, 'complex', '住建局', 0, 2),
(12, 8, '设施维修', 2, 'general', '住建局', 0, 2),
(13, 12, '电梯故障', 3, 'utilities', '住建局', 0, 1),
(14, 12, '门禁损坏', 3, 'general', '住建局', 0, 2),
(15, NULL, '停车管理', 1, 'general', '交警大队', 0, 3),
(16, 15, '乱停乱放', 2, 'general', '交警大队', 0, 1),
(17, 16, '占用消防通道', 3, 'emergency', '交警大队', 0, 1),
(18, 16, '占用人行道', 3, 'general', '交警大队', 0, 2),
(19, 15, '车位问题', 2, 'general', '交警大队', 0, 2),
(20, 19, '车位不足', 3, 'complex', '交警大队', 0, 1),
(21, NULL, '飞线充电', 1, 'emergency', '消防救援大队', 0, 4),
(22, 21, '电动车充电', 2, 'emergency', '消防救援大队', 0, 1),
(23, 22, '楼道飞线充电', 3, 'emergency', '消防救援大队', 0, 1),
(24, 22, '电动车入户', 3, 'general', '消防救援大队', 0, 2),
(25, NULL, '安全隐患', 1, 'emergency', '应急管理局', 0, 5),
(26, 25, '消防安全', 2, 'emergency', '应急管理局', 0, 1),
(27, 26, '消防设施损坏', 3, 'utilities', '应急管理局', 0, 1),
(28, 26, '堵塞安全出口', 3, 'emergency', '应急管理局', 0, 2),
(29, 25, '建筑安全', 2, 'emergency', '应急管理局', 0, 2),
(30, 29, '外墙脱落', 3, 'emergency', '应急管理局', 0, 1),
(31, 29, '违章搭建', 3, 'complex', '应急管理局', 0, 2),
(32, NULL, '矛盾纠纷', 1, 'general', '司法局', 1, 6),
(33, 32, '邻里纠纷', 2, 'general', '司法局', 1, 1),
(34, 33, '噪音扰民', 3, 'general', '司法局', 1, 1),
(35, 33, '漏水纠纷', 3, 'general', '司法局', 1, 2),
(36, 32, '家庭纠纷', 2, 'general', '司法局', 1, 2),
(37, 36, '赡养纠纷', 3, 'complex', '司法局', 1, 1),
(38, 32, '劳资纠纷', 2, 'general', '司法局', 1, 3),
(39, 38, '拖欠工资', 3, 'complex', '司法局', 1, 1),
(40, NULL, '市政设施', 1, 'general', '住建局', 0, 7),
(41, 40, '道路', 2, 'general', '住建局', 0, 1),
(42, 41, '路面破损', 3, 'general', '住建局', 0, 1),
(43, 41, '井盖缺失', 3, 'emergency', '住建局', 0, 2),
(44, 40, '照明', 2, 'general', '住建局', 0, 2),
(45, 44, '路灯不亮', 3, 'general', '住建局', 0, 1),
(46, 40, '排水', 2, 'general', '住建局', 0, 3),
(47, 46, '下水道堵塞', 3, 'utilities', '住建局', 0, 1),
(48, NULL, '水电气暖', 1, 'utilities', '住建局', 0, 8),
(49, 48, '供水', 2, 'utilities', '住建局', 0, 1),
(50, 49, '停水', 3, 'utilities', '住建局', 0, 1),
(51, 49, '水质问题', 3, 'utilities', '住建局', 0, 2),
(52, 48, '供暖', 2, 'utilities', '住建局', 0, 2),
(53, 52, '暖气不热', 3, 'utilities', '住建局', 0, 1),
(54, 48, '燃气', 2, 'utilities', '住建局', 0, 3),
(55, 54, '燃气泄漏', 3, 'emergency', '住建局', 0, 1),
(56, NULL, '政策咨询', 1, 'general', '政务服务中心', 0, 9),
(57, 56, '社会保障', 2, 'general', '政务服务中心', 0, 1),
(58, 57, '养老保险', 3, 'general', '政务服务中心', 0, 1),
(59, 57, '医疗保险', 3, 'general', '政务服务中心', 0, 2),
(60, 56, '民政救助', 2, 'general', '政务服务中心', 0, 2),
(61, 60, '低保申请', 3, 'general', '政务服务中心', 0, 1),
(62, NULL, '企业诉求', 1, 'general', '营商环境办', 0, 10),
(63, 62, '审批服务', 2, 'general', '营商环境办', 0, 1),
(64, 63, '证照办理', 3, 'general', '营商环境办', 0, 1),
(65, 62, '经营困难', 2, 'general', '营商环境办', 0, 2),
(66, 65, '融资需求', 3, 'complex', '营商环境办', 0, 1),
(67, 65, '用工需求', 3, 'general', '营商环境办', 0, 2);

INSERT INTO holiday (day, kind) VALUES
('2026-01-01', 'holiday'),
('2026-01-02', 'holiday'),
('2026-01-03', 'holiday'),
('2026-02-15', 'holiday'),
('2026-02-16', 'holiday'),
('2026-02-17', 'holiday'),
('2026-02-18', 'holiday'),
('2026-02-19', 'holiday'),
('2026-02-20', 'holiday'),
('2026-02-21', 'holiday'),
('2026-02-22', 'holiday'),
('2026-02-23', 'holiday'),
('2026-04-04', 'holiday'),
('2026-04-05', 'holiday'),
('2026-04-06', 'holiday'),
('2026-05-01', 'holiday'),
('2026-05-02', 'holiday'),
('2026-05-03', 'holiday'),
('2026-05-04', 'holiday'),
('2026-05-05', 'holiday'),
('2026-06-19', 'holiday'),
('2026-06-20', 'holiday'),
('2026-06-21', 'holiday'),
('2026-09-25', 'holiday'),
('2026-09-26', 'holiday'),
('2026-09-27', 'holiday'),
('2026-10-01', 'holiday'),
('2026-10-02', 'holiday'),
('2026-10-03', 'holiday'),
('2026-10-04', 'holiday'),
('2026-10-05', 'holiday'),
('2026-10-06', 'holiday'),
('2026-10-07', 'holiday'),
('2026-01-04', 'workday'),
('2026-02-14', 'workday'),
('2026-02-28', 'workday'),
('2026-05-09', 'workday'),
('2026-09-20', 'workday'),
('2026-10-10', 'workday');
