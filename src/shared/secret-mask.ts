// The one masking rule for secrets in query strings and headers, shared by the UI (what it shows), the
// exports (HAR, JSON) and the delivery log (issue 18 item 13): what the UI masks, no export shows in clear.

/** The mask every secret value is replaced by. */
export const MASK = '***'

// Names that hold credentials, whole or as a part (`api_key`, `X-Auth-Token`, `client_secret`, `passwd`).
const SECRET_PART = /token|secret|passw(or)?d|api[-_]?key|signature|credential/i
// Short names that are secret only on their own (`key=`, `sig=`, `pwd=`), not inside words (`monkey`).
const SECRET_NAME = /^(key|sig|pwd|pass|auth|jwt|apikey|access[-_]?key|private[-_]?key)$/i

/** A query parameter (or form field) whose value is a secret: `token`, `secret`, `key`, `password`, … */
export function isSecretParam(name: string): boolean {
  return SECRET_PART.test(name) || SECRET_NAME.test(name)
}

// Header names whose values are credentials by definition. Others (`X-Api-Key`, `X-Auth-Token`) go by the
// same name rule as query parameters.
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization'])
const SECRET_HEADERS = new Set(['x-telegram-bot-api-secret-token', 'cookie', 'set-cookie'])

/** A header whose value is a secret, always (Authorization, cookies, the secret token, `X-Api-Key`, …). */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return CREDENTIAL_HEADERS.has(lower) || SECRET_HEADERS.has(lower) || isSecretParam(lower.replace(/^x-/, ''))
}

/**
 * A header value as shown and exported: `Authorization: Basic abc=` → `Basic ***` (the scheme stays, it says
 * what kind), other secret headers → `***`, the rest unchanged. `alsoSecret` adds names the user marked.
 */
export function maskHeaderValue(name: string, value: string, alsoSecret: readonly string[] = []): string {
  const lower = name.toLowerCase()
  if (CREDENTIAL_HEADERS.has(lower)) {
    const [scheme, ...rest] = value.trim().split(/\s+/)
    return scheme && rest.length > 0 ? `${scheme} ${MASK}` : MASK
  }
  const marked = alsoSecret.some((n) => n.toLowerCase() === lower)
  return marked || isSecretHeader(lower) ? MASK : value
}

/** A header of an HTTP action whose value is a secret: always (by name), or one of `alsoSecret` (any case). */
export function isSecretHeaderOf(name: string, alsoSecret: readonly string[] = []): boolean {
  const lower = name.toLowerCase()
  return isSecretHeader(lower) || alsoSecret.some((n) => n.toLowerCase() === lower)
}

/**
 * What a rule keeps, and the API and the editor show, in place of a secret header's value (the value itself
 * is in the secret store): `Bearer ***` for Authorization (the scheme stays), `***` otherwise.
 */
export function headerPlaceholder(name: string, value: string): string {
  return maskHeaderValue(name, value, [name])
}

/** True when `value` is a placeholder for a stored secret header value (`***`, `Bearer ***`), not a value. */
export function isHeaderPlaceholder(name: string, value: string): boolean {
  return value !== '' && headerPlaceholder(name, value) === value
}

/**
 * A header as stored by the receiver, for display and export: values the core already masked (`Basic
 * ada:***`, which keeps who) stay as they are, anything else secret is masked.
 */
export function maskStoredHeader(name: string, value: string): string {
  return value.endsWith(MASK) ? value : maskHeaderValue(name, value)
}

/** `a=1&token=abc&password=x` → `a=1&token=***&password=***`: secret values masked, the rest as sent. */
export function maskQuery(query: string): string {
  if (!query) return query
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq < 0) return pair
      const name = pair.slice(0, eq)
      return isSecretParam(decodeLeniently(name)) && eq < pair.length - 1 ? `${name}=${MASK}` : pair
    })
    .join('&')
}

/** A URL with its query's secret values masked (the rest, path and credentials included, unchanged). */
export function maskUrlQuery(url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return url
  const hash = url.indexOf('#', q)
  const query = hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash)
  return `${url.slice(0, q + 1)}${maskQuery(query)}${hash < 0 ? '' : url.slice(hash)}`
}

function decodeLeniently(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}
