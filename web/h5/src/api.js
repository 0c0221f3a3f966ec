// The resident pages call only the public appeals API (docs/api-appeals.md): no login, no cookie
// (credentials 'omit', so a staff session in the same browser is never sent), JSON in and out.
// Errors become ApiError; unless `silent`, error.message is shown with showFailToast.
import { showFailToast } from 'vant'

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {}
    super(err.message || (status ? `请求失败（HTTP ${status}）` : '网络错误，请稍后重试'))
    this.status = status
    this.code = err.code || null
    this.field = err.field || null
    this.body = body
  }
}

export async function request(method, path, { body, silent = false } = {}) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  let res
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    })
  } catch {
    const err = new ApiError(0, { error: { code: 'network', message: '网络错误，请检查网络后重试' } })
    if (!silent) showFailToast(err.message)
    throw err
  }
  let data = null
  const text = res.status === 204 ? '' : await res.text()
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data)
    if (!silent) showFailToast(err.message)
    throw err
  }
  return data
}

const enc = encodeURIComponent

export const getCategories = () => request('GET', '/api/v1/public/categories')
export const getGrids = () => request('GET', '/api/v1/public/grids')
export const fileAppeal = (body) => request('POST', '/api/v1/public/appeals', { body })
export const getAppeal = (code, opts) => request('GET', `/api/v1/public/appeals/${enc(code)}`, opts)
export const rateAppeal = (code, body) => request('POST', `/api/v1/public/appeals/${enc(code)}/rating`, { body })

/**
 * Upload one photo: the raw image bytes as the body (no multipart). Resolves to {photo, url};
 * the server recognises JPEG, PNG and WebP by their first bytes (≤ 5 MB). Never toasts.
 */
export async function uploadPhoto(file) {
  let res
  try {
    res = await fetch('/api/v1/public/photos', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' },
      body: file,
      credentials: 'omit',
    })
  } catch {
    throw new ApiError(0, { error: { code: 'network', message: '网络错误，照片上传失败' } })
  }
  let data
  try {
    data = await res.json()
  } catch {
    data = null
  }
  if (!res.ok || !data || !data.photo) throw new ApiError(res.status, data)
  return data
}
