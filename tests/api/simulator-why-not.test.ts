/* eslint-disable @typescript-eslint/no-explicit-any -- Bot API answers read as loose JSON */
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Bot, GrammyError } from 'grammy'
import { Telegraf } from 'telegraf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { callBotApi, tokenFor } from '../unit/main/core/simulator/sim-harness'

// "Why didn't my bot get this update?": each reason, recorded where the simulator decides, in the update
// listing (GET /api/simulator/chats/:id/updates) with its one-line fix.
const LATE_MS = 400
let core: TestCore
let nextBotId = 840_001
beforeAll(async () => {
  core = await startTestCore({ simulatorTimings: { lateAfterMs: LATE_MS } })
  // Webhooks to 127.0.0.1 over http: relaxed mode.
  const res = await core.api('/settings', { method: 'PUT', body: JSON.stringify({ simulatorStrict: false }) })
  expect(res.status).toBe(200)
})
afterAll(() => core.close())

const newToken = () => tokenFor(nextBotId++)
const call = (token: string, method: string, params?: Record<string, unknown>) =>
  callBotApi(`${core.baseUrl}/sim`, token, method, params)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
async function api(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
  const res = await core.api(path, { method, ...(body !== undefined && { body: JSON.stringify(body) }) })
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}
async function chat(token: string, extra: Record<string, unknown> = {}) {
  const r = await api('/simulator/chats', { botToken: token, firstName: 'Ada', ...extra })
  expect(r.status).toBe(200)
  return r.body as { id: number; botId: number; botUsername: string }
}
const say = async (chatId: number, text: string) => {
  const r = await api(`/simulator/chats/${chatId}/messages`, { text })
  expect(r.status).toBe(200)
  return r.body as { updateId: number; messageId: number }
}
const updates = async (chatId: number) =>
  (await api(`/simulator/chats/${chatId}/updates`)).body.items as any[]
