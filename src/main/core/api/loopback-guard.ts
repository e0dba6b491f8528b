import { timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'

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
  if (!presented) return false
  const a = Buffer.from(presented)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The bearer token from `Authorization: Bearer T`, or the session cookie the UI URL exchanged it for. */
export function presentedToken(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim()
  return readCookie(req.headers.cookie, SESSION_COOKIE)
}
