import { hash, randomBytes } from 'node:crypto'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AuthOutcome, Incident, RequestError } from '@shared/domain'
import type { MessageCommand } from '@shared/message'
import { commandToDebugJson, convertWebhook, type ConvertError } from '../convert'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { SettingsService } from '../settings'
import { statusOfStorageFault, type NewRequest, type Store, type StoredUser } from '../store'
import { readBody, type RawBody } from './body'
import type { Authenticator } from './credentials'
import { wildcardMatch } from '@shared/wildcard'
import {
  errorBody,
  maskHeaders,
  parseBasicAuth,
  remoteAddressOf,
  sameSecret,
  sentUrlOf,
  splitUrl,
  type ForwardedTrust,
} from './http-helpers'
import type { Throttle } from './throttle'

export interface ReceiverDeps {
  store: Store
  settings: SettingsService
  bus: EventBus
  log: Logger
  auth: Authenticator
  throttle: Throttle
  /** Whose `X-Forwarded-For` is believed (http-helpers.ts remoteAddressOf). */
  forwarded: ForwardedTrust
  now: () => number
  /** The URL prefix this plugin is mounted at (to compute the path remainder). */
  prefix: string
  /** The `secret_token` Telegram must send for requests authenticated as this user (connect flow), if any. */
  secretTokenFor?: (user: string) => string | undefined
  /**
   * Replays and samples are injected in-process (never over the network) carrying this per-process key in
   * REPLAY_HEADER: they count as authenticated as the user in REPLAY_USER_HEADER (or anonymous).
   */
  internalKey: string
}

export const REPLAY_HEADER = 'x-hookbench-internal'
export const REPLAY_USER_HEADER = 'x-hookbench-as-user'
/** On an internal request: the id of the stored request it replays (kept as `replay_of`, not as a header). */
export const REPLAY_OF_HEADER = 'x-hookbench-replay-of'
/**
 * On an internal request: comma-separated names of headers the injection added that the replayed request did
 * not have (Fastify inject always sets content-length for a body); they are removed before storing.
 */
export const REPLAY_OMIT_HEADER = 'x-hookbench-omit'
const INTERNAL_ONLY = [REPLAY_HEADER, REPLAY_USER_HEADER, REPLAY_OF_HEADER, REPLAY_OMIT_HEADER]

interface AuthState {
  receivedAtMs: number
  remoteAddress: string
  user: StoredUser | null
  outcome: AuthOutcome
  /** Set on Hookbench's own replays. */
  replay?: { of: number | null; omit: string[] }
}

declare module 'fastify' {
  interface FastifyRequest {
    hbAuth?: AuthState
    /** The Content-Type as sent, while Fastify sees a neutral one (see the preParsing hook). */
    hbContentType?: string
    /** The stored row's id, once stored: its answer is recorded after it is sent (onResponse). */
    hbStoredId?: number
    hbResponseBody?: Buffer
  }
}

/** What Fastify's media-type check is shown instead of the real Content-Type; every body is read raw anyway. */
const NEUTRAL_CONTENT_TYPE = 'application/octet-stream'

const CONVERT_STATUS: Record<ConvertError['code'], number> = {
  no_entity: 400,
  malformed_json: 400,
  bad_parameter: 400,
  too_complex: 400,
}
const ALLOWED_METHODS = new Set(['GET', 'POST'])
/** A request whose client went away mid-body is stored with this status (nginx's "client closed request"). */
export const ABORTED_STATUS = 499
/** Retry-After on a request refused because it could not be stored. */
const FAULT_RETRY_AFTER_S = 5
/** A throttled address's refusals within this long after its throttle ended still belong to the same burst. */
const BURST_GAP_MS = 1000
/** How often a burst's count is written while it lasts. */
const BURST_FLUSH_MS = 250

/** What the throttle tells one guess from another by: never the password itself (a per-process digest). */
const attemptSalt = randomBytes(32).toString('base64')
const attemptKey = (c: { user: string; password: string }) =>
  hash('sha256', `${attemptSalt}${c.user.length}:${c.user}${c.password}`, 'base64')

