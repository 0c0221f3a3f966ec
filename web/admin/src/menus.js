// Pages reachable from the left menu, keyed by account.menus entries. One menu entry may open
// several pages (`name` and `label` then tell them apart; `name` defaults to the menu). `role`, when
// set, also requires that role among account.roles. `group`, when set, files the page under that
// collapsible submenu of MENU_GROUPS (the left menu would otherwise be too long to scan). `role` may
// be a list: any of those roles. `hidden`: a page reached by links only, never a menu row.
export const MENU_GROUPS = {
  cogov: { title: '共建共治', icon: 'Connection' },
  org_life: { title: '组织生活', icon: 'Calendar' },
  relations: { title: '组织关系', icon: 'Switch' },
  pipeline: { title: '发展党员', icon: 'Avatar' },
}

// the roles whose binding is an area (organisation life's compliance is read by area)
const AREA_STAFF = ['org_dept', 'street_officer', 'community_secretary']

export const MENU_ROUTES = [
  { menu: 'areas', path: 'areas', icon: 'MapLocation', component: () => import('./pages/orgs/AreasPage.vue') },
  { menu: 'orgs', path: 'orgs', icon: 'Flag', component: () => import('./pages/orgs/OrgsPage.vue') },
  { menu: 'units', path: 'units', icon: 'OfficeBuilding', component: () => import('./pages/orgs/UnitsPage.vue') },
  { menu: 'members', path: 'members', icon: 'User', component: () => import('./pages/people/MembersPage.vue') },
  {
    menu: 'members',
    role: ['org_dept', 'street_officer', 'community_secretary', 'branch_secretary'], // the staff over members
    name: 'member-quality',
    label: '数据质量',
    path: 'member-quality',
    icon: 'Warning',
    component: () => import('./pages/people/DataQualityPage.vue'),
  },
  {
    menu: 'members', // a member's 档案, reached from the members register and 数据质量: not a menu row
    hidden: true,
    name: 'member-record',
    label: '党员档案',
    path: 'members/:id(\\d+)/record',
    component: () => import('./pages/people/MemberRecordPage.vue'),
  },
  { menu: 'venues', path: 'venues', icon: 'House', component: () => import('./pages/orgs/VenuesPage.vue') },
  { menu: 'people', path: 'people', icon: 'UserFilled', component: () => import('./pages/people/PeoplePage.vue') },
  {
    menu: 'people',
    name: 'grid-staffing',
    label: '网格配备',
    path: 'grid-staffing',
    icon: 'Grid',
    component: () => import('./pages/people/GridStaffingPage.vue'),
  },
  {
    menu: 'appeals',
    path: 'appeals',
    icon: 'ChatLineSquare',
    component: () => import('./pages/appeals/AppealsPage.vue'),
  },
  {
    menu: 'appeals',
    name: 'appeal-figures',
    label: '诉求统计',
    path: 'appeal-figures',
    icon: 'DataAnalysis',
    component: () => import('./pages/appeals/AppealFiguresPage.vue'),
  },
  {
    menu: 'appeals',
    role: 'org_dept', // shown only to the organisation department (docs/api-appeals.md, "Settings")
    name: 'appeal-settings',
    label: '诉求设置',
    path: 'appeal-settings',
    icon: 'Setting',
    component: () => import('./pages/appeals/AppealSettingsPage.vue'),
  },
  {
    menu: 'outbox', // the appeals' webhook deliveries, filed by area (a department has none)
    label: '消息推送',
    path: 'outbox',
    icon: 'Message',
    component: () => import('./pages/notify/OutboxPage.vue'),
  },
  // co-governance (docs/api-cogov.md); pages in pages/<module>/
  {
    menu: 'lists',
    group: 'cogov',
    path: 'lists',
    icon: 'Document',
    component: () => import('./pages/lists/ListsPage.vue'),
  },
  {
    menu: 'lists',
    group: 'cogov',
    name: 'orders',
    label: '订单办理',
    path: 'orders',
    icon: 'Message',
    component: () => import('./pages/lists/OrdersPage.vue'),
  },
  {
    menu: 'lists',
    group: 'cogov',
    name: 'honour-roll',
    label: '光荣榜',
    path: 'honour-roll',
    icon: 'DataAnalysis',
    component: () => import('./pages/lists/HonourRollPage.vue'),
  },
  {
    menu: 'dual_report',
    group: 'cogov',
    name: 'dual-report',
    label: '双报到',
    path: 'dual-report',
    icon: 'Flag',
    component: () => import('./pages/dual_report/DualReportsPage.vue'),
  },
  {
    menu: 'activities', // a community's: not reached through a party organisation
    group: 'cogov',
    name: 'activities',
    label: '报到活动',
    path: 'activities',
    icon: 'House',
    component: () => import('./pages/dual_report/ActivitiesPage.vue'),
  },
  {
    menu: 'dual_notice', // area staff only: the notice ranks an area's units
    group: 'cogov',
    name: 'dual-notice',
    label: '每月通报',
    path: 'dual-notice',
    icon: 'DataAnalysis',
    component: () => import('./pages/dual_report/DualNoticePage.vue'),
  },
  {
    menu: 'dual_inactive', // not for the member: it lists the members who stopped taking part
    group: 'cogov',
    name: 'dual-inactive',
    label: '未参与名单',
    path: 'dual-inactive',
    icon: 'User',
    component: () => import('./pages/dual_report/DualInactivePage.vue'),
  },
  {
    menu: 'pairings',
    group: 'cogov',
    path: 'pairings',
    icon: 'UserFilled',
    component: () => import('./pages/pairing/PairingsPage.vue'),
  },
  {
    menu: 'pairings',
    group: 'cogov',
    name: 'volunteer-teams',
    label: '志愿服务队',
    path: 'volunteer-teams',
    icon: 'User',
    component: () => import('./pages/pairing/VolunteerTeamsPage.vue'),
  },
  {
    menu: 'deliberations',
    group: 'cogov',
    path: 'deliberations',
    icon: 'ChatLineSquare',
    component: () => import('./pages/deliberation/DeliberationsPage.vue'),
  },
  {
    menu: 'households',
    group: 'cogov',
    name: 'households',
    label: '议事户',
    path: 'households',
    icon: 'House',
    component: () => import('./pages/deliberation/HouseholdsPage.vue'),
  },
  // organisation life (docs/api-org_life.md); pages in pages/org_life/
  {
    menu: 'org_life',
    group: 'org_life',
    label: '会议日历',
    path: 'org-life',
    icon: 'Calendar',
    component: () => import('./pages/org_life/MeetingsPage.vue'),
  },
  {
    menu: 'org_life',
    group: 'org_life',
    role: AREA_STAFF, // the matrix reads an area's subtree
    name: 'org-life-matrix',
    label: '合规矩阵',
    path: 'org-life-matrix',
    icon: 'DataAnalysis',
    component: () => import('./pages/org_life/ComplianceMatrixPage.vue'),
  },
  {
    menu: 'org_life',
    group: 'org_life',
    role: [...AREA_STAFF, 'branch_secretary'], // an organisation's year: not a member's
    name: 'org-life-year',
    label: '年度概览',
    path: 'org-life-year',
    icon: 'Histogram',
    component: () => import('./pages/org_life/OrgYearPage.vue'),
  },
  {
    menu: 'org_life',
    group: 'org_life',
    role: [...AREA_STAFF, 'branch_secretary'],
    name: 'org-life-duties',
    label: '规定设置',
    path: 'org-life-duties',
    icon: 'Setting',
    component: () => import('./pages/org_life/DutiesPage.vue'),
  },
  {
    menu: 'org_life',
    group: 'org_life',
    role: [...AREA_STAFF, 'branch_secretary'], // an organisation's campaign: not a member's
    name: 'org-life-evaluation',
    label: '民主评议',
    path: 'org-life-evaluation',
    icon: 'Medal',
    component: () => import('./pages/org_life/EvaluationPage.vue'),
  },
  {
    menu: 'org_life',
    group: 'org_life',
    role: [...AREA_STAFF, 'branch_secretary'],
    name: 'org-life-talks',
    label: '谈心谈话',
    path: 'org-life-talks',
    icon: 'ChatDotRound',
    component: () => import('./pages/org_life/TalksPage.vue'),
  },
  {
    menu: 'org_life',
    group: 'org_life',
    role: [...AREA_STAFF, 'branch_secretary'],
    name: 'org-life-life',
    label: '组织生活会',
    path: 'org-life-life',
    icon: 'Tickets',
    component: () => import('./pages/org_life/LifeMeetingPage.vue'),
  },
  {
    menu: 'org_life',
    group: 'org_life',
    role: [...AREA_STAFF, 'branch_secretary'],
    name: 'org-life-committee',
    label: '支委与换届',
    path: 'org-life-committee',
    icon: 'Avatar',
    component: () => import('./pages/org_life/CommitteePage.vue'),
  },
  // the member pipeline (docs/api-pipeline.md); pages in pages/pipeline/. Quotas and joint reviews
  // are read by the county and the streets (their subtree), re-checks by the county alone.
  {
    menu: 'pipeline',
    group: 'pipeline',
    label: '发展档案',
    path: 'pipeline',
    icon: 'Avatar',
    component: () => import('./pages/pipeline/PipelinePage.vue'),
  },
  {
    menu: 'pipeline',
    group: 'pipeline',
    role: ['org_dept', 'street_officer'],
    name: 'pipeline-quotas',
    label: '发展指标',
    path: 'pipeline-quotas',
    icon: 'DataAnalysis',
    component: () => import('./pages/pipeline/QuotasPage.vue'),
  },
  {
    menu: 'pipeline',
    group: 'pipeline',
    role: ['org_dept', 'street_officer'],
    name: 'pipeline-reviews',
    label: '县级联审',
    path: 'pipeline-reviews',
    icon: 'DocumentChecked',
    component: () => import('./pages/pipeline/ReviewsPage.vue'),
  },
  {
    menu: 'pipeline',
    group: 'pipeline',
    role: 'org_dept', // the county's own work: nobody else reads a sample
    name: 'pipeline-rechecks',
    label: '提级抽查复核',
    path: 'pipeline-rechecks',
    icon: 'Warning',
    component: () => import('./pages/pipeline/RechecksPage.vue'),
  },
  {
    menu: 'pipeline',
    group: 'pipeline',
    name: 'pipeline-settings', // read by everyone who reads the pipeline, set by the county
    label: '发展党员设置',
    path: 'pipeline-settings',
    icon: 'Setting',
    component: () => import('./pages/pipeline/SettingsPage.vue'),
  },
  // dues (docs/api-dues.md); pages in pages/dues/
  {
    menu: 'dues',
    label: '党费收缴',
    path: 'dues',
    icon: 'Money',
    component: () => import('./pages/dues/DuesPage.vue'),
  },
  // relations: transfers, mobile members, checks (docs/api-relations.md); pages in pages/relations/
  {
    menu: 'relations',
    group: 'relations',
    label: '关系转接',
    path: 'relations',
    icon: 'Switch',
    component: () => import('./pages/relations/TransfersPage.vue'),
  },
  {
    menu: 'relations',
    group: 'relations',
    role: AREA_STAFF, // the checks are listed by area
    name: 'relations-checks',
    label: '排查结果',
    path: 'relations-checks',
    icon: 'Warning',
    component: () => import('./pages/relations/ChecksPage.vue'),
  },
  {
    menu: 'relations',
    group: 'relations',
    name: 'relations-flows',
    label: '流动党员',
    path: 'relations-flows',
    icon: 'Position',
    component: () => import('./pages/relations/FlowsPage.vue'),
  },
  {
    menu: 'relations',
    group: 'relations',
    name: 'relations-cases',
    label: '不合格党员处置',
    path: 'relations-cases',
    icon: 'DocumentChecked',
    component: () => import('./pages/relations/CasesPage.vue'),
  },
  {
    menu: 'relations',
    group: 'relations',
    role: AREA_STAFF, // the county's settings: read by the staff over areas, set by the county
    name: 'relations-settings',
    label: '组织关系设置',
    path: 'relations-settings',
    icon: 'Setting',
    component: () => import('./pages/relations/SettingsPage.vue'),
  },
  { menu: 'grids', path: 'grids', icon: 'Grid', component: () => import('./pages/appeals/GridMapPage.vue') },
  { menu: 'import', path: 'import', icon: 'Upload', component: () => import('./pages/ImportPage.vue') },
  // 等保: accounts are kept by the system administrator (and business roles in their subtree), roles
  // granted by the security administrator; the audit log is read by the audit administrator alone.
  { menu: 'accounts', path: 'accounts', icon: 'Key', component: () => import('./pages/auth/AccountsPage.vue') },
  { menu: 'audit', path: 'audit', icon: 'Document', component: () => import('./pages/audit/AuditPage.vue') },
]
