import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import websocket from '@fastify/websocket'
import { api } from '@shared/api'
import { METHOD_NAMES } from '@shared/api-names'
import { ROUTES, type Route } from '@shared/api-routes'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { Dispatch } from './dispatch'
import { HTTP_STATUS } from './http-status'
import {
  bearerToken,
  browserRequestProblem,
  loopbackProblem,
  SESSION_COOKIE,
  securityHeaders,
  sessionOf,
  tokenMatches,
  type Sessions,
} from './loopback-guard'

export interface ControlApiDeps {
  dispatch: Dispatch
  bus: EventBus
  token: string
  sessions: Sessions
  log: Logger
}

/** Sockets that read slower than this many buffered bytes are dropped rather than buffering without bound. */
const MAX_WS_BUFFERED_BYTES = 8 * 1024 * 1024

/**
 * The control API under `/api`: bearer token (or the UI's session cookie), loopback Host/Origin only,
 * one route per contract method, and the live event stream at `/api/events`.
 */
export const controlApiPlugin: FastifyPluginAsync<ControlApiDeps> = async (
  app,
  { dispatch, bus, token, sessions, log },
) => {
  await app.register(websocket)

  const forbidden = (reply: FastifyReply, path: string, problem: string, message: string) => {
    log.warn({ problem, path }, 'control API request refused')
    return reply.code(403).send({ error: { kind: 'forbidden', message } })
  }

  app.addHook('onRequest', async (req, reply) => {
    reply.headers(securityHeaders(req, 'api'))
    const path = req.url.split('?')[0]!
    const problem = loopbackProblem(req)
    if (problem) return forbidden(reply, path, problem, `${problem}: the control API answers loopback only.`)
    const bearer = bearerToken(req)
    const authorized = bearer !== undefined ? tokenMatches(bearer, token) : sessions.valid(sessionOf(req))
    if (authorized && bearer === undefined) {
      const browserProblem = browserRequestProblem(req)
      if (browserProblem)
        return forbidden(
          reply,
          path,
          browserProblem,
          `${browserProblem}. Refused: the session cookie works only from Hookbench's own page.`,
        )
    }
    if (!authorized) {
      return reply.code(401).send({
        error: {
          kind: 'unauthorized',
          message:
            'Missing or wrong API token: send Authorization: Bearer TOKEN (printed by hookbench serve); ' +
            'in a browser, open the UI link that hookbench serve printed.',
        },
      })
    }
  })

  // Text bodies (rules XML) arrive as strings; the method's spec says which field gets them.
  app.addContentTypeParser(
    ['application/xml', 'text/xml', 'text/plain'],
    { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  )

  for (const name of METHOD_NAMES) {
    const spec: Route & { bodyLimitBytes?: number } = { ...ROUTES[name], ...api[name] }
    const [method, url] = spec.http
    app.route({
      method,
      url,
      ...(spec.bodyLimitBytes && { bodyLimit: spec.bodyLimitBytes }),
      handler: async (req, reply) => {
        const body = typeof req.body === 'string' ? (spec.textBody ? { text: req.body } : {}) : req.body
        const input = {
          ...(req.query as object),
          ...(typeof body === 'object' && body !== null ? body : {}),
          ...(req.params as object),
        }
        const result = await dispatch(name, input)
        if (result.ok && spec.produces) return reply.type(spec.produces).send(result.value)
        if (result.ok) return reply.send(result.value)
        if (result.error.retryAfterMs)
          reply.header('retry-after', String(Math.ceil(result.error.retryAfterMs / 1000)))
        return reply.code(HTTP_STATUS[result.error.kind]).send({ error: result.error })
      },
    })
  }

  // Sign-out (browser shell): the session id is forgotten server-side and the cookie cleared. Not a contract
  // method: a session is the HTTP shell's business (the Electron window has none).
  app.post('/session/sign-out', async (req, reply) => {
    sessions.revoke(sessionOf(req))
    return reply
      .header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`)
      .code(204)
      .send()
  })

  app.get('/events', { websocket: true }, (socket) => {
    const off = bus.on((event) => {
      if (socket.readyState !== socket.OPEN) return
      if (socket.bufferedAmount > MAX_WS_BUFFERED_BYTES) {
        socket.close(1013, 'event stream too slow')
        return
      }
      socket.send(JSON.stringify(event))
    })
    socket.on('close', off)
    socket.on('error', off)
  })
}
