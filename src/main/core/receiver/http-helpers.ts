import { timingSafeEqual } from 'node:crypto'
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

/**
 * The header Hookbench's own ngrok tunnel adds to every request it forwards, with a random value per tunnel
 * (tunnel.ts): how the receiver tells its tunnel's requests from any other local client's.
 */
export const TUNNEL_HEADER = 'x-hookbench-tunnel'

/** Headers Hookbench adds itself (in-process replays, its tunnel): how a request was authenticated, never stored. */
const INTERNAL_HEADERS = new Set(['x-hookbench-internal', 'x-hookbench-as-user', TUNNEL_HEADER])

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

const LOOPBACK = /^(127\.|::1$)/

/** Who may say, in `X-Forwarded-For`, where a request came from (issue 18 item 4). */
export interface ForwardedTrust {
  /** The value Hookbench's running ngrok tunnel adds in TUNNEL_HEADER; null while none runs. */
  tunnelKey(): string | null
  /** Reverse proxies the user configured (settings.trustedProxies): peer addresses, exactly. */
  proxies(): readonly string[]
}

const bare = (address: string) => address.trim().replace(/^::ffff:/, '')

/**
 * The client's address, the throttle's and the incidents' key. The socket's peer, unless the peer is a hop
 * that is trusted to say: Hookbench's own ngrok tunnel (a loopback peer that sent this tunnel's key — any
 * other local program is loopback too, and rotating or forging `X-Forwarded-For` from one gave unlimited
 * guesses and locked Telegram's own address out), or a configured proxy. From a trusted hop the rightmost
 * address that is not itself a trusted proxy is the client's: the entries left of it are what the client
 * claimed. The direct-HTTPS and local listeners therefore use the socket's address.
 */
export function remoteAddressOf(req: FastifyRequest, trust: ForwardedTrust): string {
  const peer = bare(req.raw.socket.remoteAddress ?? '')
  const xff = req.headers['x-forwarded-for']
  if (typeof xff === 'string' && xff.trim() && trustedHop(req, peer, trust)) {
    const proxies = trust.proxies()
    const hops = xff.split(',').map(bare).filter(Boolean)
    for (let i = hops.length - 1; i >= 0; i--) if (!proxies.includes(hops[i]!)) return hops[i]!
  }
  return peer || 'unknown'
}

function trustedHop(req: FastifyRequest, peer: string, trust: ForwardedTrust): boolean {
  if (trust.proxies().includes(peer)) return true
  const key = trust.tunnelKey()
  const sent = req.headers[TUNNEL_HEADER]
  return key !== null && LOOPBACK.test(peer) && typeof sent === 'string' && sameSecret(sent, key)
}

/** Constant-time comparison of a presented secret with the expected one. */
export function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
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
