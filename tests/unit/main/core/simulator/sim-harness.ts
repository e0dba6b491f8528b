import Fastify from 'fastify'
import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { CoreEvent } from '@shared/events'
import { createEventBus } from '../../../../../src/main/core/events'
import { createLogger } from '../../../../../src/main/core/log'
import { createSimulator, type SimulatorDeps } from '../../../../../src/main/core/simulator'
import { createStore } from '../../../../../src/main/core/store'

/** A well-formed test token for bot `id` (a 35-character secret like @BotFather's). */
export const tokenFor = (id: number, secret = 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1') => `${id}:${secret}`

/** A Bot API answer: the envelope and the HTTP response it came in. */
export interface BotAnswer {
  status: number
  headers: Headers
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
}

/** Calls `/sim/bot<token>/<method>` on `base` with a JSON body (or GET with a query when `params` is a string). */
export async function callBotApi(
  base: string,
  token: string,
  method: string,
  params?: Record<string, unknown> | string,
  init: RequestInit = {},
): Promise<BotAnswer> {
  const url = `${base}/bot${token}/${method}${typeof params === 'string' ? `?${params}` : ''}`
  const res = await fetch(
    url,
    typeof params === 'object'
      ? {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(params),
          ...init,
        }
      : init,
  )
  return { status: res.status, headers: res.headers, body: await res.json() }
}

/**
 * The simulator alone over real HTTP: an in-memory store, a Fastify server on 127.0.0.1:0 with the plugin at
 * `/sim`, relaxed mode, a 5 ms backoff unit, and a resolver that answers from a table (no network).
 */
export async function startSimHarness(
  options: Partial<SimulatorDeps> & { hosts?: Record<string, string[]>; dataDir?: string } = {},
) {
  const store = createStore(options.dataDir ?? ':memory:')
  const bus = createEventBus((err) => {
    throw err
  })
  const events: CoreEvent[] = []
  bus.on((e) => events.push(e))
  let strict = false
  const hosts = options.hosts ?? {}
  const sim = createSimulator({
    store,
    bus,
    log: createLogger({ level: 'silent' }),
    now: Date.now,
    strict: () => strict,
    connectedBotToken: () => undefined,
    retryBaseMs: 5,
    resolveHost: async (host) => {
      const found = hosts[host]
      if (found) return found
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
    },
    ...options,
  })
  const app = Fastify()
  await app.register(sim.plugin, { prefix: '/sim' })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/sim`
  return {
    sim,
    store,
    events,
    base,
    setStrict(value: boolean) {
      strict = value
    },
    call: (token: string, method: string, params?: Record<string, unknown> | string, init?: RequestInit) =>
      callBotApi(base, token, method, params, init),
    async close() {
      await app.close()
      await sim.close()
      await store.close()
    },
  }
}
export type SimHarness = Awaited<ReturnType<typeof startSimHarness>>

/** One update a webhook server received. */
export interface Received {
  url: string
  headers: IncomingHttpHeaders
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  update: any
}

export interface HookAnswer {
  status: number
  body?: string | object
  headers?: Record<string, string>
}

/**
 * A webhook endpoint on 127.0.0.1:0 that records each update and answers what `answer` returns (a promise
 * holds the response until it settles). `waitFor(n)` resolves once n requests have arrived.
 */
export async function startHookServer(
  answer: (r: Received, index: number) => HookAnswer | Promise<HookAnswer> = () => ({ status: 200 }),
) {
  const received: Received[] = []
  let waiters: { count: number; resolve: () => void }[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const r: Received = {
        url: req.url ?? '',
        headers: req.headers,
        update: JSON.parse(Buffer.concat(chunks).toString()),
      }
      received.push(r)
      const index = received.length - 1
      waiters = waiters.filter((w) => (received.length >= w.count ? (w.resolve(), false) : true))
      void Promise.resolve(answer(r, index)).then((a) => {
        const text = a.body === undefined ? '' : typeof a.body === 'string' ? a.body : JSON.stringify(a.body)
        res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(text)
      })
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    waitFor(count: number) {
      if (received.length >= count) return Promise.resolve()
      return new Promise<void>((resolve) => waiters.push({ count, resolve }))
    },
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
export type HookServer = Awaited<ReturnType<typeof startHookServer>>