/**
 * `/api/v1/messages/webhook/*` (ATSD-BEHAVIOUR §1–2): Basic auth (or anonymous when allowed), throttling,
 * body limit, conversion, and the raw request stored — with its outcome — before the answer. Rules and
 * notifications hear about it through the event bus after the answer has been sent.
 */
export const receiverPlugin: FastifyPluginAsync<ReceiverDeps> = async (app, deps) => {
  const { store, settings, bus, log, now } = deps

  async function recordIncident(
    req: FastifyRequest,
    remoteAddress: string,
    user: string | null,
    reason: string,
  ) {
    log.warn({ ip: remoteAddress, user, reason }, 'webhook auth failed')
    let incident
    try {
      incident = await store.writer.write(() =>
        store.incidents.insert({
          timeMs: now(),
          remoteAddress,
          user,
          reason,
          path: splitUrl(sentUrlOf(req.raw)).path,
        }),
      )
    } catch (err) {
      // The request is refused either way; an incident the disk cannot take is a log line (storage fault).
      if (!store.health.failed(err)) throw err
      return
    }
    setImmediate(() => bus.emit({ type: 'incident.recorded', incident }))
  }

  // Bodies are read raw for every content type: the request is stored as received, and the converter parses.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (req, payload, done) => {
    const announced = Number(req.headers['content-length'])
    readBody(payload, settings.get().maxBodyBytes, Number.isFinite(announced) ? announced : undefined).then(
      (body) => done(null, body),
      (err: Error) => done(err),
    )
  })

  // Fastify answers 415 by itself, before the route, to a Content-Type it cannot parse (`json`, `;;;`): that
  // request would never be stored. The body is read raw whatever its type, so Fastify is shown a neutral type
  // and the handler puts the header back, to store and convert what was sent.
  app.addHook('preParsing', async (req) => {
    const contentType = req.headers['content-type']
    if (contentType === undefined) return
    req.hbContentType = contentType
    req.headers['content-type'] = NEUTRAL_CONTENT_TYPE
  })

  app.addHook('onRequest', async (req, reply) => {
    const receivedAtMs = now()
    const remoteAddress = remoteAddressOf(req, deps.forwarded)
    // Hookbench's own replays and samples carry the per-process key: they guess nothing, so the throttle
    // (which may hold 127.0.0.1, their address, because of a local guesser) does not apply to them.
    const internal = req.headers[REPLAY_HEADER]
    if (typeof internal === 'string' && sameSecret(internal, deps.internalKey)) {
      const name = req.headers[REPLAY_USER_HEADER]
      const user = typeof name === 'string' ? store.users.get(name) : null
      const of = Number(req.headers[REPLAY_OF_HEADER])
      const omit = String(req.headers[REPLAY_OMIT_HEADER] ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean)
      for (const header of INTERNAL_ONLY) delete req.headers[header]
      if (user) reapplySecrets(req, user.name)
      req.hbAuth = {
        receivedAtMs,
        remoteAddress,
        user,
        outcome: user ? 'ok' : 'anonymous',
        replay: { of: Number.isSafeInteger(of) && of > 0 ? of : null, omit },
      }
      return
    }
    const retryMs = deps.throttle.retryAfterMs(remoteAddress, receivedAtMs)
    if (retryMs > 0) return throttled(req, reply, remoteAddress, retryMs)
    const credentials = parseBasicAuth(req.headers.authorization)
    if (!credentials) {
      if (req.headers.authorization === undefined && settings.get().allowAnonymous) {
        req.hbAuth = { receivedAtMs, remoteAddress, user: null, outcome: 'anonymous' }
        return
      }
      deps.throttle.recordFailure(remoteAddress, receivedAtMs)
      return refuse(
        req,
        reply,
        remoteAddress,
        null,
        req.headers.authorization ? 'malformed credentials' : 'no credentials',
      )
    }
    // Counted as it starts (throttle.ts): past the limit, refused before any scrypt runs.
    const attempt = deps.throttle.begin(remoteAddress, attemptKey(credentials), receivedAtMs)
    if (attempt.retryAfterMs > 0) return throttled(req, reply, remoteAddress, attempt.retryAfterMs)
    let user: StoredUser | null
    try {
      user = await deps.auth.verify(credentials.user, credentials.password)
    } catch (err) {
      attempt.end(true, now())
      throw err
    }
    if (!user) {
      attempt.end(false, now())
      return refuse(req, reply, remoteAddress, credentials.user, 'wrong user name or password')
    }
    const expected = deps.secretTokenFor?.(user.name)
    if (expected !== undefined) {
      const sent = req.headers['x-telegram-bot-api-secret-token']
      if (typeof sent !== 'string' || !sameSecret(sent, expected)) {
        attempt.end(false, now())
        const reason = sent === undefined ? 'Telegram secret token missing' : 'Telegram secret token mismatch'
        return refuse(req, reply, remoteAddress, user.name, reason)
      }
    }
    attempt.end(true, now())
    req.hbAuth = { receivedAtMs, remoteAddress, user, outcome: 'ok' }
  })

  /**
   * A throttled attempt (issue 18 item 6) is a security incident like any failed authentication (ATSD
   * records every one), but one per burst: the first refusal from the address records it, the next ones
   * while the address stays throttled add to its count (written at most a few times a second).
   */
  interface Burst {
    incident: Incident | null
    count: number
    lastMs: number
    untilMs: number
    flush: NodeJS.Timeout | null
  }
  const bursts = new Map<string, Burst>()
  const flushBurst = (burst: Burst) => {
    burst.flush = null
    const base = burst.incident
    if (!base || base.count === burst.count) return
    const incident: Incident = { ...base, count: burst.count, lastTime: new Date(burst.lastMs).toISOString() }
    burst.incident = incident
    store.writer
      .write(() => store.incidents.setCount(incident.id, incident.count, burst.lastMs), 'background')
      .then(() => bus.emit({ type: 'incident.recorded', incident }))
      .catch((err: unknown) => log.error({ err }, 'could not count a throttled attempt'))
  }
  function throttled(req: FastifyRequest, reply: FastifyReply, address: string, retryMs: number) {
    const at = now()
    const untilMs = at + retryMs
    const until = new Date(untilMs).toISOString()
    const burst = bursts.get(address)
    if (burst && at <= burst.untilMs + BURST_GAP_MS) {
      burst.count++
      burst.lastMs = at
      burst.untilMs = Math.max(burst.untilMs, untilMs)
      if (burst.incident) burst.flush ??= setTimeout(() => flushBurst(burst), BURST_FLUSH_MS).unref()
    } else {
      if (bursts.size >= 10_000) bursts.delete(bursts.keys().next().value!)
      const fresh: Burst = { incident: null, count: 1, lastMs: at, untilMs, flush: null }
      bursts.set(address, fresh)
      store.writer
        .write(() =>
          store.incidents.insert({
            timeMs: at,
            remoteAddress: address,
            user: parseBasicAuth(req.headers.authorization)?.user ?? null,
            // Short (it is a badge); the count, the last attempt's time and the 429's words say the rest.
            reason: 'throttled',
            path: splitUrl(req.raw.url ?? '/').path,
          }),
        )
        .then((incident) => {
          fresh.incident = incident
          bus.emit({ type: 'incident.recorded', incident })
          if (fresh.count > 1) flushBurst(fresh)
        })
        .catch((err: unknown) => log.error({ err }, 'could not record a throttled attempt'))
      log.warn({ ip: address }, 'webhook authentication throttled')
    }
    const retryAfter = Math.ceil(retryMs / 1000)
    return reply
      .code(429)
      .header('retry-after', String(retryAfter))
      .send(
        errorBody(
          'rate_limited',
          `Too many failed authentications from ${address}: refused without checking until ${until} (retry in ${retryAfter} s)`,
        ),
      )
  }

  /**
   * A replay carries the stored (masked) credentials; they are put back here, server-side, so what the
   * pipeline sees is what the sender sent: the Telegram secret token is recomputed from the connect flow, and
   * `Basic <user>:***` becomes a Basic header for the same user. The password itself cannot be restored
   * (only its scrypt hash is kept) and is not needed: the internal key authenticated the replay. Both are
   * masked again when stored, so the replay's stored headers equal the original's.
   */
  function reapplySecrets(req: FastifyRequest, user: string) {
    const token = deps.secretTokenFor?.(user)
    if (token !== undefined && req.headers['x-telegram-bot-api-secret-token'] === '***')
      req.headers['x-telegram-bot-api-secret-token'] = token
    if (req.headers.authorization === `Basic ${user}:***`)
      req.headers.authorization = `Basic ${Buffer.from(`${user}:`).toString('base64')}`
  }

  // The other half of the exchange (issue 15 item 5): the answer is recorded after it has gone out, as a
  // background write, so it never delays the acknowledgement (store-before-acknowledge, decision 001).
  app.addHook('onSend', async (req, _reply, payload) => {
    if (req.hbStoredId === undefined) return payload
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) req.hbResponseBody = Buffer.from(payload)
    return payload
  })
  app.addHook('onResponse', async (req, reply) => {
    const id = req.hbStoredId
    if (id === undefined) return
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined)
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
    }
    const response = {
      status: reply.statusCode,
      headers,
      body: req.hbResponseBody ?? Buffer.alloc(0),
      timeMs: Math.round(reply.elapsedTime * 100) / 100,
    }
    store.writer
      .write(() => store.requests.setResponse(id, response), 'background')
      .catch((err: unknown) =>
        store.health.failed(err)
          ? log.warn({ id }, 'could not record the response (storage fault)')
          : log.error({ err, id }, 'could not record the response'),
      )
  })

  /** A failed authentication (already counted by the throttle): its incident, then 401. */
  async function refuse(
    req: FastifyRequest,
    reply: FastifyReply,
    ip: string,
    user: string | null,
    reason: string,
  ) {
    await recordIncident(req, ip, user, reason)
    // The body of a refused request is never read nor kept.
    return reply
      .code(401)
      .header('www-authenticate', 'Basic realm="hookbench", charset="UTF-8"')
      .send(
        errorBody(
          'unauthorized',
          'Webhook credentials are missing or wrong. Put them in the URL: https://USER:PASSWORD@host/...',
        ),
      )
  }

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = req.hbAuth!
    if (req.hbContentType !== undefined) req.headers['content-type'] = req.hbContentType
    const raw = (req.body as RawBody | undefined) ?? { bytes: Buffer.alloc(0), size: 0, tooLarge: false }
    const { path, query } = splitUrl(sentUrlOf(req.raw))
    for (const header of auth.replay?.omit ?? []) delete req.headers[header]
    const headers = maskHeaders(req.headers)
    const contentType = req.headers['content-type'] ?? null
    const row: NewRequest = {
      receivedAtMs: auth.receivedAtMs,
      method: req.method,
      path,
      query,
      headers,
      body: raw.bytes.length > 0 ? raw.bytes : null,
      bodySize: raw.size,
      bodyTruncated: raw.tooLarge,
      contentType,
      remoteAddress: auth.remoteAddress,
      user: auth.user?.name ?? null,
      authOutcome: auth.outcome,
      status: 200,
      entity: null,
      messageText: null,
      error: null,
      warnings: [],
      updateId: null,
      replayOf: auth.replay?.of ?? null,
    }
    let command: MessageCommand | null = null
    let debug = false
    if (raw.aborted) {
      // Not an error of Hookbench's: stored as what it is, logged at info (issue 18 item 12).
      const announced = req.headers['content-length']
      row.status = ABORTED_STATUS
      row.error = {
        code: 'aborted',
        message: `The client closed the connection after ${raw.size}${announced ? ` of ${announced}` : ''} bytes of the body; it got no answer.`,
      }
      log.info({ ip: auth.remoteAddress, path, bytes: raw.size }, 'webhook client aborted the request')
    } else if (raw.tooLarge) {
      row.status = 413
      row.error = {
        code: 'too_large',
        message: `The body (${raw.size} bytes) exceeds the limit of ${settings.get().maxBodyBytes} bytes (setting maxBodyBytes); only its head was kept.`,
      }
    } else if (!ALLOWED_METHODS.has(req.method)) {
      row.status = 405
      row.error = { code: 'method_not_allowed', message: `${req.method} is not accepted: use GET or POST.` }
    } else {
      const converted = convertSafely(req, path, query, headers, contentType, raw, auth)
      debug = converted.debug
      if (converted.ok) {
        const value = converted.value
        command = value
        row.warnings = converted.warnings
        row.entity = value.entity
        row.messageText = value.message
        const updateId = Number(value.tags.update_id)
        row.updateId = Number.isSafeInteger(updateId) ? updateId : null
        if (auth.user && !auth.user.entities.some((p) => wildcardMatch(p, value.entity, true))) {
          row.status = 403
          row.error = {
            code: 'forbidden',
            message: `User ${auth.user.name} may not write entity ${command.entity}.`,
          }
          row.authOutcome = 'forbidden'
          command = null
          await recordIncident(req, auth.remoteAddress, auth.user.name, `entity not allowed: ${row.entity}`)
        }
      } else {
        row.status = CONVERT_STATUS[converted.error.code] ?? 400
        row.error = toRequestError(converted.error)
      }
    }

    let stored: Awaited<ReturnType<typeof store.requests.insert>>
    try {
      stored = await store.writer.write(() => store.requests.insert(row, command))
    } catch (err) {
      // Never acknowledge what was not stored: disk full 507, read-only or damaged 503, with the reason
      // (docs/reliability.md "Faults"); Telegram retries later. Anything else is a bug (500 + log).
      const fault = store.health.failed(err)
      if (!fault) throw err
      log.warn({ fault: fault.kind, path }, 'request refused: it could not be stored')
      return reply
        .code(statusOfStorageFault(fault.kind))
        .header('retry-after', String(FAULT_RETRY_AFTER_S))
        .send(errorBody('unavailable', `This request was not stored, so it is refused. ${fault.message}`))
    }
    req.hbStoredId = stored.request.id
    setImmediate(() => {
      bus.emit({ type: 'request.received', request: stored.request })
      if (command && stored.messageId !== null) {
        bus.emit({
          type: 'message.converted',
          message: {
            ...command,
            id: stored.messageId,
            requestId: stored.request.id,
            receivedAt: stored.request.receivedAt,
          },
          duplicateOf: stored.request.duplicateOf,
        })
      }
    })
    reply.code(row.status)
    if (row.status === 405) reply.header('allow', 'GET, POST')
    if (row.error) {
      const kind = row.status === 413 ? 'too_large' : row.status === 403 ? 'forbidden' : 'invalid_input'
      return reply.send({ ...errorBody(kind, row.error.message, row.error), id: stored.request.id })
    }
    if (debug && command) return reply.type('application/json').send(commandToDebugJson(command))
    return reply.send({ ok: true, id: stored.request.id })
  }

  function convertSafely(
    req: FastifyRequest,
    path: string,
    query: string,
    headers: Record<string, string>,
    contentType: string | null,
    raw: RawBody,
    auth: AuthState,
  ): ReturnType<typeof convertWebhook> {
    try {
      return convertWebhook({
        method: req.method,
        pathRemainder: pathRemainderOf(path, deps.prefix),
        query,
        headers: rawHeaders(req),
        contentType: contentType ?? undefined,
        body: raw.bytes,
        remoteAddress: auth.remoteAddress,
        receivedAtMs: auth.receivedAtMs,
      })
    } catch (err) {
      // A converter bug must not lose the request: it is stored with the error.
      log.error({ err, path, headers }, 'converter failed')
      return {
        ok: false,
        debug: false,
        error: {
          code: 'too_complex',
          message: 'The request could not be converted (internal error; see the log).',
        },
      }
    }
  }

  app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/', handler })
  app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/*', handler })
}

function rawHeaders(req: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(', ') : v
  return out
}

function pathRemainderOf(path: string, prefix: string): string {
  const rest = path.startsWith(prefix) ? path.slice(prefix.length) : path
  const trimmed = rest.replace(/^\/+/, '')
  try {
    return decodeURIComponent(trimmed)
  } catch {
    return trimmed
  }
}

function toRequestError(e: ConvertError): RequestError {
  const out: RequestError = { code: e.code, message: e.message }
  if (e.line !== undefined) out.line = e.line
  if (e.column !== undefined) out.column = e.column
  if (e.param !== undefined) out.param = e.param
  return out
}
