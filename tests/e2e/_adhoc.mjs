import { chromium } from 'playwright-core'
const BASE = process.env.JICENG_URL
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] })
const p = await b.newPage({ viewport: { width: 1440, height: 900 } })
p.on('pageerror', e => console.log('PAGEERR', e.message))
p.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') console.log('CONSOLE', m.type(), m.text().slice(0, 300)) })
await p.goto(BASE + '/#/login')
await p.getByPlaceholder('请输入用户名').fill('admin'); await p.getByPlaceholder('请输入密码').fill('jiceng-demo')
await p.locator('.login-btn').click(); await p.waitForURL(u => !u.hash.includes('login'))
for (const name of (process.env.PAGES || 'people').split(',')) {
  await p.goto(BASE + '/#/' + name); await p.waitForTimeout(1500)
  await p.screenshot({ path: `/tmp/adhoc/${name}.png` })
}
console.log(await p.locator('.register-table .el-table__row').first().innerHTML().catch(() => '').then(h => h.slice(0, 1500)))
await b.close()
