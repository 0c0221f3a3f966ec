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
