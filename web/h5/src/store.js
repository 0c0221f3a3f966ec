// What the resident's phone remembers: the codes filed from it (localStorage) and the answer of
// the last submission (for the success page).
const RECENT_KEY = 'jiceng_h5_recent'
const LAST_KEY = 'jiceng_h5_last'

function read(key, fallback) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || 'null')
    return v ?? fallback
  } catch {
    return fallback
  }
}

function write(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    /* private mode: nothing is remembered */
  }
}

/** [{code, at, type, category}] newest first, at most 10 */
export function recentAppeals() {
  const list = read(RECENT_KEY, [])
  return Array.isArray(list) ? list : []
}

export function rememberAppeal(entry) {
  const list = recentAppeals().filter((e) => e.code !== entry.code)
  list.unshift(entry)
  write(RECENT_KEY, list.slice(0, 10))
}

export function setLastSubmission(data) {
  write(LAST_KEY, data)
}

export function lastSubmission(code) {
  const v = read(LAST_KEY, null)
  return v && v.code === code ? v : null
}

/** Normalise a typed tracking code: no spaces, upper case. */
export function normaliseCode(s) {
  return String(s || '')
    .replace(/\s+/g, '')
    .toUpperCase()
}

/** Copy text; falls back to a hidden textarea when the async clipboard is unavailable. */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    /* fall through */
  }
  const ta = document.createElement('textarea')
  ta.value = text
  ta.setAttribute('readonly', '')
  ta.style.position = 'fixed'
  ta.style.opacity = '0'
  document.body.appendChild(ta)
  ta.select()
  let ok
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  document.body.removeChild(ta)
  return ok
}
