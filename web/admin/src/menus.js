// Pages reachable from the left menu, keyed by account.menus entries. One menu entry may open
// several pages (`name` and `label` then tell them apart; `name` defaults to the menu). `role`, when
// set, also requires that role among account.roles.
export const MENU_ROUTES = [
  { menu: 'areas', path: 'areas', icon: 'MapLocation', component: () => import('./pages/AreasPage.vue') },
  { menu: 'orgs', path: 'orgs', icon: 'Flag', component: () => import('./pages/OrgsPage.vue') },
  { menu: 'units', path: 'units', icon: 'OfficeBuilding', component: () => import('./pages/UnitsPage.vue') },
  { menu: 'members', path: 'members', icon: 'User', component: () => import('./pages/MembersPage.vue') },
  { menu: 'venues', path: 'venues', icon: 'House', component: () => import('./pages/VenuesPage.vue') },
  { menu: 'people', path: 'people', icon: 'UserFilled', component: () => import('./pages/PeoplePage.vue') },
  { menu: 'appeals', path: 'appeals', icon: 'ChatLineSquare', component: () => import('./pages/AppealsPage.vue') },
  {
    menu: 'appeals',
    name: 'appeal-figures',
    label: '诉求统计',
    path: 'appeal-figures',
    icon: 'DataAnalysis',
    component: () => import('./pages/AppealFiguresPage.vue'),
  },
  {
    menu: 'appeals',
    role: 'org_dept', // shown only to the organisation department (docs/api-appeals.md, "Settings")
    name: 'appeal-settings',
    label: '诉求设置',
    path: 'appeal-settings',
    icon: 'Setting',
    component: () => import('./pages/AppealSettingsPage.vue'),
  },
  {
    menu: 'appeals',
    name: 'outbox',
    label: '消息推送',
    path: 'outbox',
    icon: 'Message',
    component: () => import('./pages/OutboxPage.vue'),
  },
  { menu: 'grids', path: 'grids', icon: 'Grid', component: () => import('./pages/GridMapPage.vue') },
  { menu: 'import', path: 'import', icon: 'Upload', component: () => import('./pages/ImportPage.vue') },
  { menu: 'audit', path: 'audit', icon: 'Document', component: () => import('./pages/AuditPage.vue') },
]
