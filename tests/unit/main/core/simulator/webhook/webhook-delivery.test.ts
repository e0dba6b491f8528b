import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startHookServer, startSimHarness, tokenFor, type HookAnswer, type SimHarness } from '../sim-harness'

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function harness(options: Parameters<typeof startSimHarness>[0] = {}) {
  const h = await startSimHarness(options)
  cleanups.push(() => h.close())
  return h
}

async function hook(answer?: Parameters<typeof startHookServer>[0]) {
  const s = await startHookServer(answer)
  cleanups.push(() => s.close())
  return s
}

async function chatOf(h: SimHarness, token: string, type: 'private' | 'group' = 'private') {
  return h.sim.createChat({ type, firstName: 'Ada', botToken: token })
}

const pending = async (h: SimHarness, token: string) =>
  (await h.call(token, 'getWebhookInfo')).body.result.pending_update_count

describe('webhook delivery', () => {
  it('retries a failing update with backoff, keeps it pending meanwhile and records the last error', async () => {
    const h = await harness()
    const server = await hook((_r, i) => (i < 3 ? { status: 500, body: 'broken' } : { status: 200 }))
    const token = tokenFor(510001)
    const chat = await chatOf(h, token)
    await h.call(token, 'setWebhook', { url: `${server.url}/hook` })
    const { updateId } = await h.sim.sendMessage({ id: chat.id, text: 'hello' })
    await server.waitFor(2)
    expect(await pending(h, token)).toBe(1)
    await server.waitFor(4)
    await expect.poll(() => pending(h, token)).toBe(0)
    expect(server.received.map((r) => r.update.update_id)).toEqual([updateId, updateId, updateId, updateId])
    const info = (await h.call(token, 'getWebhookInfo')).body.result
    expect(info.last_error_message).toBe('Wrong response from the webhook: 500 Internal Server Error')
    expect(info.last_error_date).toBeGreaterThan(1_600_000_000)
    expect(info.last_error_date).toBeLessThan(Date.now() / 1000 + 1)
  })

  it("honours the bot's Retry-After instead of the doubling backoff", async () => {
    // With 1 s units the 2nd and 3rd retries would wait 2 s and 4 s; Retry-After: 0 makes them immediate.
    const h = await harness({ retryBaseMs: 1000 })
    const server = await hook((_r, i) =>
      i < 3 ? { status: 503, headers: { 'retry-after': '0' } } : { status: 200 },
    )
    const token = tokenFor(510002)
    const chat = await chatOf(h, token)
    await h.call(token, 'setWebhook', { url: server.url })
    await h.sim.sendMessage({ id: chat.id, text: 'hello' })
    await server.waitFor(4)
    await expect.poll(() => pending(h, token)).toBe(0)
  }, 1500)

  it('sends one chat in update_id order, acknowledged one by one, while other chats proceed', async () => {
    const h = await harness()
    const token = tokenFor(510003)
    const [a, b] = [await chatOf(h, token), await chatOf(h, token)]
    let failuresOfA = 0
    const server = await hook((r) =>
      r.update.message.chat.id === a.id && failuresOfA++ < 3 ? { status: 502 } : { status: 200 },
    )
    const a1 = await h.sim.sendMessage({ id: a.id, text: 'a1' })
    const a2 = await h.sim.sendMessage({ id: a.id, text: 'a2' })
    const b1 = await h.sim.sendMessage({ id: b.id, text: 'b1' })
    await h.call(token, 'setWebhook', { url: server.url })
    await server.waitFor(6)
    const ids = server.received.map((r) => r.update.update_id)
    expect(ids.filter((id) => id !== b1.updateId)).toEqual([
      a1.updateId,
      a1.updateId,
      a1.updateId,
      a1.updateId,
      a2.updateId,
    ])
    // Chat B was not held back by chat A's failures.
    expect(ids.indexOf(b1.updateId)).toBeLessThan(ids.lastIndexOf(a1.updateId))
  })

  it('holds at most max_connections chats in flight', async () => {
    const h = await harness()
    const token = tokenFor(510004)
    const releases: (() => void)[] = []
    const server = await hook(
      () => new Promise<HookAnswer>((resolve) => releases.push(() => resolve({ status: 200 }))),
    )
    const chats = [await chatOf(h, token), await chatOf(h, token), await chatOf(h, token)]
    for (const c of chats) await h.sim.sendMessage({ id: c.id, text: 'x' })
    await h.call(token, 'setWebhook', { url: server.url, max_connections: 2 })
    await server.waitFor(2)
    // Two held; the third waits until one is answered.
    expect(await pending(h, token)).toBe(3)
    expect(server.received).toHaveLength(2)
    releases.shift()!()
    await server.waitFor(3)
    for (const release of releases.splice(0)) release()
    await expect.poll(() => pending(h, token)).toBe(0)
  })

  it('runs a method call from a 2xx answer, but not get*, setWebhook, deleteWebhook, close or logOut', async () => {
    const h = await harness()
    const token = tokenFor(510005)
    const chat = await chatOf(h, token)
    const answers = [
      { method: 'deleteWebhook' },
      { method: 'getMe' },
      { method: 'sendMessage', chat_id: chat.id, text: 'pong' },
    ]
    const server = await hook((_r, i) => ({ status: 200, body: answers[i] ?? '' }))
    await h.call(token, 'setWebhook', { url: server.url })
    for (const text of ['a', 'b', 'c']) await h.sim.sendMessage({ id: chat.id, text })
    await server.waitFor(3)
    await expect
      .poll(async () => (await h.sim.transcript(chat.id)).map((i) => `${i.from}:${i.text}`))
      .toEqual(['user:a', 'user:b', 'user:c', 'bot:pong'])
    expect((await h.call(token, 'getWebhookInfo')).body.result.url).toBe(server.url)
  })

  it('records an SSL error when the TLS handshake fails, and keeps the update pending', async () => {
    const h = await harness()
    const plainHttp = await hook()
    const token = tokenFor(510008)
    const chat = await chatOf(h, token)
    await h.call(token, 'setWebhook', { url: plainHttp.url.replace('http:', 'https:') })
    await h.sim.sendMessage({ id: chat.id, text: 'x' })
    await expect
      .poll(async () => (await h.call(token, 'getWebhookInfo')).body.result.last_error_message)
      .toBe('SSL error {error:0A00010B:SSL routines::wrong version number}')
    expect(await pending(h, token)).toBe(1)
  })

  it('drops an update 24 h after its date instead of sending it', async () => {
    let now = Date.parse('2024-05-29T16:00:00Z')
    const h = await harness({ now: () => now })
    const server = await hook()
    const token = tokenFor(510006)
    const chat = await chatOf(h, token)
    await h.sim.sendMessage({ id: chat.id, text: 'stale' })
    now += 24 * 3600 * 1000 + 1000
    const fresh = await h.sim.sendMessage({ id: chat.id, text: 'fresh' })
    await h.call(token, 'setWebhook', { url: server.url })
    await server.waitFor(1)
    await expect.poll(() => pending(h, token)).toBe(0)
    expect(server.received.map((r) => r.update.update_id)).toEqual([fresh.updateId])
  })

  it('keeps pending updates across a restart and delivers them once the server listens again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hb-sim-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const token = tokenFor(510007)
    const server = await hook((_r, i) => (i < 2 ? { status: 500 } : { status: 200 }))
    // 60 s units: after two failures the next attempt is 2 minutes away when the simulator stops.
    const first = await startSimHarness({ dataDir, retryBaseMs: 60_000 })
    const chat = await chatOf(first, token)
    await first.call(token, 'setWebhook', { url: server.url })
    await first.sim.sendMessage({ id: chat.id, text: 'survive' })
    await server.waitFor(2)
    expect(await pending(first, token)).toBe(1)
    await first.close()

    const second = await startSimHarness({ dataDir })
    await server.waitFor(3)
    await expect.poll(() => pending(second, token)).toBe(0)
    await second.call(token, 'deleteWebhook')
    const { updateId: kept } = await second.sim.sendMessage({ id: chat.id, text: 'queued' })
    await second.close()

    const third = await harness({ dataDir })
    expect(await pending(third, token)).toBe(1)
    const got = await third.call(token, 'getUpdates', { timeout: 0 })
    expect(got.body.result.map((u: { update_id: number }) => u.update_id)).toEqual([kept])
    expect((await third.sim.transcript(chat.id)).map((i) => i.text)).toEqual(['survive', 'queued'])
  })
})
