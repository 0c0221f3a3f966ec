// Relations' hash routes inside /m/ (issue 16): the branch secretary's 组织关系 — transfers waiting
// for the branch to confirm and the branch's mobile members. The page checks the session itself.
import { page } from '../../route.js'

export default [page('/relations', 'rel-branch', () => import('./BranchPage.vue'), '组织关系', '/')]
