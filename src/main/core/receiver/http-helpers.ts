import type { IncomingMessage } from 'node:http'
import type { FastifyRequest } from 'fastify'
import type { ErrorKind, Where } from '@shared/errors'
import type { RequestError } from '@shared/domain'

/** Header values the store never keeps in clear (STYLE: secrets never leave the secret store). */
const MASKED_HEADERS = new Set([
  'authorization',
  'x-telegram-bot-api-secret-token',
  'cookie',
  'proxy-authorization',
])

/** Headers Hookbench adds to its own in-process replays: how they were authenticated, never stored. */
const INTERNAL_HEADERS = new Set(['x-hookbench-internal', 'x-hookbench-as-user'])

/** Lower-cased header map with secrets masked: `Basic <user>:***` keeps who, never the password. */
export function maskHeaders(headers: FastifyRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || INTERNAL_HEADERS.has(name)) continue
    const text = Array.isArray(value) ? value.join(', ') : String(value)
    if (!MASKED_HEADERS.has(name)) out[name] = text
    else if (name === 'authorization') {
      const basic = parseBasicAuth(text)
      out[name] = basic ? `Basic ${basic.user}:***` : `${text.split(' ')[0] ?? ''} ***`
    } else out[name] = '***'
  }
  return out
}

export function parseBasicAuth(header: string | undefined): { user: string; password: string } | null {
  if (!header) return null
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header)
  if (!m) return null
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0) return null
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/

/**
 * The client's address. Behind the tunnel every request comes from loopback, so when the peer is loopback
 * and `X-Forwarded-For` is present (ngrok sets it), its first address is the client's.
 */
export function remoteAddressOf(req: FastifyRequest): string {
  const peer = (req.raw.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
  const xff = req.headers['x-forwarded-for']
  if (LOOPBACK.test(peer) && typeof xff === 'string' && xff.trim()) return xff.split(',')[0]!.trim()
  return peer || 'unknown'
}

export function splitUrl(url: string): { path: string; query: string } {
  const q = url.indexOf('?')
  return q < 0 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) }
}

/** The error envelope of every JSON API answer (STYLE §3); the webhook endpoint uses it for its errors too. */
export function errorBody(
  kind: ErrorKind,
  message: string,
  at?: RequestError,
): { error: { kind: ErrorKind; message: string; where?: Where[] } } {
  const where: Where[] = []
  if (at && (at.line !== undefined || at.param !== undefined)) {
    const w: Where = {}
    if (at.param !== undefined) w.path = [at.param]
    if (at.line !== undefined) w.line = at.line
    if (at.column !== undefined) w.column = at.column
    where.push(w)
  }
  return { error: where.length ? { kind, message, where } : { kind, message } }
}

/** Request targets that are not decodable (`/webhook/%ff`), as sent, before http-server.ts escaped them. */
const undecodableUrls = new WeakMap<IncomingMessage, string>()

/** Keeps the target as sent when routing needs an escaped one (http-server.ts rewriteUrl). */
export function rememberUndecodableUrl(raw: IncomingMessage, url: string): void {
  undecodableUrls.set(raw, url)
}

/** The request target as the client sent it (so the stored path is the raw one, issue 18 item 10). */
export function sentUrlOf(raw: IncomingMessage): string {
  return undecodableUrls.get(raw) ?? raw.url ?? '/'
}
