// Dues' hash routes inside /m/ (issue 16): the member's 我的党费 and the branch secretary's 本月党费
// (this month's sheet: who paid, mark paid). Each page checks the session itself.
import { page } from '../../route.js'

export default [
  page('/my/dues', 'dues-mine', () => import('./MyDuesPage.vue'), '我的党费', '/'),
  page('/dues', 'dues-sheet', () => import('./DuesSheetPage.vue'), '本月党费', '/'),
]
