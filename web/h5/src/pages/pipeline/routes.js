// The member pipeline's hash routes inside /m/ (issue 16): the branch secretary's 发展党员 (what
// falls due in the branch) and one person's file, where a step is recorded.
import { page } from '../../route.js'

export default [
  page('/pipeline', 'pl-branch', () => import('./BranchPage.vue'), '发展党员', '/'),
  page('/pipeline/people/:id(\\d+)', 'pl-person', () => import('./PersonPage.vue'), '发展档案', '/pipeline'),
]
