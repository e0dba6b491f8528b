import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Bot, webhookCallback } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { callBotApi, tokenFor } from '../unit/main/core/simulator/sim-harness'

// Webhook delivery the way Telegram does it (TELEGRAM.md §4, TELEGRAM-FACTS.md §9), against real webhook bots:
// a read timeout (the simulatorWebhookTimeoutMs setting, 300 ms here instead of Telegram's 60 s), redelivery of
// the same update_id with backoff after a timeout, a non-2xx or a refused connection, one chat in order, at most
// max_connections in flight, and getWebhookInfo's words. Backoff units are 20 ms instead of 1 s.
const TIMEOUT_MS = 300
const UNIT_MS = 20
/** Delivery takes several attempts: wait longer than expect.poll's default second on a busy machine. */
const POLL = { timeout: 10_000 }
let core: TestCore
let nextBotId = 731_001
beforeAll(async () => {
  core = await startTestCore({ simulatorRetryBaseMs: UNIT_MS })
  const res = await core.api('/settings', {
    method: 'PUT',
    body: JSON.stringify({ simulatorWebhookTimeoutMs: TIMEOUT_MS }),
  })
  expect(res.status).toBe(200)
})
afterAll(() => core.close())

const call = (token: string, method: string, params?: Record<string, unknown>) =>
  callBotApi(`${core.baseUrl}/sim`, token, method, params)

async function newChat(token: string, firstName = 'Ada') {
  const res = await core.api('/simulator/chats', {
    method: 'POST',
    body: JSON.stringify({ botToken: token, firstName }),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { id: number; botId: number }
}

async function say(chatId: number, text: string): Promise<number> {
  const res = await core.api(`/simulator/chats/${chatId}/messages`, {
    method: 'POST',
    body: JSON.stringify({ text }),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { updateId: number }).updateId
}

interface Attempt {
  updateId: number
  chatId: number
  attempt: number
  startedAt: string
  durationMs: number
  status: number | null
  error: string | null
  outcome: string
  retryAt: string | null
}

/** The attempts the API reports for a bot, oldest first. */
async function attemptsOf(botId: number, updateId?: number): Promise<Attempt[]> {
  const q = updateId === undefined ? '' : `?updateId=${updateId}`
  const res = await core.api(`/simulator/bots/${botId}/webhook${q}`)
  expect(res.status).toBe(200)
  const body = (await res.json()) as { attempts: Attempt[] }
  return body.attempts.reverse()
}

const webhookInfo = async (token: string) => (await call(token, 'getWebhookInfo')).body.result

/** One update a bot's server received. */
interface Seen {
  updateId: number
  chatId: number
  at: number
}

type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void

/**
 * A webhook bot on a fixed 127.0.0.1 port that can stop listening (the simulator then meets a refused
 * connection) and listen again on the same port (it recovers). `handle` answers each update.
 */
async function startBot(handle: Handler) {
  const seen: Seen[] = []
  let waiters: { when: () => boolean; resolve: () => void }[] = []
  const check = () => (waiters = waiters.filter((w) => (w.when() ? (w.resolve(), false) : true)))
  let server: Server
  const open = async (port: number) => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const update = JSON.parse(Buffer.concat(chunks).toString()) as {
          update_id: number
          message: { chat: { id: number } }
        }
        const s = { updateId: update.update_id, chatId: update.message.chat.id, at: Date.now() }
        seen.push(s)
        check()
        handle(req, res, s)
      })
    })
    server.listen(port, '127.0.0.1')
    await once(server, 'listening')
    return (server.address() as AddressInfo).port
  }
  const port = await open(0)
  return {
    url: `http://127.0.0.1:${port}/hook`,
    seen,
    /** Resolves once `when()` holds after a request (no sleeps). */
    until: (when: () => boolean) =>
      when() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ when, resolve })),
    /** Stops listening and drops open connections: the next attempt is refused. */
    async stop() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
    restart: () => open(port),
    close() {
      server.closeAllConnections()
      server.close()
    },
  }
}

const ok = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')