const entryOf = async (chatId: number, messageId: number, type = 'message') =>
  (await updates(chatId)).find((u) => u.messageId === messageId && u.type === type)

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` }
}

describe('decided when the update is made', () => {
  it('privacy mode: a plain group message makes no update for a Telegraf bot, and the line says how to fix it', async () => {
    const token = newToken()
    const g = await chat(token, { type: 'group', title: 'Team' })
    const got: string[] = []
    const bot = new Telegraf(token, { telegram: { apiRoot: `${core.baseUrl}/sim/` } })
    bot.on('message', (ctx) => void got.push((ctx.message as any).text))
    void bot.launch()
    try {
      const plain = await say(g.id, 'hello all')
      const command = await say(g.id, '/status')
      await expect.poll(() => got).toEqual(['/status'])
      const entry = await entryOf(g.id, plain.messageId)
      expect(entry).toMatchObject({ updateId: null, status: 'not_sent', reason: 'privacy' })
      expect(entry.line).toMatch(/disable it in BotFather .*Privacy mode switch/)
      await expect.poll(async () => (await entryOf(g.id, command.messageId)).status).toBe('delivered')
      expect((await entryOf(g.id, command.messageId)).line).toBeNull()
    } finally {
      bot.stop()
    }
  })

  it('allowed_updates: excluded types are listed with the list the bot gave, and chat_member by default', async () => {
    const token = newToken()
    const g = await chat(token, { type: 'group' })
    await call(token, 'getUpdates', { allowed_updates: ['callback_query'] })
    const m = await say(g.id, '/start')
    const entry = await entryOf(g.id, m.messageId)
    expect(entry).toMatchObject({ status: 'not_sent', reason: 'allowed_updates' })
    expect(entry.line).toBe(
      'Excluded by allowed_updates (callback_query) — add "message" to allowed_updates in getUpdates or setWebhook.',
    )
    await call(token, 'getUpdates', { allowed_updates: [] })
    const join = await api(`/simulator/chats/${g.id}/members`, { action: 'join', user: { firstName: 'Cy' } })
    const member = (await updates(g.id)).find((u) => u.type === 'chat_member' && u.updateId === null)
    expect(member.reason).toBe('allowed_updates')
    expect(member.line).toMatch(/default allowed_updates .*add "chat_member"/)
    expect(join.status).toBe(200)
  })

  it('a user who blocked the bot, and a bot removed from the group', async () => {
    const token = newToken()
    const c = await chat(token)
    await api(`/simulator/chats/${c.id}/block`, { blocked: true })
    const m = await say(c.id, 'hi')
    expect(m.updateId).toBe(0)
    expect(await entryOf(c.id, m.messageId)).toMatchObject({ status: 'not_sent', reason: 'blocked' })
    expect((await entryOf(c.id, m.messageId)).line).toMatch(/blocked the bot.*Unblock/)

    const g = await chat(token, { type: 'group' })
    await api(`/simulator/chats/${g.id}/members`, { action: 'leave', user: { id: g.botId } })
    const n = await say(g.id, '/start')
    expect(await entryOf(g.id, n.messageId)).toMatchObject({ status: 'not_sent', reason: 'not_member' })
    expect((await entryOf(g.id, n.messageId)).line).toMatch(/not a member of this group — add it/)
  })
})

describe('decided while the update waits', () => {
  it('a polling bot not polling: pending with the reason, then received late', async () => {
    const token = newToken()
    const c = await chat(token)
    const m = await say(c.id, 'anyone there?')
    expect((await entryOf(c.id, m.messageId)).status).toBe('pending')
    await sleep(LATE_MS + 300)
    const waiting = await entryOf(c.id, m.messageId)
    expect(waiting).toMatchObject({ status: 'pending', reason: 'not_polling' })
    expect(waiting.line).toMatch(/^Polling bot not polling: no getUpdates for \d+ s — start the bot/)

    const got: string[] = []
    const bot = new Bot(token, { client: { apiRoot: `${core.baseUrl}/sim` } })
    bot.on('message:text', (ctx) => void got.push(ctx.message.text))
    const stopped = bot.start()
    try {
      await expect.poll(() => got).toEqual(['anyone there?'])
      await expect.poll(async () => (await entryOf(c.id, m.messageId)).status).toBe('late')
      const late = await entryOf(c.id, m.messageId)
      expect(late.reason).toBe('not_polling')
      expect(late.line).toMatch(/^Received \d+ s late\. Polling bot not polling/)
      expect(late.deliveredAt).not.toBeNull()
      // Now it polls: the next message arrives on time.
      const next = await say(c.id, 'and now?')
      await expect.poll(async () => (await entryOf(c.id, next.messageId)).status).toBe('delivered')
    } finally {
      await bot.stop()
      await stopped
    }
  })

  it('flood wait: a grammY bot sleeping out a 429 gets the next message late, and the line says why', async () => {
    const token = newToken()
    const c = await chat(token)
    const fault = await api('/simulator/faults', {
      method: 'sendMessage',
      botId: c.botId,
      errorCode: 429,
      retryAfter: 2,
      times: 1,
    })
    expect(fault.status).toBe(200)
    const got: string[] = []
    const bot = new Bot(token, { client: { apiRoot: `${core.baseUrl}/sim` } })
    bot.on('message:text', async (ctx) => {
      got.push(ctx.message.text)
      try {
        await ctx.reply(`echo ${ctx.message.text}`)
      } catch (err) {
        // What grammY's auto-retry does: wait out retry_after (updates are handled one at a time).
        if (err instanceof GrammyError && err.error_code === 429) {
          await sleep((err.parameters.retry_after ?? 1) * 1000)
        }
      }
    })
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const stopped = bot.start({ onStart: () => started() })
    await running
    try {
      await say(c.id, 'one')
      await expect.poll(() => got).toEqual(['one'])
      await sleep(100)
      const two = await say(c.id, 'two')
      await expect.poll(() => got, { timeout: 5000 }).toEqual(['one', 'two'])
      await expect.poll(async () => (await entryOf(c.id, two.messageId)).status).toBe('late')
      const entry = await entryOf(c.id, two.messageId)
      expect(entry.reason).toBe('flood_wait')
      expect(entry.line).toMatch(/Flood wait: sendMessage got 429 Too Many Requests: retry after 2/)
    } finally {
      await bot.stop()
      await stopped
    }
  })

  it('a failing webhook: pending with its last error, then received late once it recovers', async () => {
    const token = newToken()
    const c = await chat(token)
    let fail = true
    const { server, url } = await listen((req, res) => {
      req.resume()
      res.statusCode = fail ? 503 : 200
      res.end()
    })
    try {
      expect((await call(token, 'setWebhook', { url })).body.ok).toBe(true)
      const m = await say(c.id, 'hook?')
      await expect.poll(async () => (await entryOf(c.id, m.messageId)).reason).toBe('webhook_failing')
      const entry = await entryOf(c.id, m.messageId)
      expect(entry.status).toBe('pending')
      expect(entry.line).toBe(
        'Webhook failing: Wrong response from the webhook: 503 Service Unavailable — fix the endpoint; Telegram retries with backoff (getWebhookInfo shows last_error_message).',
      )
      fail = false
      await expect.poll(async () => (await entryOf(c.id, m.messageId)).status, { timeout: 8000 }).toBe('late')
      expect((await entryOf(c.id, m.messageId)).line).toMatch(
        /^Received \d+ s late\. Webhook failing: Wrong response/,
      )
    } finally {
      await call(token, 'deleteWebhook')
      server.close()
    }
  })

  it('409 conflict: a bot polling while a webhook is set is told to call deleteWebhook', async () => {
    const token = newToken()
    const c = await chat(token)
    expect((await call(token, 'setWebhook', { url: 'http://127.0.0.1:9/never' })).body.ok).toBe(true)
    const poll = await call(token, 'getUpdates')
    expect(poll.status).toBe(409)
    const m = await say(c.id, 'where does this go?')
    const entry = await entryOf(c.id, m.messageId)
    expect(entry).toMatchObject({ status: 'pending', reason: 'conflict' })
    expect(entry.line).toBe(
      '409 Conflict: the bot polls getUpdates while a webhook is set — call deleteWebhook, or run the bot in webhook mode.',
    )
    await call(token, 'deleteWebhook')
  })

  it('lists a chat through the API only for a chat that exists', async () => {
    expect((await api('/simulator/chats/123/updates')).status).toBe(404)
  })
})
