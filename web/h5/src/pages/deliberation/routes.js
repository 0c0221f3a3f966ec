// Deliberation's hash routes inside /m/: 民主议事 (the community's deliberations), 我要提议 and
// 议事详情 (notes, the ballot, the result).
import { page } from '../../route.js'

export default [
  page('/deliberations', 'cogov-deliberations', () => import('./DeliberationsPage.vue'), '民主议事'),
  page('/deliberations/propose', 'cogov-propose', () => import('./ProposePage.vue'), '我要提议'),
  page('/deliberations/:id(\\d+)', 'cogov-deliberation', () => import('./DeliberationPage.vue'), '议事详情'),
]
