import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { BotCall } from '@shared/bot-loop'
import { loopbackProblem } from '../api/loopback-guard'
import type { EventBus } from '../events'
import type { Forwarding } from '../forwarding'
import type { Logger } from '../log'
import {
  BotApiError,
  errorEnvelope,
  isAllowedInWebhookAnswer,
  paramReader,
  readParams,
  type Params,
} from '../simulator'
import type { NewBotCall, Store } from '../store'
import { botIdOf, callSubject, describeParams, readAnswer } from './describe-call'

/** Telegram accepts uploads up to 50 MB. */
const BODY_LIMIT_BYTES = 50 * 1024 * 1024
/** The bot's getUpdates may hold 50 s upstream; nothing waits longer than this. */
const UPSTREAM_TIMEOUT_MS = 120_000

const METHOD_PATH = /^bot([^/]+)\/([^/]*)\/?$/
const FILE_PATH = /^file\/bot([^/]+)\/(.+)$/

/** The methods that decide where updates go: answered by Hookbench for the bot it receives updates for. */
const INTERCEPTED = new Set(['setwebhook', 'deletewebhook', 'getwebhookinfo', 'getupdates'])

export interface ProxyDeps {
  store: Store
  bus: EventBus
  log: Logger
  now: () => number
  /** The Bot API the bot belongs to: public, a local server, or the simulator (ConnectFlow.botApiUrl). */
  upstreamUrl: () => string
  /** The token of the bot Hookbench receives updates for; its routing methods are intercepted. */
  connectedToken: () => string | undefined
  forwarding: Forwarding
  fetch?: typeof fetch
}

interface UpstreamAnswer {
  status: number
  contentType: string
  retryAfter: string | null
  body: Buffer
}

const envelopeBytes = (body: Record<string, unknown>) => Buffer.from(JSON.stringify(body))

function botError(err: BotApiError): UpstreamAnswer {
  return {
    status: err.code,
    contentType: 'application/json',
    retryAfter: err.parameters?.retry_after === undefined ? null : String(err.parameters.retry_after),
    body: envelopeBytes(errorEnvelope(err)),
  }
}

/** Why the upstream could not be reached, without its URL's path (which holds the token). */
function unreachable(base: string, err: unknown): BotApiError {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause
  const why = cause?.code ?? cause?.message ?? (err as Error).name
  let host = base
  try {
    host = new URL(base).origin
  } catch {
    // keep it as configured
  }
  return new BotApiError(502, `Bad Gateway: Hookbench could not reach the Bot API at ${host} (${why})`)
}

/**
 * The recording Bot API proxy at `/bot-api` (docs/bot-in-the-loop.md): the developer's bot points its API root
 * here. Every call is passed to the upstream Bot API unchanged and recorded (bot id, never the token) before
 * its answer goes back; setWebhook, deleteWebhook, getWebhookInfo and getUpdates of the connected bot are
 * answered by the forwarding service instead, since Telegram keeps sending that bot's updates to Hookbench.
 */
