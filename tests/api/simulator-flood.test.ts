import { Bot, GrammyError } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { callBotApi, tokenFor } from '../unit/main/core/simulator/sim-harness'

// Flood limits as the simulator models Telegram's published guidance (docs/simulator.md "Flood limits",
// TELEGRAM-FACTS.md §10): a burst of 20 then about 1 message/s per chat, 20/min per group, 30/s per bot; each
// 429 says "Too Many Requests: retry after N" with parameters.retry_after N, N being the wait after which the
// same call succeeds. The clock is real time plus `skewMs`, so a test jumps ahead without sleeping.
let core: TestCore
let skewMs = 0
let nextBotId = 741_001
beforeAll(async () => {
  core = await startTestCore({ now: () => Date.now() + skewMs })
})
afterAll(() => core.close())

const call = (token: string, method: string, params?: Record<string, unknown>) =>
  callBotApi(`${core.baseUrl}/sim`, token, method, params)

async function newChat(token: string, body: Record<string, unknown> = {}) {
  const res = await core.api('/simulator/chats', {
    method: 'POST',
    body: JSON.stringify({ botToken: token, ...body }),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { id: number }
}

const setFlood = async (simulatorFloodLimits: boolean) =>
  expect(
    (await core.api('/settings', { method: 'PUT', body: JSON.stringify({ simulatorFloodLimits }) })).status,
  ).toBe(200)

/** Sends `n` messages that must all succeed. */
async function sendOk(token: string, chatId: number, n: number) {
  for (let i = 0; i < n; i++) {
    const res = await call(token, 'sendMessage', { chat_id: chatId, text: `m${i}` })
    expect(res.status, `message ${i + 1}`).toBe(200)
  }
}

async function expect429(token: string, chatId: number, retryAfter: number) {
  const res = await call(token, 'sendMessage', { chat_id: chatId, text: 'one too many' })
  expect(res.status).toBe(429)
  expect(res.body).toEqual({
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  })
  expect(res.headers.get('retry-after')).toBe(String(retryAfter))
}

describe('flood limits', () => {
  it('are on by default, and the settings API says so', async () => {
    const res = await core.api('/settings')
    expect((await res.json()).simulatorFloodLimits).toBe(true)
  })

  it('a grammY bot bursting sendMessage in a group gets 429 at the 21st message of the minute, with retry_after', async () => {
    const token = tokenFor(nextBotId++)
    const group = await newChat(token, { type: 'group', title: 'Ops' })
    const bot = new Bot(token, { client: { apiRoot: `${core.baseUrl}/sim` } })
    for (let i = 0; i < 20; i++) await bot.api.sendMessage(group.id, `alert ${i}`)
    const err = await bot.api.sendMessage(group.id, 'alert 20').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GrammyError)
    const g = err as GrammyError
    // The group's minute started less than a second ago: the whole minute is to wait, not the per-chat second.
    expect([g.error_code, g.description, g.parameters]).toEqual([
      429,
      'Too Many Requests: retry after 60',
      { retry_after: 60 },
    ])
    skewMs += 30_000
    await expect429(token, group.id, 30)
    skewMs += 30_000
    // The minute has passed: the bot may send again (and its per-chat burst refilled meanwhile).
    await sendOk(token, group.id, 1)
    const transcript = await (await core.api(`/simulator/chats/${group.id}/transcript`)).json()
    expect(transcript.items).toHaveLength(21)
  })

  it('a private chat takes a burst of 20, then about one message a second', async () => {
    const token = tokenFor(nextBotId++)
    const chat = await newChat(token)
    await sendOk(token, chat.id, 20)
    await expect429(token, chat.id, 1)
    skewMs += 1000
    await sendOk(token, chat.id, 1)
    await expect429(token, chat.id, 1)
  })

  it('a bot sends at most 30 messages a second over all its chats', async () => {
    const token = tokenFor(nextBotId++)
    const a = await newChat(token, { firstName: 'A' })
    const b = await newChat(token, { firstName: 'B' })
    const c = await newChat(token, { firstName: 'C' })
    skewMs += 1000 // a fresh second for this bot
    await sendOk(token, a.id, 15)
    await sendOk(token, b.id, 15)
    await expect429(token, c.id, 1)
    skewMs += 1000
    await sendOk(token, c.id, 1)
  })

  it('switched off, lets every message through; switched on again, limits from then on', async () => {
    const token = tokenFor(nextBotId++)
    const group = await newChat(token, { type: 'supergroup', title: 'Load test' })
    await setFlood(false)
    try {
      await sendOk(token, group.id, 45)
    } finally {
      await setFlood(true)
    }
    // Messages sent while off were not counted.
    await sendOk(token, group.id, 20)
    await expect429(token, group.id, 60)
  })
})
