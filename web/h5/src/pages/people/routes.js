// The member's 我的档案 (issue 16) inside /m/: their own record with its data-quality findings.
import { page } from '../../route.js'

export default [page('/my/file', 'my-file', () => import('./MyFilePage.vue'), '我的档案', '/')]
