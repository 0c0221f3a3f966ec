// The one HTTP client of the web pages (docs/api.md): JSON in and out, the query string built from
// an object, X-CSRF-Token on every write when a session gave one, and every failure an ApiError
// carrying the server's {"error":{"code","message","field"}}. How a failure is shown (Element
// Plus's message, Vant's toast) and what a 401 means are the page's, through `onError`.

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

/** `?a=1&b=x` from an object; empty, null and undefined values are left out. */
export function buildQuery(params) {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue
    qs.append(k, String(v))
  }
  const s = qs.toString()
  return s ? `?${s}` : ''
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

/**
 * A client: `request(method, path, options)` resolves to the parsed JSON (null for 204) or throws
 * ApiError. options: query (an object), body (an object is sent as JSON; a string, Blob or
 * ArrayBuffer as it is, with contentType), silent (the page shows the error itself), and anything
 * else the page's `onError(err, path, options)` reads; onError is called for every failure, silent
 * or not, before the error is thrown.
 * - credentials: 'same-origin' sends the session cookie; 'omit' sends none (the public pages)
 * - csrf(): the session's CSRF token, or ''
 * - networkMessage: what to say when the server cannot be reached
 */
export function createClient({
  credentials = 'same-origin',
  csrf = () => '',
  networkMessage,
  onError = () => {},
} = {}) {
  async function request(method, path, options = {}) {
    const { query, body, contentType } = options
    const headers = { Accept: 'application/json' }
    let payload
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer) {
        payload = body
        headers['Content-Type'] = contentType || 'text/plain; charset=utf-8'
      } else {
        payload = JSON.stringify(body)
        headers['Content-Type'] = 'application/json'
      }
    }
    const token = WRITE_METHODS.has(method) ? csrf() : ''
    if (token) headers['X-CSRF-Token'] = token

    let res
    try {
      res = await fetch(path + buildQuery(query), { method, headers, body: payload, credentials })
    } catch {
      const err = new ApiError(0, { error: { code: 'network', message: networkMessage || '网络错误，请稍后重试' } })
      onError(err, path, options)
      throw err
    }
    let data = null
    const text = res.status === 204 ? '' : await res.text()
    if (text) {
      try {
        data = JSON.parse(text)
      } catch {
        data = { raw: text }
      }
    }
    if (!res.ok) {
      const err = new ApiError(res.status, data)
      onError(err, path, options)
      throw err
    }
    return data
  }

  return {
    request,
    get: (path, query, opts) => request('GET', path, { ...opts, query }),
    post: (path, body, opts) => request('POST', path, { ...opts, body }),
    patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
    put: (path, body, opts) => request('PUT', path, { ...opts, body }),
    del: (path, opts) => request('DELETE', path, opts),
  }
}
