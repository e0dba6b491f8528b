import { Writable } from 'node:stream'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Delivery } from '@shared/alerts'
import { createEventBus } from '../../../../../src/main/core/events'
import { createLogger } from '../../../../../src/main/core/log'
import { createNotifier, type DeliveryJob } from '../../../../../src/main/core/rules'
import type { NotifierDeps } from '../../../../../src/main/core/rules/notifier'
import type { RenderedAction } from '../../../../../src/main/core/rules/render-action'
import { createStore, type Store } from '../../../../../src/main/core/store'
import { startHttpPeer, TOO_MANY_REQUESTS, type HttpPeer } from '../../../../helpers/http-peer'

const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0'
const T0 = Date.parse('2024-05-29T16:00:00.000Z')

let peer: HttpPeer
beforeAll(async () => {
  peer = await startHttpPeer()
})
afterAll(() => peer.close())

let store: Store
let logs: string[]
let sleeps: number[]
beforeEach(() => {
  peer.reset()
  store = createStore(':memory:')
  logs = []
  sleeps = []
})
afterEach(() => store.close())

/** A real notifier whose backoff sleeps are recorded instead of waited for. */
function notifier(overrides: Partial<NotifierDeps> = {}) {
  return createNotifier({
    store,
    bus: createEventBus((err) => {
      throw err
    }),
    log: createLogger({
      level: 'debug',
      destination: new Writable({
        write(chunk: Buffer, _enc, cb) {
          logs.push(chunk.toString())
          cb()
        },
      }),
    }),
    now: () => T0,
    botApiBase: () => peer.url,
    resolveBotToken: (bot) => bot.token,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    ...overrides,
  })
}

const job = (rendered: RenderedAction, emptyPlaceholders: string[] = []): DeliveryJob => ({
  alertId: 7,
  alertEventId: 70,
  ruleId: 'rule-1',
  rule: 'a rule',
  actionIndex: 0,
  rendered,
  emptyPlaceholders,
})
const httpJob = (path = '/hook') =>
  job({
    kind: 'http',
    method: 'POST',
    url: `${peer.url}${path}`,
    headers: { 'content-type': 'application/json' },
    body: '{"a":1}',
  })
const telegramJob = () =>
  job({ kind: 'telegram', bot: { token: BOT_TOKEN }, payload: { chat_id: '77462709', text: 'hi' } })

const deliveries = (): Delivery[] => store.alerts.deliveries({ limit: 500 }).items.sort((a, b) => a.id - b.id)
const attempts = () => deliveries().map((d) => [d.attempt, d.outcome, d.response?.status ?? null])

describe('notifier: retries', () => {
  it('retries 5xx with exponential backoff and stores every attempt', async () => {
    const n = notifier({ backoffMs: 100 })
    peer.failTimes(2)
    n.enqueue(httpJob())
    await n.idle()
    expect(attempts()).toEqual([
      [1, 'retrying', 500],
      [2, 'retrying', 500],
      [3, 'ok', 200],
    ])
    expect(sleeps).toEqual([100, 200])
    expect(peer.requests).toHaveLength(3)
    expect(deliveries()[0]).toMatchObject({
      alertId: 7,
      ruleId: 'rule-1',
      rule: 'a rule',
      kind: 'http',
      error: 'HTTP 500: upstream broke',
      request: { method: 'POST', url: `${peer.url}/hook`, body: '{"a":1}' },
    })
  })

  it('records failed after the last attempt', async () => {
    const n = notifier({ backoffMs: 10, maxAttempts: 3 })
    peer.failTimes(3)
    n.enqueue(httpJob())
    await n.idle()
    expect(attempts()).toEqual([
      [1, 'retrying', 500],
      [2, 'retrying', 500],
      [3, 'failed', 500],
    ])
    expect(sleeps).toEqual([10, 20])
  })

  it('retries when the peer closes the connection without an answer', async () => {
    const n = notifier({ backoffMs: 10 })
    peer.script('close')
    n.enqueue(httpJob())
    await n.idle()
    expect(attempts()).toEqual([
      [1, 'retrying', null],
      [2, 'ok', 200],
    ])
    expect(deliveries()[0]!.error).toMatch(/closed|socket|terminated/i)
  })

  it('does not retry a 4xx other than 429', async () => {
    const n = notifier()
    peer.script({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
    })
    n.enqueue(telegramJob())
    await n.idle()
    expect(attempts()).toEqual([[1, 'failed', 400]])
    expect(deliveries()[0]!.error).toBe('HTTP 400: Bad Request: chat not found')
    expect(sleeps).toEqual([])
  })

  it("waits Telegram's retry_after on 429, then sends again", async () => {
    const n = notifier({ backoffMs: 10 })
    peer.script(TOO_MANY_REQUESTS)
    n.enqueue(telegramJob())
    await n.idle()
    expect(sleeps).toEqual([1000])
    expect(attempts()).toEqual([
      [1, 'retrying', 429],
      [2, 'ok', 200],
    ])
    expect(deliveries()[0]!.error).toBe('HTTP 429: Too Many Requests: retry after 1')
  })

  it('stops waiting out a backoff when it closes, and records the delivery as failed rather than retrying', async () => {
    // A retry_after far in the future: closing (core.stop()) must not wait for it.
    const n = notifier({ sleep: () => new Promise<void>(() => undefined) })
    peer.script({ status: 429, body: { ok: false, error_code: 429, parameters: { retry_after: 3600 } } })
    n.enqueue(httpJob())
    await expect.poll(() => attempts()).toEqual([[1, 'retrying', 429]])
    await n.close()
    expect(attempts()).toEqual([
      [1, 'retrying', 429],
      [2, 'failed', null],
    ])
    expect(deliveries()[1]!.error).toBe('Not retried: Hookbench is shutting down.')
    expect(peer.requests).toHaveLength(1)
  })

  it('gives up on a peer that does not answer within the timeout and records it as an error', async () => {
    const n = notifier({ timeoutMs: 150, maxAttempts: 1 })
    peer.script('stall')
    n.enqueue(httpJob('/slow'))
    await n.idle()
    expect(deliveries()).toMatchObject([
      { attempt: 1, outcome: 'failed', response: null, error: 'timed out after 150 ms' },
    ])
  })
})

