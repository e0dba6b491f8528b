import {
  Agent as HttpAgent,
  request as httpRequest,
  STATUS_CODES,
  type ClientRequest,
  type IncomingMessage,
} from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https'
import { isIP } from 'node:net'
import { inflateSync, gunzipSync } from 'node:zlib'

/** Where and how one bot's updates are posted. */
export interface PostTarget {
  /** The webhook URL, possibly with `user:pass@` (sent as Basic auth, never in the request line). */
  url: string
  secret: string | null
  /** PEM uploaded with setWebhook: trusted as the CA for this URL only. */
  certificate: string | null
  /** setWebhook's `ip_address`: connect here instead of resolving the host. */
  fixedIp: string | null
}

export type PostOutcome =
  | { ok: true; status: number; contentType: string; body: Buffer }
  | { ok: false; error: string; retryAfterSec: number | null; status?: number; body?: Buffer }

/** The largest answer body read back (a method call in a webhook answer is small). */
const MAX_ANSWER_BYTES = 1024 * 1024

const TLS_VERIFY_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

/** `last_error_message` for a failed connection, in Telegram's words (TELEGRAM.md §3). */
export function connectionErrorText(err: NodeJS.ErrnoException, connected: boolean): string {
  const code = err.code ?? ''
  if (TLS_VERIFY_CODES.has(code)) return 'SSL error {error:0A000086:SSL routines::certificate verify failed}'
  if (
    code.startsWith('ERR_SSL') ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_OSSL') ||
    code === 'EPROTO'
  ) {
    // OpenSSL's own words, as Telegram prints them: "error:0A00010B:SSL routines::wrong version number".
    const openssl = /error:([0-9A-F]+):([^:]*):[^:]*:([^:\n]*)/.exec(err.message)
    const detail = openssl
      ? `error:${openssl[1]}:${openssl[2]}::${openssl[3]}`
      : err.message.replace(/\s+/g, ' ').trim()
    return `SSL error {${detail}}`
  }
  switch (code) {
    case 'ECONNREFUSED':
      return 'Connection refused'
    case 'ECONNRESET':
    case 'EPIPE':
      return 'Connection reset by peer'
    case 'ETIMEDOUT':
      return connected ? 'Read timeout expired' : 'Connection timed out'
    case 'ENOTFOUND':
      return 'Failed to resolve host: Name or service not known'
    case 'EAI_AGAIN':
      return 'Failed to resolve host: Temporary failure in name resolution'
    case 'EHOSTUNREACH':
      return 'No route to host'
    case 'ENETUNREACH':
      return 'Network is unreachable'
    default:
      return err.message || 'Webhook connection closed'
  }
}

function decode(res: IncomingMessage, body: Buffer): Buffer {
  try {
    const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase()
    if (encoding === 'gzip') return gunzipSync(body)
    if (encoding === 'deflate') return inflateSync(body)
  } catch {
    return Buffer.alloc(0)
  }
  return body
}

const retryAfterOf = (res: IncomingMessage): number | null => {
  const n = Number(res.headers['retry-after'])
  return Number.isFinite(n) && String(res.headers['retry-after']).trim() !== '' ? n : null
}

/**
 * Posts updates as Telegram does (TELEGRAM.md §4 "Request sent to the bot"), one request per update.
 * `timeoutMs` (a number, or read before each post so a settings change applies to the next attempt) is how
 * long the bot may stay silent: then the attempt fails with `Read timeout expired` (TELEGRAM-FACTS.md §9).
 */
export function createWebhookPoster(timeoutMs: number | (() => number)) {
  const timeoutOf = typeof timeoutMs === 'function' ? timeoutMs : () => timeoutMs
  const httpAgent = new HttpAgent({ keepAlive: true })
  const httpsAgent = new HttpsAgent({ keepAlive: true })
  const inflight = new Set<ClientRequest>()

  function post(target: PostTarget, body: string): Promise<PostOutcome> {
    const url = new URL(target.url)
    const isHttps = url.protocol === 'https:'
    const hostname = url.hostname.replace(/^\[|\]$/g, '')
    const headers: Record<string, string> = {
      host: url.host,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'keep-alive',
      'accept-encoding': 'gzip, deflate',
    }
    if (url.username || url.password) {
      const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
      headers.authorization = `Basic ${Buffer.from(user).toString('base64')}`
    }
    if (target.secret) headers['x-telegram-bot-api-secret-token'] = target.secret
    const options: RequestOptions = {
      method: 'POST',
      hostname: target.fixedIp ?? hostname,
      port: url.port || (isHttps ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      headers,
      agent: isHttps ? httpsAgent : httpAgent,
      timeout: timeoutOf(),
    }
    if (isHttps) {
      if (target.certificate) options.ca = target.certificate
      if (!isIP(hostname)) options.servername = hostname
    }
    return new Promise((resolve) => {
      let connected = false
      let req: ClientRequest
      try {
        req = (isHttps ? httpsRequest : httpRequest)(options, onResponse)
      } catch (err) {
        // An uploaded certificate that is not a usable PEM fails here, before any connection.
        return resolve({
          ok: false,
          error: connectionErrorText(err as NodeJS.ErrnoException, false),
          retryAfterSec: null,
        })
      }
      function onResponse(res: IncomingMessage) {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
          if (size <= MAX_ANSWER_BYTES) chunks.push(c)
        })
        res.on('end', () => {
          inflight.delete(req)
          const status = res.statusCode ?? 0
          if (status >= 200 && status < 300) {
            const contentType = String(res.headers['content-type'] ?? '')
            resolve({ ok: true, status, contentType, body: decode(res, Buffer.concat(chunks)) })
          } else {
            const reason = STATUS_CODES[status] ?? ''
            const error = `Wrong response from the webhook: ${status} ${reason}`.trim()
            resolve({
              ok: false,
              error,
              retryAfterSec: retryAfterOf(res),
              status,
              body: Buffer.concat(chunks),
            })
          }
        })
        res.on('error', () => undefined)
      }
      inflight.add(req)
      req.on('socket', (socket) => {
        if (!socket.connecting) connected = true
        else socket.once('connect', () => (connected = true))
      })
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })))
      req.on('error', (err: NodeJS.ErrnoException) => {
        inflight.delete(req)
        resolve({ ok: false, error: connectionErrorText(err, connected), retryAfterSec: null })
      })
      req.end(body)
    })
  }

  return {
    post,
    /** Aborts requests in flight and closes kept-alive connections. */
    close() {
      for (const req of inflight) req.destroy()
      inflight.clear()
      httpAgent.destroy()
      httpsAgent.destroy()
    },
  }
}
export type WebhookPoster = ReturnType<typeof createWebhookPoster>
