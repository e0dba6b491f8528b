import { existsSync } from 'node:fs'
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginAsync,
} from 'fastify'
import fastifyStatic from '@fastify/static'
import type { ErrorKind } from '@shared/errors'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import {
  createClientErrorHandler,
  receiverPlugin,
  rememberUndecodableUrl,
  type ReceiverDeps,
} from '../receiver'
import { simulatorBotApiPath } from '../simulator'
import { controlApiPlugin } from './control-plugin'
import type { Dispatch } from './dispatch'
import { HTTP_STATUS } from './http-status'
import {
  SESSION_COOKIE,
  createSessions,
  loopbackProblem,
  securityHeaders,
  sessionOf,
  tokenMatches,
} from './loopback-guard'

export const WEBHOOK_PREFIX = '/api/v1/messages/webhook'
/** The recording Bot API proxy (docs/bot-in-the-loop.md). */
export const BOT_API_PREFIX = '/bot-api'

/** `/` in a browser that has not opened the UI link yet (no session cookie, or one from an earlier run). */
const NO_TOKEN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width">
<title>Hookbench: open the UI link</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1.5rem;color:#1f2328}
code{font:13px ui-monospace,monospace;background:#eef0f3;padding:.1rem .3rem;border-radius:4px}
@media (prefers-color-scheme:dark){body{background:#16181c;color:#e6e8eb}code{background:#2a2e35}}</style>
</head>
<body>
<h1>Hookbench</h1>
<p>Open the UI link that <code>hookbench serve</code> printed (it carries <code>?token=…</code>).
It is the line starting with <code>UI:</code> in the terminal where the server runs.</p>
<p>A link from an earlier run no longer works: the token changes with each start unless it was set with
<code>--token</code>.</p>
</body>
</html>
`

export interface HttpServerDeps {
  log: Logger
  bus: EventBus
  dispatch: Dispatch
  token: string
  receiver: Omit<ReceiverDeps, 'prefix'>
  /** The built renderer (out/renderer) to serve at `/`; null when there is none (tests). */
  rendererDir: string | null
  /** The Telegram simulator's fake Bot API, mounted at `/sim`. */
  simulator: FastifyPluginAsync
  /** The recording Bot API proxy, mounted at BOT_API_PREFIX (loopback only). */
  botApiProxy: FastifyPluginAsync
}

const kindOfStatus = (status: number): ErrorKind =>
  (Object.entries(HTTP_STATUS).find(([, s]) => s === status)?.[0] as ErrorKind | undefined) ??
  (status >= 500 ? 'internal' : 'invalid_input')

function escapeUndecodablePath(url: string): string {
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  try {
    decodeURIComponent(path)
    return url
  } catch {
    return path.replace(/%/g, '%25') + (q < 0 ? '' : url.slice(q))
  }
}

/** One Fastify server: health, the webhook receiver, the control API, and the renderer for browsers. */
export async function createHttpServer(deps: HttpServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log.child({ mod: 'http' }) as FastifyBaseLogger,
    // Requests, incidents and deliveries are data in SQLite, not log lines (STYLE §8).
    logController: new LogController({ disableRequestLogging: true }),
    // Telegram keeps connections alive; a slow client never holds a worker forever.
    requestTimeout: 120_000,
    connectionTimeout: 0,
    return503OnClosing: true,
    // A path with percent-encoding that is not UTF-8 (`/webhook/%ff`) would fail routing with Fastify's own
    // 400 and never be stored: its `%` are escaped instead, so the receiver stores it (path kept literally).
    // Bot API calls reach /sim however the client library joined its base URL (simulatorBotApiPath).
    // The receiver stores the target as sent (rememberUndecodableUrl).
    rewriteUrl: (req) => {
      const url = req.url ?? '/'
      const escaped = escapeUndecodablePath(url)
      if (escaped !== url) rememberUndecodableUrl(req, url)
      return simulatorBotApiPath(escaped)
    },
    // Requests Node's parser refuses (raw bytes in the path, control characters in a header) never reach a
    // route: under the webhook prefix they are stored with their status and reason (client-error.ts).
    clientErrorHandler: createClientErrorHandler({ ...deps.receiver, prefix: WEBHOOK_PREFIX }),
    forceCloseConnections: 'idle',
  })

  // Errors Fastify raises itself (malformed JSON on the control API, ...) in the same envelope as ours.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
    if (status >= 500) req.log.error({ err }, 'request failed')
    return reply.code(status).send({
      error: {
        kind: kindOfStatus(status),
        message: status >= 500 ? 'Internal error; see the log.' : err.message,
      },
    })
  })
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send({ error: { kind: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } }),
  )

  const sessions = createSessions()
  // The UI's own answers (the page, its assets, the no-token page) carry the security headers; the control
  // API sets its own (control-plugin.ts). The webhook receiver, /sim and /bot-api answer other programs and
  // keep their answers as those programs expect them.
  app.addHook('onRequest', async (req, reply) => {
    const url = req.url
    if (
      url.startsWith('/api/') ||
      url.startsWith(WEBHOOK_PREFIX) ||
      url.startsWith('/sim') ||
      url.startsWith(BOT_API_PREFIX)
    )
      return
    reply.headers(securityHeaders(req, 'ui'))
  })

  app.get('/api/health', async (req, reply) => {
    reply.headers(securityHeaders(req, 'api'))
    return { ok: true }
  })
  await app.register(receiverPlugin, { prefix: WEBHOOK_PREFIX, ...deps.receiver })
  await app.register(deps.simulator, { prefix: '/sim' })
  await app.register(deps.botApiProxy, { prefix: BOT_API_PREFIX })
  await app.register(controlApiPlugin, {
    prefix: '/api',
    dispatch: deps.dispatch,
    bus: deps.bus,
    token: deps.token,
    sessions,
    log: deps.log,
  })

  const rendererDir = deps.rendererDir
  if (rendererDir && existsSync(rendererDir)) {
    await app.register(fastifyStatic, { root: rendererDir, index: false, wildcard: true })
    // The UI URL carries `?token=`: exchanged for an opaque session id in an HttpOnly, SameSite=Strict cookie
    // (never the token itself: loopback-guard.ts createSessions), then dropped from the address bar so it
    // is not left in history or screenshots.
    app.get('/', async (req, reply) => {
      const problem = loopbackProblem(req)
      if (problem) return reply.code(403).send({ error: { kind: 'forbidden', message: problem } })
      const token = (req.query as Record<string, string | undefined>).token
      if (token !== undefined) {
        if (!tokenMatches(token, deps.token)) {
          return reply
            .code(401)
            .type('text/plain')
            .send('This UI link has a wrong token: use the URL hookbench serve printed.')
        }
        reply.header('set-cookie', `${SESSION_COOKIE}=${sessions.open()}; HttpOnly; SameSite=Strict; Path=/`)
        return reply.redirect('/')
      }
      reply.header('cache-control', 'no-store')
      if (!sessions.valid(sessionOf(req)))
        return reply.code(401).type('text/html; charset=utf-8').send(NO_TOKEN_PAGE)
      return reply.sendFile('index.html')
    })
  }
  return app
}