export function createBotApiProxy(deps: ProxyDeps) {
  const { store, bus, log, now, forwarding } = deps
  const fetchFn = deps.fetch ?? fetch

  async function upstream(
    token: string,
    path: string,
    init: {
      method: string
      contentType?: string | undefined
      body?: Buffer | undefined
      signal?: AbortSignal
    },
  ): Promise<UpstreamAnswer> {
    const base = deps.upstreamUrl().replace(/\/+$/, '')
    const timeout = AbortSignal.timeout(UPSTREAM_TIMEOUT_MS)
    try {
      const res = await fetchFn(`${base}/${path.replace('{token}', token)}`, {
        method: init.method,
        headers: init.contentType ? { 'content-type': init.contentType } : {},
        ...(init.body && init.body.length > 0 && { body: new Uint8Array(init.body) }),
        signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
      })
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? 'application/json',
        retryAfter: res.headers.get('retry-after'),
        body: Buffer.from(await res.arrayBuffer()),
      }
    } catch (err) {
      return botError(unreachable(base, err))
    }
  }

  async function record(c: NewBotCall): Promise<BotCall> {
    const call = await store.writer.write(() => store.botLoop.insertCall(c))
    bus.emit({ type: 'botcall.recorded', call })
    return call
  }

  /** Builds the record of one call from its parameters and the answer the bot gets. */
  function callOf(o: {
    token: string
    method: string
    params: Params
    source: BotCall['source']
    answeredBy: BotCall['answeredBy']
    answer: UpstreamAnswer | null
    started: number
    warning?: string | null | undefined
  }): NewBotCall {
    const described = describeParams(o.params)
    const answer = o.answer
      ? readAnswer(o.answer.status, o.answer.body)
      : {
          ok: false,
          errorCode: null,
          description: 'The bot hung up before the answer',
          retryAfter: null,
          result: null,
        }
    const subject = callSubject(described.params, answer.result)
    const queryId = o.params.get('callback_query_id') ?? o.params.get('inline_query_id')
    const chatId = subject.chatId ?? (typeof queryId === 'string' ? forwarding.chatOfQuery(queryId) : null)
    const handed = forwarding.handedFor(chatId)
    return {
      timeMs: o.started,
      botId: botIdOf(o.token),
      method: o.method,
      source: o.source,
      answeredBy: o.answeredBy,
      params: described.params,
      files: described.files,
      fileBytes: described.fileBytes,
      httpStatus: o.answer?.status ?? null,
      ...answer,
      durationMs: now() - o.started,
      chatId,
      messageId: subject.messageId,
      updateId: handed?.updateId ?? null,
      requestId: handed?.requestId ?? null,
      text: subject.text,
      warning: o.warning ?? null,
    }
  }

  async function intercept(
    method: string,
    params: Params,
    signal: AbortSignal,
  ): Promise<{ answer: UpstreamAnswer; warning: string | null }> {
    const p = paramReader(params)
    try {
      const r =
        method === 'setwebhook'
          ? await forwarding.setWebhook(p)
          : method === 'deletewebhook'
            ? await forwarding.deleteWebhook(p.bool('drop_pending_updates'))
            : method === 'getwebhookinfo'
              ? forwarding.webhookInfo()
              : await forwarding.getUpdates(p, signal)
      const body = { ok: true, result: r.result, ...(r.description && { description: r.description }) }
      return {
        answer: { status: 200, contentType: 'application/json', retryAfter: null, body: envelopeBytes(body) },
        warning: r.warning ?? null,
      }
    } catch (err) {
      if (err instanceof BotApiError) return { answer: botError(err), warning: null }
      throw err
    }
  }

  function send(reply: FastifyReply, a: UpstreamAnswer) {
    if (a.retryAfter !== null) reply.header('retry-after', a.retryAfter)
    return reply.code(a.status).header('content-type', a.contentType).send(a.body)
  }

  async function handle(req: FastifyRequest, reply: FastifyReply) {
    const started = now()
    const problem = loopbackProblem(req)
    if (problem) return send(reply, botError(new BotApiError(403, `Forbidden: ${problem}`)))
    const [, rawQuery = ''] = (req.raw.url ?? '').split(/\?(.*)/s)
    const rest = (req.params as { '*'?: string })['*'] ?? ''
    const abort = new AbortController()
    reply.raw.on('close', () => abort.abort())

    const file = FILE_PATH.exec(rest)
    if (file) {
      const [, token, path] = file as unknown as [string, string, string]
      const answer = await upstream(token, `file/bot{token}/${path}`, { method: 'GET', signal: abort.signal })
      const ok = answer.status === 200
      await record({
        ...callOf({
          token,
          method: 'file',
          params: new Map([['file_path', path]]),
          source: 'proxy',
          answeredBy: 'upstream',
          answer: null,
          started,
        }),
        httpStatus: answer.status,
        ok,
        errorCode: ok ? null : answer.status,
        description: ok ? null : readAnswer(answer.status, answer.body).description,
        result: ok ? { size: answer.body.length, contentType: answer.contentType } : null,
      })
      return send(reply, answer)
    }

    const m = METHOD_PATH.exec(rest)
    if (!m) return send(reply, botError(new BotApiError(404, 'Not Found')))
    const token = decodeURIComponent(m[1]!)
    const body = Buffer.isBuffer(req.body) ? req.body : undefined
    const contentType = req.headers['content-type']
    let params: Params
    let malformed: BotApiError | null = null
    try {
      params = await readParams(rawQuery, contentType, body)
    } catch (err) {
      // Passed on, the upstream says what is wrong with the body; the record keeps what could be read.
      malformed = err instanceof BotApiError ? err : new BotApiError(400, 'Bad Request: malformed request')
      params = new Map(new URLSearchParams(rawQuery))
    }
    const method = m[2] || (typeof params.get('method') === 'string' ? (params.get('method') as string) : '')
    const lower = method.toLowerCase()
    const connected = deps.connectedToken()
    const intercepted = connected !== undefined && token === connected && INTERCEPTED.has(lower)
    const { answer, warning } = intercepted
      ? malformed
        ? { answer: botError(malformed), warning: null }
        : await intercept(lower, params, abort.signal)
      : {
          answer: await upstream(token, `bot{token}/${m[2] ?? ''}${rawQuery ? `?${rawQuery}` : ''}`, {
            method: req.method,
            contentType,
            body,
            signal: abort.signal,
          }),
          warning: null,
        }
    await record(
      callOf({
        token,
        method,
        params,
        source: 'proxy',
        answeredBy: intercepted ? 'hookbench' : 'upstream',
        answer: abort.signal.aborted && intercepted ? null : answer,
        started,
        warning,
      }),
    )
    return send(reply, answer)
  }

  const plugin: FastifyPluginAsync = async (app) => {
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, (_req, b, done) =>
      done(null, b),
    )
    app.setErrorHandler((err: { code?: string; statusCode?: number }, _req, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return send(reply, botError(new BotApiError(413, 'Request Entity Too Large')))
      log.error({ code: err.code }, 'bot api proxy request failed')
      return send(reply, botError(new BotApiError(500, 'Internal Server Error: Hookbench proxy failed')))
    })
    // Held getUpdates requests answer (empty) so the server can close without waiting for their timeout.
    app.addHook('preClose', (done) => {
      forwarding.releasePolls()
      done()
    })
    app.all('/*', handle)
  }

  return {
    plugin,
    /** Runs the method call a bot put in its webhook answer, through the upstream, recorded. */
    async runReply(botId: number, method: string, object: Record<string, unknown>): Promise<BotCall | null> {
      const token = deps.connectedToken()
      if (!token || botIdOf(token) !== botId) return null
      const params: Params = new Map()
      for (const [k, v] of Object.entries(object)) {
        if (v !== null && v !== undefined) params.set(k, typeof v === 'string' ? v : JSON.stringify(v))
      }
      const started = now()
      const answer = isAllowedInWebhookAnswer(method)
        ? await upstream(token, `bot{token}/${method}`, {
            method: 'POST',
            contentType: 'application/json',
            body: Buffer.from(JSON.stringify(object)),
          })
        : botError(new BotApiError(400, `Bad Request: method ${method} can't be used in a webhook answer`))
      return record(
        callOf({ token, method, params, source: 'webhook-reply', answeredBy: 'upstream', answer, started }),
      )
    },
  }
}
export type BotApiProxy = ReturnType<typeof createBotApiProxy>
