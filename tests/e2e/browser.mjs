// Debian's Chromium, started the way this machine's closed network needs (no background traffic).
import { chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // The county's users read China time; pages that default to "this month" must agree with the
    // server's calendar (UTC+8) whatever zone the test machine is in.
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  })
}

// A console page signed in as `username`, at the size and in the language and zone the county's
// offices use; page errors are printed so that a broken page shows in the test's log.
export async function signInConsole(browser, base, username, password) {
  const ctx = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const p = await ctx.newPage()
  p.setDefaultTimeout(15000)
  p.on('pageerror', (e) => console.error('pageerror', e.message))
  await p.goto(`${base}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill(username)
  await p.getByPlaceholder('请输入密码').fill(password)
  await p.locator('.login-btn').click()
  await p.locator('.user-name').waitFor()
  return { ctx, p }
}