describe('notifier: secrets and records', () => {
  it('sends to /bot<TOKEN>/sendMessage but stores only /bot***/ and never logs the token', async () => {
    const n = notifier({ backoffMs: 10 })
    peer.script({ status: 502, body: `bad gateway for /bot${BOT_TOKEN}/sendMessage` }, 'close')
    n.enqueue(telegramJob())
    await n.idle()
    expect(peer.requests.map((r) => r.url)).toEqual([
      `/bot${BOT_TOKEN}/sendMessage`,
      `/bot${BOT_TOKEN}/sendMessage`,
      `/bot${BOT_TOKEN}/sendMessage`,
    ])
    expect(peer.requests[0]!.json()).toEqual({ chat_id: '77462709', text: 'hi' })
    const stored = deliveries()
    expect(stored.map((d) => d.outcome)).toEqual(['retrying', 'retrying', 'ok'])
    for (const d of stored) expect(d.request.url).toBe(`${peer.url}/bot***/sendMessage`)
    const everything = JSON.stringify(store.db.prepare('SELECT * FROM deliveries').all()) + logs.join('')
    expect(everything).not.toContain(BOT_TOKEN)
    expect(everything).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0')
  })

  it('fails a Telegram action without a bot token, without sending anything', async () => {
    const n = notifier()
    n.enqueue(job({ kind: 'telegram', bot: {}, payload: { chat_id: '1', text: 'x' } }))
    await n.idle()
    expect(deliveries()).toMatchObject([
      { attempt: 1, outcome: 'failed', error: expect.stringMatching(/No bot token/) },
    ])
    expect(peer.requests).toEqual([])
  })

  it('stores the empty placeholders of the job on each attempt', async () => {
    const n = notifier({ backoffMs: 1 })
    peer.failTimes(1)
    n.enqueue({ ...httpJob(), emptyPlaceholders: ['tags.missing', 'message'] })
    await n.idle()
    expect(deliveries().map((d) => d.emptyPlaceholders)).toEqual([
      ['tags.missing', 'message'],
      ['tags.missing', 'message'],
    ])
  })

  it('records a job it has no room for as dropped, never silently', async () => {
    const n = notifier({ maxQueue: 1, concurrency: 1 })
    n.enqueue(httpJob('/first')) // in flight
    n.enqueue(httpJob('/second')) // queued
    n.enqueue(httpJob('/third')) // no room
    await n.idle()
    await expect.poll(() => deliveries().length).toBe(3)
    expect(deliveries().find((d) => d.outcome === 'dropped')).toMatchObject({
      attempt: 0,
      error: 'Not sent: the delivery queue is full (1 pending).',
    })
    expect(peer.requests.map((r) => r.url)).toEqual(['/first', '/second'])
    expect(logs.join('')).toContain('delivery dropped')
  })

  it('records a desktop action as recorded when headless, and ok when it was shown', async () => {
    const desktop = job({ kind: 'desktop', title: 'OPEN', text: 'box: hi' })
    const headless = notifier()
    headless.enqueue(desktop)
    await headless.idle()
    const shown: string[] = []
    const withShell = notifier({ desktop: (title, text) => void shown.push(`${title}|${text}`) })
    withShell.enqueue(desktop)
    await withShell.idle()
    expect(deliveries()).toMatchObject([
      { kind: 'desktop', outcome: 'recorded', request: { method: 'NOTIFY', body: 'OPEN\nbox: hi' } },
      { kind: 'desktop', outcome: 'ok' },
    ])
    expect(shown).toEqual(['OPEN|box: hi'])
    expect(peer.requests).toEqual([])
  })
})
