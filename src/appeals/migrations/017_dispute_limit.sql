-- 四级七天 (seed 002) is the method for disputes (矛盾纠纷): grid → community → street or town →
-- county, settled within seven calendar days in all. Ordinary appeals keep their limits by urgency.
-- Each limit now says what it counts in and where it comes from, and when the county changed it.
ALTER TABLE appeal_limit ADD COLUMN unit TEXT NOT NULL DEFAULT 'minutes';
ALTER TABLE appeal_limit ADD COLUMN source TEXT;
ALTER TABLE appeal_limit ADD COLUMN changed_on TEXT;
UPDATE appeal_limit SET unit = 'working_days' WHERE working_days = 1;
UPDATE appeal_limit SET source = '县级默认设置（可由组织部修改）';
INSERT INTO appeal_limit (urgency, working_days, total, grid, community, street, county, unit, source) VALUES
('dispute', 0, 7, 1, 2, 2, 2, 'calendar_days',
 '“四级七天”矛盾纠纷调解工作法：网格、社区、镇街、县四级，七日内化解（高唐县，种子 002）；按自然日计，县可另行设置');
