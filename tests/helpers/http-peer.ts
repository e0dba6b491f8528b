import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** One request the peer received, with its whole body. */
interface PeerRequest {
  method: string
  /** Path and query, e.g. `/bot123:abc/sendMessage`. */
  url: string
  headers: IncomingHttpHeaders
  body: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any
}

/**
 * How the peer answers one request: a status with a body, `stall` (never answer; the socket stays open
 * until the client gives up or the peer closes) or `close` (destroy the socket without an answer).
 */
export type PeerResponse =
  { status: number; body?: string | object; headers?: Record<string, string> } | 'stall' | 'close'

/** The Bot API's answer to a flood: 429 with `parameters.retry_after` (seconds). */
export const TOO_MANY_REQUESTS: PeerResponse = {
  status: 429,
  body: {
    ok: false,
    error_code: 429,
    description: 'Too Many Requests: retry after 1',
    parameters: { retry_after: 1 },
  },
}

/** What the peer answers when nothing is scripted: a Bot API success. */
const BOT_API_OK: PeerResponse = { status: 200, body: { ok: true, result: { message_id: 1 } } }

export interface HttpPeer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string
  /** Every request received so far, in arrival order. */
  readonly requests: PeerRequest[]
  /** Queues answers for the next requests, in order; once they are used up the peer answers `BOT_API_OK`. */
  script(...responses: PeerResponse[]): void
  /** `times` answers of 500, then the default. */
  failTimes(times: number): void
  /** Resolves when at least `count` requests have arrived (no polling, no sleeps). */
  waitForRequests(count: number): Promise<PeerRequest[]>
  /** Forgets requests and scripted answers (between tests). */
  reset(): void
  /** Destroys open (also stalled) connections and stops listening. */
  close(): Promise<void>
}

/** A scriptable HTTP server on 127.0.0.1 that records what it receives: the far end of actions in tests. */
export async function startHttpPeer(): Promise<HttpPeer> {
  const requests: PeerRequest[] = []
  let scripted: PeerResponse[] = []
  let waiters: { count: number; resolve: (r: PeerRequest[]) => void }[] = []
  const sockets = new Set<Socket>()

  const answer = (res: ServerResponse, r: Exclude<PeerResponse, 'stall' | 'close'>) => {
    const text = typeof r.body === 'string' ? r.body : r.body === undefined ? '' : JSON.stringify(r.body)
    res.writeHead(r.status, {
      'content-type': typeof r.body === 'string' ? 'text/plain' : 'application/json',
      ...r.headers,
    })
    res.end(text)
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const request: PeerRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        json: () => JSON.parse(body) as unknown,
      }
      requests.push(request)
      const ready = waiters.filter((w) => requests.length >= w.count)
      waiters = waiters.filter((w) => requests.length < w.count)
      ready.forEach((w) => w.resolve([...requests]))
      const next = scripted.shift() ?? BOT_API_OK
      if (next === 'stall') return
      if (next === 'close') {
        req.socket.destroy()
        return
      }
      answer(res, next)
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(...responses) {
      scripted.push(...responses)
    },
    failTimes(times) {
      for (let i = 0; i < times; i++) scripted.push({ status: 500, body: 'upstream broke' })
    },
    waitForRequests(count) {
      if (requests.length >= count) return Promise.resolve([...requests])
      return new Promise((resolve) => waiters.push({ count, resolve }))
    },
    reset() {
      requests.length = 0
      scripted = []
    },
    async close() {
      for (const s of sockets) s.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())))
    },
  }
}