describe('webhook delivery like Telegram', () => {
  it('redelivers the same update after a read timeout, a 500 and a refused connection, then delivers the rest in order', async () => {
    const token = tokenFor(nextBotId++)
    const chat = await newChat(token)
    const stalled: ServerResponse[] = []
    let first = 0
    const bot = await startBot((_req, res, s) => {
      // The first update's first try stalls (no answer), its second gets 500; everything later is answered.
      const tries = bot.seen.filter((x) => x.updateId === s.updateId).length
      if (s.updateId === first && tries === 1) return void stalled.push(res)
      if (s.updateId === first && tries === 2) {
        // `connection: close`, so the simulator does not reuse the socket the bot is about to drop.
        res.writeHead(500, { connection: 'close' }).end()
        // Then the bot goes away: the next try meets a closed port.
        return void res.on('finish', () => void bot.stop())
      }
      ok(res)
    })
    try {
      expect((await call(token, 'setWebhook', { url: bot.url })).body.description).toBe('Webhook was set')
      const ids: number[] = []
      first = await say(chat.id, 'one')
      ids.push(first, await say(chat.id, 'two'), await say(chat.id, 'three'))
      await bot.until(() => bot.seen.length >= 1)
      // While the bot holds the first update, the chat's next ones wait.
      expect((await webhookInfo(token)).pending_update_count).toBe(3)

      // The bot is gone: attempts keep failing with Telegram's words until it listens again.
      await expect
        .poll(async () => (await attemptsOf(chat.botId)).some((a) => a.error === 'Connection refused'), POLL)
        .toBe(true)
      const down = await webhookInfo(token)
      expect(down).toMatchObject({ pending_update_count: 3, last_error_message: 'Connection refused' })
      expect(Object.keys(down)).toEqual([
        'url',
        'has_custom_certificate',
        'pending_update_count',
        'last_error_date',
        'last_error_message',
        'max_connections',
        'ip_address',
      ])
      expect(Math.abs(down.last_error_date - Date.now() / 1000)).toBeLessThan(5)

      await bot.restart()
      await bot.until(
        () => new Set(bot.seen.map((s) => s.updateId)).size === 3 && bot.seen.at(-1)!.updateId === ids[2],
      )
      await expect.poll(async () => (await webhookInfo(token)).pending_update_count, POLL).toBe(0)

      // The bot saw the first update twice before it went away, then once more, then each other update once.
      const order = bot.seen.map((s) => s.updateId)
      expect(order).toEqual([ids[0], ids[0], ids[0], ids[1], ids[2]])

      const tries = await attemptsOf(chat.botId, ids[0])
      expect(tries.map((a) => a.attempt)).toEqual(tries.map((_a, i) => i + 1))
      expect(tries[0]).toMatchObject({ error: 'Read timeout expired', status: null, outcome: 'retry' })
      expect(tries[0]!.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 10)
      expect(tries[1]).toMatchObject({
        error: 'Wrong response from the webhook: 500 Internal Server Error',
        status: 500,
        outcome: 'retry',
      })
      const refused = tries.slice(2, -1)
      expect(refused.length).toBeGreaterThan(0)
      for (const a of refused) expect(a).toMatchObject({ error: 'Connection refused', status: null })
      expect(tries.at(-1)).toMatchObject({ error: null, status: 200, outcome: 'delivered', retryAt: null })
      // Backoff (TELEGRAM.md §4): the first retry at once, then 2, 4, 8 … units after each failure.
      const gap = (i: number) => Date.parse(tries[i + 1]!.startedAt) - Date.parse(tries[i]!.retryAt!)
      for (let i = 0; i < tries.length - 1; i++) expect(gap(i)).toBeGreaterThanOrEqual(-5)
      const delays = tries
        .slice(0, -1)
        .map((a) => Date.parse(a.retryAt!) - Date.parse(a.startedAt) - a.durationMs)
      delays.forEach((d, i) => {
        // After failure i + 1: at once, then 2^i units (2, 4 … 64), then a random 60–120 units.
        const units = 2 ** i
        if (i === 0) return expect(d).toBeLessThanOrEqual(3)
        if (units <= 64) return expect(Math.abs(d - units * UNIT_MS)).toBeLessThanOrEqual(3)
        expect(d).toBeGreaterThanOrEqual(60 * UNIT_MS - 3)
        expect(d).toBeLessThanOrEqual(120 * UNIT_MS + 3)
      })
      for (const id of ids.slice(1)) {
        expect((await attemptsOf(chat.botId, id)).map((a) => [a.attempt, a.outcome])).toEqual([
          [1, 'delivered'],
        ])
      }

      // The last error stays in getWebhookInfo after the recovery, as on Telegram, until the next setWebhook.
      expect((await webhookInfo(token)).last_error_message).toBe('Connection refused')
    } finally {
      for (const res of stalled) res.destroy()
      bot.close()
    }
  })

  it('says "Read timeout expired" in getWebhookInfo while the bot never answers, and keeps the update pending', async () => {
    const token = tokenFor(nextBotId++)
    const chat = await newChat(token)
    const held: ServerResponse[] = []
    const bot = await startBot((_req, res) => void held.push(res))
    try {
      await call(token, 'setWebhook', { url: bot.url })
      const id = await say(chat.id, 'are you there?')
      await bot.until(() => bot.seen.length >= 3)
      const info = await webhookInfo(token)
      expect(info).toMatchObject({ pending_update_count: 1, last_error_message: 'Read timeout expired' })
      expect(new Set(bot.seen.map((s) => s.updateId))).toEqual(new Set([id]))
      const api = await core.api(`/simulator/bots/${chat.botId}/webhook`)
      expect(await api.json()).toMatchObject({
        botId: chat.botId,
        url: bot.url,
        pendingUpdateCount: 1,
        lastErrorMessage: 'Read timeout expired',
        maxConnections: 100,
      })
    } finally {
      for (const res of held) res.destroy()
      await call(token, 'deleteWebhook', { drop_pending_updates: true })
      bot.close()
    }
  })

  it('reads the timeout setting per attempt', async () => {
    const token = tokenFor(nextBotId++)
    const chat = await newChat(token)
    const held: ServerResponse[] = []
    const bot = await startBot((_req, res) => void held.push(res))
    const setTimeoutMs = (ms: number) =>
      core.api('/settings', { method: 'PUT', body: JSON.stringify({ simulatorWebhookTimeoutMs: ms }) })
    try {
      await call(token, 'setWebhook', { url: bot.url })
      expect((await setTimeoutMs(800)).status).toBe(200)
      const id = await say(chat.id, 'slow')
      await expect
        .poll(async () => (await attemptsOf(chat.botId, id)).length, { timeout: 5000 })
        .toBeGreaterThan(0)
      expect((await attemptsOf(chat.botId, id))[0]!.durationMs).toBeGreaterThanOrEqual(790)
    } finally {
      await setTimeoutMs(TIMEOUT_MS)
      for (const res of held) res.destroy()
      await call(token, 'deleteWebhook', { drop_pending_updates: true })
      bot.close()
    }
  })

  it('refuses a timeout setting outside 100 ms – 10 min, naming the field', async () => {
    const res = await core.api('/settings', {
      method: 'PUT',
      body: JSON.stringify({ simulatorWebhookTimeoutMs: 50 }),
    })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.kind).toBe('invalid_input')
    expect(body.error.where[0].path).toEqual(['simulatorWebhookTimeoutMs'])
  })

  it('keeps at most max_connections requests in flight, one per chat, each chat in update_id order', async () => {
    const token = tokenFor(nextBotId++)
    const chats = []
    for (let i = 0; i < 6; i++) chats.push(await newChat(token, `User${i}`))
    let inFlight = 0
    let peak = 0
    const bot = await startBot((_req, res) => {
      inFlight += 1
      peak = Math.max(peak, inFlight)
      // Hold each answer a little, so that requests the simulator would send in parallel overlap.
      setTimeout(() => {
        inFlight -= 1
        ok(res)
      }, 60)
    })
    try {
      await call(token, 'setWebhook', { url: bot.url, max_connections: 2 })
      const sent = new Map<number, number[]>()
      for (const chat of chats) sent.set(chat.id, [await say(chat.id, 'a'), await say(chat.id, 'b')])
      await bot.until(() => bot.seen.length >= 12)
      await expect.poll(async () => (await webhookInfo(token)).pending_update_count, POLL).toBe(0)
      expect(peak).toBe(2)
      for (const [chatId, ids] of sent) {
        expect(bot.seen.filter((s) => s.chatId === chatId).map((s) => s.updateId)).toEqual(ids)
      }
      expect(bot.seen).toHaveLength(12)
    } finally {
      bot.close()
    }
  })

  it('a grammY webhook bot that stalls once gets the same update_id again and answers it once recovered', async () => {
    const token = tokenFor(nextBotId++)
    const chat = await newChat(token)
    const bot = new Bot(token, { client: { apiRoot: `${core.baseUrl}/sim` } })
    const handled: number[] = []
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    bot.on('message:text', async (ctx) => {
      handled.push(ctx.update.update_id)
      // The first time grammY sees an update it stalls past the simulator's read timeout.
      if (handled.length === 1) await gate
      else await ctx.reply(`echo: ${ctx.message.text}`)
    })
    await bot.init()
    const server = createServer(webhookCallback(bot, 'http'))
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/grammy`
    try {
      await bot.api.setWebhook(url)
      const id = await say(chat.id, 'ping')
      await expect
        .poll(async () => (await attemptsOf(chat.botId, id)).map((a) => [a.outcome, a.error]), POLL)
        .toEqual([
          ['retry', 'Read timeout expired'],
          ['delivered', null],
        ])
      expect(handled).toEqual([id, id])
      const transcript = await (await core.api(`/simulator/chats/${chat.id}/transcript`)).json()
      expect(transcript.items.map((i: { text: string }) => i.text)).toEqual(['ping', 'echo: ping'])
      const info = await bot.api.getWebhookInfo()
      expect(info).toMatchObject({ pending_update_count: 0, last_error_message: 'Read timeout expired' })
    } finally {
      release()
      server.closeAllConnections()
      server.close()
    }
  })

  it('answers not_found for the webhook of a bot it does not have', async () => {
    const res = await core.api('/simulator/bots/99/webhook')
    expect(res.status).toBe(404)
    expect((await res.json()).error.kind).toBe('not_found')
  })
})
