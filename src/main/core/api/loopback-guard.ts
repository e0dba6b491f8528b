import { randomBytes } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { sameSecret } from '../receiver/http-helpers'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])
export const SESSION_COOKIE = 'hb_session'

function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1)
  const colon = hostHeader.lastIndexOf(':')
  return (colon < 0 ? hostHeader : hostHeader.slice(0, colon)).toLowerCase()
}

/**
 * DNS-rebinding guard: the control API answers only when the browser thinks it is talking to loopback.
 * Host must be a loopback name; Origin, when sent, must be a loopback origin too.
 */
export function loopbackProblem(req: FastifyRequest): string | null {
  const host = req.headers.host
  if (!host || !LOOPBACK_HOSTS.has(hostnameOf(host)))
    return `Host ${host ?? '(none)'} is not a loopback address`
  const origin = req.headers.origin
  if (origin !== undefined && origin !== 'null') {
    let originHost: string
    try {
      originHost = new URL(origin).host
    } catch {
      return `Origin ${origin} is not a URL`
    }
    if (!LOOPBACK_HOSTS.has(hostnameOf(originHost))) return `Origin ${origin} is not a loopback origin`
  }
  return null
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}

export function tokenMatches(presented: string | undefined, token: string): boolean {
  return presented !== undefined && presented !== '' && sameSecret(presented, token)
}

/** The bearer token from `Authorization: Bearer T`, or undefined when the caller sent none. */
export function bearerToken(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined
}

/**
 * Browser sessions (issue 18 item 1): the UI link's `?token=` is traded for an opaque random id that only
 * this process knows. The cookie is never the API token, so a cookie that leaks (cookies are not
 * port-scoped: every 127.0.0.1 server sees it) is worth nothing after a restart or a sign-out. Kept in
 * memory on purpose: a restart signs every browser out (the UI link printed at start signs in again).
 */
export function createSessions(max = 64) {
  const ids = new Set<string>()
  return {
    open(): string {
      const id = randomBytes(32).toString('base64url')
      ids.add(id)
      if (ids.size > max) ids.delete(ids.values().next().value!)
      return id
    },
    valid: (id: string | undefined): boolean => id !== undefined && ids.has(id),
    revoke: (id: string | undefined): void => void (id !== undefined && ids.delete(id)),
  }
}
export type Sessions = ReturnType<typeof createSessions>

export const sessionOf = (req: FastifyRequest): string | undefined =>
  readCookie(req.headers.cookie, SESSION_COOKIE)

/** The header the renderer sends with every call; a cross-origin form cannot, nor a fetch without CORS. */
export const CSRF_HEADER = 'x-hookbench-request'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Hookbench's own origin as this browser reaches it: scheme and Host exactly (port included). */
export function ownOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? ''}`
}

/**
 * Checks a cookie-authenticated (browser) request, issue 18 item 2. SameSite=Strict is per site, not per
 * port, so a page of any other local dev server would ride on the cookie; what tells Hookbench's own page
 * apart: Origin equal to its own origin exactly (`null` is refused: sandboxed iframes, file://), Sec-Fetch-Site
 * `same-origin` (`none`, a typed address, only for reads), and on a state-changing call the CSRF header. A
 * WebSocket upgrade always carries Origin, so the event stream is covered by the first check. Bearer-token
 * callers never come here.
 */
export function browserRequestProblem(req: FastifyRequest): string | null {
  const own = ownOrigin(req)
  const origin = req.headers.origin
  const unsafe = !SAFE_METHODS.has(req.method)
  if (origin !== undefined && origin !== own) return `Origin ${origin} is not Hookbench's own origin ${own}`
  const site = req.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && !(site === 'none' && !unsafe))
    return `Sec-Fetch-Site ${site}: only Hookbench's own page may use its session`
  if (unsafe && origin === undefined) return 'A state-changing call from a browser must send its Origin'
  if (unsafe && req.headers[CSRF_HEADER] !== '1')
    return `A state-changing call from a browser must send the ${CSRF_HEADER} header`
  return null
}

/**
 * Headers on every answer of the UI and the control API (issue 18 item 3). The CSP is sent as a header
 * (a meta tag cannot carry frame-ancestors): the renderer's own scripts only, inline styles (React style
 * props, CodeMirror), connections to itself and its own WebSocket origin, never framed.
 */
export function securityHeaders(req: FastifyRequest, kind: 'ui' | 'api'): Record<string, string> {
  const host = req.headers.host
  const ws =
    host && LOOPBACK_HOSTS.has(hostnameOf(host))
      ? ` ${req.protocol === 'https' ? 'wss' : 'ws'}://${host}`
      : ''
  const csp =
    kind === 'api'
      ? "default-src 'none'; frame-ancestors 'none'"
      : "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        `connect-src 'self'${ws}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`
  return {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  }
}
